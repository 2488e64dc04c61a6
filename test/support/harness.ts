/**
 * The app on port 0 against the run's Neo4j, with business data wiped first (the taxonomy and
 * schema stay). Tests talk real HTTP to it.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { UserInput } from '../../src/domain/user.ts';
import { type AppOptions, createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { connect, type Runtime } from '../../src/runtime.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { createUser } from '../../src/services/users.ts';
import { wipeBusinessData as wipe } from '../../src/store/admin-store.ts';

export interface TestApp {
  url: string;
  runtime: Runtime;
  /** The admin every request is made as, unless it names another token (or `PUBLIC`). */
  adminToken: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
  /** Requests as another caller: a token, or PUBLIC for none. */
  as(token: string): Pick<TestApp, 'request'>;
  /** A new user; its token. */
  user(input: UserInput): Promise<string>;
  close(): Promise<void>;
}

/** Pass as a token for a request without an Authorization header. */
export const PUBLIC = '';

export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  body: any;
}

export async function openTestRuntime(): Promise<Runtime> {
  const neo4j = inject('neo4j');
  const logger = createLogger(process.env['LOG_LEVEL'] ?? 'silent');
  return connect({ ...neo4j, source: 'uri', stop: async () => {} }, logger);
}

export async function wipeBusinessData(runtime: Runtime): Promise<void> {
  await wipe(runtime.deps.store);
}

export async function startTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  const app = createApp(runtime.deps, {
    bodyLimit: '25mb',
    readiness: runtime.readiness,
    rateLimits: { write: 100_000, expensive: 10_000 },
    ...options,
  });
  const user = async (input: UserInput) => (await createUser(runtime.deps, SYSTEM, input)).token;
  const adminToken = await user({ name: 'Test admin', role: 'admin' });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const requestAs =
    (token: string): TestApp['request'] =>
    async (method, path, body, headers = {}) => {
      const res = await fetch(url + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: the raw text is the body.
      }
      return { status: res.status, headers: res.headers, body: parsed };
    };
  return {
    url,
    runtime,
    adminToken,
    request: requestAs(adminToken),
    as: (token) => ({ request: requestAs(token) }),
    user,
    async close() {
      // Runs started over HTTP compute in the background: let them end before the driver closes.
      await settleMatchRuns();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

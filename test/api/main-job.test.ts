import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../src/reference/paths.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let child: ChildProcess;
let url: string;
let log = '';
const secrets = mkdtempSync(join(tmpdir(), 'main-job-'));
const DEMO_TOKENS = join(secrets, 'demo-tokens.json');
const ADMIN_TOKEN = join(secrets, 'admin-token');

beforeAll(async () => {
  const runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  await runtime.close();
  const neo4j = inject('neo4j');
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      PORT: '0',
      LOG_LEVEL: 'info',
      ADMIN_TOKEN_FILE: ADMIN_TOKEN,
      DEMO_TOKENS_FILE: DEMO_TOKENS,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`main job did not start:\n${out}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      log += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)".*listening/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`main job exited with ${code}:\n${out}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(secrets, { recursive: true, force: true });
});

describe('the main job (npm start)', () => {
  it('when started on an empty database, then it answers /health, /ready and /openapi.json', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { neo4j: 'reachable', schema: 'applied' },
    });
    const spec = (await (await fetch(`${url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/companies',
        '/listings',
        '/imports',
        '/match-runs',
        '/suggestions',
        '/listings/{id}/suggestions',
      ]),
    );
    expect((await fetch(`${url}/docs`)).headers.get('content-type')).toMatch(/html/);
  });

  it('when started on an empty database, then the public sees the public demo listings', async () => {
    const page = (await (await fetch(`${url}/listings?limit=10&count=true`)).json()) as {
      total: number;
      items: { confidentiality: string }[];
    };
    expect(page.total).toBeGreaterThanOrEqual(150);
    expect(page.items).toHaveLength(10);
    expect(page.items.every((l) => l.confidentiality === 'public')).toBe(true);
  });

  it('when the demo is loaded, then one token per role is in the demo tokens file and /me answers for each', async () => {
    const tokens = JSON.parse(readFileSync(DEMO_TOKENS, 'utf8')) as Record<string, string>;
    expect(Object.keys(tokens).sort()).toEqual(['admin', 'analyst', 'business', 'facilitator']);
    for (const [role, token] of Object.entries(tokens)) {
      const me = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { role: string }).role).toBe(role);
    }
    expect(log).toContain(DEMO_TOKENS);
  });

  it('when the database had no users, then the first admin token is in a file only its owner reads, and no token is logged', async () => {
    const token = readFileSync(ADMIN_TOKEN, 'utf8').trim();
    expect(statSync(ADMIN_TOKEN).mode & 0o077).toBe(0);
    const me = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { role: string }).role).toBe('admin');
    expect(log).toContain(ADMIN_TOKEN);
    expect(log).not.toContain(token);
    for (const t of Object.values(JSON.parse(readFileSync(DEMO_TOKENS, 'utf8')) as Record<string, string>))
      expect(log).not.toContain(t);
  });
});

import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { me } from '../../services/users.ts';
import { defineRoutes } from '../route.ts';
import { MeSchema } from '../schemas.ts';
import { json } from './reply.ts';

/** Whether the service can do its work: Neo4j answers, the schema is current, it is not shutting down. */
export type Readiness = () => Promise<{ ready: boolean; checks: Record<string, string> }>;

const ReadySchema = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.record(z.string(), z.string()),
});

export const healthRoutes = (deps: Deps, readiness: Readiness) =>
  defineRoutes([
    {
      method: 'get',
      path: '/health',
      tag: 'operations',
      summary: 'Liveness: the process serves requests',
      access: 'open',
      store: false,
      answers: { 200: json(z.object({ status: z.literal('ok') }), 'alive') },
      handle: () => ({ status: 200, body: { status: 'ok' } }),
    },
    {
      method: 'get',
      path: '/ready',
      tag: 'operations',
      summary: 'Readiness: Neo4j reachable, schema current, not shutting down',
      access: 'open',
      store: false,
      answers: { 200: json(ReadySchema, 'ready'), 503: json(ReadySchema, 'not ready: the failing checks') },
      handle: async () => {
        const result = await readiness();
        return {
          status: result.ready ? 200 : 503,
          body: { status: result.ready ? 'ready' : 'not ready', checks: result.checks },
        };
      },
    },
    {
      method: 'get',
      path: '/me',
      tag: 'identity',
      summary: 'Who you are: role, companies you act for, regions',
      access: 'read',
      answers: { 200: json(MeSchema, 'you') },
      handle: async ({ caller }) => ({ status: 200, body: await me(deps, caller) }),
    },
  ]);

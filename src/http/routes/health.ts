import { Router } from 'express';
import type { Deps } from '../../services/deps.ts';

/** Whether the service can do its work: Neo4j answers and the schema is applied. */
export type Readiness = () => Promise<{ ready: boolean; checks: Record<string, string> }>;

export function healthRoutes(_deps: Deps, readiness: Readiness): Router {
  const r = Router();
  r.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/ready', async (_req, res) => {
    const result = await readiness();
    res
      .status(result.ready ? 200 : 503)
      .json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
  });
  return r;
}

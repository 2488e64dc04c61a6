import { Router } from 'express';
import { parseOrThrow } from '../../domain/validate.ts';
import type { Deps } from '../../services/deps.ts';
import { createSite, deleteSite, getSite, listSites, updateSite } from '../../services/sites.ts';
import { CascadeQuerySchema } from './companies.ts';

export function siteRoutes(deps: Deps): Router {
  const r = Router();
  r.post('/companies/:id/sites', async (req, res) => {
    res.status(201).json(await createSite(deps, req.params.id, req.body));
  });
  r.get('/companies/:id/sites', async (req, res) => {
    res.json({ items: await listSites(deps, req.params.id) });
  });
  r.get('/sites/:id', async (req, res) => {
    res.json(await getSite(deps, req.params.id));
  });
  r.patch('/sites/:id', async (req, res) => {
    res.json(await updateSite(deps, req.params.id, req.body));
  });
  r.delete('/sites/:id', async (req, res) => {
    const q = parseOrThrow(CascadeQuerySchema, req.query, 'query');
    await deleteSite(deps, req.params.id, q.cascade === 'true');
    res.status(204).end();
  });
  return r;
}

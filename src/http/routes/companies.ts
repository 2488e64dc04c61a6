import { Router } from 'express';
import { z } from 'zod';
import { PaginationSchema } from '../../domain/listing-query.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import {
  createCompany,
  deleteCompany,
  getCompany,
  listCompanies,
  updateCompany,
} from '../../services/companies.ts';
import type { Deps } from '../../services/deps.ts';

export const CompanyQuerySchema = PaginationSchema.extend({
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'part of the name, or an org number' }),
});
export const CascadeQuerySchema = z.strictObject({
  cascade: z.enum(['true', 'false']).default('false').meta({ description: 'also delete what belongs to it' }),
});

export function companyRoutes(deps: Deps): Router {
  const r = Router();
  r.post('/companies', async (req, res) => {
    res.status(201).json(await createCompany(deps, req.body));
  });
  r.get('/companies', async (req, res) => {
    const q = parseOrThrow(CompanyQuerySchema, req.query, 'query');
    const page = await listCompanies(deps, { q: q.q ?? null, offset: q.offset, limit: q.limit });
    res.json({ ...page, limit: q.limit, offset: q.offset });
  });
  r.get('/companies/:id', async (req, res) => {
    res.json(await getCompany(deps, req.params.id));
  });
  r.patch('/companies/:id', async (req, res) => {
    res.json(await updateCompany(deps, req.params.id, req.body));
  });
  r.delete('/companies/:id', async (req, res) => {
    const q = parseOrThrow(CascadeQuerySchema, req.query, 'query');
    await deleteCompany(deps, req.params.id, q.cascade === 'true');
    res.status(204).end();
  });
  return r;
}

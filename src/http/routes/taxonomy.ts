import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../../domain/validate.ts';
import type { Deps } from '../../services/deps.ts';

export const WasteCodeQuerySchema = z.strictObject({
  prefix: z
    .string()
    .regex(/^\d{1,6}$/, 'must be 1 to 6 digits')
    .optional(),
});

/** Reference lists served from memory: the same data the validators use. */
export function taxonomyRoutes(deps: Deps): Router {
  const r = Router();
  r.get('/taxonomy/waste-codes', (req, res) => {
    const q = parseOrThrow(WasteCodeQuerySchema, req.query, 'query');
    const items = [...deps.reference.wasteCodes.values()].filter(
      (w) => !q.prefix || w.code.startsWith(q.prefix),
    );
    res.json({ total: items.length, items });
  });
  r.get('/taxonomy/material-categories', (_req, res) => {
    res.json({ items: [...deps.reference.materialCategories.values()] });
  });
  r.get('/taxonomy/substitutions', (_req, res) => {
    res.json({ items: deps.reference.substitutions });
  });
  r.get('/taxonomy/industry-codes', (_req, res) => {
    res.json({ items: [...deps.reference.industry.values()] });
  });
  return r;
}

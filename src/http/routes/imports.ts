import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../../domain/validate.ts';
import { importCsvFiles } from '../../services/csv-import.ts';
import type { Deps } from '../../services/deps.ts';
import { importDocument } from '../../services/import.ts';

export const ImportQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: 'validate and count, write nothing' }),
});

export const CsvImportSchema = z
  .strictObject({
    companies: z.string().max(50_000_000).meta({ description: 'the companies CSV file, as text' }),
    listings: z.string().max(50_000_000).meta({ description: 'the listings CSV file, as text' }),
  })
  .meta({ id: 'CsvImport' });

/** 200 when every row was taken, 422 when some rows were rejected (the good ones are written). */
const statusOf = (errors: unknown[]) => (errors.length ? 422 : 200);

export function importRoutes(deps: Deps): Router {
  const r = Router();
  r.post('/imports', async (req, res) => {
    const q = parseOrThrow(ImportQuerySchema, req.query, 'query');
    const summary = await importDocument(deps, req.body, { dryRun: q.dryRun === 'true' });
    res.status(statusOf(summary.errors)).json(summary);
  });
  r.post('/imports/csv', async (req, res) => {
    const q = parseOrThrow(ImportQuerySchema, req.query, 'query');
    const files = parseOrThrow(CsvImportSchema, req.body, 'CSV import');
    const summary = await importCsvFiles(deps, files, { dryRun: q.dryRun === 'true' });
    res.status(statusOf(summary.errors)).json(summary);
  });
  return r;
}

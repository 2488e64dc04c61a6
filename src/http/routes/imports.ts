import { z } from 'zod';
import {
  ImportCompanySchema,
  ImportEnvelopeSchema,
  ImportListingSchema,
} from '../../domain/import-document.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import { importCsvFiles } from '../../services/csv-import.ts';
import type { Deps } from '../../services/deps.ts';
import { importDocument } from '../../services/import.ts';
import { defineRoutes } from '../route.ts';
import { json } from './reply.ts';

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

const Tally = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
export const ImportSummarySchema = z
  .object({
    dryRun: z.boolean(),
    companies: Tally.extend({ rejected: z.number() }),
    sites: Tally,
    listings: Tally.extend({ rejected: z.number() }),
    errors: z.array(
      z.object({
        section: z.enum(['companies', 'listings']),
        row: z.number(),
        ref: z.string().optional(),
        path: z.string(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'ImportSummary' });

/** The envelope with its rows described; either list may be left out, as ImportEnvelopeSchema allows. */
const ImportDocumentBody = ImportEnvelopeSchema.extend({
  companies: z.array(ImportCompanySchema).max(100_000).default([]),
  listings: z.array(ImportListingSchema).max(500_000).default([]),
});

/** 200 when every row was taken, 422 when some rows were rejected (the good ones are written). */
const statusOf = (errors: unknown[]) => (errors.length ? 422 : 200);

const answers = {
  200: json(ImportSummarySchema, 'every row taken'),
  422: json(ImportSummarySchema, 'some rows rejected, each with its row, field and reason; the rest written'),
};

export const importRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'post',
      path: '/imports',
      tag: 'imports',
      summary:
        'Bulk import (JSON interchange format) of companies you act for; bad rows are reported and skipped',
      access: 'import',
      query: ImportQuerySchema,
      body: ImportDocumentBody,
      limit: 'expensive',
      answers,
      handle: async ({ caller, body, query: q }) => {
        const summary = await importDocument(deps, caller, body, { dryRun: q.dryRun === 'true' });
        return { status: statusOf(summary.errors), body: summary };
      },
    },
    {
      method: 'post',
      path: '/imports/csv',
      tag: 'imports',
      summary: 'Bulk import of the CSV form (companies + listings files as text)',
      access: 'import',
      query: ImportQuerySchema,
      body: CsvImportSchema,
      limit: 'expensive',
      answers,
      handle: async ({ caller, body, query: q }) => {
        const files = parseOrThrow(CsvImportSchema, body, 'CSV import');
        const summary = await importCsvFiles(deps, caller, files, { dryRun: q.dryRun === 'true' });
        return { status: statusOf(summary.errors), body: summary };
      },
    },
  ]);

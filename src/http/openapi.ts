/**
 * OpenAPI 3.1 generated from the same zod schemas that validate requests, so the document cannot
 * drift from what the service accepts.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CompanyFieldsSchema, CompanyInputSchema, CompanySchema } from '../domain/company.ts';
import { ImportCompanySchema, ImportEnvelopeSchema, ImportListingSchema } from '../domain/import-document.ts';
import { ListingInputSchema, ListingPatchSchema, ListingSchema } from '../domain/listing.ts';
import { ListingQuerySchema, PaginationSchema } from '../domain/listing-query.ts';
import { SiteInputSchema, SiteSchema } from '../domain/site.ts';
import { MatchRunRequestSchema, MatchRunSchema, StoredSuggestionSchema } from '../domain/suggestion.ts';
import { SuggestionPageQuerySchema, SuggestionQuerySchema } from '../domain/suggestion-query.ts';
import { CascadeQuerySchema, CompanyQuerySchema } from './routes/companies.ts';
import { CsvImportSchema, ImportQuerySchema } from './routes/imports.ts';
import { WasteCodeQuerySchema } from './routes/taxonomy.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

const ImportSummarySchema = z
  .object({
    dryRun: z.boolean(),
    companies: z.object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      rejected: z.number(),
    }),
    sites: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
    listings: z.object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      rejected: z.number(),
    }),
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

const VisibleListingSchema = ListingSchema.extend({
  companyId: z.string().optional().meta({ description: 'absent when the listing is anonymous to you' }),
  siteId: z.string().optional(),
  lat: z.number(),
  lon: z.number(),
  anonymised: z.boolean(),
}).meta({ id: 'VisibleListing' });
const ListingWithLocationSchema = ListingSchema.extend({ lat: z.number(), lon: z.number() }).meta({
  id: 'ListingWithLocation',
});

const VisibleSuggestionSchema = StoredSuggestionSchema.omit({ pairKey: true, offerId: true, needId: true })
  .extend({ offer: VisibleListingSchema, need: VisibleListingSchema })
  .meta({ id: 'Suggestion' });

const suggestionPage = z
  .object({
    items: z.array(VisibleSuggestionSchema),
    limit: z.number(),
    offset: z.number(),
    hasMore: z.boolean().meta({ description: 'more suggestions follow this page' }),
    total: z.number().optional().meta({ description: 'the exact number of matches, with count=true only' }),
  })
  .meta({ id: 'SuggestionPage' });

const page = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number(), limit: z.number(), offset: z.number(), items: z.array(item) });

const IdParams = z.object({ id: z.string() });
const viewerHeaders = z.object({
  'x-role': z.enum(['business', 'facilitator', 'analyst', 'admin']).optional(),
  'x-company-id': z.string().optional(),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  400: json(ErrorSchema, 'invalid input: details name each field and reason'),
  404: json(ErrorSchema, 'not found'),
};

export function buildOpenApi(): object {
  const registry = new OpenAPIRegistry();
  const routes: RouteConfig[] = [
    { method: 'get', path: '/health', summary: 'Liveness', responses: { 200: { description: 'alive' } } },
    {
      method: 'get',
      path: '/ready',
      summary: 'Readiness: Neo4j reachable and schema applied',
      responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } },
    },
    {
      method: 'post',
      path: '/companies',
      summary: 'Register a company',
      request: { body: json(CompanyInputSchema, 'the company') },
      responses: {
        201: json(CompanySchema, 'created'),
        400: errors[400],
        409: json(ErrorSchema, 'org number taken'),
      },
    },
    {
      method: 'get',
      path: '/companies',
      summary: 'List companies',
      request: { query: CompanyQuerySchema },
      responses: { 200: json(page(CompanySchema), 'a page of companies'), 400: errors[400] },
    },
    {
      method: 'get',
      path: '/companies/{id}',
      summary: 'Read a company',
      request: { params: IdParams },
      responses: { 200: json(CompanySchema, 'the company'), 404: errors[404] },
    },
    {
      method: 'patch',
      path: '/companies/{id}',
      summary: 'Update a company (given fields replace stored ones)',
      request: { params: IdParams, body: json(CompanyFieldsSchema.partial(), 'fields to change') },
      responses: { 200: json(CompanySchema, 'updated'), 400: errors[400], 404: errors[404] },
    },
    {
      method: 'delete',
      path: '/companies/{id}',
      summary: 'Delete a company (cascade=true also deletes its sites and listings)',
      request: { params: IdParams, query: CascadeQuerySchema },
      responses: {
        204: { description: 'deleted' },
        404: errors[404],
        409: json(ErrorSchema, 'has sites or listings'),
      },
    },
    {
      method: 'post',
      path: '/companies/{id}/sites',
      summary: 'Add a site to a company',
      request: { params: IdParams, body: json(SiteInputSchema, 'the site') },
      responses: { 201: json(SiteSchema, 'created'), 400: errors[400], 404: errors[404] },
    },
    {
      method: 'get',
      path: '/companies/{id}/sites',
      summary: "A company's sites",
      request: { params: IdParams },
      responses: { 200: json(z.object({ items: z.array(SiteSchema) }), 'sites'), 404: errors[404] },
    },
    {
      method: 'get',
      path: '/sites/{id}',
      summary: 'Read a site',
      request: { params: IdParams },
      responses: { 200: json(SiteSchema, 'the site'), 404: errors[404] },
    },
    {
      method: 'patch',
      path: '/sites/{id}',
      summary: 'Update a site',
      request: { params: IdParams, body: json(SiteInputSchema.partial(), 'fields to change') },
      responses: { 200: json(SiteSchema, 'updated'), 400: errors[400], 404: errors[404] },
    },
    {
      method: 'delete',
      path: '/sites/{id}',
      summary: 'Delete a site (cascade=true also deletes its listings)',
      request: { params: IdParams, query: CascadeQuerySchema },
      responses: {
        204: { description: 'deleted' },
        404: errors[404],
        409: json(ErrorSchema, 'has listings'),
      },
    },
    {
      method: 'post',
      path: '/listings',
      summary: 'Register a surplus (offer) or a need',
      request: { body: json(ListingInputSchema, 'the listing') },
      responses: { 201: json(ListingWithLocationSchema, 'created'), 400: errors[400] },
    },
    {
      method: 'get',
      path: '/listings',
      summary: 'List and filter listings (kind, direction, code or prefix, radius, text)',
      request: { query: ListingQuerySchema, headers: viewerHeaders },
      responses: {
        200: json(page(VisibleListingSchema), 'a page of listings you may see'),
        400: errors[400],
      },
    },
    {
      method: 'get',
      path: '/listings/{id}',
      summary: 'Read a listing',
      request: { params: IdParams, headers: viewerHeaders },
      responses: { 200: json(VisibleListingSchema, 'the listing'), 404: errors[404] },
    },
    {
      method: 'patch',
      path: '/listings/{id}',
      summary: 'Update a listing (kind is fixed; a kind block is replaced whole)',
      request: { params: IdParams, body: json(ListingPatchSchema, 'fields to change') },
      responses: { 200: json(ListingWithLocationSchema, 'updated'), 400: errors[400], 404: errors[404] },
    },
    {
      method: 'delete',
      path: '/listings/{id}',
      summary: 'Delete a listing',
      request: { params: IdParams },
      responses: { 204: { description: 'deleted' }, 404: errors[404] },
    },
    {
      method: 'post',
      path: '/imports',
      summary: 'Bulk import (JSON interchange format); bad rows are reported and skipped',
      request: {
        query: ImportQuerySchema,
        body: json(
          ImportEnvelopeSchema.extend({
            companies: z.array(ImportCompanySchema),
            listings: z.array(ImportListingSchema),
          }),
          'the document',
        ),
      },
      responses: {
        200: json(ImportSummarySchema, 'all rows taken'),
        422: json(ImportSummarySchema, 'some rows rejected; the rest written'),
        400: errors[400],
      },
    },
    {
      method: 'post',
      path: '/imports/csv',
      summary: 'Bulk import of the CSV form (companies + listings files as text)',
      request: { query: ImportQuerySchema, body: json(CsvImportSchema, 'the two files') },
      responses: {
        200: json(ImportSummarySchema, 'all rows taken'),
        422: json(ImportSummarySchema, 'some rows rejected; the rest written'),
        400: errors[400],
      },
    },
    {
      method: 'get',
      path: '/taxonomy/waste-codes',
      summary: 'The European List of Waste',
      request: { query: WasteCodeQuerySchema },
      responses: { 200: { description: 'codes' } },
    },
    {
      method: 'get',
      path: '/taxonomy/material-categories',
      summary: 'Material categories and their waste codes',
      responses: { 200: { description: 'categories' } },
    },
    {
      method: 'get',
      path: '/taxonomy/substitutions',
      summary: 'Documented material substitutions',
      responses: { 200: { description: 'substitutions' } },
    },
    {
      method: 'get',
      path: '/taxonomy/industry-codes',
      summary: 'Industry classification (ISIC Rev. 4 = NACE/SN2007 divisions)',
      responses: { 200: { description: 'codes' } },
    },
    {
      method: 'post',
      path: '/match-runs',
      summary: 'Start matching over a scope (whole database, kind, municipality, radius)',
      description:
        'The run computes in the background: poll its Location (GET /match-runs/{id}) for its phase, counts ' +
        'and end. Its suggestions become visible all at once when it finishes (phase `done` once the ' +
        'publication is applied whole; a publication too large for one transaction shows status `publishing` ' +
        'while it is applied in batches); a failed run leaves nothing visible. One run at a time: while one ' +
        'is running or publishing, another is refused with RUN_IN_PROGRESS.',
      request: { body: json(MatchRunRequestSchema, 'scope, factor set and allocation method') },
      responses: {
        202: {
          ...json(MatchRunSchema, 'the run, started (status running)'),
          headers: { Location: { description: 'the run: /match-runs/{id}', schema: { type: 'string' } } },
        },
        400: errors[400],
        409: json(ErrorSchema, 'RUN_IN_PROGRESS: another run is running; details name it (path runId)'),
      },
    },
    {
      method: 'get',
      path: '/match-runs',
      summary: 'Match runs, newest first',
      request: { query: PaginationSchema },
      responses: {
        200: json(
          z.object({ items: z.array(MatchRunSchema), limit: z.number(), offset: z.number() }),
          'runs',
        ),
      },
    },
    {
      method: 'get',
      path: '/match-runs/{id}',
      summary: 'A match run with its versions, its phase and counts while it runs, and its end',
      request: { params: IdParams },
      responses: { 200: json(MatchRunSchema, 'the run'), 404: errors[404] },
    },
    {
      method: 'get',
      path: '/listings/{id}/suggestions',
      summary: "A page of a listing's published suggestions, best first",
      request: { params: IdParams, query: SuggestionPageQuerySchema, headers: viewerHeaders },
      responses: {
        200: json(suggestionPage, 'a page of suggestions you may see'),
        400: errors[400],
        404: errors[404],
      },
    },
    {
      method: 'get',
      path: '/companies/{id}/suggestions',
      summary: "A page of a company's published suggestions, best first",
      request: { params: IdParams, query: SuggestionPageQuerySchema, headers: viewerHeaders },
      responses: {
        200: json(suggestionPage, 'a page of suggestions you may see'),
        400: errors[400],
        404: errors[404],
      },
    },
    {
      method: 'get',
      path: '/suggestions',
      summary:
        'A page of published suggestions, best first, filtered by kind, region, minimum score and CO2e, run',
      description:
        'Ordered by score (highest first), then by pair. `runId` keeps the suggestions whose published values ' +
        'that run computed: those it created, changed or re-allocated; one a later run found unchanged keeps ' +
        'naming the run that computed it.',
      request: { query: SuggestionQuerySchema, headers: viewerHeaders },
      responses: {
        200: json(suggestionPage, 'a page of suggestions you may see'),
        400: errors[400],
      },
    },
  ];
  for (const route of routes) registry.registerPath(route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Symbiosis engine',
      version: '0.1.0',
      description:
        'Register surplus and needs of materials, energy, water and land; get explained, quantified matches. ' +
        'Errors: { error: { code, message, details: [{ path, message }] } }.',
    },
  });
}

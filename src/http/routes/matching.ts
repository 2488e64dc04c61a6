import { z } from 'zod';
import { circleFilter } from '../../domain/circle.ts';
import { queryNumber } from '../../domain/fields.ts';
import { PaginationSchema } from '../../domain/listing-query.ts';
import { MatchRunRequestSchema, MatchRunSchema } from '../../domain/suggestion.ts';
import { SuggestionPageQuerySchema, SuggestionQuerySchema } from '../../domain/suggestion-query.ts';
import type { Deps } from '../../services/deps.ts';
import { COUNTERPART_STATUSES, DIAGNOSTIC_CODES, listingDiagnostics } from '../../services/diagnostics.ts';
import { submitMatchRun } from '../../services/match-runs.ts';
import { getMatchRun, listMatchRuns } from '../../services/run-reads.ts';
import { companySuggestions, findSuggestions, listingSuggestions } from '../../services/suggestions.ts';
import { defineRoutes } from '../route.ts';
import { ErrorSchema, IdParams, page, VisibleListingSchema, VisibleSuggestionSchema } from '../schemas.ts';
import { json } from './reply.ts';

const DiagnosticsQuerySchema = z.strictObject({
  limit: queryNumber(z.number().int().min(1).max(20))
    .default(5)
    .meta({ description: 'how many counterparts to describe, closest first' }),
});

const DiagnosticRuleSchema = z
  .object({
    code: z.enum(DIAGNOSTIC_CODES).meta({
      description:
        'the rule: category (not accepted), hazardous, carrier, temperature-lift, temperature-approach, ' +
        'quality-class, land-use, facilities, form (a form the need requires), animal-by-product (a use the ' +
        'category may not go to), waste-status (waste without a permit, or an unstated status where only ' +
        'by-products are taken), window (availability), distance (beyond reach), quantity, ' +
        'score (below the minimum), outranked (not among the K best of either listing), or a term that ' +
        'lowers the score (availability, temperature, material-quality, water-type, zoning, feedback, and the above)',
    }),
    effect: z.enum(['blocks', 'lowers']),
    reason: z.string(),
  })
  .meta({ id: 'DiagnosticRule' });

const ListingDiagnosisSchema = z
  .object({
    listingId: z.string(),
    searchedKm: z.number().meta({ description: 'how far counterparts were looked for' }),
    counterparts: z.number().meta({ description: 'counterparts you may see within searchedKm' }),
    compatible: z.number().meta({ description: 'of them, pairs that pass every rule and the minimum score' }),
    blockedBy: z.partialRecord(z.enum(DIAGNOSTIC_CODES), z.number()).meta({
      description: 'how many counterparts each rule blocks (a pair blocked by two rules counts under each)',
    }),
    closest: z.array(
      z.object({
        counterpart: VisibleListingSchema,
        status: z.enum(COUNTERPART_STATUSES),
        score: z.number().nullable().meta({
          description:
            "the pair's score; for a blocked pair the one it would get with its window and distance set aside; null when nothing can be scored",
        }),
        distanceKm: z.number(),
        limitKm: z.number(),
        route: z.object({ type: z.string(), detail: z.string().optional() }).nullable(),
        rules: z
          .array(DiagnosticRuleSchema)
          .meta({ description: 'what blocks the pair, then what lowers it' }),
      }),
    ),
  })
  .meta({ id: 'ListingDiagnosis' });

export const matchingRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'post',
      path: '/match-runs',
      tag: 'matching',
      summary: 'Start matching over a scope (whole database, kind, region, municipality, radius)',
      description:
        'The run computes in the background: poll its Location (GET /match-runs/{id}) for its phase, counts ' +
        'and end. Its suggestions become visible all at once when it finishes (phase `done` once the ' +
        'publication is applied whole; a publication too large for one transaction shows status `publishing` ' +
        'while it is applied in batches); a failed run leaves nothing visible. One run at a time: while one ' +
        'is running or publishing, another is refused with RUN_IN_PROGRESS. A facilitator of some regions ' +
        'runs over one of its regions (scope.region).',
      access: 'matchRun.start',
      body: MatchRunRequestSchema,
      bodyOptional: true,
      limit: 'expensive',
      answers: {
        202: {
          ...json(MatchRunSchema, 'the run, started (status running)'),
          headers: { location: 'the run: /match-runs/{id}' },
        },
        409: json(ErrorSchema, 'RUN_IN_PROGRESS: another run is running; details name it (path runId)'),
      },
      handle: async ({ caller, body }) => {
        const { run } = await submitMatchRun(deps, body, { caller });
        return { status: 202, body: run, headers: { location: `/match-runs/${run.id}` } };
      },
    },
    {
      method: 'get',
      path: '/match-runs',
      tag: 'matching',
      summary: 'Match runs, newest first',
      access: 'matchRun.read',
      query: PaginationSchema,
      answers: {
        200: json(
          z.object({ items: z.array(MatchRunSchema), limit: z.number(), offset: z.number() }),
          'runs',
        ),
      },
      handle: async ({ query: q }) => ({ status: 200, body: { items: await listMatchRuns(deps, q), ...q } }),
    },
    {
      method: 'get',
      path: '/match-runs/{id}',
      tag: 'matching',
      summary: 'A match run with its versions, its phase and counts while it runs, and its end',
      access: 'matchRun.read',
      params: IdParams,
      answers: { 200: json(MatchRunSchema, 'the run') },
      handle: async ({ params }) => ({ status: 200, body: await getMatchRun(deps, params['id']!) }),
    },
    {
      method: 'get',
      path: '/listings/{id}/suggestions',
      tag: 'suggestions',
      summary: "A page of a listing's published suggestions that you may see, best first",
      access: 'read',
      params: IdParams,
      query: SuggestionPageQuerySchema,
      answers: { 200: json(page(VisibleSuggestionSchema), 'a page of suggestions') },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: await listingSuggestions(deps, caller, params['id']!, q),
      }),
    },
    {
      method: 'get',
      path: '/listings/{id}/diagnostics',
      tag: 'suggestions',
      summary:
        'Why a listing has no suggestion, or a low one: its closest counterparts and what blocks or lowers each',
      description:
        'For whoever acts for the listing’s company (the business, facilitators of its region, admins). ' +
        'Counterparts are listings of the same kind and the other direction within twice the reach of the ' +
        'listing’s pairs; those you may not see are neither described nor counted, and anonymised ones are ' +
        'shown as in suggestions (no company, site or ref; distances from the rounded location).',
      access: 'listing.diagnose',
      params: IdParams,
      query: DiagnosticsQuerySchema,
      answers: { 200: json(ListingDiagnosisSchema, 'the diagnosis') },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: await listingDiagnostics(deps, caller, params['id']!, q),
      }),
    },
    {
      method: 'get',
      path: '/companies/{id}/suggestions',
      tag: 'suggestions',
      summary: 'A page of the published suggestions of a company you act for, best first',
      access: 'read',
      params: IdParams,
      query: SuggestionPageQuerySchema,
      answers: { 200: json(page(VisibleSuggestionSchema), 'a page of suggestions') },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: await companySuggestions(deps, caller, params['id']!, q),
      }),
    },
    {
      method: 'get',
      path: '/suggestions',
      tag: 'suggestions',
      summary: 'Published suggestions you may see (a business: those of its companies), best first',
      description:
        'Filter by kind, minimum score or CO2e, the run that computed them, municipality or circle.',
      access: 'read',
      query: SuggestionQuerySchema,
      answers: { 200: json(page(VisibleSuggestionSchema), 'a page of suggestions') },
      handle: async ({ caller, query: q }) => {
        const filter = {
          kind: q.kind ?? null,
          minScore: q.minScore ?? null,
          minCo2e: q.minCo2eT ?? null,
          runId: q.runId ?? null,
          municipality: q.municipality ?? null,
          ...circleFilter(q),
        };
        return {
          status: 200,
          body: await findSuggestions(deps, caller, filter, {
            offset: q.offset,
            limit: q.limit,
            count: q.count,
          }),
        };
      },
    },
  ]);

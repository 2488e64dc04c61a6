import { z } from 'zod';
import { circleFilter } from '../../domain/circle.ts';
import { PaginationSchema } from '../../domain/listing-query.ts';
import { MatchRunRequestSchema, MatchRunSchema } from '../../domain/suggestion.ts';
import { SuggestionQuerySchema } from '../../domain/suggestion-query.ts';
import type { Deps } from '../../services/deps.ts';
import { getMatchRun, listMatchRuns, startMatchRun } from '../../services/matching.ts';
import { companySuggestions, findSuggestions, listingSuggestions } from '../../services/suggestions.ts';
import { defineRoutes } from '../route.ts';
import { CountQuery, IdParams, page, VisibleSuggestionSchema } from '../schemas.ts';

const SuggestionPageQuery = PaginationSchema.extend(CountQuery);

import { json } from './reply.ts';

export const matchingRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'post',
      path: '/match-runs',
      tag: 'matching',
      summary:
        'Run matching over a scope (whole database, kind, municipality, radius) and store its suggestions',
      access: 'matchRun.start',
      body: MatchRunRequestSchema,
      bodyOptional: true,
      limit: 'expensive',
      answers: { 201: json(MatchRunSchema, 'the finished run') },
      handle: async ({ body }) => ({ status: 201, body: await startMatchRun(deps, body) }),
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
      summary: 'A match run with its versions and counts',
      access: 'matchRun.read',
      params: IdParams,
      answers: { 200: json(MatchRunSchema, 'the run') },
      handle: async ({ params }) => ({ status: 200, body: await getMatchRun(deps, params['id']!) }),
    },
    {
      method: 'get',
      path: '/listings/{id}/suggestions',
      tag: 'suggestions',
      summary: "A listing's active suggestions, as you may see them",
      access: 'read',
      params: IdParams,
      query: SuggestionPageQuery,
      answers: { 200: json(page(VisibleSuggestionSchema), 'a page of suggestions') },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: await listingSuggestions(deps, caller, params['id']!, { ...q, count: q.count === 'true' }),
      }),
    },
    {
      method: 'get',
      path: '/companies/{id}/suggestions',
      tag: 'suggestions',
      summary: 'The active suggestions of a company you act for',
      access: 'read',
      params: IdParams,
      query: SuggestionPageQuery,
      answers: { 200: json(page(VisibleSuggestionSchema), 'a page of suggestions') },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: await companySuggestions(deps, caller, params['id']!, { ...q, count: q.count === 'true' }),
      }),
    },
    {
      method: 'get',
      path: '/suggestions',
      tag: 'suggestions',
      summary:
        'Suggestions you may see (a business: those of its companies), by kind, region, score, CO2e, run',
      access: 'read',
      query: SuggestionQuerySchema.safeExtend(CountQuery),
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
            count: q.count === 'true',
          }),
        };
      },
    },
  ]);

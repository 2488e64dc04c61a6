import { Router } from 'express';
import { circleFilter } from '../../domain/circle.ts';
import { PaginationSchema } from '../../domain/listing-query.ts';
import { SuggestionPageQuerySchema, SuggestionQuerySchema } from '../../domain/suggestion-query.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import type { Deps } from '../../services/deps.ts';
import { getMatchRun, listMatchRuns, submitMatchRun } from '../../services/matching.ts';
import { companySuggestionPage, findSuggestions, listingSuggestionPage } from '../../services/suggestions.ts';
import { viewerOf } from '../viewer.ts';

export function matchingRoutes(deps: Deps): Router {
  const r = Router();
  r.post('/match-runs', async (req, res) => {
    // The run computes in the background; its progress and end are at its Location.
    const { run } = await submitMatchRun(deps, req.body);
    res.status(202).location(`/match-runs/${run.id}`).json(run);
  });
  r.get('/match-runs', async (req, res) => {
    const page = parseOrThrow(PaginationSchema, req.query, 'query');
    res.json({ items: await listMatchRuns(deps, page), ...page });
  });
  r.get('/match-runs/:id', async (req, res) => {
    res.json(await getMatchRun(deps, req.params.id));
  });
  r.get('/listings/:id/suggestions', async (req, res) => {
    const q = parseOrThrow(SuggestionPageQuerySchema, req.query, 'query');
    res.json(await listingSuggestionPage(deps, req.params.id, q, viewerOf(req)));
  });
  r.get('/companies/:id/suggestions', async (req, res) => {
    const q = parseOrThrow(SuggestionPageQuerySchema, req.query, 'query');
    res.json(await companySuggestionPage(deps, req.params.id, q, viewerOf(req)));
  });
  r.get('/suggestions', async (req, res) => {
    const q = parseOrThrow(SuggestionQuerySchema, req.query, 'query');
    const filter = {
      kind: q.kind ?? null,
      minScore: q.minScore ?? null,
      minCo2e: q.minCo2eT ?? null,
      runId: q.runId ?? null,
      municipality: q.municipality ?? null,
      ...circleFilter(q),
    };
    res.json(await findSuggestions(deps, filter, q, viewerOf(req)));
  });
  return r;
}

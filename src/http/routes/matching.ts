import { Router } from 'express';
import { circleFilter } from '../../domain/circle.ts';
import { PaginationSchema } from '../../domain/listing-query.ts';
import { SuggestionQuerySchema } from '../../domain/suggestion-query.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import type { Deps } from '../../services/deps.ts';
import { getMatchRun, listMatchRuns, startMatchRun } from '../../services/matching.ts';
import { companySuggestions, findSuggestions, listingSuggestions } from '../../services/suggestions.ts';
import { viewerOf } from '../viewer.ts';

export function matchingRoutes(deps: Deps): Router {
  const r = Router();
  r.post('/match-runs', async (req, res) => {
    res.status(201).json(await startMatchRun(deps, req.body));
  });
  r.get('/match-runs', async (req, res) => {
    const page = parseOrThrow(PaginationSchema, req.query, 'query');
    res.json({ items: await listMatchRuns(deps, page), ...page });
  });
  r.get('/match-runs/:id', async (req, res) => {
    res.json(await getMatchRun(deps, req.params.id));
  });
  r.get('/listings/:id/suggestions', async (req, res) => {
    res.json({ items: await listingSuggestions(deps, req.params.id, viewerOf(req)) });
  });
  r.get('/companies/:id/suggestions', async (req, res) => {
    res.json({ items: await companySuggestions(deps, req.params.id, viewerOf(req)) });
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
    res.json(await findSuggestions(deps, filter, { offset: q.offset, limit: q.limit }, viewerOf(req)));
  });
  return r;
}

/** Reading match runs: one by id, or a page newest first. */
import type { MatchRun } from '../domain/suggestion.ts';
import { notFound } from '../errors.ts';
import { getRun, listRuns } from '../store/match-store.ts';
import type { Deps } from './deps.ts';

export async function getMatchRun(deps: Deps, id: string): Promise<MatchRun> {
  const run = await getRun(deps.store, id);
  if (!run) throw notFound('match run', id);
  return run;
}

export function listMatchRuns(deps: Deps, page: { offset: number; limit: number }): Promise<MatchRun[]> {
  return listRuns(deps.store, page);
}

/**
 * Match runs as a use-case: a run is submitted (it takes the run lock and is created `running`),
 * computes in the background and publishes its suggestions at once when it completes
 * (match-run.ts). Reading runs is run-reads.ts; one listing's refresh is incremental.ts; recovering
 * runs a dead process left is run-control.ts.
 */
import { inRegions } from '../domain/access.ts';
import { type Caller, SYSTEM } from '../domain/caller.ts';
import { newId } from '../domain/ids.ts';
import {
  type MatchRun,
  type MatchRunRequest,
  MatchRunRequestSchema,
  type MatchScope,
} from '../domain/suggestion.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError } from '../errors.ts';
import { factorSetLabel } from '../matching/pair.ts';
import { ENGINE_VERSION } from '../matching/version.ts';
import { getRun } from '../store/match-store.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';
import { matchContext } from './match-context.ts';
import { executeRun, type RunOptions } from './match-run.ts';
import { acquireRun, failRun } from './run-control.ts';

export { PUBLISH_IN_ONE_TRANSACTION_UP_TO, type RunOptions, WORKER_MIN_LISTINGS } from './match-run.ts';

/**
 * A facilitator of some regions runs over one of them (a county of its own, or a municipality in
 * one); national facilitators and admins run over any scope.
 */
function assertScopeAllowed(caller: Caller, scope: MatchScope): void {
  if (caller.kind !== 'user' || caller.role !== 'facilitator' || caller.regions === 'all') return;
  const region = scope.region;
  const inside =
    region !== undefined && inRegions(caller, region.length === 4 ? [region, region.slice(0, 2)] : [region]);
  if (!inside) {
    throw new AppError('FORBIDDEN', 'a facilitator runs matching over one of its regions', [
      {
        path: 'scope.region',
        message: `must be one of your regions: ${caller.regions.join(', ')} (or a municipality in them)`,
      },
    ]);
  }
}

/** A submitted run: as created, and its end (the finished run; rejects when it fails). */
export interface SubmittedRun {
  run: MatchRun;
  done: Promise<MatchRun>;
}

/** Runs computing in this process, so that a test (or a clean shutdown) can wait for them. */
const inFlight = new Set<Promise<unknown>>();

/**
 * Starts a match run over a scope and returns at once with the run `running`; it computes in the
 * background and publishes its suggestions when it completes. Throws VALIDATION_FAILED for a bad
 * request and RUN_IN_PROGRESS while another run holds the run lock.
 */
export async function submitMatchRun(
  deps: Deps,
  body: unknown,
  options: RunOptions = {},
): Promise<SubmittedRun> {
  const caller = options.caller ?? SYSTEM;
  requireRole(caller, 'matchRun.start', 'start match runs');
  const request: MatchRunRequest = parseOrThrow(
    MatchRunRequestSchema,
    body === undefined ? {} : body,
    'match run',
  );
  assertScopeAllowed(caller, request.scope);
  // An unknown factor set is a bad request, answered before anything starts.
  const ctx = matchContext(deps, [], request.factorSet);
  const run: MatchRun = {
    id: newId('run'),
    status: 'running',
    phase: 'loading',
    scope: request.scope,
    engineVersion: ENGINE_VERSION,
    factorSet: factorSetLabel(ctx.factorSet),
    configVersion: ctx.config.version,
    startedAt: deps.now().toISOString(),
  };
  await acquireRun(deps, run);
  const done = executeRun(deps, run, request, options).catch(async (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    deps.logger.error({ runId: run.id, err }, 'match run failed');
    await failRun(deps, run.id, message);
    // A run that failed while publishing in batches has been published to its end instead.
    const settled = await getRun(deps.store, run.id).catch(() => null);
    if (settled?.status === 'finished') return settled;
    throw err;
  });
  const tracked = done.then(
    () => undefined,
    () => undefined,
  );
  inFlight.add(tracked);
  void tracked.finally(() => inFlight.delete(tracked));
  return { run, done };
}

/** Runs a match to its end: the finished run, or the error it failed with (main job, CLI, benchmarks). */
export async function startMatchRun(deps: Deps, body: unknown, options: RunOptions = {}): Promise<MatchRun> {
  const { done } = await submitMatchRun(deps, body, options);
  return done;
}

/** Resolves when every run this process started has ended (finished, or failed and recorded). */
export async function settleMatchRuns(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

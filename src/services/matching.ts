/**
 * Match runs and incremental matching. A run is submitted (it takes the run lock and is created
 * `running`), computes in the background and publishes its suggestions at once when it completes
 * (match-run.ts); incremental matching refreshes one listing's suggestions at once. One suggestion
 * per (offer, need) pair is kept across computations; a pair no longer proposed is withdrawn,
 * never silently deleted.
 */
import { inRegions } from '../domain/access.ts';
import { type Caller, SYSTEM } from '../domain/caller.ts';
import { newId } from '../domain/ids.ts';
import type { MatchConfig } from '../domain/match-config.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import {
  type MatchRun,
  type MatchRunRequest,
  MatchRunRequestSchema,
  type MatchScope,
} from '../domain/suggestion.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, notFound } from '../errors.ts';
import { buildMatchIndex, candidatesForListing } from '../matching/candidates.ts';
import { compareCandidates, evaluatePair } from '../matching/pair.ts';
import type { Candidate } from '../matching/types.ts';
import { ENGINE_VERSION } from '../matching/version.ts';
import { counterpartListings } from '../store/listing-store.ts';
import {
  activePairsOfListing,
  getRun,
  listRuns,
  skipListingInPublication,
  suggestionRow,
  upsertSuggestions,
  withdrawStale,
} from '../store/match-store.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';
import { hourlyProfilesFor, matchContext, pairKeyOf, toWrite } from './match-context.ts';
import { executeRun, type RunOptions } from './match-run.ts';
import { acquireRun, failRun } from './run-control.ts';

export { matchContext, pairKeyOf } from './match-context.ts';
export { PUBLISH_IN_ONE_TRANSACTION_UP_TO, type RunOptions, WORKER_MIN_LISTINGS } from './match-run.ts';
export { INTERRUPTED, recoverInterruptedRuns, resumePublication } from './run-control.ts';

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
    factorSet: `${ctx.factorSet.id}@${ctx.factorSet.version}`,
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

export async function getMatchRun(deps: Deps, id: string): Promise<MatchRun> {
  const run = await getRun(deps.store, id);
  if (!run) throw notFound('match run', id);
  return run;
}

export function listMatchRuns(deps: Deps, page: { offset: number; limit: number }): Promise<MatchRun[]> {
  return listRuns(deps.store, page);
}

/** The largest default distance limit the kind can have: the radius for finding counterparts. */
function maxDefaultKm(config: MatchConfig, kind: MatchListing['kind']): number {
  if (kind === 'energy') return Math.max(...Object.values(config.distanceLimitsKm.energy));
  return config.distanceLimitsKm[kind];
}

/**
 * Incremental matching for one created or updated listing: its counterparts come from Neo4j by
 * kind, direction and distance, the engine scores them, and the listing's suggestions are replaced
 * by its own K best, visible at once and not allocated (allocatedQuantity null: only a run
 * allocates, so a refresh never promises more than a listing has).
 *
 * A pair the last run kept because the *counterpart* ranked it among its K best is not among the
 * listing's own K best, and whether it still ranks for the counterpart takes the counterpart's
 * whole search. Such a pair stays active, re-scored against the changed listing, as long as it is
 * still compatible; the next run settles its rank. A pair that is no longer compatible (or whose
 * counterpart is gone or out of reach) is withdrawn. A pair whose published values and (absent)
 * allocation are those computed is not written.
 *
 * A run computing meanwhile read the listing before this change: its publication skips the
 * listing's pairs (their listing version moved); a run publishing in batches is told to skip them
 * before this refresh writes. So a run never overwrites a refresh.
 */
export async function refreshListingSuggestions(deps: Deps, listing: MatchListing): Promise<Candidate[]> {
  const probe = matchContext(deps, [listing]);
  const counterparts = await counterpartListings(
    deps.store,
    listing,
    maxDefaultKm(probe.config, listing.kind),
  );
  const ctx = { ...probe, hourlyProfiles: hourlyProfilesFor(deps, counterparts) };
  const index = buildMatchIndex({ ...ctx, listings: counterparts });
  const own = candidatesForListing(index, listing);
  const ownKeys = new Set(own.map((c) => pairKeyOf(c.offerId, c.needId)));
  const byId = new Map(counterparts.map((c) => [c.id, c]));
  const previous = await activePairsOfListing(deps.store, listing.id);
  const kept: Candidate[] = [];
  for (const p of previous) {
    if (ownKeys.has(p.pairKey)) continue;
    const other = byId.get(p.offerId === listing.id ? p.needId : p.offerId);
    if (!other) continue;
    const again =
      listing.direction === 'offer' ? evaluatePair(listing, other, ctx) : evaluatePair(other, listing, ctx);
    if (again) kept.push(again);
  }
  const candidates = [...own, ...kept].sort(compareCandidates);
  const meta = {
    runId: null,
    factorSet: `${ctx.factorSet.id}@${ctx.factorSet.version}`,
    configVersion: ctx.config.version,
    allocated: null,
  };
  const publishedHash = new Map(previous.map((p) => [p.pairKey, p.allocated === null ? p.hash : null]));
  const rows = candidates.map((c) => suggestionRow(toWrite(c, meta)));
  const now = deps.now().toISOString();
  // A run publishing in batches leaves this listing's pairs to this refresh.
  await skipListingInPublication(deps.store, listing.id);
  await upsertSuggestions(
    deps.store,
    rows.filter((r) => publishedHash.get(r.pairKey) !== r.hash),
    now,
  );
  await withdrawStale(deps.store, {
    listingIds: [listing.id],
    keptKeys: rows.map((r) => r.pairKey),
    kind: null,
    requireBothInScope: false,
    now,
  });
  return candidates;
}

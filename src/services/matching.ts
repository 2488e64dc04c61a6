/**
 * Match runs and incremental matching: load listings, run the pure engine, allocate, store the
 * suggestions. One suggestion per (offer, need) pair is kept across computations; a pair the
 * engine no longer proposes is withdrawn, never silently deleted.
 */
import { newId } from '../domain/ids.ts';
import type { MatchConfig } from '../domain/match-config.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import {
  type MatchRun,
  type MatchRunRequest,
  MatchRunRequestSchema,
  type MatchScope,
  type Runner,
} from '../domain/suggestion.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { buildMatchIndex, candidatesForListing } from '../matching/candidates.ts';
import { haversineKm } from '../matching/distance.ts';
import { matchSnapshot } from '../matching/match-snapshot.ts';
import { compareCandidates, evaluatePair } from '../matching/pair.ts';
import type { Candidate, MatchInput } from '../matching/types.ts';
import { ENGINE_VERSION } from '../matching/version.ts';
import { loadFactorSet } from '../reference/factors.ts';
import { loadHourlyProfile } from '../reference/load.ts';
import { loadMatchConfig } from '../reference/match-config.ts';
import { counterpartListings, listingsInScope as loadListingsInScope } from '../store/listing-store.ts';
import {
  createRun,
  finishRun,
  getRun,
  listRuns,
  runningRuns,
  type SuggestionWrite,
  setAllocatedQuantities,
  suggestionsForListing,
  upsertSuggestions,
  withdrawStale,
} from '../store/match-store.ts';
import { startMatchWorker } from '../workers/match-worker-client.ts';
import type { Deps } from './deps.ts';
import { runnerIsGone, thisRunner } from './runner.ts';

/**
 * From this many listings a run solves its allocation LP in a worker thread, beside the
 * explanations; below it the thread's start-up (~0.3 s) costs more than it saves.
 */
export const WORKER_MIN_LISTINGS = 2000;

const profiles = new Map<string, Float64Array>();

function hourlyProfilesFor(deps: Deps, listings: readonly MatchListing[]): Map<string, Float64Array> {
  for (const l of listings) {
    const name = l.energy?.hourlyProfile;
    if (name && !profiles.has(name) && deps.reference.hourlyProfiles.has(name))
      profiles.set(name, loadHourlyProfile(name));
  }
  return profiles;
}

/** Everything but the listings that the engine needs, for the configured (or a chosen) factor set. */
export function matchContext(
  deps: Deps,
  listings: readonly MatchListing[],
  factorSetId?: string,
): Omit<MatchInput, 'listings'> {
  let factorSet: MatchInput['factorSet'];
  try {
    factorSet = loadFactorSet(factorSetId ?? deps.settings.factorSet);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      throw validationError('unknown factor set', [{ path: 'factorSet', message: err.message }]);
    }
    throw err;
  }
  return {
    reference: deps.reference,
    factorSet,
    config: loadMatchConfig(deps.settings.matchConfig),
    hourlyProfiles: hourlyProfilesFor(deps, listings),
  };
}

/** Candidates explained and written together in a match run. */
const WRITE_BATCH = 1000;

export const pairKeyOf = (offerId: string, needId: string) => `${offerId}|${needId}`;

function toWrite(
  c: Candidate,
  meta: { runId: string | null; factorSet: string; configVersion: string; allocated: number | null },
): SuggestionWrite {
  return {
    id: newId('sg'),
    pairKey: pairKeyOf(c.offerId, c.needId),
    offerId: c.offerId,
    needId: c.needId,
    kind: c.kind,
    score: c.score,
    distanceKm: c.distanceKm,
    route: c.route,
    terms: c.terms,
    impact: c.impact as unknown as Record<string, unknown>,
    co2eAvoidedT: c.impact.co2eAvoidedT,
    maxQuantity: c.maxQuantity,
    offerUse: c.offerUse,
    allocatedQuantity: meta.allocated,
    unit: c.impact.unit,
    source: meta.runId ? 'run' : 'incremental',
    lastRunId: meta.runId,
    engineVersion: ENGINE_VERSION,
    factorSet: meta.factorSet,
    configVersion: meta.configVersion,
  };
}

async function listingsInScope(deps: Deps, scope: MatchScope): Promise<MatchListing[]> {
  const { lat, lon, radiusKm } = scope;
  const radius =
    lat !== undefined && lon !== undefined && radiusKm !== undefined ? { lat, lon, km: radiusKm } : undefined;
  const listings = await loadListingsInScope(deps.store, {
    ...(scope.kind ? { kind: scope.kind } : {}),
    ...(scope.municipality ? { municipality: scope.municipality } : {}),
    ...(radius ? { radius } : {}),
  });
  // The exact rule: the engine's great-circle distance.
  return radius
    ? listings.filter((l) => haversineKm(radius.lat, radius.lon, l.lat, l.lon) <= radius.km)
    : listings;
}

/** A full computation over a scope: candidates, allocation, stored suggestions, and a run record. */
export async function startMatchRun(deps: Deps, body: unknown): Promise<MatchRun> {
  const request: MatchRunRequest = parseOrThrow(
    MatchRunRequestSchema,
    body === undefined ? {} : body,
    'match run',
  );
  const started = deps.now();
  const listings = await listingsInScope(deps, request.scope);
  const ctx = matchContext(deps, listings, request.factorSet);
  const run: MatchRun = {
    id: newId('run'),
    status: 'running',
    scope: request.scope,
    engineVersion: ENGINE_VERSION,
    factorSet: `${ctx.factorSet.id}@${ctx.factorSet.version}`,
    configVersion: ctx.config.version,
    startedAt: started.toISOString(),
  };
  await createRun(deps.store, run, thisRunner());
  try {
    const worker = listings.length >= WORKER_MIN_LISTINGS ? startMatchWorker(deps.logger) : undefined;
    const meta = { runId: run.id, factorSet: run.factorSet, configVersion: run.configVersion, allocated: 0 };
    const now = deps.now().toISOString();
    // Explained and written a batch at a time while the allocation is solved, so a national run
    // never holds every explanation; the allocated quantities are set once it is known.
    const take = (batch: Candidate[]) =>
      upsertSuggestions(
        deps.store,
        batch.map((c) => toWrite(c, meta)),
        now,
      );
    const { candidates, allocation, pairsEvaluated } = await matchSnapshot(
      { ...ctx, listings },
      {
        allocation: request.allocation === 'greedy' ? 'greedy' : 'lp',
        explained: { size: WRITE_BATCH, take },
        logger: deps.logger,
        ...(worker ? { solve: worker.solve, search: worker.search } : {}),
      },
    ).finally(() => worker?.close());
    await setAllocatedQuantities(
      deps.store,
      allocation.entries.map((e) => ({ pairKey: pairKeyOf(e.offerId, e.needId), quantity: e.quantity })),
    );
    const keptKeys = Array.from({ length: candidates.length }, (_, k) =>
      pairKeyOf(candidates.offerId(k), candidates.needId(k)),
    );
    const regional = request.scope.municipality !== undefined || request.scope.radiusKm !== undefined;
    const withdrawn = await withdrawStale(deps.store, {
      listingIds: listings.map((l) => l.id),
      keptKeys,
      kind: request.scope.kind ?? null,
      requireBothInScope: regional,
      now,
    });
    const finished: Partial<MatchRun> = {
      status: 'finished',
      allocationMethod: allocation.method,
      allocationObjective: allocation.objective,
      listings: listings.length,
      pairsEvaluated,
      candidates: candidates.length,
      allocated: allocation.entries.length,
      withdrawn,
      durationMs: deps.now().getTime() - started.getTime(),
      finishedAt: deps.now().toISOString(),
    };
    await finishRun(deps.store, run.id, finished);
    return { ...run, ...finished } as MatchRun;
  } catch (err) {
    await finishRun(deps.store, run.id, {
      status: 'failed',
      error: (err as Error).message,
      finishedAt: deps.now().toISOString(),
    });
    throw err;
  }
}

/** Why a run whose process stopped before it finished is marked failed. */
export const INTERRUPTED = 'interrupted: the process running it stopped before it finished';

/**
 * Marks as failed the runs still `running` whose process has certainly stopped (runner.ts says
 * when that is certain); returns their ids. Called when the database is opened, so a crash
 * leaves no run `running` for ever.
 */
export async function recoverInterruptedRuns(
  deps: Pick<Deps, 'store' | 'logger' | 'now'>,
  gone: (runner: Runner) => boolean = (runner) => runnerIsGone(runner),
): Promise<string[]> {
  const interrupted = (await runningRuns(deps.store)).filter((r) => r.runner !== null && gone(r.runner));
  for (const { id, runner } of interrupted) {
    await finishRun(deps.store, id, {
      status: 'failed',
      error: INTERRUPTED,
      finishedAt: deps.now().toISOString(),
    });
    deps.logger.warn({ runId: id, runner }, 'match run interrupted: its process stopped, marked failed');
  }
  return interrupted.map((r) => r.id);
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
 * by its own K best.
 *
 * A pair the last run kept because the *counterpart* ranked it among its K best is not among the
 * listing's own K best, and whether it still ranks for the counterpart takes the counterpart's
 * whole search. Such a pair stays active, re-scored against the changed listing, as long as it is
 * still compatible; the next run settles its rank. A pair that is no longer compatible (or whose
 * counterpart is gone or out of reach) is withdrawn.
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
  const kept: Candidate[] = [];
  for (const previous of await suggestionsForListing(deps.store, listing.id)) {
    if (ownKeys.has(previous.pairKey)) continue;
    const other = byId.get(previous.offerId === listing.id ? previous.needId : previous.offerId);
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
  const writes = candidates.map((c) => toWrite(c, meta));
  const now = deps.now().toISOString();
  await upsertSuggestions(deps.store, writes, now);
  await withdrawStale(deps.store, {
    listingIds: [listing.id],
    keptKeys: writes.map((w) => w.pairKey),
    kind: null,
    requireBothInScope: false,
    now,
  });
  return candidates;
}

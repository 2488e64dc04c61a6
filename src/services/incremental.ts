/**
 * Incremental matching: one created or updated listing's suggestions, refreshed at once and
 * visible, without a run. One suggestion per (offer, need) pair is kept across computations; a
 * pair no longer proposed is withdrawn, never silently deleted. Review state is never touched
 * (review.ts): a refresh writes match output only.
 */
import type { MatchConfig } from '../domain/match-config.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import { buildMatchIndex, candidatesForListing } from '../matching/candidates.ts';
import { compareCandidates, evaluatePair, factorSetLabel, type PairContext } from '../matching/pair.ts';
import type { Candidate } from '../matching/types.ts';
import { counterpartListings } from '../store/listing-store.ts';
import {
  activePairsOfListing,
  skipListingInPublication,
  suggestionRow,
  upsertSuggestions,
  withdrawPairs,
} from '../store/match-store.ts';
import type { IndexedSearch } from './counterpart-index.ts';
import type { Deps } from './deps.ts';
import { feedbackFor } from './feedback.ts';
import { hourlyProfilesFor, matchContext, pairKeyOf, toWrite } from './match-context.ts';

/** The largest default distance limit the kind can have: the radius for finding counterparts. */
export function maxDefaultKm(config: MatchConfig, kind: MatchListing['kind']): number {
  if (kind === 'energy') return Math.max(...Object.values(config.distanceLimitsKm.energy));
  return config.distanceLimitsKm[kind];
}

/**
 * The listing's own K best from counterparts read from Neo4j by kind, direction and distance and
 * indexed for this one search: when the process keeps no index (counterpart-index.ts) or it cannot
 * answer now.
 */
async function searchNeo4j(deps: Deps, listing: MatchListing, ctx: PairContext): Promise<IndexedSearch> {
  const counterparts = await counterpartListings(deps.store, listing, maxDefaultKm(ctx.config, listing.kind));
  const searchCtx = { ...ctx, hourlyProfiles: hourlyProfilesFor(deps, counterparts) };
  const index = buildMatchIndex({ ...searchCtx, listings: counterparts });
  const byId = new Map(counterparts.map((c) => [c.id, c]));
  return { own: candidatesForListing(index, listing), listing: (id) => byId.get(id) };
}

/**
 * Incremental matching for one created or updated listing: its counterparts are searched in the
 * process's in-memory index of every listing (counterpart-index.ts), or read from Neo4j by kind,
 * direction and distance when it has none yet; the engine scores them, and the listing's suggestions are replaced
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
 *
 * `then`, when given, is called once the writes are sent: the queries it runs in the same
 * transaction follow them without a round trip of their own (the answer's page, listings.ts).
 */
export async function refreshListingSuggestions(
  deps: Deps,
  listing: MatchListing,
  then?: () => Promise<unknown>,
): Promise<Candidate[]> {
  const base = matchContext(deps, [listing]);
  const feedback = await feedbackFor(deps, base.config, false);
  const ctx = feedback ? { ...base, feedback } : base;
  const counterpartOf = (p: { offerId: string; needId: string }) =>
    p.offerId === listing.id ? p.needId : p.offerId;
  // A run publishing in batches leaves this listing's pairs to this refresh from now on; the
  // listing's published pairs, and the kept index's catch-up, are read after that, in the same
  // round trip (one transaction runs its queries in order, as they were sent).
  const published = Promise.all([
    skipListingInPublication(deps.store, listing.id),
    activePairsOfListing(deps.store, listing.id),
  ]);
  // Awaited below; a failure meanwhile must not count as unhandled.
  published.catch(() => {});
  const indexed = await deps.counterparts?.search(deps, deps.store, listing, ctx).catch(async (err) => {
    // The transaction is failing: let the first of its queries say why.
    await published;
    throw err;
  });
  const [, previous] = await published;
  const found = indexed ?? (await searchNeo4j(deps, listing, ctx));
  const { own } = found;
  const ownKeys = new Set(own.map((c) => pairKeyOf(c.offerId, c.needId)));
  const kept: Candidate[] = [];
  for (const p of previous) {
    if (ownKeys.has(p.pairKey)) continue;
    const other = found.listing(counterpartOf(p));
    if (!other) continue;
    const again =
      listing.direction === 'offer' ? evaluatePair(listing, other, ctx) : evaluatePair(other, listing, ctx);
    if (again) kept.push(again);
  }
  const candidates = [...own, ...kept].sort(compareCandidates);
  const meta = {
    runId: null,
    factorSet: factorSetLabel(ctx.factorSet),
    configVersion: ctx.config.version,
    allocated: null,
  };
  const publishedHash = new Map(previous.map((p) => [p.pairKey, p.allocated === null ? p.hash : null]));
  const rows = candidates.map((c) => suggestionRow(toWrite(c, meta)));
  const now = deps.now().toISOString();
  // The published pairs not kept: those read above, as a run can no longer add any (skipped).
  const keptKeys = new Set(rows.map((r) => r.pairKey));
  const stale = previous.filter((p) => !keptKeys.has(p.pairKey)).map((p) => p.pairKey);
  const writes = [
    upsertSuggestions(
      deps.store,
      rows.filter((r) => publishedHash.get(r.pairKey) !== r.hash),
      now,
    ),
    withdrawPairs(deps.store, stale, now),
  ];
  // What the caller reads next is sent now, behind the writes, and sees them: no round trip of its own.
  const next = then?.();
  // Every query sent settles before this returns or throws (the transaction is rolled back then).
  for (const s of await Promise.allSettled([...writes, next])) if (s.status === 'rejected') throw s.reason;
  return candidates;
}

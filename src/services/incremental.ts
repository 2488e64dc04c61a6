/**
 * Incremental matching: one created or updated listing's suggestions, refreshed at once and
 * visible, without a run. One suggestion per (offer, need) pair is kept across computations; a
 * pair no longer proposed is withdrawn, never silently deleted. Review state is never touched
 * (review.ts): a refresh writes match output only.
 */
import type { MatchConfig } from '../domain/match-config.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import { buildMatchIndex, candidatesForListing } from '../matching/candidates.ts';
import { compareCandidates, evaluatePair, factorSetLabel } from '../matching/pair.ts';
import type { Candidate } from '../matching/types.ts';
import { counterpartListings } from '../store/listing-store.ts';
import {
  activePairsOfListing,
  skipListingInPublication,
  suggestionRow,
  upsertSuggestions,
  withdrawStale,
} from '../store/match-store.ts';
import type { Deps } from './deps.ts';
import { feedbackFor } from './feedback.ts';
import { hourlyProfilesFor, matchContext, pairKeyOf, toWrite } from './match-context.ts';

/** The largest default distance limit the kind can have: the radius for finding counterparts. */
export function maxDefaultKm(config: MatchConfig, kind: MatchListing['kind']): number {
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
  const base = matchContext(deps, [listing]);
  const feedback = await feedbackFor(deps, base.config, false);
  const probe = feedback ? { ...base, feedback } : base;
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
    factorSet: factorSetLabel(ctx.factorSet),
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

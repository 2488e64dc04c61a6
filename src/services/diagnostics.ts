/**
 * Why a listing has no suggestion, or a low one (matching/diagnostics.ts), for those who act for
 * its company: the business that owns it, facilitators of its region, admins.
 *
 * The story: check the caller may act for the listing; read the listings of the other direction
 * and the same kind within twice the reach of its pairs (so that near misses beyond reach are
 * seen), with the facts the access policy decides on; leave out those the caller may not see
 * before anything is counted; diagnose against the engine's own index and the listing's published
 * suggestions; present each counterpart described as a suggestion would be (domain/presentation.ts):
 * anonymised without company, site or ref, and its distance, score and every sentence that depends
 * on the distance measured from the location shown.
 */
import { listingAccess, listingView, mayChange } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { presentListing, presentSuggestion, type VisibleListing } from '../domain/presentation.ts';
import { notFound } from '../errors.ts';
import { buildMatchIndex } from '../matching/candidates.ts';
import {
  blocksAsShown,
  COUNTERPART_STATUSES,
  type CounterpartDiagnosis,
  type CounterpartStatus,
  DIAGNOSTIC_CODES,
  type DiagnosticCode,
  type DiagnosticRule,
  diagnoseListing,
  loweringRules,
} from '../matching/diagnostics.ts';
import { defaultLimitKm } from '../matching/distance.ts';
import type { Candidate } from '../matching/types.ts';
import { getListingWithFacts, type ListingWithFacts, nearbyCounterparts } from '../store/listing-store.ts';
import { activePairsOfListing } from '../store/match-store.ts';
import { enforce, requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';
import { feedbackFor } from './feedback.ts';
import { maxDefaultKm } from './incremental.ts';
import { hourlyProfilesFor, matchContext } from './match-context.ts';

export { COUNTERPART_STATUSES, DIAGNOSTIC_CODES };

/** Counterparts are looked for within twice the reach of the listing's pairs and this much more, km. */
const SEARCH_MARGIN_KM = 10;
/** ...but never further than this, km. */
const MAX_SEARCH_KM = 1000;

export interface VisibleCounterpart {
  counterpart: VisibleListing;
  status: CounterpartStatus;
  score: number | null;
  distanceKm: number;
  limitKm: number;
  route: Candidate['route'] | null;
  rules: DiagnosticRule[];
}

export interface VisibleDiagnosis {
  listingId: string;
  /** How far counterparts were looked for, km. */
  searchedKm: number;
  counterparts: number;
  compatible: number;
  blockedBy: Partial<Record<DiagnosticCode, number>>;
  closest: VisibleCounterpart[];
}

/** The diagnosis of a listing the caller acts for, its counterparts as far as the caller may see them. */
export async function listingDiagnostics(
  deps: Deps,
  caller: Caller,
  listingId: string,
  query: { limit: number },
): Promise<VisibleDiagnosis> {
  requireRole(caller, 'listing.diagnose', 'read the diagnostics of listings');
  const access = listingAccess(caller);
  const found = await getListingWithFacts(deps.store, listingId);
  if (!found || !presentListing(access, found.listing, found.facts)) throw notFound('listing', listingId);
  const { listing, facts } = found;
  const identified = listingView(access, facts) === 'identified';
  enforce(
    mayChange(caller, 'listing.diagnose', { id: listing.companyId, regions: facts.regions }, identified),
    'listing',
    listingId,
    'read the diagnostics of',
  );
  const key = `diagnostics|${listingId}|${query.limit}|${JSON.stringify(access)}`;
  return deps.reads.get(key, async () => {
    const base = matchContext(deps, [listing]);
    const feedback = await feedbackFor(deps, base.config, false);
    const probe = feedback ? { ...base, feedback } : base;
    // A listing's own limit bounds its pairs; a need's default follows its carrier, an offer's the largest.
    const reachKm =
      listing.maxDistanceKm ??
      (listing.direction === 'need'
        ? defaultLimitKm(probe.config, listing)
        : maxDefaultKm(probe.config, listing.kind));
    const searchedKm = Math.min(MAX_SEARCH_KM, 2 * reachKm + SEARCH_MARGIN_KM);
    const nearby = await nearbyCounterparts(deps.store, listing, searchedKm);
    const byId = new Map(nearby.map((n) => [n.listing.id, n]));
    const others = nearby.map((n) => n.listing);
    const ctx = { ...probe, hourlyProfiles: hourlyProfilesFor(deps, others) };
    const index = buildMatchIndex({ ...ctx, listings: others });
    const active = await activePairsOfListing(deps.store, listingId);
    const suggested = new Set(active.map((p) => (listing.direction === 'offer' ? p.needId : p.offerId)));
    const diagnosis = diagnoseListing(index, listing, {
      limit: query.limit,
      suggested,
      include: (l) => {
        const other = byId.get(l.id);
        return other !== undefined && listingView(access, other.facts) !== 'hidden';
      },
    });
    const present = (c: CounterpartDiagnosis): VisibleCounterpart[] => {
      const other = byId.get(c.listing.id)!;
      const shown = presentAsSuggestion(access, found, other, c);
      if (!shown) return [];
      const counterpart = listing.direction === 'offer' ? shown.need : shown.offer;
      const ownLimit = listing.maxDistanceKm !== undefined || c.listing.maxDistanceKm !== undefined;
      const score = c.score === null ? null : shown.score;
      const rules = counterpart.anonymised
        ? [
            ...blocksAsShown(c, { distanceKm: shown.distanceKm, score }, ctx.config, ownLimit),
            ...loweringRules(listing.kind, shown.terms, c.route),
          ]
        : c.rules;
      return [
        {
          counterpart,
          status: c.status,
          score,
          distanceKm: shown.distanceKm,
          limitKm: c.limitKm,
          route: c.route,
          rules,
        },
      ];
    };
    return {
      listingId,
      searchedKm,
      counterparts: diagnosis.counterparts,
      compatible: diagnosis.compatible,
      blockedBy: diagnosis.blockedBy,
      closest: diagnosis.closest.flatMap(present),
    };
  });
}

/** The pair presented as its suggestion would be: null when the caller may not see it. */
function presentAsSuggestion(
  access: ReturnType<typeof listingAccess>,
  own: ListingWithFacts,
  other: ListingWithFacts,
  c: CounterpartDiagnosis,
) {
  const figures = {
    score: c.score ?? 0,
    distanceKm: c.distanceKm,
    terms: c.terms,
    impact: {},
    co2eAvoidedT: 0,
  };
  return own.listing.direction === 'offer'
    ? presentSuggestion(access, figures, own, other)
    : presentSuggestion(access, figures, other, own);
}

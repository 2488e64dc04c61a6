/**
 * What a caller is shown of listings, companies, sites and suggestions, decided by the access
 * policy (access.ts). Nothing leaves the service without passing through one of these.
 */
import {
  type CompanyFacts,
  coarsen,
  companyView,
  type ListingAccess,
  type ListingFacts,
  listingView,
  type SiteFacts,
  siteShown,
  suggestionShown,
} from './access.ts';
import type { Caller } from './caller.ts';
import type { Company } from './company.ts';
import { haversineKm } from './geo.ts';
import type { MatchListing } from './match-listing.ts';
import type { Site } from './site.ts';

export type VisibleListing = Omit<MatchListing, 'companyId' | 'siteId' | 'ref'> & {
  companyId?: string;
  siteId?: string;
  ref?: string;
  anonymised: boolean;
};

export function presentListing(
  access: ListingAccess,
  listing: MatchListing,
  facts: ListingFacts,
): VisibleListing | null {
  const view = listingView(access, facts);
  if (view === 'hidden') return null;
  if (view === 'identified') return { ...listing, anonymised: false };
  const { companyId: _c, siteId: _s, ref: _r, ...rest } = listing;
  return { ...rest, lat: coarsen(listing.lat), lon: coarsen(listing.lon), anonymised: true };
}

/** The directory entry of a company: who it is, not how to reach it. */
export type DirectoryCompany = Pick<
  Company,
  'id' | 'name' | 'orgNumber' | 'country' | 'industry' | 'industryDivision'
> & {
  directory: true;
};

export function presentCompany(
  caller: Caller,
  company: Company & { refScope?: string },
  facts: CompanyFacts,
) {
  const view = companyView(caller, facts);
  if (view === 'hidden') return null;
  const { refScope: _r, ...full } = company;
  if (view === 'full') return full;
  const { id, name, orgNumber, country, industry, industryDivision } = company;
  const entry: DirectoryCompany = { id, name, country, industry, industryDivision, directory: true };
  if (orgNumber !== undefined) entry.orgNumber = orgNumber;
  return entry;
}

export function presentSite(caller: Caller, site: Site, facts: SiteFacts): Site | null {
  return siteShown(caller, facts) ? site : null;
}

// ---- Suggestions ---------------------------------------------------------------------------

interface Term {
  name: string;
  weight: number;
  value: number;
  reason: string;
}

/** The fields of a stored suggestion that presentation reads or rewrites. */
export interface SuggestionFigures {
  score: number;
  distanceKm: number;
  terms: Term[];
  impact: Record<string, unknown>;
  /** null: not quantified (a factor is missing). */
  co2eAvoidedT: number | null;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A suggestion as the caller may see it: null when either listing is hidden from it (or, for a
 * business, when it involves none of its companies). When a listing is anonymised, every figure
 * that depends on the distance — the distance, its score term and reason, the score, the
 * transport emissions — is recomputed from the locations shown, so no figure reveals the exact
 * position of a listing that the caller may not identify.
 */
export function presentSuggestion<S extends SuggestionFigures>(
  access: ListingAccess,
  s: S,
  offer: { listing: MatchListing; facts: ListingFacts },
  need: { listing: MatchListing; facts: ListingFacts },
): (S & { offer: VisibleListing; need: VisibleListing }) | null {
  if (!suggestionShown(access, offer.facts, need.facts)) return null;
  const o = presentListing(access, offer.listing, offer.facts);
  const n = presentListing(access, need.listing, need.facts);
  if (!o || !n) return null;
  if (!o.anonymised && !n.anonymised) return { ...s, offer: o, need: n };
  return { ...s, ...coarseFigures(s, haversineKm(o.lat, o.lon, n.lat, n.lon)), offer: o, need: n };
}

function coarseFigures(s: SuggestionFigures, shownKm: number): SuggestionFigures {
  const distanceKm = round1(shownKm);
  let score = s.score;
  const terms = s.terms.map((t) => {
    if (t.name !== 'distance') return t;
    // The term is 1 − d / limit; the limit is the one the engine used for this pair.
    const limitKm = t.value < 1 ? s.distanceKm / (1 - t.value) : Number.POSITIVE_INFINITY;
    const value = Number.isFinite(limitKm) && limitKm > 0 ? clamp01(1 - distanceKm / limitKm) : 1;
    score += t.weight * (value - t.value);
    const limitText = Number.isFinite(limitKm) ? ` of a ${round1(limitKm)} km limit` : '';
    return {
      ...t,
      value,
      reason: `about ${distanceKm} km${limitText}, measured from an anonymised location`,
    };
  });
  const impact = { ...s.impact };
  let co2eAvoidedT = s.co2eAvoidedT;
  const breakdown = impact['co2eBreakdown'] as { transportT?: number } | undefined;
  if (breakdown && typeof breakdown.transportT === 'number' && s.distanceKm > 0) {
    const transportT = (breakdown.transportT * distanceKm) / s.distanceKm;
    // A total that is not quantified stays so: only its transport part is reworded.
    co2eAvoidedT = s.co2eAvoidedT === null ? null : s.co2eAvoidedT + breakdown.transportT - transportT;
    impact['co2eBreakdown'] = { ...breakdown, transportT };
    impact['co2eAvoidedT'] = co2eAvoidedT;
  }
  return { score: clamp01(score), distanceKm, terms, impact, co2eAvoidedT };
}

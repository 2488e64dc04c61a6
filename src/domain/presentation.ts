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
  seesCosts,
  siteShown,
  suggestionShown,
} from './access.ts';
import type { Caller } from './caller.ts';
import type { Company } from './company.ts';
import { type Economics, rescaleEconomics, withoutHiddenCosts } from './economics.ts';
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
  // What a company pays today is its own: shown to those who act for it or facilitate its region.
  if (listing.currentCost !== undefined && !seesCosts(access, facts)) {
    const { currentCost: _cost, ...withoutCost } = listing;
    return presentListing(access, withoutCost, facts);
  }
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
  /** Route and costs (domain/economics.ts), whose distance-dependent figures are redone too. */
  economics?: Economics | null | undefined;
  /** A chain through a processor: its two links (domain/suggestion.ts ChainSchema). */
  chain?: { links: ChainLinkFigures[] } | undefined;
}

interface ChainLinkFigures {
  score: number;
  distanceKm: number;
  terms: Term[];
  impact: Record<string, unknown>;
}

/** A listing and what the access policy reads of it. */
interface Shown {
  listing: MatchListing;
  facts: ListingFacts;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A suggestion as the caller may see it: null when either listing is hidden from it (or, for a
 * business, when it involves none of its companies). When a listing is anonymised, every figure
 * that depends on the distance — the distance, its score term and reason, the score, the
 * transport emissions, the route and transport costs of its economics — is recomputed from the
 * locations shown, so no figure reveals the exact position of a listing that the caller may not
 * identify.
 */
export function presentSuggestion<S extends SuggestionFigures>(
  access: ListingAccess,
  s: S,
  offer: Shown,
  need: Shown,
  processor?: { need: Shown; offer: Shown },
): (S & { offer: VisibleListing; need: VisibleListing; processor?: ProcessorListings }) | null {
  if (s.chain !== undefined) return presentChain(access, s, offer, need, processor);
  if (!suggestionShown(access, offer.facts, need.facts)) return null;
  const o = presentListing(access, offer.listing, offer.facts);
  const n = presentListing(access, need.listing, need.facts);
  if (!o || !n) return null;
  const costs = {
    offer: offer.listing.currentCost === undefined || seesCosts(access, offer.facts),
    need: need.listing.currentCost === undefined || seesCosts(access, need.facts),
  };
  const own = s.economics ? { economics: withoutHiddenCosts(s.economics, costs) } : {};
  if (!o.anonymised && !n.anonymised) return { ...s, ...own, offer: o, need: n };
  const shownKm = haversineKm(o.lat, o.lon, n.lat, n.lon);
  const coarse = coarseFigures(s, shownKm);
  // Route, transport and pipe costs scale with the distance: redone from the one shown.
  const economics = own.economics ? { economics: rescaleEconomics(own.economics, coarse.distanceKm) } : {};
  return { ...s, ...coarse, ...economics, offer: o, need: n };
}

/** A chain's processor: the need it takes by and the offer it gives by. */
export interface ProcessorListings {
  need: VisibleListing;
  offer: VisibleListing;
}

/**
 * A chain through a processor: shown when all four listings are (the processor's business is a
 * party). With a listing anonymised, each link's figures are those of its shown locations, and the
 * chain's distance, score and transport are summed and multiplied again from them.
 */
function presentChain<S extends SuggestionFigures>(
  access: ListingAccess,
  s: S,
  offer: Shown,
  need: Shown,
  processor: { need: Shown; offer: Shown } | undefined,
): (S & { offer: VisibleListing; need: VisibleListing; processor: ProcessorListings }) | null {
  if (!processor || !s.chain) return null;
  if (!suggestionShown(access, offer.facts, need.facts, [processor.need.facts, processor.offer.facts]))
    return null;
  const o = presentListing(access, offer.listing, offer.facts);
  const n = presentListing(access, need.listing, need.facts);
  const pn = presentListing(access, processor.need.listing, processor.need.facts);
  const po = presentListing(access, processor.offer.listing, processor.offer.facts);
  if (!o || !n || !pn || !po) return null;
  const shown = { offer: o, need: n, processor: { need: pn, offer: po } };
  if (![o, n, pn, po].some((l) => l.anonymised)) return { ...s, ...shown };
  const legs = [haversineKm(o.lat, o.lon, pn.lat, pn.lon), haversineKm(po.lat, po.lon, n.lat, n.lon)];
  const transportOf = (impact: Record<string, unknown>) =>
    (impact['co2eBreakdown'] as { transportT?: number | null } | undefined)?.transportT ?? null;
  const links = s.chain.links.map((l, i) => {
    const coarse = coarseFigures(
      { ...l, co2eAvoidedT: (l.impact['co2eAvoidedT'] as number | null | undefined) ?? null },
      legs[i]!,
    );
    return {
      ...l,
      score: coarse.score,
      distanceKm: coarse.distanceKm,
      terms: coarse.terms,
      impact: coarse.impact,
    };
  });
  const score = links.reduce((p, l) => p * l.score, 1);
  const impact = { ...s.impact };
  let co2eAvoidedT = s.co2eAvoidedT;
  const breakdown = impact['co2eBreakdown'] as { transportT?: number | null } | undefined;
  const was = transportOf(s.impact);
  const parts = links.map((l) => transportOf(l.impact));
  if (breakdown && was !== null && parts.every((t) => t !== null)) {
    const transportT = (parts as number[]).reduce((a, b) => a + b, 0);
    co2eAvoidedT = s.co2eAvoidedT === null ? null : s.co2eAvoidedT + was - transportT;
    impact['co2eBreakdown'] = { ...breakdown, transportT };
    impact['co2eAvoidedT'] = co2eAvoidedT;
  }
  const terms = s.terms.map((t) =>
    t.name === 'chain'
      ? {
          ...t,
          value: score,
          reason: "the product of its links' scores, measured from an anonymised location",
        }
      : t,
  );
  return {
    ...s,
    score,
    distanceKm: round1(links.reduce((d, l) => d + l.distanceKm, 0)),
    terms,
    impact,
    co2eAvoidedT,
    chain: { ...s.chain, links },
    ...shown,
  };
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

/**
 * Suggestions as a viewer may see them: both listings pass through the visibility rules, and a
 * suggestion whose counterpart is hidden from the viewer is not shown at all.
 */
import type { StoredSuggestion } from '../domain/suggestion.ts';
import type { Viewer } from '../domain/viewer.ts';
import { presentListing, type VisibleListing } from '../domain/visibility.ts';
import { notFound } from '../errors.ts';
import { getCompany } from '../store/company-store.ts';
import { getListing, listingsByIds } from '../store/listing-store.ts';
import {
  runFilter,
  type SuggestionFilter,
  searchSuggestions,
  suggestionsForCompany,
  suggestionsForListing,
} from '../store/match-store.ts';
import type { Deps } from './deps.ts';

export type VisibleSuggestion = Omit<StoredSuggestion, 'pairKey' | 'offerId' | 'needId'> & {
  offer: VisibleListing;
  need: VisibleListing;
};

export async function presentSuggestions(
  deps: Deps,
  suggestions: StoredSuggestion[],
  viewer: Viewer,
): Promise<VisibleSuggestion[]> {
  const ids = [...new Set(suggestions.flatMap((s) => [s.offerId, s.needId]))];
  const listings = await listingsByIds(deps.store, ids);
  const out: VisibleSuggestion[] = [];
  for (const s of suggestions) {
    const offerListing = listings.get(s.offerId);
    const needListing = listings.get(s.needId);
    const offer = offerListing ? presentListing(offerListing, viewer) : null;
    const need = needListing ? presentListing(needListing, viewer) : null;
    if (!offer || !need) continue;
    const { pairKey: _p, offerId: _o, needId: _n, ...rest } = s;
    out.push({ ...rest, offer, need });
  }
  return out;
}

export async function listingSuggestions(
  deps: Deps,
  listingId: string,
  viewer: Viewer,
): Promise<VisibleSuggestion[]> {
  const listing = await getListing(deps.store, listingId);
  if (!listing || !presentListing(listing, viewer)) throw notFound('listing', listingId);
  return presentSuggestions(deps, await suggestionsForListing(deps.store, listingId), viewer);
}

export async function companySuggestions(
  deps: Deps,
  companyId: string,
  viewer: Viewer,
): Promise<VisibleSuggestion[]> {
  if (!(await getCompany(deps.store, companyId))) throw notFound('company', companyId);
  return presentSuggestions(deps, await suggestionsForCompany(deps.store, companyId), viewer);
}

/** Every suggestion a match run produced, as the viewer may see them. */
export async function suggestionsOfRun(
  deps: Deps,
  runId: string,
  viewer: Viewer,
): Promise<VisibleSuggestion[]> {
  return presentSuggestions(deps, await searchSuggestions(deps.store, runFilter(runId)), viewer);
}

export async function findSuggestions(
  deps: Deps,
  filter: SuggestionFilter,
  page: { offset: number; limit: number },
  viewer: Viewer,
): Promise<{ total: number; items: VisibleSuggestion[]; offset: number; limit: number }> {
  const visible = await presentSuggestions(deps, await searchSuggestions(deps.store, filter), viewer);
  return { total: visible.length, items: visible.slice(page.offset, page.offset + page.limit), ...page };
}

/**
 * Suggestions as a caller may see them (domain/presentation.ts presentSuggestion): both listings
 * pass through the access policy; a suggestion with a listing hidden from the caller is not shown;
 * a business sees only the suggestions that involve its companies; distances and the figures that
 * depend on them are measured from the locations the caller is shown.
 */
import { actsFor, listingAccess } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { presentListing, presentSuggestion, type VisibleListing } from '../domain/presentation.ts';
import type { StoredSuggestion } from '../domain/suggestion.ts';
import { notFound } from '../errors.ts';
import { getCompany } from '../store/company-store.ts';
import { getListingWithFacts, listingsByIds } from '../store/listing-store.ts';
import {
  runFilter,
  type SuggestionFilter,
  searchSuggestions,
  suggestionsForCompany,
  suggestionsForListing,
} from '../store/match-store.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

export type VisibleSuggestion = Omit<StoredSuggestion, 'pairKey' | 'offerId' | 'needId'> & {
  offer: VisibleListing;
  need: VisibleListing;
};

export interface Page {
  offset: number;
  limit: number;
  /** Also count every suggestion shown (slower). */
  count?: boolean;
}

export interface SuggestionPage {
  items: VisibleSuggestion[];
  offset: number;
  limit: number;
  hasMore: boolean;
  total?: number;
}

export async function presentSuggestions(
  deps: Deps,
  caller: Caller,
  suggestions: StoredSuggestion[],
): Promise<VisibleSuggestion[]> {
  const access = listingAccess(caller);
  const ids = [...new Set(suggestions.flatMap((s) => [s.offerId, s.needId]))];
  const listings = await listingsByIds(deps.store, ids);
  const out: VisibleSuggestion[] = [];
  for (const s of suggestions) {
    const offer = listings.get(s.offerId);
    const need = listings.get(s.needId);
    if (!offer || !need) continue;
    const { pairKey: _p, offerId: _o, needId: _n, ...rest } = s;
    const shown = presentSuggestion(access, rest, offer, need);
    if (shown) out.push(shown);
  }
  return out;
}

function pageOf(items: VisibleSuggestion[], page: Page): SuggestionPage {
  return {
    items: items.slice(page.offset, page.offset + page.limit),
    offset: page.offset,
    limit: page.limit,
    hasMore: items.length > page.offset + page.limit,
    ...(page.count ? { total: items.length } : {}),
  };
}

export async function listingSuggestions(
  deps: Deps,
  caller: Caller,
  listingId: string,
  page: Page,
): Promise<SuggestionPage> {
  requireRole(caller, 'read', 'read suggestions');
  const found = await getListingWithFacts(deps.store, listingId);
  if (!found || !presentListing(listingAccess(caller), found.listing, found.facts))
    throw notFound('listing', listingId);
  return pageOf(
    await presentSuggestions(deps, caller, await suggestionsForListing(deps.store, listingId)),
    page,
  );
}

export async function companySuggestions(
  deps: Deps,
  caller: Caller,
  companyId: string,
  page: Page,
): Promise<SuggestionPage> {
  requireRole(caller, 'read', 'read suggestions');
  const company = await getCompany(deps.store, companyId);
  // A company's suggestions say which listings are its own: only for those who act for it.
  if (!company || !actsFor(caller, company.facts)) throw notFound('company', companyId);
  return pageOf(
    await presentSuggestions(deps, caller, await suggestionsForCompany(deps.store, companyId)),
    page,
  );
}

/** Every suggestion a match run produced, as the caller may see them. */
export async function suggestionsOfRun(
  deps: Deps,
  caller: Caller,
  runId: string,
): Promise<VisibleSuggestion[]> {
  return presentSuggestions(deps, caller, await searchSuggestions(deps.store, runFilter(runId)));
}

export async function findSuggestions(
  deps: Deps,
  caller: Caller,
  filter: SuggestionFilter,
  page: Page,
): Promise<SuggestionPage> {
  requireRole(caller, 'read', 'read suggestions');
  return pageOf(await presentSuggestions(deps, caller, await searchSuggestions(deps.store, filter)), page);
}

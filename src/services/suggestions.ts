/**
 * Published suggestions as a viewer may see them, a page at a time: both listings pass through
 * the visibility rules, and a suggestion whose counterpart is hidden from the viewer is not shown
 * at all. Pages are cut in Cypher (best score first, then pair key), at most MAX_PAGE long; an
 * exact total is counted only when asked for.
 */
import type { StoredSuggestion } from '../domain/suggestion.ts';
import type { Viewer } from '../domain/viewer.ts';
import { presentListing, type VisibleListing } from '../domain/visibility.ts';
import { notFound } from '../errors.ts';
import { getCompany } from '../store/company-store.ts';
import { getListing, listingsByIds } from '../store/listing-store.ts';
import {
  countForCompany,
  countForListing,
  countSuggestions,
  runFilter,
  type SuggestionCursor,
  type SuggestionFilter,
  searchSuggestions,
  suggestionsForCompany,
  suggestionsForListing,
} from '../store/match-store.ts';
import type { Deps } from './deps.ts';

/** The longest page a reader gets (the query schemas hold `limit` to it). */
export const MAX_PAGE = 500;

export type VisibleSuggestion = Omit<StoredSuggestion, 'pairKey' | 'offerId' | 'needId'> & {
  offer: VisibleListing;
  need: VisibleListing;
};

/** Which page: `count` asks for the exact total too. */
export interface PageQuery {
  offset: number;
  limit: number;
  count?: boolean;
}

/**
 * A page of suggestions. `hasMore` says whether suggestions follow this page; `items` may be fewer
 * than `limit` when some on the page are hidden from the viewer.
 */
export interface SuggestionPage {
  items: VisibleSuggestion[];
  limit: number;
  offset: number;
  hasMore: boolean;
  total?: number;
}

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

async function pageOf(
  deps: Deps,
  query: PageQuery,
  viewer: Viewer,
  read: (page: { offset: number; limit: number }) => Promise<{ items: StoredSuggestion[]; hasMore: boolean }>,
  count: () => Promise<number>,
): Promise<SuggestionPage> {
  const page = { offset: query.offset, limit: Math.min(query.limit, MAX_PAGE) };
  const [found, total] = await Promise.all([read(page), query.count ? count() : undefined]);
  return {
    items: await presentSuggestions(deps, found.items, viewer),
    ...page,
    hasMore: found.hasMore,
    ...(total === undefined ? {} : { total }),
  };
}

async function visibleListing(deps: Deps, listingId: string, viewer: Viewer): Promise<void> {
  const listing = await getListing(deps.store, listingId);
  if (!listing || !presentListing(listing, viewer)) throw notFound('listing', listingId);
}

/** A page of a listing's suggestions. */
export async function listingSuggestionPage(
  deps: Deps,
  listingId: string,
  query: PageQuery,
  viewer: Viewer,
): Promise<SuggestionPage> {
  await visibleListing(deps, listingId, viewer);
  return pageOf(
    deps,
    query,
    viewer,
    (page) => suggestionsForListing(deps.store, listingId, page),
    () => countForListing(deps.store, listingId),
  );
}

/** A listing's best suggestions, at most MAX_PAGE: what a created or changed listing answers with. */
export async function listingSuggestions(
  deps: Deps,
  listingId: string,
  viewer: Viewer,
): Promise<VisibleSuggestion[]> {
  return (await listingSuggestionPage(deps, listingId, { offset: 0, limit: MAX_PAGE }, viewer)).items;
}

/** A page of the suggestions of a company's listings. */
export async function companySuggestionPage(
  deps: Deps,
  companyId: string,
  query: PageQuery,
  viewer: Viewer,
): Promise<SuggestionPage> {
  if (!(await getCompany(deps.store, companyId))) throw notFound('company', companyId);
  return pageOf(
    deps,
    query,
    viewer,
    (page) => suggestionsForCompany(deps.store, companyId, page),
    () => countForCompany(deps.store, companyId),
  );
}

/** A page of suggestions matching a filter. */
export async function findSuggestions(
  deps: Deps,
  filter: SuggestionFilter,
  query: PageQuery,
  viewer: Viewer,
): Promise<SuggestionPage> {
  return pageOf(
    deps,
    query,
    viewer,
    (page) => searchSuggestions(deps.store, filter, page),
    () => countSuggestions(deps.store, filter),
  );
}

/**
 * Every suggestion matching a filter, read a page at a time (CLI output, evaluation): for callers
 * that write them all out, never for an HTTP answer.
 */
export async function allSuggestions(
  deps: Deps,
  filter: SuggestionFilter,
  viewer: Viewer,
): Promise<VisibleSuggestion[]> {
  const out: VisibleSuggestion[] = [];
  let after: SuggestionCursor | undefined;
  for (;;) {
    // By cursor, not offset: every page starts in the index where the last one ended.
    const page = await searchSuggestions(deps.store, filter, { offset: 0, limit: MAX_PAGE }, after);
    out.push(...(await presentSuggestions(deps, page.items, viewer)));
    const last = page.items.at(-1);
    if (!page.hasMore || !last) return out;
    after = { score: last.score, pairKey: last.pairKey };
  }
}

/** Every active suggestion whose published values a match run computed, as the viewer may see them. */
export function suggestionsOfRun(deps: Deps, runId: string, viewer: Viewer): Promise<VisibleSuggestion[]> {
  return allSuggestions(deps, runFilter(runId), viewer);
}

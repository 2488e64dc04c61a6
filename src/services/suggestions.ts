/**
 * Published suggestions as a caller may see them, a page at a time. The access policy filters them
 * in Cypher (`$access`: a business sees those of its companies; a suggestion with a listing hidden
 * from the caller is not there) and presents them here (domain/presentation.ts presentSuggestion:
 * anonymised listings, and every figure that depends on a distance measured from the locations the
 * caller is shown). Pages are cut in Cypher (best score first, then pair key), at most MAX_PAGE
 * long; an exact total is counted only when asked for.
 */
import { actsFor, type ListingAccess, listingAccess } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import {
  type ProcessorListings,
  presentListing,
  presentSuggestion,
  type VisibleListing,
} from '../domain/presentation.ts';
import { ACCEPTED_STATES, type ReviewRecord, type ReviewState, untouchedState } from '../domain/review.ts';
import type { StoredSuggestion } from '../domain/suggestion.ts';
import { notFound } from '../errors.ts';
import { getCompany } from '../store/company-store.ts';
import { getListingWithFacts } from '../store/listing-store.ts';
import {
  countForCompany,
  countForListing,
  countSuggestions,
  type PresentableSuggestion,
  runFilter,
  type SuggestionCursor,
  type SuggestionFilter,
  type SuggestionPageRows,
  searchQueryName,
  searchSuggestions,
  suggestionsForCompany,
  suggestionsForListing,
} from '../store/match-store.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

/** The longest page a reader gets (the query schemas hold `limit` to it). */
export const MAX_PAGE = 500;

export type VisibleSuggestion = Omit<StoredSuggestion, 'pairKey' | 'offerId' | 'needId'> & {
  offer: VisibleListing;
  need: VisibleListing;
  /** A chain's processor: the need it takes by and the offer it gives by. */
  processor?: ProcessorListings;
  /** Where people have taken it (domain/review.ts): `suggested` until someone acts. */
  reviewState: ReviewState;
};

/**
 * The access of a business to one suggestion it is a party of, as the review workflow widens it:
 * once a facilitator has introduced it (or further), a `private` counterpart is shown anonymised,
 * so that the business can answer; once both businesses (the three of a chain) said they are
 * interested (revealedAt), each sees who the others are.
 */
export function consented(access: ListingAccess, review: ReviewRecord | null | undefined): ListingAccess {
  if (!review || !access.involvedOnly) return access;
  const parties = [review.offerCompanyId, review.needCompanyId];
  // A chain's processor is a party too (matching/chains.ts).
  if (review.processorCompanyId) parties.push(review.processorCompanyId);
  const party = parties.some((id) => access.companyIds.includes(id));
  if (!party) return access;
  let out = access;
  if (review.revealedAt || ACCEPTED_STATES.includes(review.state)) {
    out = { ...out, anonymised: [...new Set([...out.anonymised, 'private' as const])] };
  }
  if (review.revealedAt) {
    out = {
      ...out,
      companyIds: [...new Set([...out.companyIds, ...parties])],
    };
  }
  return out;
}

/** Every listing a suggestion names: its offer and need, and a chain's processor need and offer. */
export const listingIdsOf = (s: Pick<StoredSuggestion, 'offerId' | 'needId' | 'chain'>): string[] =>
  s.chain ? [s.offerId, s.needId, s.chain.processorNeedId, s.chain.processorOfferId] : [s.offerId, s.needId];

/** A chain's processor listings as presentation takes them; undefined for a pair or when one is gone. */
export function processorOf<L>(
  s: Pick<StoredSuggestion, 'chain'>,
  listings: ReadonlyMap<string, L>,
): { need: L; offer: L } | undefined {
  if (!s.chain) return undefined;
  const need = listings.get(s.chain.processorNeedId);
  const offer = listings.get(s.chain.processorOfferId);
  return need && offer ? { need, offer } : undefined;
}

/** Which page: `count` asks for the exact total too. */
export interface PageQuery {
  offset: number;
  limit: number;
  count?: boolean;
}

/** A page of suggestions; `hasMore` says whether more follow. */
export interface SuggestionPage {
  items: VisibleSuggestion[];
  limit: number;
  offset: number;
  hasMore: boolean;
  total?: number;
}

/**
 * A page's suggestions as the caller may see them, from the rows that carry their listings and
 * reviews (store/match-store.ts PresentableSuggestion): nothing more is read.
 */
export function presentRows(access: ListingAccess, rows: PresentableSuggestion[]): VisibleSuggestion[] {
  const out: VisibleSuggestion[] = [];
  for (const { suggestion: s, listings, review } of rows) {
    const offer = listings.get(s.offerId);
    const need = listings.get(s.needId);
    if (!offer || !need) continue;
    const { pairKey: _p, offerId: _o, needId: _n, ...rest } = s;
    const shown = presentSuggestion(consented(access, review), rest, offer, need, processorOf(s, listings));
    if (shown) out.push({ ...shown, reviewState: review?.state ?? untouchedState(s.status) });
  }
  return out;
}

type Read = (page: { offset: number; limit: number }) => Promise<SuggestionPageRows>;

async function pageOf(access: ListingAccess, query: PageQuery, read: Read, count: () => Promise<number>) {
  const page = { offset: query.offset, limit: Math.min(query.limit, MAX_PAGE) };
  const [found, total] = await Promise.all([read(page), query.count ? count() : undefined]);
  return {
    items: presentRows(access, found.items),
    ...page,
    hasMore: found.hasMore,
    ...(total === undefined ? {} : { total }),
  };
}

/** Identical pages asked at once (or within the reuse window) share one read (read-cache.ts). */
function shared(deps: Deps, access: ListingAccess, what: string, load: () => Promise<SuggestionPage>) {
  return deps.reads.get(`suggestions|${what}|${JSON.stringify(access)}`, load);
}

/** A page of a listing's suggestions that the caller may see. */
export async function listingSuggestions(
  deps: Deps,
  caller: Caller,
  listingId: string,
  query: PageQuery,
): Promise<SuggestionPage> {
  requireRole(caller, 'read', 'read suggestions');
  const access = listingAccess(caller);
  return shared(deps, access, `listing|${listingId}|${JSON.stringify(query)}`, async () => {
    const page = { offset: query.offset, limit: Math.min(query.limit, MAX_PAGE) };
    const [rows, total] = await Promise.all([
      suggestionsForListing(deps.store, listingId, access, page),
      query.count ? countForListing(deps.store, listingId, access) : undefined,
    ]);
    // Each row carries the listing itself (as its offer, need or a chain's processor listing), as
    // read for the page: the listing is read on its own only when the page is empty.
    const found =
      rows.items[0]?.listings.get(listingId) ?? (await getListingWithFacts(deps.store, listingId));
    if (!found || !presentListing(access, found.listing, found.facts)) throw notFound('listing', listingId);
    return {
      items: presentRows(access, rows.items),
      ...page,
      hasMore: rows.hasMore,
      ...(total === undefined ? {} : { total }),
    };
  });
}

function listingPage(deps: Deps, access: ListingAccess, listingId: string, query: PageQuery) {
  return pageOf(
    access,
    query,
    (page) => suggestionsForListing(deps.store, listingId, access, page),
    () => countForListing(deps.store, listingId, access),
  );
}

/**
 * The first page of suggestions of a listing the caller has just registered or changed (it acts
 * for it, so sees it): no read-back of the listing, and never a reused answer, since it is read in
 * the transaction that wrote them (listings.ts).
 */
export async function suggestionsOfOwnListing(
  deps: Deps,
  caller: Caller,
  listingId: string,
  query: PageQuery,
): Promise<SuggestionPage> {
  return listingPage(deps, listingAccess(caller), listingId, query);
}

/** A page of the suggestions of a company's listings: only for those who act for the company. */
export async function companySuggestions(
  deps: Deps,
  caller: Caller,
  companyId: string,
  query: PageQuery,
): Promise<SuggestionPage> {
  requireRole(caller, 'read', 'read suggestions');
  const company = await getCompany(deps.store, companyId);
  // A company's suggestions say which listings are its own: only for those who act for it.
  if (!company || !actsFor(caller, company.facts)) throw notFound('company', companyId);
  const access = listingAccess(caller);
  return shared(deps, access, `company|${companyId}|${JSON.stringify(query)}`, () =>
    pageOf(
      access,
      query,
      (page) => suggestionsForCompany(deps.store, companyId, access, page),
      () => countForCompany(deps.store, companyId, access),
    ),
  );
}

/** A page of the suggestions matching a filter that the caller may see. */
export async function findSuggestions(
  deps: Deps,
  caller: Caller,
  filter: SuggestionFilter,
  query: PageQuery,
): Promise<SuggestionPage> {
  requireRole(caller, 'read', 'read suggestions');
  const access = listingAccess(caller);
  return shared(deps, access, `search|${JSON.stringify(filter)}|${JSON.stringify(query)}`, () =>
    pageOf(
      access,
      query,
      (page) => searchSuggestions(deps.store, filter, access, page),
      () => countSuggestions(deps.store, filter, access),
    ),
  );
}

/**
 * Every suggestion matching a filter that the caller may see, read a page at a time (CLI output,
 * evaluation): for callers that write them all out, never for an HTTP answer.
 */
export async function allSuggestions(
  deps: Deps,
  filter: SuggestionFilter,
  caller: Caller,
): Promise<VisibleSuggestion[]> {
  const access = listingAccess(caller);
  const out: VisibleSuggestion[] = [];
  // Which query reads the pages is decided once, not at every page (a municipality's or a circle's
  // share of the sites is one more read).
  const name = await searchQueryName(deps.store, filter, access);
  let after: SuggestionCursor | undefined;
  for (;;) {
    // By cursor, not offset: every page starts in the index where the last one ended.
    const page = await searchSuggestions(
      deps.store,
      filter,
      access,
      { offset: 0, limit: MAX_PAGE },
      after,
      name,
    );
    out.push(...presentRows(access, page.items));
    const last = page.items.at(-1)?.suggestion;
    if (!page.hasMore || !last) return out;
    after = { score: last.score, pairKey: last.pairKey };
  }
}

/** Every active suggestion whose published values a match run computed, as the caller may see them. */
export function suggestionsOfRun(deps: Deps, caller: Caller, runId: string): Promise<VisibleSuggestion[]> {
  return allSuggestions(deps, runFilter(runId), caller);
}

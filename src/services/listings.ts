/**
 * Listings: offers and needs at a company's sites. Created and changed by whoever acts for the
 * company, read as the access policy allows; a change computes the listing's suggestions at once.
 */
import { actsFor, listingAccess, listingView, mayChange } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { circleFilter } from '../domain/circle.ts';
import { newId } from '../domain/ids.ts';
import { type ListingData, ListingInputSchema, ListingPatchSchema } from '../domain/listing.ts';
import { type ListingQuery, toFulltextQuery } from '../domain/listing-query.ts';
import { checkListingReference, materialiseListing } from '../domain/listing-rules.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import { mergePatch } from '../domain/patch.ts';
import { presentListing, type VisibleListing } from '../domain/presentation.ts';
import { CLOSED_STATES } from '../domain/review.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import { contentHash } from '../store/content-hash.ts';
import { type ManagedTransaction, storeOverTransaction } from '../store/driver.ts';
import {
  createListings,
  deleteListing as deleteListingRow,
  getListingWithFacts,
  type ListingWithFacts,
  listingRefTaken,
  searchListings,
  updateListing as updateListingRow,
} from '../store/listing-store.ts';
import { getSite, type SiteRecord } from '../store/site-store.ts';
import { actingAs, enforce, requireRole, staleVersion } from './authorize.ts';
import { backOff, WRITE_ATTEMPTS } from './companies.ts';
import type { Deps } from './deps.ts';
import { refreshListingSuggestions } from './incremental.ts';
import { ReadCache } from './read-cache.ts';
import { type SuggestionPage, suggestionsOfOwnListing, type VisibleSuggestion } from './suggestions.ts';

function checkReference(deps: Deps, data: ListingData): void {
  const problems = checkListingReference(data, deps.reference);
  if (problems.length) throw validationError('listing is not valid', problems);
}

/**
 * The site a listing is placed at, which the caller must act for. A site of another company
 * answers exactly like one that does not exist.
 */
async function usableSite(deps: Deps, caller: Caller, siteId: string): Promise<SiteRecord> {
  const site = await getSite(deps.store, siteId);
  if (!site || !actsFor(caller, { id: site.site.companyId, regions: site.facts.regions })) {
    throw validationError('listing is not valid', [
      { path: 'siteId', message: `no site with id '${siteId}' among the sites you act for` },
    ]);
  }
  return site;
}

const refInUse = (ref: string) =>
  conflict(`the company already has a listing with ref '${ref}'`, [
    { path: 'ref', message: 'is already used by another listing of this company' },
  ]);

export type ListingWithSuggestions = VisibleListing & { suggestions: VisibleSuggestion[] };

export async function createListing(
  deps: Deps,
  caller: Caller,
  body: unknown,
): Promise<ListingWithSuggestions> {
  requireRole(caller, 'listing.change', 'register listings');
  const data = parseOrThrow(ListingInputSchema, body, 'listing');
  checkReference(deps, data);
  const id = newId('li');
  const now = deps.now().toISOString();
  // One transaction (decision 0018): the site, the listing, its suggestions and the answer.
  let written: MatchListing | undefined;
  const answer = await deps.store.write(async (tx) => {
    const inTx = inTransaction(deps, tx);
    const site = await usableSite(inTx, caller, data.siteId);
    const listing = {
      ...materialiseListing(
        data,
        deps.reference,
        { id, companyId: site.site.companyId },
        { createdAt: now, updatedAt: now },
      ),
      version: 1,
    };
    const withSite = { ...listing, lat: site.site.lat, lon: site.site.lon };
    // The ref check, the listing and the refresh's queries go out together: the transaction runs
    // them in the order sent, and a failed check throws, which rolls all of them back.
    const refTaken = listing.ref ? listingRefTaken(tx, listing.companyId, listing.ref, id) : undefined;
    const created = createListings(tx, [listing]);
    const sent = refTaken ? [refTaken, created] : [created];
    const out = await checkedBefore(sent, withSuggestions(inTx, caller, withSite), async () => {
      if (await refTaken) throw refInUse(listing.ref!);
      if (!(await created)) throw notFound('site', data.siteId);
    });
    written = withSite;
    return out;
  });
  if (written) deps.counterparts?.noteWritten(written);
  return answer;
}

/**
 * The service's dependencies inside one open transaction: every store call joins it, and reads
 * are never answered from the read cache (they must see the transaction's own writes).
 */
function inTransaction(deps: Deps, tx: ManagedTransaction): Deps {
  return { ...deps, store: storeOverTransaction(tx, deps.store), reads: UNCACHED };
}
const UNCACHED = new ReadCache({ ttlMs: 0 });

/** A business sees its new or changed listing's suggestions in the same response. */
async function withSuggestions(
  deps: Deps,
  caller: Caller,
  listing: MatchListing,
): Promise<ListingWithSuggestions> {
  let page: Promise<SuggestionPage> | undefined;
  await refreshListingSuggestions(deps, listing, () => {
    page = suggestionsOfOwnListing(deps, caller, listing.id, { offset: 0, limit: 50 });
    return page;
  });
  return { ...listing, anonymised: false, suggestions: (await page!).items };
}

/** The listing as the caller may see it; one it may not see answers exactly like one that does not exist. */
async function readVisible(
  deps: Deps,
  caller: Caller,
  id: string,
): Promise<ListingWithFacts & { out: VisibleListing }> {
  const found = await getListingWithFacts(deps.store, id);
  const out = found ? presentListing(listingAccess(caller), found.listing, found.facts) : null;
  if (!found || !out) throw notFound('listing', id);
  return { ...found, out };
}

export async function getListing(deps: Deps, caller: Caller, id: string): Promise<VisibleListing> {
  const key = `listing|${id}|${JSON.stringify(listingAccess(caller))}`;
  return deps.reads.get(key, async () => (await readVisible(deps, caller, id)).out);
}

/**
 * `then`'s answer once `check` passes. `then` was sent on the transaction behind the queries
 * `check` reads (`sent`; the transaction runs queries in the order sent), so the check costs no
 * round trip of its own. When the check throws, everything sent is let finish first (queries
 * behind a failed one fail with the transaction), so that no query runs on the transaction after
 * it is rolled back, and no failure of theirs goes unhandled.
 */
async function checkedBefore<T>(
  sent: Promise<unknown>[],
  then: Promise<T>,
  check: () => Promise<void>,
): Promise<T> {
  // A check that throws leaves later queries unread: their failure is expected, not unhandled.
  for (const p of [...sent, then]) p.catch(() => {});
  try {
    await check();
  } catch (err) {
    await Promise.allSettled([...sent, then]);
    throw err;
  }
  return then;
}

/** Thrown inside a change's transaction to roll it back and try again (updateListing). */
class ChangedMeanwhile extends Error {}

/** PATCH: named fields replace stored ones (a kind block is replaced whole); kind is fixed; versions guard it. */
export async function updateListing(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
  ifMatch: number | null,
): Promise<ListingWithSuggestions> {
  requireRole(caller, 'listing.change', 'change listings');
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    await backOff(attempt);
    // One transaction (decision 0018): read, check, write, refresh and answer. ChangedMeanwhile:
    // the listing changed between the read and the write (another caller's change); everything
    // this attempt sent is rolled back, and it tries again.
    let written: MatchListing | undefined;
    let answer: ListingWithSuggestions;
    try {
      answer = await deps.store.write(async (tx) => {
        const inTx = inTransaction(deps, tx);
        const current = await readVisible(inTx, caller, id);
        const { listing: stored, facts } = current;
        const identified = listingView(listingAccess(caller), facts) === 'identified';
        enforce(
          mayChange(caller, 'listing.change', { id: stored.companyId, regions: facts.regions }, identified),
          'listing',
          id,
        );
        const version = stored.version ?? 1;
        if (ifMatch !== null && version !== ifMatch) throw staleVersion('listing', id, version);
        const patch = parseOrThrow(ListingPatchSchema, body, 'listing update');
        const {
          id: _i,
          companyId,
          createdAt,
          updatedAt: _u,
          version: _v,
          canonicalQuantity: _q,
          lat: _lat,
          lon: _lon,
          material,
          ...editable
        } = stored;
        const stripped = material ? (({ hazardous: _h, ...m }) => m)(material) : undefined;
        const merged = mergePatch({ ...editable, ...(stripped ? { material: stripped } : {}) }, patch);
        const data = parseOrThrow(ListingInputSchema, merged, 'listing');
        checkReference(deps, data);
        const site = data.siteId === stored.siteId ? null : await usableSite(inTx, caller, data.siteId);
        if (site && site.site.companyId !== companyId) {
          throw validationError('listing is not valid', [
            { path: 'siteId', message: 'a listing moves only between sites of its own company' },
          ]);
        }
        const listing = {
          ...materialiseListing(
            data,
            deps.reference,
            { id, companyId },
            { createdAt, updatedAt: deps.now().toISOString() },
          ),
          version: version + 1,
        };
        const { lat, lon } = site ? site.site : stored;
        const { lat: _a, lon: _b, ...storedListing } = stored;
        if (contentHash(listing) === contentHash(storedListing)) {
          const page = await suggestionsOfOwnListing(inTx, caller, id, { offset: 0, limit: 50 });
          return { ...current.out, suggestions: page.items };
        }
        // A ref the listing already has is its own.
        const refTaken =
          listing.ref && listing.ref !== stored.ref
            ? listingRefTaken(tx, companyId, listing.ref, id)
            : undefined;
        // Suggestions people are working on are flagged for their facilitator, never moved.
        const who = actingAs(deps, caller);
        // Sent together, as in createListing: the write, then the refresh of the listing as written
        // (listing.version is the version the write gives it).
        const updated = updateListingRow(tx, listing, version, { ...who, closed: CLOSED_STATES });
        const withSite = { ...listing, lat, lon };
        const sent = refTaken ? [refTaken, updated] : [updated];
        const out = await checkedBefore(sent, withSuggestions(inTx, caller, withSite), async () => {
          if (await refTaken) throw refInUse(listing.ref!);
          if ((await updated) === null) {
            if (ifMatch !== null) throw staleVersion('listing', id, version + 1);
            throw new ChangedMeanwhile();
          }
        });
        written = withSite;
        return out;
      });
    } catch (err) {
      if (err instanceof ChangedMeanwhile) continue;
      throw err;
    }
    if (written) deps.counterparts?.noteWritten(written);
    return answer;
  }
  throw conflict(`listing '${id}' is being changed by others; try again`);
}

export async function deleteListing(
  deps: Deps,
  caller: Caller,
  id: string,
  ifMatch: number | null,
): Promise<void> {
  requireRole(caller, 'listing.change', 'delete listings');
  const current = await readVisible(deps, caller, id);
  const identified = listingView(listingAccess(caller), current.facts) === 'identified';
  enforce(
    mayChange(
      caller,
      'listing.change',
      { id: current.listing.companyId, regions: current.facts.regions },
      identified,
    ),
    'listing',
    id,
    'delete',
  );
  const version = current.listing.version ?? 1;
  if (ifMatch !== null && version !== ifMatch) throw staleVersion('listing', id, version);
  if (!(await deps.store.write((tx) => deleteListingRow(tx, id, ifMatch, actingAs(deps, caller))))) {
    throw staleVersion('listing', id, version);
  }
  deps.counterparts?.noteDeleted(id);
}

export type ListingPage = {
  items: VisibleListing[];
  limit: number;
  offset: number;
  hasMore: boolean;
  total?: number;
};

/** A page of the listings the caller may see; identical pages asked at once share one read. */
export function listListings(
  deps: Deps,
  caller: Caller,
  q: ListingQuery & { count?: boolean },
): Promise<ListingPage> {
  const key = `listings|${JSON.stringify(listingAccess(caller))}|${JSON.stringify(q)}`;
  return deps.reads.get(key, () => readListingPage(deps, caller, q));
}

async function readListingPage(
  deps: Deps,
  caller: Caller,
  q: ListingQuery & { count?: boolean },
): Promise<ListingPage> {
  const access = listingAccess(caller);
  const page = await searchListings(deps.store, {
    kind: q.kind ?? null,
    direction: q.direction ?? null,
    companyId: q.companyId ?? null,
    siteId: q.siteId ?? null,
    code: q.code ?? null,
    ...circleFilter(q),
    q: q.q ? toFulltextQuery(q.q) : null,
    access,
    offset: q.offset,
    limit: q.limit + 1,
    count: q.count === true,
  });
  const items = page.items
    .slice(0, q.limit)
    .map((r) => presentListing(access, r.listing, r.facts))
    .filter((l): l is VisibleListing => l !== null);
  return {
    items,
    limit: q.limit,
    offset: q.offset,
    hasMore: page.items.length > q.limit,
    ...(page.total !== undefined ? { total: page.total } : {}),
  };
}

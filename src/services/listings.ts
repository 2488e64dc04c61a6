import { circleFilter } from '../domain/circle.ts';
import { idFromRef, newId } from '../domain/ids.ts';
import { type ListingData, ListingInputSchema, ListingPatchSchema } from '../domain/listing.ts';
import { type ListingQuery, toFulltextQuery } from '../domain/listing-query.ts';
import { checkListingReference, materialiseListing } from '../domain/listing-rules.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import { mergePatch } from '../domain/patch.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { canSeeIdentity, canSeePrivate, type Viewer } from '../domain/viewer.ts';
import { presentListing, type VisibleListing } from '../domain/visibility.ts';
import { notFound, validationError } from '../errors.ts';
import { contentHash } from '../store/content-hash.ts';
import {
  deleteListing as deleteListingRow,
  getListing as getListingRow,
  searchListings,
  upsertListings,
} from '../store/listing-store.ts';
import { getSite } from '../store/site-store.ts';
import type { Deps } from './deps.ts';
import { refreshListingSuggestions } from './matching.ts';
import { listingSuggestions, type VisibleSuggestion } from './suggestions.ts';

function checkReference(deps: Deps, data: ListingData): void {
  const problems = checkListingReference(data, deps.reference);
  if (problems.length) throw validationError('listing is not valid', problems);
}

async function siteOf(deps: Deps, siteId: string) {
  const site = await getSite(deps.store, siteId);
  if (!site) {
    throw validationError('listing is not valid', [
      { path: 'siteId', message: `no site with id '${siteId}'` },
    ]);
  }
  return site;
}

export async function createListing(deps: Deps, body: unknown): Promise<ListingWithSuggestions> {
  const data = parseOrThrow(ListingInputSchema, body, 'listing');
  checkReference(deps, data);
  const site = await siteOf(deps, data.siteId);
  const now = deps.now().toISOString();
  const listing = materialiseListing(
    data,
    deps.reference,
    { id: data.ref ? idFromRef('li', data.ref) : newId('li'), companyId: site.companyId },
    { createdAt: now, updatedAt: now },
  );
  await deps.store.write((tx) => upsertListings(tx, [listing]));
  return withSuggestions(deps, { ...listing, lat: site.lat, lon: site.lon });
}

export type ListingWithSuggestions = MatchListing & { suggestions: VisibleSuggestion[] };

/** A business sees its new or changed listing's suggestions in the same response. */
async function withSuggestions(deps: Deps, listing: MatchListing): Promise<ListingWithSuggestions> {
  await refreshListingSuggestions(deps, listing);
  const owner: Viewer = { role: 'business', companyId: listing.companyId };
  return { ...listing, suggestions: await listingSuggestions(deps, listing.id, owner) };
}

export async function getListing(deps: Deps, id: string, viewer: Viewer): Promise<VisibleListing> {
  const listing = await getListingRow(deps.store, id);
  const visible = listing ? presentListing(listing, viewer) : null;
  // A listing the viewer may not see answers exactly like one that does not exist.
  if (!visible) throw notFound('listing', id);
  return visible;
}

/** PATCH: given top-level fields replace stored ones (a kind block is replaced whole); kind is fixed. */
export async function updateListing(deps: Deps, id: string, body: unknown): Promise<ListingWithSuggestions> {
  const current = await getListingRow(deps.store, id);
  if (!current) throw notFound('listing', id);
  const patch = parseOrThrow(ListingPatchSchema, body, 'listing update');
  const {
    id: _i,
    companyId: _co,
    createdAt,
    updatedAt: _u,
    canonicalQuantity: _q,
    lat: _lat,
    lon: _lon,
    material,
    ...editable
  } = current;
  const stripped = material ? (({ hazardous: _h, ...m }) => m)(material) : undefined;
  const merged = mergePatch({ ...editable, ...(stripped ? { material: stripped } : {}) }, patch);
  const data = parseOrThrow(ListingInputSchema, merged, 'listing');
  checkReference(deps, data);
  const site = await siteOf(deps, data.siteId);
  const listing = materialiseListing(
    data,
    deps.reference,
    { id, companyId: site.companyId },
    { createdAt, updatedAt: deps.now().toISOString() },
  );
  const { lat: _la, lon: _lo, ...stored } = current;
  if (contentHash(listing) === contentHash(stored)) {
    // Nothing changed: no write, no new timestamp, the suggestions stand.
    return {
      ...current,
      suggestions: await listingSuggestions(deps, id, { role: 'business', companyId: current.companyId }),
    };
  }
  await deps.store.write((tx) => upsertListings(tx, [listing]));
  return withSuggestions(deps, { ...listing, lat: site.lat, lon: site.lon });
}

export async function deleteListing(deps: Deps, id: string): Promise<void> {
  if (!(await deleteListingRow(deps.store, id))) throw notFound('listing', id);
}

export async function listListings(
  deps: Deps,
  q: ListingQuery,
  viewer: Viewer,
): Promise<{ total: number; items: VisibleListing[]; limit: number; offset: number }> {
  const page = await searchListings(deps.store, {
    kind: q.kind ?? null,
    direction: q.direction ?? null,
    companyId: q.companyId ?? null,
    siteId: q.siteId ?? null,
    code: q.code ?? null,
    ...circleFilter(q),
    q: q.q ? toFulltextQuery(q.q) : null,
    seePrivate: canSeePrivate(viewer),
    seeIdentity: canSeeIdentity(viewer),
    viewerCompanyId: viewer.companyId,
    offset: q.offset,
    limit: q.limit,
  });
  const items = page.items
    .map((l) => presentListing(l, viewer))
    .filter((l): l is VisibleListing => l !== null);
  return { total: page.total, items, limit: q.limit, offset: q.offset };
}

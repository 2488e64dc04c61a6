import type { ListingAccess, ListingFacts } from '../domain/access.ts';
import { type Listing, ListingSchema } from '../domain/listing.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import type { Actor } from '../domain/review.ts';
import type { Outcome } from './company-store.ts';
import { contentHash } from './content-hash.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

/** Listings are stored whole as a JSON document plus flat properties that queries filter on. */
export interface ListingRecord {
  id: string;
  ref: string | null;
  companyId: string;
  siteId: string;
  doc: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  lat: number;
  lon: number;
  municipalityCode: string | null;
  countyCode: string | null;
}

/** What a listing says: no id, timestamps or version (those live on the node). */
type ListingContent = Omit<Listing, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

function contentOf(l: Listing): ListingContent {
  const { id: _i, createdAt: _c, updatedAt: _u, version: _v, ...content } = l;
  return content;
}

function toRow(l: Listing) {
  const codes = l.material?.wasteCodes ?? [];
  return {
    id: l.id,
    siteId: l.siteId,
    createdAt: l.createdAt,
    offerCodes: l.direction === 'offer' ? codes : [],
    acceptedCodes: l.direction === 'need' ? codes : [],
    category: l.material?.category ?? null,
    props: {
      ref: l.ref ?? null,
      companyId: l.companyId,
      siteId: l.siteId,
      kind: l.kind,
      direction: l.direction,
      title: l.title,
      description: l.description ?? null,
      confidentiality: l.confidentiality,
      wasteCodes: codes,
      category: l.material?.category ?? null,
      hazardous: l.material?.hazardous ?? false,
      animalByProductCategory: l.material?.animalByProductCategory ?? null,
      wasteStatus: l.material?.wasteStatus ?? null,
      carrier: l.energy?.carrier ?? null,
      canonicalValue: l.canonicalQuantity.value,
      canonicalUnit: l.canonicalQuantity.unit,
      availableFrom: l.availableFrom ?? null,
      availableTo: l.availableTo ?? null,
      maxDistanceKm: l.maxDistanceKm ?? null,
      updatedAt: l.updatedAt,
      contentHash: contentHash(l),
      doc: JSON.stringify(contentOf(l)),
    },
  };
}

export function fromRecord(r: ListingRecord): MatchListing {
  const listing = parseRow(
    ListingSchema,
    { ...JSON.parse(r.doc), id: r.id, createdAt: r.createdAt, updatedAt: r.updatedAt, version: r.version },
    'Listing',
  );
  return { ...listing, lat: r.lat, lon: r.lon };
}

/** A listing with the facts the access policy decides on (domain/access.ts ListingFacts). */
export interface ListingWithFacts {
  listing: MatchListing;
  facts: ListingFacts;
}

export function listingWithFactsOf(r: ListingRecord): ListingWithFacts {
  const listing = fromRecord(r);
  return {
    listing,
    facts: {
      companyId: listing.companyId,
      confidentiality: listing.confidentiality,
      regions: [r.municipalityCode, r.countyCode].filter((c): c is string => c !== null),
    },
  };
}

/** New listings; false when a listing's site is not of its company (nothing is written then). */
export async function createListings(tx: ManagedTransaction, listings: Listing[]): Promise<boolean> {
  if (listings.length === 0) return true;
  const r = await tx.run(query('listing', 'create'), { rows: listings.map(toRow) });
  return r.records.length === listings.length;
}

/**
 * Writes a changed listing if it still has `expectedVersion`, and flags the reviews still in play
 * of its suggestions (any state but `closed`) as `actor`'s act at `now`: the new version, or null.
 */
export async function updateListing(
  tx: ManagedTransaction,
  l: Listing,
  expectedVersion: number,
  flag: { actor: Actor; now: string; closed: readonly string[] },
): Promise<number | null> {
  const r = await tx
    .run(query('listing', 'update'), {
      row: toRow(l),
      expectedVersion: int(expectedVersion),
      closed: flag.closed,
      now: flag.now,
      actorId: flag.actor.id,
      actorName: flag.actor.name,
      actorRole: flag.actor.role,
    })
    .then(rows<{ version: number }>);
  return r[0]?.version ?? null;
}

/** A listing as `listing.importMany` writes it; built before the transaction, so a retry reuses it. */
export interface ImportListingRow {
  index: number;
  id: string;
  offerCodes: string[];
  acceptedCodes: string[];
  category: string | null;
  props: ReturnType<typeof toRow>['props'];
}

export function importRowOf(index: number, l: Listing): ImportListingRow {
  const { id, offerCodes, acceptedCodes, category, props } = toRow(l);
  // Each code once: a new listing's relationships are created, not merged.
  return {
    index,
    id,
    offerCodes: [...new Set(offerCodes)],
    acceptedCodes: [...new Set(acceptedCodes)],
    category,
    props,
  };
}

/**
 * Imported listings keyed by (company, ref): what happened to each row, by its index. `now` is the
 * creation time of the listings this creates.
 */
export async function importListings(
  tx: ManagedTransaction,
  rowsIn: ImportListingRow[],
  now: string,
): Promise<Map<number, { id: string; outcome: Outcome }>> {
  if (rowsIn.length === 0) return new Map();
  const r = await tx
    .run(query('listing', 'importMany'), { rows: rowsIn, now })
    .then(rows<{ index: number; id: string; outcome: Outcome }>);
  return new Map(r.map((x) => [x.index, { id: x.id, outcome: x.outcome }]));
}

export async function getListing(store: Store, id: string): Promise<MatchListing | null> {
  const r = await store.read((tx) => tx.run(query('listing', 'byId'), { id }).then(rows<ListingRecord>));
  return r[0] ? fromRecord(r[0]) : null;
}

export async function getListingWithFacts(
  store: Store | ManagedTransaction,
  id: string,
): Promise<ListingWithFacts | null> {
  const run = (tx: ManagedTransaction) => tx.run(query('listing', 'byId'), { id }).then(rows<ListingRecord>);
  const r = 'read' in store ? await store.read(run) : await run(store);
  return r[0] ? listingWithFactsOf(r[0]) : null;
}

/** Which (company, ref) pairs are taken, with the listing's id and content hash. */
export async function listingsByCompanyRefs(
  tx: ManagedTransaction,
  keys: { companyId: string; ref: string }[],
): Promise<Map<string, { id: string; contentHash: string }>> {
  const r = await tx
    .run(query('listing', 'refsOfCompanies'), { keys })
    .then(rows<{ companyId: string; ref: string; id: string; contentHash: string }>);
  return new Map(r.map((x) => [`${x.companyId}|${x.ref}`, { id: x.id, contentHash: x.contentHash }]));
}

export async function listingRefTaken(
  tx: ManagedTransaction,
  companyId: string,
  ref: string,
  exceptId: string,
): Promise<boolean> {
  const r = await tx.run(query('listing', 'refTaken'), { companyId, ref, exceptId });
  return r.records.length > 0;
}

export interface ListingFilter {
  kind: string | null;
  direction: string | null;
  companyId: string | null;
  siteId: string | null;
  code: string | null;
  center: { latitude: number; longitude: number } | null;
  radiusM: number | null;
  q: string | null;
  /** domain/access.ts listingAccess(caller). */
  access: ListingAccess;
  offset: number;
  limit: number;
  count: boolean;
}

/** A page of the listings the caller may see; the exact total only when asked for. */
export async function searchListings(
  store: Store,
  f: ListingFilter,
): Promise<{ total?: number; items: ListingWithFacts[] }> {
  const text = f.q !== null;
  const params = { ...f, offset: int(f.offset), limit: int(f.limit) };
  return store.read(async (tx) => {
    const found = await tx
      .run(query('listing', text ? 'searchText' : 'search'), params)
      .then(rows<ListingRecord>);
    const items = found.map(listingWithFactsOf);
    if (!f.count) return { items };
    const total =
      (await tx.run(query('listing', text ? 'countText' : 'count'), params).then(rows<{ total: number }>))[0]
        ?.total ?? 0;
    return { total, items };
  });
}

export async function allListings(store: Store): Promise<MatchListing[]> {
  const r = await store.read((tx) => tx.run(query('listing', 'all')).then(rows<ListingRecord>));
  return r.map(fromRecord);
}

/** A listing's version and where it lies: what tells a kept copy of it from the stored one. */
export interface ListingState {
  id: string;
  version: number;
  lat: number;
  lon: number;
}

/**
 * Listings written since `since` (an ISO time), or at sites written since, listings `ids`, and the
 * counterparts of listing `listingId`'s published pairs, with their state; a deleted one is missing.
 */
export async function listingsChangedSince(
  store: Store,
  since: string,
  ids: readonly string[],
  listingId: string,
): Promise<ListingState[]> {
  return store.read((tx) =>
    tx.run(query('listing', 'changedSince'), { since, ids, listingId }).then(rows<ListingState>),
  );
}

/** These listings as the engine reads them; a deleted one is missing. */
export async function matchListingsByIds(store: Store, ids: readonly string[]): Promise<MatchListing[]> {
  if (ids.length === 0) return [];
  const r = await store.read((tx) => tx.run(query('listing', 'byIds'), { ids }).then(rows<ListingRecord>));
  return r.map(fromRecord);
}

/**
 * Listings that could pair with one listing: the other direction and same kind, within a radius
 * that is never smaller than the pair's real limit (the engine applies the exact rule after).
 */
export async function counterpartListings(
  store: Store,
  of: MatchListing,
  defaultKm: number,
): Promise<MatchListing[]> {
  const r = await store.read((tx) =>
    tx
      .run(query('listing', 'counterparts'), {
        kind: of.kind,
        direction: of.direction === 'offer' ? 'need' : 'offer',
        excludeId: of.id,
        center: { latitude: of.lat, longitude: of.lon },
        ownKm: of.maxDistanceKm ?? null,
        defaultKm,
      })
      .then(rows<ListingRecord>),
  );
  return r.map(fromRecord);
}

/**
 * Listings of the other direction and the same kind within `radiusKm` of one listing, whatever
 * their own limits, with the facts the access policy decides on: what a diagnosis of the listing
 * looks at, near misses beyond reach included.
 */
export async function nearbyCounterparts(
  store: Store,
  of: MatchListing,
  radiusKm: number,
): Promise<ListingWithFacts[]> {
  const r = await store.read((tx) =>
    tx
      .run(query('listing', 'counterparts'), {
        kind: of.kind,
        direction: of.direction === 'offer' ? 'need' : 'offer',
        excludeId: of.id,
        center: { latitude: of.lat, longitude: of.lon },
        ownKm: radiusKm,
        defaultKm: radiusKm,
      })
      .then(rows<ListingRecord>),
  );
  return r.map(listingWithFactsOf);
}

/** Who deletes, and when: the reviews a deletion flags name them (cypher keepReviewed). */
export interface DeletedBy {
  now: string;
  actor: { id: string; name: string; role: string };
}

/** Deletes a listing (and its suggestions) if it has `expectedVersion` (when given). */
export async function deleteListing(
  tx: ManagedTransaction,
  id: string,
  expectedVersion: number | null,
  who: DeletedBy,
): Promise<boolean> {
  const r = await tx
    .run(query('listing', 'delete'), {
      id,
      expectedVersion: expectedVersion === null ? null : int(expectedVersion),
      now: who.now,
      actorId: who.actor.id,
      actorName: who.actor.name,
      actorRole: who.actor.role,
    })
    .then(rows<{ deleted: number }>);
  return (r[0]?.deleted ?? 0) > 0;
}

export async function countAll(
  store: Store,
): Promise<{ companies: number; sites: number; listings: number }> {
  const r = await store.read((tx) =>
    tx.run(query('listing', 'countAll')).then(rows<{ companies: number; sites: number; listings: number }>),
  );
  return r[0] ?? { companies: 0, sites: 0, listings: 0 };
}

export async function listingsByIds(store: Store, ids: string[]): Promise<Map<string, ListingWithFacts>> {
  const r = await store.read((tx) => tx.run(query('listing', 'byIds'), { ids }).then(rows<ListingRecord>));
  return new Map(r.map((rec) => [rec.id, listingWithFactsOf(rec)]));
}

/**
 * The listings of a scope with the facts the access policy decides on: the same named query as
 * listingsInScope (its radius loose in the same way), for reads that present listings to a caller.
 */
export async function listingsWithFactsInScope(
  store: Store,
  scope: { kind?: string; region?: string },
): Promise<ListingWithFacts[]> {
  return (await inScopeRecords(store, scope)).map(listingWithFactsOf);
}

/**
 * The listings of a match run's scope (each filter when given). `radius` is applied loosely here,
 * by Neo4j's distance, widened by 1 % and 1 km: the caller applies the exact rule.
 */
export async function listingsInScope(store: Store, scope: InScope): Promise<MatchListing[]> {
  return (await inScopeRecords(store, scope)).map(fromRecord);
}

interface InScope {
  kind?: string;
  municipality?: string;
  region?: string;
  radius?: { lat: number; lon: number; km: number };
}

/** The rows of `listing.inScope`: each filter when given, a radius widened by 1 % and 1 km. */
async function inScopeRecords(store: Store, scope: InScope): Promise<ListingRecord[]> {
  const { radius } = scope;
  return store.read((tx) =>
    tx
      .run(query('listing', 'inScope'), {
        kind: scope.kind ?? null,
        municipality: scope.municipality ?? null,
        region: scope.region ?? null,
        center: radius ? { latitude: radius.lat, longitude: radius.lon } : null,
        radiusM: radius ? radius.km * 1010 + 1000 : null,
      })
      .then(rows<ListingRecord>),
  );
}

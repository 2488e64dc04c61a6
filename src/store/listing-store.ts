import { type Listing, ListingSchema } from '../domain/listing.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import { contentHash } from './content-hash.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

/** Listings are stored whole as a JSON document plus flat properties that queries filter on. */
interface ListingRecord {
  id: string;
  ref: string | null;
  companyId: string;
  siteId: string;
  doc: string;
  createdAt: string;
  updatedAt: string;
  lat: number;
  lon: number;
}

type ListingContent = Omit<Listing, 'createdAt' | 'updatedAt'>;

function contentOf(l: Listing): ListingContent {
  const { createdAt: _c, updatedAt: _u, ...content } = l;
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
    { ...JSON.parse(r.doc), createdAt: r.createdAt, updatedAt: r.updatedAt },
    'Listing',
  );
  return { ...listing, lat: r.lat, lon: r.lon };
}

export async function upsertListings(tx: ManagedTransaction, listings: Listing[]): Promise<void> {
  if (listings.length === 0) return;
  await tx.run(query('listing', 'upsertMany'), { rows: listings.map(toRow) });
}

export async function getListing(store: Store, id: string): Promise<MatchListing | null> {
  const r = await store.read((tx) => tx.run(query('listing', 'byId'), { id }).then(rows<ListingRecord>));
  return r[0] ? fromRecord(r[0]) : null;
}

export async function listingHashesByRefs(
  tx: ManagedTransaction,
  refs: string[],
): Promise<Map<string, { id: string; contentHash: string; createdAt: string }>> {
  const r = await tx
    .run(query('listing', 'hashesByRefs'), { refs })
    .then(rows<{ ref: string; id: string; contentHash: string; createdAt: string }>);
  return new Map(r.map((x) => [x.ref, x]));
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
  seePrivate: boolean;
  seeIdentity: boolean;
  viewerCompanyId: string | null;
  offset: number;
  limit: number;
}

export async function searchListings(
  store: Store,
  f: ListingFilter,
): Promise<{ total: number; items: MatchListing[] }> {
  const text = f.q !== null;
  const params = { ...f, offset: int(f.offset), limit: int(f.limit) };
  return store.read(async (tx) => {
    const total =
      (await tx.run(query('listing', text ? 'countText' : 'count'), params).then(rows<{ total: number }>))[0]
        ?.total ?? 0;
    const found = await tx
      .run(query('listing', text ? 'searchText' : 'search'), params)
      .then(rows<ListingRecord>);
    return { total, items: found.map(fromRecord) };
  });
}

export async function allListings(store: Store): Promise<MatchListing[]> {
  const r = await store.read((tx) => tx.run(query('listing', 'all')).then(rows<ListingRecord>));
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

export async function deleteListing(store: Store, id: string): Promise<boolean> {
  const r = await store.write((tx) =>
    tx.run(query('listing', 'delete'), { id }).then(rows<{ deleted: number }>),
  );
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

export async function listingsByIds(store: Store, ids: string[]): Promise<Map<string, MatchListing>> {
  const r = await store.read((tx) => tx.run(query('listing', 'byIds'), { ids }).then(rows<ListingRecord>));
  return new Map(r.map((rec) => [rec.id, fromRecord(rec)]));
}

/**
 * The listings of a match run's scope (each filter when given). `radius` is applied loosely here,
 * by Neo4j's distance, widened by 1 % and 1 km: the caller applies the exact rule.
 */
export async function listingsInScope(
  store: Store,
  scope: { kind?: string; municipality?: string; radius?: { lat: number; lon: number; km: number } },
): Promise<MatchListing[]> {
  const { radius } = scope;
  const r = await store.read((tx) =>
    tx
      .run(query('listing', 'inScope'), {
        kind: scope.kind ?? null,
        municipality: scope.municipality ?? null,
        center: radius ? { latitude: radius.lat, longitude: radius.lon } : null,
        radiusM: radius ? radius.km * 1010 + 1000 : null,
      })
      .then(rows<ListingRecord>),
  );
  return r.map(fromRecord);
}

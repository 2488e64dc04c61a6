import type { SiteFacts } from '../domain/access.ts';
import { type Site, SiteSchema } from '../domain/site.ts';
import type { Outcome } from './company-store.ts';
import { contentHash } from './content-hash.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import type { DeletedBy } from './listing-store.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

/** A site as stored: its coarse grid point (for anonymised listings) stays in the store. */
export type StoredSite = Site & { coarseLat: number; coarseLon: number };

function fromNode(node: Record<string, unknown>): Site {
  const { contentHash: _h, coarseLat: _a, coarseLon: _o, ...stored } = node;
  const clean = Object.fromEntries(Object.entries(stored).filter(([, v]) => v != null));
  return parseRow(SiteSchema, { version: 1, ...clean }, 'Site');
}

/** The properties a site is stored with (its id, createdAt and version are set apart). */
export function siteProps(s: StoredSite): Record<string, unknown> {
  const { id: _i, createdAt: _c, version: _v, ...rest } = s;
  return {
    ...rest,
    contentHash: contentHash(s),
    ref: s.ref ?? null,
    name: s.name ?? null,
    address: s.address ?? null,
    municipality: s.municipality ?? null,
    municipalityCode: s.municipalityCode ?? null,
    countyCode: s.countyCode ?? null,
  };
}

export interface SiteRecord {
  site: Site;
  facts: SiteFacts;
}

const regionsOf = (s: Site) => [s.municipalityCode, s.countyCode].filter((c): c is string => c !== undefined);

function recordOf(rec: { get(key: string): unknown }): SiteRecord {
  const site = fromNode(rec.get('site') as Record<string, unknown>);
  return {
    site,
    facts: {
      companyId: site.companyId,
      regions: regionsOf(site),
      hasPublicListing: rec.get('hasPublicListing') as boolean,
    },
  };
}

export async function createSite(tx: ManagedTransaction, s: StoredSite): Promise<boolean> {
  const r = await tx.run(query('site', 'create'), {
    props: { ...siteProps(s), id: s.id, createdAt: s.createdAt },
  });
  return r.records.length > 0;
}

export async function updateSite(
  tx: ManagedTransaction,
  s: StoredSite,
  expectedVersion: number,
): Promise<number | null> {
  const r = await tx
    .run(query('site', 'update'), { id: s.id, props: siteProps(s), expectedVersion: int(expectedVersion) })
    .then(rows<{ version: number }>);
  return r[0]?.version ?? null;
}

/**
 * Imported sites keyed by (company, ref); what happened to each row, by its index. `now` is the
 * creation time of the sites this creates.
 */
export async function importSites(
  tx: ManagedTransaction,
  sites: { index: number; site: StoredSite }[],
  now: string,
): Promise<Map<number, { id: string; outcome: Outcome }>> {
  if (sites.length === 0) return new Map();
  const r = await tx
    .run(query('site', 'importMany'), {
      rows: sites.map(({ index, site }) => ({ index, id: site.id, props: siteProps(site) })),
      now,
    })
    .then(rows<{ index: number; id: string; outcome: Outcome }>);
  return new Map(r.map((x) => [x.index, { id: x.id, outcome: x.outcome }]));
}

export async function getSite(store: Store | ManagedTransaction, id: string): Promise<SiteRecord | null> {
  const run = (tx: ManagedTransaction) => tx.run(query('site', 'byId'), { id });
  const r = 'read' in store ? await store.read(run) : await run(store);
  const rec = r.records[0];
  return rec ? recordOf(rec) : null;
}

export async function sitesOfCompany(
  store: Store,
  companyId: string,
  page: { offset: number; limit: number; onlyPublic: boolean },
): Promise<SiteRecord[]> {
  const r = await store.read((tx) =>
    tx.run(query('site', 'byCompany'), {
      companyId,
      onlyPublic: page.onlyPublic,
      offset: int(page.offset),
      limit: int(page.limit),
    }),
  );
  return r.records.map(recordOf);
}

export interface SiteRef {
  ref: string;
  id: string;
  companyId: string;
  companyRef?: string;
  contentHash: string;
  regions: string[];
}

interface SiteRefRow {
  ref: string;
  id: string;
  companyId: string;
  companyRef?: string;
  contentHash: string;
  municipalityCode: string | null;
  countyCode: string | null;
}

const siteRefOf = (x: SiteRefRow): SiteRef => ({
  ref: x.ref,
  id: x.id,
  companyId: x.companyId,
  ...(x.companyRef ? { companyRef: x.companyRef } : {}),
  contentHash: x.contentHash,
  regions: [x.municipalityCode, x.countyCode].filter((c): c is string => c !== null),
});

/** The sites with a ref of these companies. */
export async function sitesOfCompanies(tx: ManagedTransaction, companyIds: string[]): Promise<SiteRef[]> {
  const r = await tx.run(query('site', 'byCompanyRefs'), { companyIds }).then(rows<SiteRefRow>);
  return r.map(siteRefOf);
}

/** Sites with these refs at companies of the staff registry, however many share a ref. */
export async function registrySitesByRefs(tx: ManagedTransaction, refs: string[]): Promise<SiteRef[]> {
  const r = await tx.run(query('site', 'byRefsInRegistry'), { refs }).then(rows<SiteRefRow>);
  return r.map(siteRefOf);
}

export async function siteRefTaken(tx: ManagedTransaction, companyId: string, ref: string, exceptId: string) {
  const r = await tx.run(query('site', 'refTaken'), { companyId, ref, exceptId });
  return r.records.length > 0;
}

export async function siteListingCount(store: Store, id: string): Promise<number> {
  const r = await store.read((tx) =>
    tx.run(query('site', 'listingCount'), { id }).then(rows<{ listings: number }>),
  );
  return r[0]?.listings ?? 0;
}

export async function deleteSite(
  tx: ManagedTransaction,
  id: string,
  expectedVersion: number | null,
  who: DeletedBy,
): Promise<boolean> {
  const r = await tx
    .run(query('site', 'delete'), {
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

/** Sites stored before regions came from coordinates, a batch at a time. */
export async function sitesWithoutRegion(store: Store, limit: number) {
  return store.read((tx) =>
    tx
      .run(query('site', 'withoutRegion'), { limit: int(limit) })
      .then(rows<{ id: string; lat: number; lon: number }>),
  );
}

export async function setSiteRegions(
  store: Store,
  rowsIn: {
    id: string;
    municipalityCode: string | null;
    countyCode: string | null;
    coarseLat: number;
    coarseLon: number;
  }[],
): Promise<void> {
  await store.write((tx) => tx.run(query('site', 'setRegions'), { rows: rowsIn }));
}

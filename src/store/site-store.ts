import { type Site, SiteSchema } from '../domain/site.ts';
import { contentHash } from './content-hash.ts';
import { type ManagedTransaction, rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

function fromNode(node: Record<string, unknown>): Site {
  const { contentHash: _h, ...stored } = node;
  const clean = Object.fromEntries(Object.entries(stored).filter(([, v]) => v != null));
  return parseRow(SiteSchema, clean, 'Site');
}

function toProps(s: Site): Record<string, unknown> {
  const { createdAt: _c, ...rest } = s;
  return {
    ...rest,
    contentHash: contentHash(s),
    ref: s.ref ?? null,
    name: s.name ?? null,
    address: s.address ?? null,
    municipality: s.municipality ?? null,
  };
}

export async function upsertSites(tx: ManagedTransaction, sites: Site[]): Promise<void> {
  if (sites.length === 0) return;
  await tx.run(query('site', 'upsertMany'), {
    rows: sites.map((s) => ({ id: s.id, createdAt: s.createdAt, props: toProps(s) })),
  });
}

export async function getSite(store: Store, id: string): Promise<Site | null> {
  const r = await store.read((tx) => tx.run(query('site', 'byId'), { id }));
  const node = r.records[0]?.get('site') as Record<string, unknown> | undefined;
  return node ? fromNode(node) : null;
}

export async function sitesOfCompany(store: Store, companyId: string): Promise<Site[]> {
  const r = await store.read((tx) => tx.run(query('site', 'byCompany'), { companyId }));
  return r.records.map((rec) => fromNode(rec.get('site') as Record<string, unknown>));
}

export async function sitesByRefs(
  tx: ManagedTransaction,
  refs: string[],
): Promise<Map<string, { id: string; companyId: string; contentHash: string; createdAt: string }>> {
  const r = await tx
    .run(query('site', 'byRefs'), { refs })
    .then(rows<{ ref: string; id: string; companyId: string; contentHash: string; createdAt: string }>);
  return new Map(r.map((x) => [x.ref, x]));
}

export async function siteListingCount(store: Store, id: string): Promise<number> {
  const r = await store.read((tx) =>
    tx.run(query('site', 'listingCount'), { id }).then(rows<{ listings: number }>),
  );
  return r[0]?.listings ?? 0;
}

export async function deleteSite(store: Store, id: string): Promise<void> {
  await store.write((tx) => tx.run(query('site', 'delete'), { id }));
}

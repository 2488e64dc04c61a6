import { type Company, CompanySchema } from '../domain/company.ts';
import { contentHash } from './content-hash.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

/** Neo4j has no map properties: the contact is stored flat and rebuilt on the way out. */
function toProps(c: Company): Record<string, unknown> {
  const { contact, ...rest } = c;
  const { createdAt: _c, ...props } = rest;
  return {
    ...props,
    contentHash: contentHash(c),
    ref: c.ref ?? null,
    orgNumber: c.orgNumber ?? null,
    contactName: contact?.name ?? null,
    contactEmail: contact?.email ?? null,
    contactPhone: contact?.phone ?? null,
  };
}

export function fromNode(node: Record<string, unknown>): Company {
  const { contactName, contactEmail, contactPhone, ...rest } = node;
  const contact = Object.fromEntries(
    Object.entries({ name: contactName, email: contactEmail, phone: contactPhone }).filter(
      ([, v]) => v != null,
    ),
  );
  const { contentHash: _h, ...stored } = rest;
  const clean = Object.fromEntries(Object.entries(stored).filter(([, v]) => v != null));
  return parseRow(
    CompanySchema,
    { ...clean, ...(Object.keys(contact).length ? { contact } : {}) },
    'Company',
  );
}

export async function upsertCompanies(tx: ManagedTransaction, companies: Company[]): Promise<void> {
  if (companies.length === 0) return;
  await tx.run(query('company', 'upsertMany'), {
    rows: companies.map((c) => ({ id: c.id, createdAt: c.createdAt, props: toProps(c) })),
  });
}

export async function companyHashesByRefs(
  tx: ManagedTransaction,
  refs: string[],
): Promise<Map<string, { id: string; contentHash: string; createdAt: string }>> {
  const r = await tx
    .run(query('company', 'hashesByRefs'), { refs })
    .then(rows<{ ref: string; id: string; contentHash: string; createdAt: string }>);
  return new Map(r.map((x) => [x.ref, x]));
}

export async function getCompany(store: Store, id: string): Promise<Company | null> {
  const r = await store.read((tx) => tx.run(query('company', 'byId'), { id }));
  const node = r.records[0]?.get('company') as Record<string, unknown> | undefined;
  return node ? fromNode(node) : null;
}

export async function listCompanies(
  store: Store,
  filter: { q: string | null; offset: number; limit: number },
): Promise<{ total: number; items: Company[] }> {
  const params = { ...filter, offset: int(filter.offset), limit: int(filter.limit) };
  return store.read(async (tx) => {
    const total =
      (await tx.run(query('company', 'count'), params).then(rows<{ total: number }>))[0]?.total ?? 0;
    const found = await tx.run(query('company', 'list'), params);
    return { total, items: found.records.map((r) => fromNode(r.get('company') as Record<string, unknown>)) };
  });
}

export async function companyCounts(store: Store, id: string): Promise<{ sites: number; listings: number }> {
  const r = await store.read((tx) =>
    tx.run(query('company', 'counts'), { id }).then(rows<{ sites: number; listings: number }>),
  );
  return r[0] ?? { sites: 0, listings: 0 };
}

export async function deleteCompany(store: Store, id: string): Promise<void> {
  await store.write((tx) => tx.run(query('company', 'delete'), { id }));
}

export async function companiesByOrgNumbers(
  tx: ManagedTransaction,
  orgNumbers: string[],
): Promise<Map<string, { id: string; ref: string | null }>> {
  const r = await tx
    .run(query('company', 'byOrgNumbers'), { orgNumbers })
    .then(rows<{ orgNumber: string; id: string; ref: string | null }>);
  return new Map(r.map((x) => [x.orgNumber, { id: x.id, ref: x.ref }]));
}

import type { CompanyFacts } from '../domain/access.ts';
import { type Company, CompanySchema } from '../domain/company.ts';
import { contentHash } from './content-hash.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import type { DeletedBy } from './listing-store.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

/** A company as stored: the ref namespace of whoever registered it stays in the store. */
export type StoredCompany = Company & { refScope: string };

/** Neo4j has no map properties: the contact is stored flat and rebuilt on the way out. */
export function companyProps(c: StoredCompany): Record<string, unknown> {
  const { contact, id: _i, createdAt: _c, version: _v, ...rest } = c;
  const { refScope: _s, ...content } = c;
  return {
    ...rest,
    contentHash: contentHash(content),
    ref: c.ref ?? null,
    orgNumber: c.orgNumber ?? null,
    contactName: contact?.name ?? null,
    contactEmail: contact?.email ?? null,
    contactPhone: contact?.phone ?? null,
  };
}

export function fromNode(node: Record<string, unknown>): StoredCompany {
  const { contactName, contactEmail, contactPhone, contentHash: _h, refScope, ...rest } = node;
  const contact = Object.fromEntries(
    Object.entries({ name: contactName, email: contactEmail, phone: contactPhone }).filter(
      ([, v]) => v != null,
    ),
  );
  const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v != null));
  const company = parseRow(
    CompanySchema,
    { version: 1, ...clean, ...(Object.keys(contact).length ? { contact } : {}) },
    'Company',
  );
  return { ...company, refScope: typeof refScope === 'string' ? refScope : 'registry' };
}

export interface CompanyRecord {
  company: StoredCompany;
  facts: CompanyFacts;
}

function recordOf(rec: { get(key: string): unknown }): CompanyRecord {
  const company = fromNode(rec.get('company') as Record<string, unknown>);
  return {
    company,
    facts: {
      id: company.id,
      regions: rec.get('regions') as string[],
      hasPublicListing: rec.get('hasPublicListing') as boolean,
    },
  };
}

export async function createCompany(tx: ManagedTransaction, c: StoredCompany): Promise<void> {
  await tx.run(query('company', 'create'), {
    props: { ...companyProps(c), id: c.id, createdAt: c.createdAt },
  });
}

/** Writes a changed company if it still has `expectedVersion`; returns the new version or null. */
export async function updateCompany(
  tx: ManagedTransaction,
  c: StoredCompany,
  expectedVersion: number,
): Promise<number | null> {
  const r = await tx
    .run(query('company', 'update'), {
      id: c.id,
      props: companyProps(c),
      expectedVersion: int(expectedVersion),
    })
    .then(rows<{ version: number }>);
  return r[0]?.version ?? null;
}

export type Outcome = 'created' | 'updated' | 'unchanged';

/**
 * Imported companies keyed by (refScope, ref); what happened to each row, by its index. `now` is the
 * creation time of the companies this creates.
 */
export async function importCompanies(
  tx: ManagedTransaction,
  companies: { index: number; company: StoredCompany }[],
  now: string,
): Promise<Map<number, { id: string; outcome: Outcome }>> {
  if (companies.length === 0) return new Map();
  const r = await tx
    .run(query('company', 'importMany'), {
      rows: companies.map(({ index, company }) => ({ index, id: company.id, props: companyProps(company) })),
      now,
    })
    .then(rows<{ index: number; id: string; outcome: Outcome }>);
  return new Map(r.map((x) => [x.index, { id: x.id, outcome: x.outcome }]));
}

export async function companiesByRefs(
  tx: ManagedTransaction,
  refScope: string,
  refs: string[],
): Promise<Map<string, { id: string; contentHash: string; createdAt: string; regions: string[] }>> {
  const r = await tx
    .run(query('company', 'byRefs'), { refScope, refs })
    .then(rows<{ ref: string; id: string; contentHash: string; createdAt: string; regions: string[] }>);
  return new Map(r.map((x) => [x.ref, x]));
}

export async function getCompany(
  store: Store | ManagedTransaction,
  id: string,
): Promise<CompanyRecord | null> {
  const run = (tx: ManagedTransaction) => tx.run(query('company', 'byId'), { id });
  const r = 'read' in store ? await store.read(run) : await run(store);
  const rec = r.records[0];
  return rec ? recordOf(rec) : null;
}

export async function refTaken(
  tx: ManagedTransaction,
  refScope: string,
  ref: string,
  exceptId: string,
): Promise<boolean> {
  const r = await tx.run(query('company', 'refTaken'), { refScope, ref, exceptId });
  return r.records.length > 0;
}

export async function listCompanies(
  store: Store,
  filter: { q: string | null; offset: number; limit: number; count: boolean; companyAccess: unknown },
): Promise<{ total?: number; items: CompanyRecord[] }> {
  const params = { ...filter, offset: int(filter.offset), limit: int(filter.limit) };
  return store.read(async (tx) => {
    const items = (await tx.run(query('company', 'list'), params)).records.map(recordOf);
    if (!filter.count) return { items };
    const total =
      (await tx.run(query('company', 'count'), params).then(rows<{ total: number }>))[0]?.total ?? 0;
    return { total, items };
  });
}

export async function companyCounts(store: Store, id: string): Promise<{ sites: number; listings: number }> {
  const r = await store.read((tx) =>
    tx.run(query('company', 'counts'), { id }).then(rows<{ sites: number; listings: number }>),
  );
  return r[0] ?? { sites: 0, listings: 0 };
}

/** Deletes a company with what belongs to it, if it has `expectedVersion` (when given). */
export async function deleteCompany(
  tx: ManagedTransaction,
  id: string,
  expectedVersion: number | null,
  who: DeletedBy,
): Promise<boolean> {
  const r = await tx
    .run(query('company', 'delete'), {
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

export async function companiesByOrgNumbers(
  tx: ManagedTransaction,
  orgNumbers: string[],
): Promise<Map<string, { id: string }>> {
  const r = await tx
    .run(query('company', 'byOrgNumbers'), { orgNumbers })
    .then(rows<{ orgNumber: string; id: string }>);
  return new Map(r.map((x) => [x.orgNumber, { id: x.id }]));
}

/** Every company with this ref, whatever namespace it is in. */
export async function companyIdsByRef(store: Store, ref: string): Promise<string[]> {
  const r = await store.read((tx) =>
    tx.run(query('company', 'idsByRef'), { ref }).then(rows<{ id: string }>),
  );
  return r.map((x) => x.id);
}

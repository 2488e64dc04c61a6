/**
 * The anchor of the import benchmark (issue 14): the rows importDocument would store for a document
 * (same labels, properties and relationships), written with plain batched `UNWIND $rows AS row
 * CREATE ...` into the same Neo4j, timed, then deleted. importDocument should stay within 3x of it.
 * The rows are built before the clock starts: the anchor measures the database's share alone. A
 * sample is written and deleted first, to warm the JVM up.
 */
import { ImportCompanySchema, ImportListingSchema } from '../src/domain/import-document.ts';
import { materialiseListing } from '../src/domain/listing-rules.ts';
import { industryDivision } from '../src/domain/reference.ts';
import type { Deps } from '../src/services/deps.ts';
import { placeOf } from '../src/services/sites.ts';
import { companyProps } from '../src/store/company-store.ts';
import { importRowOf } from '../src/store/listing-store.ts';
import { query } from '../src/store/queries.ts';
import { siteProps } from '../src/store/site-store.ts';

const BATCH = 10_000;

interface AnchorRows {
  now: string;
  companies: { id: string; props: Record<string, unknown> }[];
  sites: { id: string; props: Record<string, unknown> }[];
  listings: ReturnType<typeof importRowOf>[];
}

/** The document's rows as importDocument stores them (the document is assumed valid). */
export function anchorRows(deps: Deps, document: { companies: unknown[]; listings: unknown[] }): AnchorRows {
  const now = deps.now().toISOString();
  const stamps = { createdAt: now, updatedAt: now, version: 1 };
  const out: AnchorRows = { now, companies: [], sites: [], listings: [] };
  const siteOf = new Map<string, { id: string; companyId: string }>();
  document.companies.forEach((raw, i) => {
    const { sites, ...row } = ImportCompanySchema.parse(raw);
    const id = `co_anchor${i}`;
    const company = { ...row, id, refScope: 'registry', industryDivision: industryDivision(row.industry) };
    out.companies.push({ id, props: companyProps({ ...company, ...stamps }) });
    sites.forEach((s, j) => {
      const siteId = `si_anchor${i}_${j}`;
      const site = { ...s, ...placeOf(deps, s.lat, s.lon), id: siteId, companyId: id, ...stamps };
      out.sites.push({ id: siteId, props: siteProps(site) });
      siteOf.set(s.ref, { id: siteId, companyId: id });
    });
  });
  document.listings.forEach((raw, i) => {
    const { site: siteRef, company: _c, ...data } = ImportListingSchema.parse(raw);
    const site = siteOf.get(siteRef)!;
    const listing = materialiseListing(
      { ...data, siteId: site.id },
      deps.reference,
      { id: `li_anchor${i}`, companyId: site.companyId },
      { createdAt: now, updatedAt: now },
    );
    out.listings.push(importRowOf(i, { ...listing, version: 1 }));
  });
  return out;
}

/**
 * The first `n` listings with the companies and sites they need: a warm-up, so that the timed anchor
 * does not pay the JVM's compilation of Neo4j's write path alone (the import after it would not).
 */
export function anchorSample(rows: AnchorRows, n: number): AnchorRows {
  const listings = rows.listings.slice(0, n);
  const siteIds = new Set(listings.map((l) => l.props.siteId));
  const sites = rows.sites.filter((s) => siteIds.has(s.id));
  const companyIds = new Set(sites.map((s) => s.props['companyId']));
  return { now: rows.now, companies: rows.companies.filter((c) => companyIds.has(c.id)), sites, listings };
}

/** Writes the rows in batches of 10,000, one transaction each; wall-clock ms. */
export async function writeAnchor(deps: Deps, rows: AnchorRows): Promise<number> {
  const t0 = performance.now();
  for (const [name, all] of [
    ['anchorCompanies', rows.companies],
    ['anchorSites', rows.sites],
    ['anchorListings', rows.listings],
  ] as const) {
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      await deps.store.write((tx) => tx.run(query('bench', name), { rows: batch, now: rows.now }));
    }
  }
  return performance.now() - t0;
}

/** Deletes every company, site and listing (the anchor's database held none before it). */
export async function deleteAnchor(deps: Deps): Promise<void> {
  const session = deps.store.driver.session();
  try {
    await session.run(query('bench', 'anchorDelete'));
  } finally {
    await session.close();
  }
}

/** A copy of a run's suggestions inside Neo4j: how long it took and Neo4j's CPU meanwhile, ms. */
export interface RunAnchorCopy {
  ms: number;
  dbCpuMs: number;
}

/**
 * The bound on a first run's writes (issue 14): the active suggestions a run published, copied
 * inside Neo4j (cypher/bench.cypher `runAnchorNodes`, `runAnchorRelationships`): no row crosses
 * Bolt, nothing is checked, and the copies have no index or constraint. Each copy is deleted
 * after it is timed. `dbCpuMs` reads Neo4j's CPU time (0 where it cannot be read).
 */
export async function copyRunAnchor(
  deps: Deps,
  dbCpuMs: () => number,
): Promise<{ suggestions: number; nodes: RunAnchorCopy; relationships: RunAnchorCopy }> {
  const session = deps.store.driver.session();
  try {
    const counted = await session.run(query('bench', 'runAnchorCount'));
    const suggestions = Number(counted.records[0]!.get('n'));
    const timed = async (name: string): Promise<RunAnchorCopy> => {
      const c0 = dbCpuMs();
      const t0 = performance.now();
      await session.run(query('bench', name));
      const copy = { ms: performance.now() - t0, dbCpuMs: dbCpuMs() - c0 };
      await session.run(query('bench', `${name}Delete`));
      return copy;
    };
    return {
      suggestions,
      nodes: await timed('runAnchorNodes'),
      relationships: await timed('runAnchorRelationships'),
    };
  } finally {
    await session.close();
  }
}

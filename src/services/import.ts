/**
 * Bulk import of the public interchange format (domain/import-document.ts), for facilitators and
 * admins. Every row is validated on its own; each bad row is reported (row, field, reason) and
 * none of it is written; good rows are written in batched transactions. Rows are keyed by their
 * owner's natural keys — a company by its ref in the staff registry, a site or listing by its ref
 * within its company — and an import changes only rows of companies the caller acts for. What
 * happened to each row (created, updated, unchanged) is decided inside the writing transaction,
 * so concurrent imports each report what they actually did.
 */
import { actsFor, inRegions } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { newId } from '../domain/ids.ts';
import {
  type ImportCompany,
  ImportCompanySchema,
  ImportEnvelopeSchema,
  type ImportListing,
  ImportListingSchema,
} from '../domain/import-document.ts';
import type { Listing } from '../domain/listing.ts';
import { checkListingReference, materialiseListing } from '../domain/listing-rules.ts';
import { industryDivision } from '../domain/reference.ts';
import { CLOSED_STATES } from '../domain/review.ts';
import { unsafeTextDetails } from '../domain/text-safety.ts';
import { issuesToDetails, parseOrThrow } from '../domain/validate.ts';
import { formatPath, validationError } from '../errors.ts';
import {
  companiesByOrgNumbers,
  companiesByRefs,
  importCompanies,
  type Outcome,
  type StoredCompany,
} from '../store/company-store.ts';
import { contentHash } from '../store/content-hash.ts';
import {
  type ImportListingRow,
  importListings,
  importRowOf,
  listingsByCompanyRefs,
} from '../store/listing-store.ts';
import { flagReviewsOfListings } from '../store/review-store.ts';
import {
  importSites,
  registrySitesByRefs,
  type SiteRef,
  type StoredSite,
  sitesOfCompanies,
} from '../store/site-store.ts';
import { actingAs, requireRole } from './authorize.ts';
import { checkIndustry } from './companies.ts';
import type { Deps } from './deps.ts';
import { placeOf } from './sites.ts';

/**
 * Rows per write transaction: large batches share each transaction's fixed cost (commit, index and
 * fulltext updates, round trips) among many rows, up to `max` (5,000 listings stay well inside
 * Neo4j's transaction memory); a mid-sized document still takes about four, so progress is
 * reported and a failure part-way leaves whole batches behind.
 */
const BATCH = { companies: { min: 250, max: 2000 }, listings: { min: 500, max: 5000 } };
const batchOf = (rows: number, { min, max }: { min: number; max: number }) =>
  Math.min(max, Math.max(min, Math.ceil(rows / 4)));
/** Rows validated between two yields to the event loop, so a large import never stalls other requests. */
const YIELD_EVERY = 500;
const REGISTRY = 'registry';

export type ImportSection = 'companies' | 'listings';

export interface ImportRowError {
  section: ImportSection;
  /** Index of the row in its section (0-based), or the CSV line when imported from CSV. */
  row: number;
  ref?: string;
  path: string;
  message: string;
}

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportSummary {
  dryRun: boolean;
  companies: Tally;
  sites: Omit<Tally, 'rejected'>;
  listings: Tally;
  errors: ImportRowError[];
}

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Maps a row index to what the user should see (CSV line numbers); identity by default. */
  rowNumber?: (section: ImportSection, index: number) => number;
  /** Names a field of a row for the user (CSV column names); `section[i].path` by default. */
  fieldName?: (section: ImportSection, index: number, path: string) => string;
  /** Rows per write transaction (companies with their sites; listings); for tests of batch boundaries. */
  batchSize?: { companies?: number; listings?: number };
}

const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 });
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface CompanyPlan {
  index: number;
  company: StoredCompany;
  /** The document's site rows of this company, by their index in `sites`. */
  sites: StoredSite[];
  existing: boolean;
}

interface ListingPlan {
  index: number;
  row: ImportListing;
  /** A site of this document (by ref, resolved to an id once its company is written) or a stored one. */
  site: { docRef: string; companyRef: string } | { stored: SiteRef };
}

export async function importDocument(
  deps: Deps,
  caller: Caller,
  document: unknown,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  requireRole(caller, 'import', 'import documents');
  const envelope = parseOrThrow(ImportEnvelopeSchema, document, 'import document');
  if (!('companies' in (document as object)) && !('listings' in (document as object))) {
    throw validationError('import document is not valid', [
      { path: 'companies', message: 'a document needs companies, listings or both' },
    ]);
  }
  const rowNumber = opts.rowNumber ?? ((_s, i) => i);
  const fieldName = opts.fieldName ?? ((s, i, p) => (p ? `${s}[${i}].${p}` : `${s}[${i}]`));
  const summary: ImportSummary = {
    dryRun: opts.dryRun ?? false,
    companies: emptyTally(),
    sites: { created: 0, updated: 0, unchanged: 0 },
    listings: emptyTally(),
    errors: [],
  };
  const rejected = { companies: new Set<number>(), listings: new Set<number>() };
  const fail = (
    section: ImportSection,
    index: number,
    ref: string | undefined,
    path: string,
    message: string,
  ) => {
    rejected[section].add(index);
    summary.errors.push({
      section,
      row: rowNumber(section, index),
      ...(ref ? { ref } : {}),
      path: fieldName(section, index, path),
      message,
    });
  };
  const refOf = (raw: unknown): string | undefined => {
    const r = (raw as { ref?: unknown } | null)?.ref;
    return typeof r === 'string' ? r : undefined;
  };

  /** A row holding NUL or a lone surrogate is rejected whole: nothing of it can be stored as sent. */
  const refuseUnsafeText = (section: ImportSection, index: number, raw: unknown): boolean => {
    const unsafe = unsafeTextDetails(raw);
    const ref = unsafe.some((d) => d.path === 'ref') ? undefined : refOf(raw);
    for (const d of unsafe) fail(section, index, ref, d.path === '(body)' ? '' : d.path, d.message);
    return unsafe.length > 0;
  };

  // 1. Companies and their sites, each row on its own.
  const companyRows: { index: number; row: ImportCompany }[] = [];
  const seenCompanyRefs = new Map<string, number>();
  const seenOrgNumbers = new Map<string, number>();
  const fileSites = new Map<string, { companyIndex: number; companyRef: string }>();
  for (const [index, raw] of envelope.companies.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    if (refuseUnsafeText('companies', index, raw)) continue;
    const parsed = ImportCompanySchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const d of issuesToDetails(parsed.error.issues))
        fail('companies', index, refOf(raw), d.path, d.message);
      continue;
    }
    const row = parsed.data;
    for (const d of checkIndustry(row.industry, deps.reference))
      fail('companies', index, row.ref, d.path, d.message);
    const dupe = seenCompanyRefs.get(row.ref);
    if (dupe !== undefined)
      fail('companies', index, row.ref, 'ref', `duplicates the ref of row ${rowNumber('companies', dupe)}`);
    const other = row.orgNumber ? seenOrgNumbers.get(row.orgNumber) : undefined;
    if (other !== undefined)
      fail(
        'companies',
        index,
        row.ref,
        'orgNumber',
        `duplicates the orgNumber of row ${rowNumber('companies', other)}`,
      );
    row.sites.forEach((site, j) => {
      if (fileSites.has(site.ref))
        fail(
          'companies',
          index,
          row.ref,
          formatPath(['sites', j, 'ref']),
          `site ref '${site.ref}' is used twice in this document`,
        );
    });
    if (rejected.companies.has(index)) continue;
    seenCompanyRefs.set(row.ref, index);
    if (row.orgNumber) seenOrgNumbers.set(row.orgNumber, index);
    for (const site of row.sites) fileSites.set(site.ref, { companyIndex: index, companyRef: row.ref });
    companyRows.push({ index, row });
  }

  // 2. Listings: schema, reference data, refs unique in the document.
  const listingRows: { index: number; row: ImportListing }[] = [];
  const seenListingRefs = new Map<string, number>();
  for (const [index, raw] of envelope.listings.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    if (refuseUnsafeText('listings', index, raw)) continue;
    const parsed = ImportListingSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const d of issuesToDetails(parsed.error.issues))
        fail('listings', index, refOf(raw), d.path, d.message);
      continue;
    }
    const row = parsed.data;
    for (const d of checkListingReference({ ...row, siteId: row.site }, deps.reference))
      fail('listings', index, row.ref, d.path, d.message);
    const dupe = seenListingRefs.get(row.ref);
    if (dupe !== undefined)
      fail('listings', index, row.ref, 'ref', `duplicates the ref of row ${rowNumber('listings', dupe)}`);
    if (!rejected.listings.has(index)) {
      seenListingRefs.set(row.ref, index);
      listingRows.push({ index, row });
    }
  }

  // 3. What the database holds of the refs the document names, in one read transaction.
  const storedSiteRefs = [
    ...new Set(listingRows.map((l) => l.row.site).filter((ref) => !fileSites.has(ref))),
  ];
  const known = await deps.store.read(async (tx) => {
    const companies = await companiesByRefs(
      tx,
      REGISTRY,
      companyRows.map((c) => c.row.ref),
    );
    return {
      companies,
      orgNumbers: await companiesByOrgNumbers(
        tx,
        companyRows.flatMap((c) => (c.row.orgNumber ? [c.row.orgNumber] : [])),
      ),
      docCompanySites: await sitesOfCompanies(
        tx,
        [...companies.values()].map((c) => c.id),
      ),
      storedSites: await registrySitesByRefs(tx, storedSiteRefs),
    };
  });

  const storedSiteOf = siteIndex(known.docCompanySites);
  const storedSitesByRef = new Map<string, SiteRef[]>();
  for (const s of known.storedSites) storedSitesByRef.set(s.ref, [...(storedSitesByRef.get(s.ref) ?? []), s]);

  // 4. Companies: the caller must act for a stored one, and place new sites in its regions.
  const now = deps.now().toISOString();
  const plans: CompanyPlan[] = [];
  const docCompanyIds = new Map<string, string>();
  for (const { index, row } of companyRows) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const stored = known.companies.get(row.ref);
    if (stored && !actsFor(caller, stored)) {
      fail('companies', index, row.ref, 'ref', `you do not act for the company with ref '${row.ref}'`);
      continue;
    }
    const id = stored?.id ?? newId('co');
    const holder = row.orgNumber ? known.orgNumbers.get(row.orgNumber) : undefined;
    if (holder && holder.id !== id)
      fail('companies', index, row.ref, 'orgNumber', 'is registered to another company');
    const { sites: rowSites, ...companyData } = row;
    const sites: StoredSite[] = [];
    rowSites.forEach((s, j) => {
      const place = placeOf(deps, s.lat, s.lon);
      if (caller.kind === 'user' && caller.role === 'facilitator') {
        const codes = [place.municipalityCode, place.countyCode].filter((c): c is string => c !== undefined);
        if (!inRegions(caller, codes))
          fail(
            'companies',
            index,
            row.ref,
            formatPath(['sites', j, 'lat']),
            'the site lies outside your regions',
          );
      }
      const storedSite = storedSiteOf(id, s.ref);
      sites.push({
        ...s,
        ...place,
        id: storedSite?.id ?? newId('si'),
        companyId: id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    });
    if (rejected.companies.has(index)) continue;
    docCompanyIds.set(row.ref, id);
    plans.push({
      index,
      existing: stored !== undefined,
      sites,
      company: {
        ...companyData,
        id,
        refScope: REGISTRY,
        industryDivision: industryDivision(row.industry),
        createdAt: now,
        updatedAt: now,
        version: 1,
      },
    });
  }

  // 5. Listings: their site is one of this document's (of a company taken) or a stored one the caller acts for.
  const listingPlans: ListingPlan[] = [];
  for (const { index, row } of listingRows) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const inFile = fileSites.get(row.site);
    if (inFile) {
      if (!docCompanyIds.has(inFile.companyRef)) {
        fail(
          'listings',
          index,
          row.ref,
          'site',
          `site '${row.site}' belongs to company row ${rowNumber('companies', inFile.companyIndex)}, which was rejected`,
        );
      } else if (row.company !== undefined && row.company !== inFile.companyRef) {
        fail(
          'listings',
          index,
          row.ref,
          'company',
          `site '${row.site}' of this document belongs to '${inFile.companyRef}'`,
        );
      } else listingPlans.push({ index, row, site: { docRef: row.site, companyRef: inFile.companyRef } });
      continue;
    }
    const candidates = (storedSitesByRef.get(row.site) ?? []).filter(
      (s) =>
        (row.company === undefined || s.companyRef === row.company) &&
        actsFor(caller, { id: s.companyId, regions: s.regions }),
    );
    if (candidates.length === 1) listingPlans.push({ index, row, site: { stored: candidates[0]! } });
    else if (candidates.length === 0)
      fail(
        'listings',
        index,
        row.ref,
        'site',
        `no site with ref '${row.site}' in this document or among the companies you act for`,
      );
    else
      fail(
        'listings',
        index,
        row.ref,
        'company',
        `several companies you act for have a site with ref '${row.site}': name the company`,
      );
  }

  summary.companies.rejected = rejected.companies.size;
  summary.listings.rejected = rejected.listings.size;
  summary.errors.sort((a, b) => (a.section === b.section ? a.row - b.row : a.section < b.section ? -1 : 1));

  const listingOf = (plan: ListingPlan, site: { id: string; companyId: string }, id: string): Listing => {
    const { site: _s, company: _c, ...data } = plan.row;
    return {
      ...materialiseListing(
        { ...data, siteId: site.id },
        deps.reference,
        { id, companyId: site.companyId },
        { createdAt: now, updatedAt: now },
      ),
      version: 1,
    };
  };

  if (summary.dryRun) {
    await tallyDryRun(deps, summary, plans, listingPlans, storedSiteOf, listingOf);
    return summary;
  }
  const batchSize = {
    companies: opts.batchSize?.companies ?? batchOf(plans.length, BATCH.companies),
    listings: opts.batchSize?.listings ?? batchOf(listingPlans.length, BATCH.listings),
  };

  // 6. Write: companies with their sites, then listings, each batch one transaction.
  const total = plans.length + plans.reduce((n, p) => n + p.sites.length, 0) + listingPlans.length;
  let done = 0;
  opts.onProgress?.(done, total);
  const siteIds = new Map<string, { id: string; companyId: string }>();
  for (const batch of chunks(plans, batchSize.companies)) {
    const outcome = await deps.store.write(async (tx) => {
      const companies = await importCompanies(
        tx,
        batch.map((p) => ({ index: p.index, company: p.company })),
        now,
      );
      const sites = batch.flatMap((p) => {
        const companyId = companies.get(p.index)!.id;
        return p.sites.map((site) => ({ site: { ...site, companyId } }));
      });
      const written = await importSites(
        tx,
        sites.map((s, i) => ({ index: i, site: s.site })),
        now,
      );
      return {
        companies,
        sites: sites.map((s, i) => ({ ...written.get(i)!, ref: s.site.ref!, companyId: s.site.companyId })),
      };
    });
    for (const p of batch) summary.companies[outcome.companies.get(p.index)!.outcome]++;
    for (const s of outcome.sites) {
      summary.sites[s.outcome]++;
      siteIds.set(s.ref, { id: s.id, companyId: s.companyId });
    }
    done += batch.length + outcome.sites.length;
    opts.onProgress?.(done, total);
  }
  // The rows of the next batch are built while the current one is written.
  const rowsOf = async (batch: ListingPlan[]): Promise<ImportListingRow[]> => {
    const out: ImportListingRow[] = [];
    for (const [i, plan] of batch.entries()) {
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      const site = 'stored' in plan.site ? plan.site.stored : siteIds.get(plan.site.docRef)!;
      out.push(importRowOf(plan.index, listingOf(plan, site, newId('li'))));
    }
    return out;
  };
  const listingBatches = chunks(listingPlans, batchSize.listings);
  let next = listingBatches.length > 0 ? rowsOf(listingBatches[0]!) : null;
  for (const [b, batch] of listingBatches.entries()) {
    const rows = await next!;
    const writing = deps.store.write(async (tx) => {
      const written = await importListings(tx, rows, now);
      // Suggestions people are working on are flagged for their facilitator, never moved.
      const changed = [...written.values()].filter((w) => w.outcome === 'updated').map((w) => w.id);
      const who = actingAs(deps, caller);
      await flagReviewsOfListings(tx, changed, who.actor, who.now, CLOSED_STATES);
      return written;
    });
    next = b + 1 < listingBatches.length ? rowsOf(listingBatches[b + 1]!) : null;
    const outcome = await writing;
    for (const r of rows) summary.listings[outcome.get(r.index)?.outcome ?? 'unchanged']++;
    done += batch.length;
    opts.onProgress?.(done, total);
  }
  return summary;
}

/** A dry run counts what a write would do now, by comparing content hashes with what is stored. */
async function tallyDryRun(
  deps: Deps,
  summary: ImportSummary,
  plans: CompanyPlan[],
  listingPlans: ListingPlan[],
  storedSiteOf: (companyId: string, ref: string | undefined) => SiteRef | undefined,
  listingOf: (plan: ListingPlan, site: { id: string; companyId: string }, id: string) => Listing,
): Promise<void> {
  const storedCompanies = await deps.store.read((tx) =>
    companiesByRefs(
      tx,
      REGISTRY,
      plans.map((p) => p.company.ref!),
    ),
  );
  const docSites = new Map<string, { id: string; companyId: string }>();
  for (const p of plans) {
    const { refScope: _s, ...content } = p.company;
    const stored = storedCompanies.get(p.company.ref!);
    summary.companies[outcomeOf(stored?.contentHash, contentHash(content))]++;
    for (const s of p.sites) {
      const storedSite = storedSiteOf(s.companyId, s.ref);
      summary.sites[outcomeOf(storedSite?.contentHash, contentHash(s))]++;
      docSites.set(s.ref!, { id: s.id, companyId: s.companyId });
    }
  }
  const located = listingPlans.map((plan) => ({
    plan,
    site: 'stored' in plan.site ? plan.site.stored : docSites.get(plan.site.docRef)!,
  }));
  const storedListings = await deps.store.read((tx) =>
    listingsByCompanyRefs(
      tx,
      located.map((l) => ({ companyId: l.site.companyId, ref: l.plan.row.ref })),
    ),
  );
  for (const [i, { plan, site }] of located.entries()) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const stored = storedListings.get(`${site.companyId}|${plan.row.ref}`);
    summary.listings[
      outcomeOf(stored?.contentHash, contentHash(listingOf(plan, site, stored?.id ?? 'new')))
    ]++;
  }
}

/** Looks up stored sites by (company, ref). */
function siteIndex(sites: SiteRef[]): (companyId: string, ref: string | undefined) => SiteRef | undefined {
  const byKey = new Map(sites.map((s) => [`${s.companyId}|${s.ref}`, s]));
  return (companyId, ref) => (ref === undefined ? undefined : byKey.get(`${companyId}|${ref}`));
}

function outcomeOf(storedHash: string | undefined, hash: string): Outcome {
  if (storedHash === undefined) return 'created';
  return storedHash === hash ? 'unchanged' : 'updated';
}

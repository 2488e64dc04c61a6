/**
 * Bulk import of the public interchange format (domain/import-document.ts).
 * Validate every row, report each bad one (row, field, reason) and write none of it; write the
 * good rows in batched transactions; skip rows whose content is unchanged, so importing the same
 * file twice changes nothing.
 */
import type { Company } from '../domain/company.ts';
import { idFromRef } from '../domain/ids.ts';
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
import type { Site } from '../domain/site.ts';
import { unsafeTextDetails } from '../domain/text-safety.ts';
import { issuesToDetails, parseOrThrow } from '../domain/validate.ts';
import { formatPath, validationError } from '../errors.ts';
import { companiesByOrgNumbers, companyHashesByRefs, upsertCompanies } from '../store/company-store.ts';
import { contentHash } from '../store/content-hash.ts';
import { listingHashesByRefs, upsertListings } from '../store/listing-store.ts';
import { sitesByRefs, upsertSites } from '../store/site-store.ts';
import { checkIndustry } from './companies.ts';
import type { Deps } from './deps.ts';

const COMPANY_BATCH = 250;
const LISTING_BATCH = 500;

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
}

const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 });

type Status = 'created' | 'updated' | 'unchanged';
function statusOf(existing: { contentHash: string } | undefined, hash: string): Status {
  if (!existing) return 'created';
  return existing.contentHash === hash ? 'unchanged' : 'updated';
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function importDocument(
  deps: Deps,
  document: unknown,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
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
  const rejectedRows = { companies: new Set<number>(), listings: new Set<number>() };
  const fail = (
    section: ImportSection,
    index: number,
    ref: string | undefined,
    path: string,
    message: string,
  ) => {
    rejectedRows[section].add(index);
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
  const fileSites = new Map<string, { companyIndex: number }>();
  envelope.companies.forEach((raw, index) => {
    if (refuseUnsafeText('companies', index, raw)) return;
    const parsed = ImportCompanySchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const d of issuesToDetails(parsed.error.issues))
        fail('companies', index, refOf(raw), d.path, d.message);
      return;
    }
    const row = parsed.data;
    for (const d of checkIndustry(row.industry, deps.reference))
      fail('companies', index, row.ref, d.path, d.message);
    const dupe = seenCompanyRefs.get(row.ref);
    if (dupe !== undefined)
      fail('companies', index, row.ref, 'ref', `duplicates the ref of row ${rowNumber('companies', dupe)}`);
    if (row.orgNumber) {
      const other = seenOrgNumbers.get(row.orgNumber);
      if (other !== undefined) {
        fail(
          'companies',
          index,
          row.ref,
          'orgNumber',
          `duplicates the orgNumber of row ${rowNumber('companies', other)}`,
        );
      }
    }
    row.sites.forEach((site, j) => {
      const clash = fileSites.get(site.ref);
      if (clash) {
        fail(
          'companies',
          index,
          row.ref,
          formatPath(['sites', j, 'ref']),
          `site ref '${site.ref}' is used twice in this document`,
        );
      }
    });
    if (rejectedRows.companies.has(index)) return;
    seenCompanyRefs.set(row.ref, index);
    if (row.orgNumber) seenOrgNumbers.set(row.orgNumber, index);
    for (const site of row.sites) fileSites.set(site.ref, { companyIndex: index });
    companyRows.push({ index, row });
  });

  // 2. Listings: schema, reference data, and site refs.
  const listingRows: { index: number; row: ImportListing }[] = [];
  const seenListingRefs = new Map<string, number>();
  envelope.listings.forEach((raw, index) => {
    if (refuseUnsafeText('listings', index, raw)) return;
    const parsed = ImportListingSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const d of issuesToDetails(parsed.error.issues))
        fail('listings', index, refOf(raw), d.path, d.message);
      return;
    }
    const row = parsed.data;
    for (const d of checkListingReference({ ...row, siteId: row.site }, deps.reference)) {
      fail('listings', index, row.ref, d.path, d.message);
    }
    const dupe = seenListingRefs.get(row.ref);
    if (dupe !== undefined)
      fail('listings', index, row.ref, 'ref', `duplicates the ref of row ${rowNumber('listings', dupe)}`);
    if (!rejectedRows.listings.has(index)) {
      seenListingRefs.set(row.ref, index);
      listingRows.push({ index, row });
    }
  });

  // 3. What the database already holds, in one read transaction.
  const known = await deps.store.read(async (tx) => ({
    companies: await companyHashesByRefs(
      tx,
      companyRows.map((c) => c.row.ref),
    ),
    orgNumbers: await companiesByOrgNumbers(
      tx,
      companyRows.flatMap((c) => (c.row.orgNumber ? [c.row.orgNumber] : [])),
    ),
    sites: await sitesByRefs(tx, [...new Set([...fileSites.keys(), ...listingRows.map((l) => l.row.site)])]),
    listings: await listingHashesByRefs(
      tx,
      listingRows.map((l) => l.row.ref),
    ),
  }));

  const now = deps.now().toISOString();
  const companies: Company[] = [];
  const sites: Site[] = [];
  const siteIndex = new Map<string, { id: string; companyId: string }>();
  for (const { index, row } of companyRows) {
    const id = idFromRef('co', row.ref);
    const holder = row.orgNumber ? known.orgNumbers.get(row.orgNumber) : undefined;
    if (holder && holder.id !== id) {
      fail(
        'companies',
        index,
        row.ref,
        'orgNumber',
        `is already registered to another company (${holder.ref ?? holder.id})`,
      );
    }
    row.sites.forEach((s, j) => {
      const stored = known.sites.get(s.ref);
      if (stored && stored.companyId !== id) {
        fail(
          'companies',
          index,
          row.ref,
          formatPath(['sites', j, 'ref']),
          `site ref '${s.ref}' belongs to another company`,
        );
      }
    });
    if (rejectedRows.companies.has(index)) continue;
    const { sites: rowSites, ...companyData } = row;
    const existing = known.companies.get(row.ref);
    const company: Company = {
      ...companyData,
      id,
      industryDivision: industryDivision(row.industry),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    const status = statusOf(existing, contentHash(company));
    summary.companies[status]++;
    if (status !== 'unchanged') companies.push(company);
    for (const s of rowSites) {
      const storedSite = known.sites.get(s.ref);
      const site: Site = {
        ...s,
        id: idFromRef('si', s.ref),
        companyId: id,
        createdAt: storedSite?.createdAt ?? now,
        updatedAt: now,
      };
      const siteStatus = statusOf(storedSite, contentHash(site));
      summary.sites[siteStatus]++;
      if (siteStatus !== 'unchanged') sites.push(site);
      siteIndex.set(s.ref, { id: site.id, companyId: id });
    }
  }

  const listings: Listing[] = [];
  for (const { index, row } of listingRows) {
    const inFile = fileSites.get(row.site);
    // A site of this document wins; a stored site serves only refs the document does not define.
    const site = siteIndex.get(row.site) ?? (inFile ? undefined : known.sites.get(row.site));
    if (!site) {
      const why = inFile
        ? `site '${row.site}' belongs to company row ${rowNumber('companies', inFile.companyIndex)}, which was rejected`
        : `no site with ref '${row.site}' in this document or the database`;
      fail('listings', index, row.ref, 'site', why);
      continue;
    }
    const { site: _siteRef, ...data } = row;
    const id = idFromRef('li', row.ref);
    const existing = known.listings.get(row.ref);
    const listing = materialiseListing(
      { ...data, siteId: site.id },
      deps.reference,
      { id, companyId: site.companyId },
      { createdAt: existing?.createdAt ?? now, updatedAt: now },
    );
    const status = statusOf(existing, contentHash(listing));
    summary.listings[status]++;
    if (status !== 'unchanged') listings.push(listing);
  }

  summary.companies.rejected = rejectedRows.companies.size;
  summary.listings.rejected = rejectedRows.listings.size;
  summary.errors.sort((a, b) => (a.section === b.section ? a.row - b.row : a.section < b.section ? -1 : 1));
  if (summary.dryRun) return summary;

  // 4. Write the good rows in batches: companies with their sites first, then listings.
  const total = companies.length + sites.length + listings.length;
  let done = 0;
  opts.onProgress?.(done, total);
  const sitesByCompany = new Map<string, Site[]>();
  for (const s of sites) sitesByCompany.set(s.companyId, [...(sitesByCompany.get(s.companyId) ?? []), s]);
  const touchedCompanyIds = new Set(companies.map((c) => c.id));
  const siteOnly = sites.filter((s) => !touchedCompanyIds.has(s.companyId));
  for (const batch of chunks(companies, COMPANY_BATCH)) {
    const batchSites = batch.flatMap((c) => sitesByCompany.get(c.id) ?? []);
    await deps.store.write(async (tx) => {
      await upsertCompanies(tx, batch);
      await upsertSites(tx, batchSites);
    });
    done += batch.length + batchSites.length;
    opts.onProgress?.(done, total);
  }
  for (const batch of chunks(siteOnly, COMPANY_BATCH)) {
    await deps.store.write((tx) => upsertSites(tx, batch));
    done += batch.length;
    opts.onProgress?.(done, total);
  }
  for (const batch of chunks(listings, LISTING_BATCH)) {
    await deps.store.write((tx) => upsertListings(tx, batch));
    done += batch.length;
    opts.onProgress?.(done, total);
  }
  return summary;
}

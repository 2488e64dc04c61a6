/**
 * Validates data files without a database: import documents (data/demo, data/examples, data/cases)
 * and the taxonomy they refer to.
 *
 *   node --import tsx src/cli/validate-data.ts <file.json>... [--json] [--quiet]
 *
 * Every company and listing row is checked on its own, as the importer does: the zod schemas
 * (ImportCompanySchema, ImportListingSchema), the reference checks of listing-rules.ts (List of
 * Waste codes, material categories, units, hourly profiles), text that cannot be stored (NUL, lone
 * surrogates), industry codes against NACE Rev. 2 (division, group, class), unique refs, and that each listing's site
 * is a site of the document. Case files also have
 * their `expected` exchanges checked against the document: `from` and `to` are its companies, and a
 * named stream's `offer` is an offer of `from`, its `need` a need of `to`. The taxonomy files
 * (material categories and substitutions) are checked once per run.
 *
 * Prints one line per problem (file, row, ref, field path, message) and a summary per file.
 * Exit code 0 when everything is valid, 1 when any problem was found, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import {
  type DocumentListing,
  expectedExchangeProblems,
  ImportCompanySchema,
  ImportEnvelopeSchema,
  ImportListingSchema,
} from '../domain/import-document.ts';
import { checkIndustryCode } from '../domain/industry-code.ts';
import { checkListingReference } from '../domain/listing-rules.ts';
import { isKnownWastePrefix, MATERIAL_USES, type ReferenceData } from '../domain/reference.ts';
import { unsafeTextDetails } from '../domain/text-safety.ts';
import { formatPath } from '../errors.ts';
import { loadReferenceData } from '../reference/load.ts';

export interface RowProblem {
  file: string;
  /** `companies[3]`, `listings[17]`, `expected[0]`, `document` or `taxonomy`. */
  row: string;
  ref?: string;
  path: string;
  message: string;
}

export interface FileReport {
  file: string;
  companies: number;
  sites: number;
  listings: number;
  expected: number;
  badRows: number;
  problems: RowProblem[];
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

function refOf(row: unknown): string | undefined {
  if (row && typeof row === 'object' && 'ref' in row && typeof row.ref === 'string') return row.ref;
  return undefined;
}

/** Checks the taxonomy files the listings refer to: prefixes exist, substitutions point at real categories. */
export function validateTaxonomy(ref: ReferenceData): RowProblem[] {
  const problems: RowProblem[] = [];
  const file = 'data/taxonomy';
  const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  for (const [id, c] of ref.materialCategories) {
    const row = `categories[${id}]`;
    if (!kebab.test(id)) problems.push({ file, row, path: 'id', message: 'must be kebab-case' });
    if (!c.name?.trim()) problems.push({ file, row, path: 'name', message: 'is required' });
    if (!c.description?.trim()) problems.push({ file, row, path: 'description', message: 'is required' });
    if (!c.nameNb?.trim()) problems.push({ file, row, path: 'nameNb', message: 'is required (bokmål name)' });
    if (!c.descriptionNb?.trim()) {
      problems.push({ file, row, path: 'descriptionNb', message: 'is required (bokmål description)' });
    }
    if (c.use !== undefined && !(MATERIAL_USES as readonly string[]).includes(c.use)) {
      problems.push({ file, row, path: 'use', message: `must be one of ${MATERIAL_USES.join(', ')}` });
    }
    if (!Array.isArray(c.wasteCodePrefixes)) {
      problems.push({ file, row, path: 'wasteCodePrefixes', message: 'must be an array' });
      continue;
    }
    c.wasteCodePrefixes.forEach((p, i) => {
      if (!isKnownWastePrefix(ref, p)) {
        problems.push({
          file,
          row,
          path: `wasteCodePrefixes[${i}]`,
          message: `'${p}' is not a code, sub-chapter or chapter of the List of Waste`,
        });
      }
    });
  }
  const seen = new Set<string>();
  ref.substitutions.forEach((s, i) => {
    const row = `substitutions[${i}]`;
    if (seen.has(s.id)) problems.push({ file, row, ref: s.id, path: 'id', message: 'is not unique' });
    seen.add(s.id);
    if (!s.offer?.category && !s.offer?.wasteCodePrefixes?.length) {
      problems.push({
        file,
        row,
        ref: s.id,
        path: 'offer',
        message: 'needs a category or wasteCodePrefixes',
      });
    }
    if (s.offer?.category !== undefined && !ref.materialCategories.has(s.offer.category)) {
      problems.push({
        file,
        row,
        ref: s.id,
        path: 'offer.category',
        message: `'${s.offer.category}' is not a category`,
      });
    }
    s.offer?.wasteCodePrefixes?.forEach((p, j) => {
      if (!isKnownWastePrefix(ref, p)) {
        problems.push({
          file,
          row,
          ref: s.id,
          path: `offer.wasteCodePrefixes[${j}]`,
          message: `'${p}' is unknown`,
        });
      }
    });
    if (!ref.materialCategories.has(s.need?.category)) {
      problems.push({
        file,
        row,
        ref: s.id,
        path: 'need.category',
        message: `'${s.need?.category}' is not a category`,
      });
    }
    if (!(typeof s.factor === 'number' && s.factor > 0 && s.factor <= 1)) {
      problems.push({ file, row, ref: s.id, path: 'factor', message: 'must be a number in (0, 1]' });
    }
    if (!s.source?.trim()) problems.push({ file, row, ref: s.id, path: 'source', message: 'is required' });
    if (!s.description?.trim())
      problems.push({ file, row, ref: s.id, path: 'description', message: 'is required' });
  });
  return problems;
}

/** Validates one import document (already parsed JSON) row by row. */
export function validateDocument(file: string, doc: unknown, ref: ReferenceData): FileReport {
  const report: FileReport = {
    file,
    companies: 0,
    sites: 0,
    listings: 0,
    expected: 0,
    badRows: 0,
    problems: [],
  };
  const envelope = ImportEnvelopeSchema.safeParse(doc);
  if (!envelope.success) {
    for (const i of issuesOf(envelope.error)) {
      report.problems.push({ file, row: 'document', path: i.path, message: i.message });
    }
    report.badRows = 1;
    return report;
  }
  const { companies, listings, expected } = envelope.data;
  report.companies = companies.length;
  report.listings = listings.length;
  report.expected = expected?.length ?? 0;

  const companyRefs = new Set<string>();
  const siteRefs = new Set<string>();
  const companyOfSite = new Map<string, string>();
  const listingsByRef = new Map<string, DocumentListing>();
  companies.forEach((row, index) => {
    const where = `companies[${index}]`;
    const problems: RowProblem[] = [];
    const add = (path: string, message: string) =>
      problems.push({ file, row: where, ref: refOf(row), path, message });
    for (const d of unsafeTextDetails(row)) add(d.path, d.message);
    const parsed = ImportCompanySchema.safeParse(row);
    if (!parsed.success) {
      for (const i of issuesOf(parsed.error)) add(i.path, i.message);
    } else {
      const c = parsed.data;
      for (const p of checkIndustryCode(c.industry, ref)) add(p.path, p.message);
      if (companyRefs.has(c.ref)) add('ref', `company ref '${c.ref}' is used by an earlier row`);
      companyRefs.add(c.ref);
      if (c.sites.length === 0) add('sites', 'a company needs at least one site for its listings');
      c.sites.forEach((s, j) => {
        if (siteRefs.has(s.ref)) add(`sites[${j}].ref`, `site ref '${s.ref}' is used by an earlier site`);
        siteRefs.add(s.ref);
        if (!companyOfSite.has(s.ref)) companyOfSite.set(s.ref, c.ref);
      });
      report.sites += c.sites.length;
    }
    if (problems.length > 0) report.badRows++;
    report.problems.push(...problems);
  });

  const listingRefs = new Set<string>();
  listings.forEach((row, index) => {
    const where = `listings[${index}]`;
    const problems: RowProblem[] = [];
    const add = (path: string, message: string) =>
      problems.push({ file, row: where, ref: refOf(row), path, message });
    for (const d of unsafeTextDetails(row)) add(d.path, d.message);
    const parsed = ImportListingSchema.safeParse(row);
    if (!parsed.success) {
      for (const i of issuesOf(parsed.error)) add(i.path, i.message);
    } else {
      const { site, ...rest } = parsed.data;
      for (const p of checkListingReference({ ...rest, siteId: site }, ref)) add(p.path, p.message);
      if (!siteRefs.has(site)) add('site', `no site with ref '${site}' in this document`);
      if (listingRefs.has(rest.ref)) add('ref', `listing ref '${rest.ref}' is used by an earlier row`);
      listingRefs.add(rest.ref);
      const company = rest.company ?? companyOfSite.get(site);
      if (company !== undefined && !listingsByRef.has(rest.ref)) {
        listingsByRef.set(rest.ref, { company, direction: rest.direction });
      }
    }
    if (problems.length > 0) report.badRows++;
    report.problems.push(...problems);
  });

  expected?.forEach((e, index) => {
    const problems = expectedExchangeProblems(e, companyRefs, listingsByRef);
    for (const p of problems) report.problems.push({ file, row: `expected[${index}]`, ...p });
    if (problems.length > 0) report.badRows++;
  });
  return report;
}

function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => f !== '--json' && f !== '--quiet');
  if (files.length === 0 || unknown.length > 0) {
    process.stderr.write(
      'usage: node --import tsx src/cli/validate-data.ts <file.json>... [--json] [--quiet]\n',
    );
    return 2;
  }
  const ref = loadReferenceData();
  const taxonomyProblems = validateTaxonomy(ref);
  const reports: FileReport[] = [];
  for (const path of files) {
    const file = relative(process.cwd(), path) || path;
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      reports.push({
        file,
        companies: 0,
        sites: 0,
        listings: 0,
        expected: 0,
        badRows: 1,
        problems: [{ file, row: 'document', path: '', message: `cannot read JSON: ${message}` }],
      });
      continue;
    }
    reports.push(validateDocument(file, doc, ref));
  }

  const total = taxonomyProblems.length + reports.reduce((n, r) => n + r.problems.length, 0);
  if (flags.has('--json')) {
    process.stdout.write(
      `${JSON.stringify({ ok: total === 0, taxonomy: taxonomyProblems, files: reports }, null, 2)}\n`,
    );
    return total === 0 ? 0 : 1;
  }
  const line = (p: RowProblem) =>
    `  ${p.row}${p.ref ? ` (${p.ref})` : ''}${p.path ? ` ${p.path}` : ''}: ${p.message}\n`;
  process.stdout.write(
    `taxonomy: ${ref.materialCategories.size} categories, ${ref.substitutions.length} substitutions — ` +
      `${taxonomyProblems.length === 0 ? 'ok' : `${taxonomyProblems.length} problem(s)`}\n`,
  );
  for (const p of taxonomyProblems) process.stdout.write(line(p));
  for (const r of reports) {
    const counts =
      `${r.companies} companies, ${r.sites} sites, ${r.listings} listings` +
      (r.expected > 0 ? `, ${r.expected} expected exchanges` : '');
    const verdict =
      r.problems.length === 0 ? 'ok' : `${r.badRows} bad row(s), ${r.problems.length} problem(s)`;
    process.stdout.write(`${r.file}: ${counts} — ${verdict}\n`);
    if (!flags.has('--quiet')) for (const p of r.problems) process.stdout.write(line(p));
  }
  return total === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}

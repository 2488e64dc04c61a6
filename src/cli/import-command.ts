import { readFileSync, writeFileSync } from 'node:fs';
import { SYSTEM } from '../domain/caller.ts';
import { AppError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { importCsvFiles } from '../services/csv-import.ts';
import { type ImportRowError, type ImportSummary, importDocument } from '../services/import.ts';
import { stringifyCsv } from '../util/csv.ts';
import { progressBar } from './progress.ts';

export const IMPORT_USAGE = `usage: import <document.json> | <companies.csv> <listings.csv>  [--dry-run] [--errors-csv <file>]`;

/** The columns of the rejected-rows file: row is the CSV line of a CSV import, the row index of JSON. */
export const ERRORS_CSV_COLUMNS = ['section', 'row', 'ref', 'field', 'message'] as const;

/**
 * The rejected rows as CSV, to be fixed in a spreadsheet. Refs and messages echo what the file
 * said, so a ref like =HYPERLINK(...) is written neutralised, not as a formula (util/csv.ts).
 */
export function errorsToCsv(errors: readonly ImportRowError[]): string {
  return stringifyCsv(
    ERRORS_CSV_COLUMNS,
    errors.map((e) => ({
      section: e.section,
      row: e.row,
      ref: e.ref ?? '',
      field: e.path,
      message: e.message,
    })),
  );
}

/** A whole document refused (a file that is not CSV, unknown columns): one line per reason. */
function refusalToCsv(err: AppError): string {
  return stringifyCsv(
    ERRORS_CSV_COLUMNS,
    err.details.map((d) => ({ section: '(file)', row: '', ref: '', field: d.path, message: d.message })),
  );
}

function parseArgs(args: string[]): { files: string[]; dryRun: boolean; errorsCsv?: string } | undefined {
  const files: string[] = [];
  let dryRun = false;
  let errorsCsv: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--dry-run') dryRun = true;
    else if (a === '--errors-csv') {
      errorsCsv = args[++i];
      if (errorsCsv === undefined || errorsCsv.startsWith('--')) return undefined;
    } else if (a.startsWith('--')) return undefined;
    else files.push(a);
  }
  return { files, dryRun, ...(errorsCsv !== undefined ? { errorsCsv } : {}) };
}

export async function runImport(runtime: Runtime, args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  const { files, dryRun, errorsCsv } = parsed;
  const bar = progressBar(dryRun ? 'checking' : 'importing');
  let summary: ImportSummary;
  try {
    if (files.length === 1 && files[0]!.endsWith('.json')) {
      let document: unknown;
      try {
        document = JSON.parse(readFileSync(files[0]!, 'utf8'));
      } catch (err) {
        console.error(`${files[0]}: not readable JSON: ${(err as Error).message}`);
        return 2;
      }
      summary = await importDocument(runtime.deps, SYSTEM, document, { dryRun, onProgress: bar.update });
    } else if (files.length === 2 && files.every((f) => f.endsWith('.csv'))) {
      const [companies, listings] = files.map((f) => readFileSync(f, 'utf8')) as [string, string];
      summary = await importCsvFiles(
        runtime.deps,
        SYSTEM,
        { companies, listings },
        { dryRun, onProgress: bar.update },
      );
    } else {
      console.error(IMPORT_USAGE);
      return 2;
    }
  } catch (err) {
    // A refused document still leaves a file of reasons, so the previous run's is not mistaken for it.
    if (errorsCsv && err instanceof AppError) writeFileSync(errorsCsv, refusalToCsv(err));
    throw err;
  }
  bar.done();
  printSummary(summary);
  if (errorsCsv) {
    writeFileSync(errorsCsv, errorsToCsv(summary.errors));
    console.log(`${summary.errors.length} rejected row problem(s) written to ${errorsCsv}`);
  }
  return summary.errors.length > 0 ? 1 : 0;
}
export function printSummary(s: ImportSummary): void {
  const line = (
    name: string,
    t: { created: number; updated: number; unchanged: number; rejected?: number },
  ) =>
    `${name.padEnd(10)} created ${t.created}, updated ${t.updated}, unchanged ${t.unchanged}${t.rejected !== undefined ? `, rejected ${t.rejected}` : ''}`;
  console.log(s.dryRun ? 'dry run: nothing was written' : 'import finished');
  console.log(line('companies', s.companies));
  console.log(line('sites', s.sites));
  console.log(line('listings', s.listings));
  if (s.errors.length) {
    console.log(`\n${s.errors.length} problem(s); rejected rows were not written:`);
    for (const e of s.errors)
      console.log(`  ${e.section} row ${e.row}${e.ref ? ` (${e.ref})` : ''}: ${e.path}: ${e.message}`);
  }
}

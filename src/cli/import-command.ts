import { readFileSync } from 'node:fs';
import { SYSTEM } from '../domain/caller.ts';
import type { Runtime } from '../runtime.ts';
import { importCsvFiles } from '../services/csv-import.ts';
import { type ImportSummary, importDocument } from '../services/import.ts';
import { progressBar } from './progress.ts';

export const IMPORT_USAGE = `usage: import <document.json> | <companies.csv> <listings.csv>  [--dry-run]`;

export async function runImport(runtime: Runtime, args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const files = args.filter((a) => !a.startsWith('--'));
  const bar = progressBar(dryRun ? 'checking' : 'importing');
  let summary: ImportSummary;
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
  bar.done();
  printSummary(summary);
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

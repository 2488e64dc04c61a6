import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../reference/paths.ts';
import { countAll } from '../store/listing-store.ts';
import type { Deps } from './deps.ts';
import { type ImportSummary, importDocument } from './import.ts';

export const DEMO_FILE = join(DATA_DIR, 'demo/region.json');

/** Loads the demo region, but only into an empty database: a user's data is never mixed with it. */
export async function loadDemoIfEmpty(deps: Deps): Promise<ImportSummary | null> {
  const counts = await countAll(deps.store);
  if (counts.companies > 0 || counts.listings > 0) return null;
  const summary = await importDocument(deps, JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
  deps.logger.info(
    {
      companies: summary.companies.created,
      listings: summary.listings.created,
      rejected: summary.errors.length,
    },
    'loaded the demo region',
  );
  return summary;
}

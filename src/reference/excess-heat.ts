import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HotmapsSite } from '../domain/excess-heat.ts';
import { parseCsvRecords } from '../util/csv.ts';
import { DATA_DIR } from './paths.ts';

/** The Hotmaps Industrial Database (5,029 European sites), semicolon-separated; see data/README.md. */
export const HOTMAPS_SITES_FILE = 'reference/excess-heat/industrial-sites.csv';

const COLUMNS = {
  '100-200': 'Excess_Heat_100-200C',
  '200-500': 'Excess_Heat_200-500C',
  '500+': 'Excess_Heat_500C',
} as const;

let cached: HotmapsSite[] | undefined;

/** The sites' subsectors and excess heat by band, read once per process (only when asked for). */
export function loadHotmapsSites(dataDir: string = DATA_DIR): HotmapsSite[] {
  if (cached && dataDir === DATA_DIR) return cached;
  const text = readFileSync(join(dataDir, HOTMAPS_SITES_FILE), 'utf8');
  const sites = parseCsvRecords(text, ';').map(({ line, record }): HotmapsSite => {
    const gwh = (column: string) => {
      const value = Number(record[column] || '0');
      if (!Number.isFinite(value) || value < 0)
        throw new Error(`${HOTMAPS_SITES_FILE} line ${line}: ${column} is not a number of GWh/yr`);
      return value;
    };
    return {
      subsector: record['Subsector'] ?? '',
      excessHeatGWh: {
        '100-200': gwh(COLUMNS['100-200']),
        '200-500': gwh(COLUMNS['200-500']),
        '500+': gwh(COLUMNS['500+']),
      },
    };
  });
  if (dataDir === DATA_DIR) cached = sites;
  return sites;
}

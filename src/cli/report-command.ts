/**
 * `npm run report -- --county 46 --from 2026-01-01 --to 2027-01-01 --out report.html`
 * (or --municipality 4617, --bbox minLon,minLat,maxLon,maxLat, --lat --lon --radius-km, --kind,
 * --language nb; --format geojson|graphml|gexf|csv for the network or a table instead of the
 * report, --table <name> with csv). Reads the service's database like import and match do, and
 * writes what an analyst would get from GET /report and /exports: the analyst's view, so a file
 * meant for mailing names no anonymous participant and holds no private listing.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SYSTEM, type UserCaller } from '../domain/caller.ts';
import type { Runtime } from '../runtime.ts';
import { exportNetwork, exportTable } from '../services/analytics-exports.ts';
import { buildReport } from '../services/report.ts';

export const REPORT_USAGE = `usage: report [--county NN | --municipality NNNN] [--bbox minLon,minLat,maxLon,maxLat]
         [--lat D --lon D --radius-km KM] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--kind K] [--language en|nb]
         [--format html|geojson|graphml|gexf|csv] [--table NAME] [--nodes company|site] --out FILE`;

/** The reader a mailed report is written for: an analyst (anonymous listings anonymised, private left out). */
export const REPORT_READER: UserCaller = {
  ...SYSTEM,
  userId: 'report-cli',
  name: 'report (CLI)',
  role: 'analyst',
};

const FORMATS = ['html', 'geojson', 'graphml', 'gexf', 'csv'] as const;

export async function runReport(runtime: Runtime, args: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args,
    options: {
      county: { type: 'string' },
      municipality: { type: 'string' },
      region: { type: 'string' },
      bbox: { type: 'string' },
      lat: { type: 'string' },
      lon: { type: 'string' },
      'radius-km': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      kind: { type: 'string' },
      language: { type: 'string' },
      format: { type: 'string', default: 'html' },
      table: { type: 'string' },
      nodes: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const format = v.format as (typeof FORMATS)[number];
  const regions = [v.county, v.municipality, v.region].filter((r) => r !== undefined);
  if (!v.out || !FORMATS.includes(format) || regions.length > 1) {
    console.error(REPORT_USAGE);
    if (regions.length > 1) console.error('give one of --county, --municipality, --region');
    return 2;
  }
  const scope = {
    ...(regions[0] !== undefined ? { region: regions[0] } : {}),
    ...(v.bbox !== undefined ? { bbox: v.bbox } : {}),
    ...(v.lat !== undefined ? { lat: v.lat } : {}),
    ...(v.lon !== undefined ? { lon: v.lon } : {}),
    ...(v['radius-km'] !== undefined ? { radiusKm: v['radius-km'] } : {}),
    ...(v.from !== undefined ? { from: v.from } : {}),
    ...(v.to !== undefined ? { to: v.to } : {}),
    ...(v.kind !== undefined ? { kind: v.kind } : {}),
  };
  const deps = runtime.deps;
  const file =
    format === 'html'
      ? await buildReport(deps, REPORT_READER, {
          ...scope,
          ...(v.language !== undefined ? { language: v.language } : {}),
        })
      : format === 'csv' && v.table !== undefined && v.table !== 'nodes' && v.table !== 'edges'
        ? await exportTable(deps, REPORT_READER, { ...scope, table: v.table })
        : await exportNetwork(deps, REPORT_READER, {
            ...scope,
            format,
            ...(v.table !== undefined ? { table: v.table } : {}),
            ...(v.nodes !== undefined ? { nodes: v.nodes } : {}),
          });
  writeFileSync(v.out, file.text);
  console.error(`${file.fileName}: ${Buffer.byteLength(file.text)} bytes -> ${v.out}`);
  return 0;
}

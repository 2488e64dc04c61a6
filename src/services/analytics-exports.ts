/**
 * Exports of a scope for the caller: the network as GeoJSON (QGIS, web maps), GraphML or GEXF
 * (Gephi) or CSV (its nodes or edges), and every indicator table as CSV. The rows are the
 * caller's network rows (services/analytics-network.ts: anonymous listings anonymised with a
 * coarse location, private ones only for facilitators and admins), and the pure exporters
 * (src/analytics/export-*.ts) redact once more before writing.
 */
import { z } from 'zod';
import {
  indicatorTables,
  type NamedTable,
  networkTables,
  networkToGeoJson,
  networkToGexf,
  networkToGraphml,
  toCsv,
} from '../analytics/exports.ts';
import { barriersBy, breakdown, KEYS } from '../analytics/indicators.ts';
import type { Caller } from '../domain/caller.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { validationError } from '../errors.ts';
import {
  BARRIER_KEYS,
  BREAKDOWN_KEYS,
  indicatorsOf,
  loadScope,
  optionsOf,
  type ScopeData,
  seriesOf,
} from './analytics.ts';
import { NetworkFields, networkAccess, networkRows } from './analytics-network.ts';
import { refineScope, ScopeFields, scopeOf } from './analytics-scope.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

export const NETWORK_FORMATS = ['geojson', 'graphml', 'gexf', 'csv'] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

export const NetworkExportQuerySchema = z
  .strictObject({
    ...NetworkFields,
    format: z.enum(NETWORK_FORMATS).default('geojson'),
    table: z
      .enum(['nodes', 'edges'])
      .default('edges')
      .meta({ description: 'with format=csv: the nodes or the edges' }),
  })
  .superRefine(refineScope)
  .meta({ id: 'NetworkExportQuery' });

export const TableExportQuerySchema = z
  .strictObject({
    ...ScopeFields,
    table: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,60}$/, 'must be a table name such as realised or breakdown-by-county')
      .default('realised')
      .meta({ description: 'which table; an unknown name answers 400 with the names there are' }),
  })
  .superRefine(refineScope)
  .meta({ id: 'TableExportQuery' });

/** A file to send: its text, media type and a file name. */
export interface ExportFile {
  text: string;
  contentType: string;
  fileName: string;
}

export const MEDIA_TYPES: Record<NetworkFormat, string> = {
  geojson: 'application/geo+json',
  graphml: 'application/graphml+xml',
  gexf: 'application/gexf+xml',
  csv: 'text/csv; charset=utf-8',
};

/** A file name from the scope: letters, digits and dashes only. */
function baseName(data: ScopeData, what: string): string {
  const q = data.scope.query;
  const parts = ['symbiosis', what, q.region ?? 'norway', q.kind, q.from, q.to].filter(Boolean);
  return parts.join('-').replace(/[^A-Za-z0-9-]/g, '_');
}

/** The network of a scope in one format. */
export function networkFile(
  data: ScopeData,
  caller: Caller,
  options: z.output<typeof NetworkExportQuerySchema>,
): ExportFile {
  const rows = networkRows(networkAccess(caller), data, options);
  const name = baseName(data, 'network');
  switch (options.format) {
    case 'geojson':
      return {
        text: JSON.stringify(networkToGeoJson(rows.nodes, rows.edges)),
        contentType: MEDIA_TYPES.geojson,
        fileName: `${name}.geojson`,
      };
    case 'graphml':
      return {
        text: networkToGraphml(rows.nodes, rows.edges),
        contentType: MEDIA_TYPES.graphml,
        fileName: `${name}.graphml`,
      };
    case 'gexf':
      return {
        text: networkToGexf(rows.nodes, rows.edges),
        contentType: MEDIA_TYPES.gexf,
        fileName: `${name}.gexf`,
      };
    case 'csv': {
      const table = networkTables(rows.nodes, rows.edges).find((t) => t.name === options.table)!;
      return { text: toCsv(table), contentType: MEDIA_TYPES.csv, fileName: `${name}-${options.table}.csv` };
    }
  }
}

/** Every indicator table of a scope: the totals, breakdowns by each key, barriers by group, the monthly series. */
export function allTables(data: ScopeData): NamedTable[] {
  const opts = optionsOf(data);
  return indicatorTables(indicatorsOf(data), {
    breakdowns: BREAKDOWN_KEYS.map((by) => ({ by, groups: breakdown(data.rows, KEYS[by], opts) })),
    barriersBy: BARRIER_KEYS.map((by) => ({
      by,
      groups: barriersBy(data.rows, data.events, KEYS[by], opts),
    })),
    timeSeries: seriesOf(data, 'month'),
  });
}

export async function exportNetwork(deps: Deps, caller: Caller, query: unknown): Promise<ExportFile> {
  requireRole(caller, 'analytics.read', 'export the network');
  const { format, table, nodes, minScore, seed, ...q } = parseOrThrow(
    NetworkExportQuerySchema,
    query ?? {},
    'query',
  );
  const data = await loadScope(deps, scopeOf(deps, caller, q));
  return networkFile(data, caller, { format, table, nodes, minScore, seed, ...q });
}

export async function exportTable(deps: Deps, caller: Caller, query: unknown): Promise<ExportFile> {
  requireRole(caller, 'analytics.read', 'export indicators');
  const { table, ...q } = parseOrThrow(TableExportQuerySchema, query ?? {}, 'query');
  const data = await loadScope(deps, scopeOf(deps, caller, q));
  const tables = allTables(data);
  const found = tables.find((t) => t.name === table);
  if (!found) {
    throw validationError('no such table', [
      { path: 'table', message: `must be one of: ${tables.map((t) => t.name).join(', ')}` },
    ]);
  }
  return { text: toCsv(found), contentType: MEDIA_TYPES.csv, fileName: `${baseName(data, table)}.csv` };
}

/**
 * The analyst's report of a scope and period (src/analytics/report.ts renders it): the
 * indicators, the funnel, a series, breakdowns, barriers, a map of the region drawn from its
 * municipalities' boundaries, the network with a seeded layout and the top opportunities not yet
 * realised, in one self-contained HTML file. The network and the opportunities are the caller's
 * (services/analytics-network.ts): a report an analyst mails names no anonymous participant.
 */
import { z } from 'zod';
import { barriersBy, breakdown, KEYS } from '../analytics/indicators.ts';
import { type ReportInput, type ReportOpportunity, renderReport } from '../analytics/report.ts';
import type { Caller } from '../domain/caller.ts';
import type { Municipality } from '../domain/regions.ts';
import { parseOrThrow } from '../domain/validate.ts';
import type { ScopeFilter } from '../store/analytics-store.ts';
import {
  type BreakdownKey,
  indicatorsOf,
  loadScope,
  optionsOf,
  type ScopeData,
  seriesOf,
} from './analytics.ts';
import { networkAccess, networkOf } from './analytics-network.ts';
import { refineScope, ScopeFields, scopeOf } from './analytics-scope.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

export const ReportQuerySchema = z
  .strictObject({
    ...ScopeFields,
    language: z.enum(['en', 'nb']).default('en').meta({ description: 'English or Norwegian (bokmål)' }),
  })
  .superRefine(refineScope)
  .meta({ id: 'ReportQuery' });
export type ReportQuery = z.output<typeof ReportQuerySchema>;

/** How many unrealised opportunities the report lists, largest CO2e first. */
export const TOP_OPPORTUNITIES = 15;
/** Exchanges the map and the network picture draw at most. */
const MAX_EDGES = 2000;

export const SOURCES = [
  'Boundaries: Kartverket (Norwegian Mapping Authority) administrative units 2024, via robhop/fylker-og-kommuner, CC BY 4.0',
  'Emission factors: the named factor sets in data/factors, each value with its source and year',
  'Realised figures: quantities recorded by facilitators for implemented exchanges; potential figures: allocated quantities of open suggestions',
];

/** The municipalities the map outlines: the scope's region, those a shape touches, else all. */
function outlinesOf(deps: Deps, filter: ScopeFilter): Municipality[] {
  const all = deps.regions.municipalities;
  let chosen = all.filter((m) =>
    filter.region === null ? true : m.code === filter.region || m.countyCode === filter.region,
  );
  const shape = filter.shape;
  if (shape !== null) {
    const box =
      'm' in shape
        ? (() => {
            const dLat = shape.m / 111_320;
            const dLon = dLat / Math.max(0.1, Math.cos((shape.lat * Math.PI) / 180));
            return [shape.lon - dLon, shape.lat - dLat, shape.lon + dLon, shape.lat + dLat];
          })()
        : [shape.minLon, shape.minLat, shape.maxLon, shape.maxLat];
    chosen = chosen.filter(
      (m) => m.bbox[0] <= box[2]! && m.bbox[2] >= box[0]! && m.bbox[1] <= box[3]! && m.bbox[3] >= box[1]!,
    );
  }
  return chosen;
}

/** The breakdowns a report shows: counties for the country, municipalities inside a county. */
function breakdownKeys(filter: ScopeFilter): BreakdownKey[] {
  const place: BreakdownKey[] =
    filter.region === null ? ['county', 'municipality'] : filter.region.length === 2 ? ['municipality'] : [];
  return [...place, 'kind', 'industrySection', 'wasteChapter'];
}

/** Everything the renderer needs, for a scope already read. */
export function reportInput(deps: Deps, caller: Caller, data: ScopeData, language: 'en' | 'nb'): ReportInput {
  const { filter, period, label } = data.scope;
  const opts = optionsOf(data);
  const network = networkOf(networkAccess(caller), data, {
    nodes: 'company',
    minScore: 0,
    seed: 1,
    layout: true,
  });
  const setOf = new Map(data.rows.map((r) => [r.id, r.factorSet]));
  const labelOf = new Map(network.rows.nodes.map((n) => [n.id, n.anonymised ? null : (n.label ?? null)]));
  const anonymous = language === 'nb' ? 'anonym deltaker' : 'anonymous participant';
  const opportunities: ReportOpportunity[] = network.rows.edges
    .filter((e) => !e.realised)
    .sort((a, b) => b.co2eAvoidedT - a.co2eAvoidedT || (a.id < b.id ? -1 : 1))
    .slice(0, TOP_OPPORTUNITIES)
    .map((e) => ({
      id: e.id,
      kind: e.kind,
      offer: labelOf.get(e.source) ?? anonymous,
      need: labelOf.get(e.target) ?? anonymous,
      quantity: e.quantity,
      unit: e.unit,
      co2eAvoidedT: e.co2eAvoidedT,
      factorSet: setOf.get(e.id) ?? '',
      ...(e.distanceKm !== undefined ? { distanceKm: e.distanceKm } : {}),
      state: e.state,
    }));
  const span =
    period.from && period.to ? Date.parse(period.to) - Date.parse(period.from) : Number.POSITIVE_INFINITY;
  const interval = span <= 548 * 86_400_000 ? 'month' : 'quarter';
  const names: Record<string, string> = {};
  for (const [code, county] of deps.regions.counties) names[code] = county.name;
  for (const m of deps.regions.municipalities) names[m.code] = m.name;
  for (const [code, entry] of deps.reference.nace) {
    const title = language === 'nb' ? (entry.titleNb ?? entry.title) : entry.title;
    if (/^[A-U]$|^\d{2}$/.test(code)) names[code] = title;
  }
  const periodText = [period.from ?? '…', period.to ?? '…'].join(' – ');
  return {
    title: period.from || period.to ? `${label}, ${periodText}` : label,
    language,
    generatedAt: deps.now().toISOString(),
    scope: {
      label,
      ...(filter.region ? { region: filter.region } : {}),
      ...(period.from ? { from: period.from } : {}),
      ...(period.to ? { to: period.to } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    indicators: indicatorsOf(data),
    series: seriesOf(data, interval),
    breakdowns: breakdownKeys(filter).map((by) => ({
      name: by,
      groups: breakdown(data.rows, KEYS[by], opts),
    })),
    barriersBy: (['kind', 'industrySection'] as const).map((by) => ({
      name: by,
      groups: barriersBy(data.rows, data.events, KEYS[by], opts),
    })),
    map: {
      outlines: outlinesOf(deps, filter).map((m) => ({
        code: m.code,
        name: m.name,
        polygons: [...m.polygons],
      })),
    },
    network: {
      nodes: network.rows.nodes,
      edges: network.rows.edges,
      ...(network.positions ? { layout: network.positions } : {}),
      metrics: network.full,
    },
    opportunities,
    sources: SOURCES,
    names,
    maxEdges: MAX_EDGES,
  };
}

export interface ReportFile {
  text: string;
  contentType: string;
  fileName: string;
}

/** The report of a scope for a caller. */
export async function buildReport(deps: Deps, caller: Caller, query: unknown): Promise<ReportFile> {
  requireRole(caller, 'analytics.read', 'read the report');
  const { language, ...q } = parseOrThrow(ReportQuerySchema, query ?? {}, 'query');
  const data = await loadScope(deps, scopeOf(deps, caller, q));
  const name = ['symbiosis-report', q.region ?? 'norway', q.from, q.to].filter(Boolean).join('-');
  return {
    text: renderReport(reportInput(deps, caller, data, language)),
    contentType: 'text/html; charset=utf-8',
    fileName: `${name.replace(/[^A-Za-z0-9-]/g, '_')}.html`,
  };
}

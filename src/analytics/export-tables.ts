/**
 * The indicators and the network as named tables, one per indicator table, for CSV (export-csv.ts)
 * or any other tabular format. Each figure keeps what indicators.ts says about it: its unit, its
 * basis (realised figures split into measured and estimated), the factor set of a CO2e figure, the
 * runs of a potential one, the rows it is missing, and its method.
 *
 *   period                  from, to, the realised figures' as-of date, the factor sets
 *   realised                one row per realised figure (CO2e: one per factor set)
 *   potential               one row per potential figure (CO2e: one per factor set)
 *   potential-runs          suggestions counted per run
 *   co2e-by-factor-set      realised and potential CO2e side by side, one row per factor set
 *   excluded                rows left out of realised or potential, and why
 *   funnel                  stages with their counts and the conversion from the stage before
 *   time-to-implementation  the median days from suggestion to implementation
 *   barriers                closed suggestions by reason, with examples
 * and, when given: breakdown-by-<key> (one row per group, realised and potential figures as
 * columns), barriers-by-<key>, time-series-<month|quarter>.
 *
 * Lists in a cell (ids, runs, factor sets, regions) are joined with ';'. A run of null (matched
 * incrementally, outside a run) is written `(incremental)`. An empty cell means "does not apply";
 * an empty text ("") an empty list.
 */

import type { CsvCell, NamedTable } from './export-csv.ts';
import { LIST_SEPARATOR, prepareNetwork } from './export-network.ts';
import {
  type Barriers,
  type BreakdownGroup,
  type Count,
  type Indicators,
  type Potential,
  type PotentialFigure,
  type Realised,
  type RealisedFigure,
  SERIES_STAGES,
  type TimeSeries,
} from './indicators.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from './network.ts';

export interface IndicatorTableExtras {
  /** Totals per group, one table each; `by` names the key (county, kind…) in the table's name. */
  breakdowns?: readonly { by: string; groups: readonly BreakdownGroup[] }[];
  /** Barriers per group, one table each. */
  barriersBy?: readonly { by: string; groups: readonly { key: string; barriers: Barriers }[] }[];
  timeSeries?: TimeSeries;
}

export const INCREMENTAL = '(incremental)';

const list = (items: readonly (string | null)[]): string =>
  items.map((item) => item ?? INCREMENTAL).join(LIST_SEPARATOR);

/** The quantity figures realised and potential share, with their units. */
const QUANTITIES = [
  ['materialsT', 't/yr'],
  ['energyGWh', 'GWh/yr'],
  ['waterM3', 'm3/yr'],
  ['landM2', 'm2'],
  ['tonnesDiverted', 't/yr'],
  ['virginMaterialSavedT', 't/yr'],
] as const satisfies readonly (readonly [keyof Realised & keyof Potential, string])[];

/** The companies' reported benefits, realised only. */
const BENEFITS = [
  ['costSavedNokPerYear', 'NOK/yr'],
  ['revenueNokPerYear', 'NOK/yr'],
  ['jobs', 'jobs'],
] as const satisfies readonly (readonly [keyof Realised, string])[];

const CO2E = 'co2eAvoidedT';
const CO2E_UNIT = 't CO2e/yr';
const COUNT_UNIT = 'count';

const missingOf = (figure: object): CsvCell =>
  'missing' in figure && Array.isArray(figure.missing) ? list(figure.missing) : null;

function realisedTable(r: Realised): NamedTable {
  const count = (name: string, c: Count): CsvCell[] => [
    name,
    null,
    c.value,
    COUNT_UNIT,
    null,
    null,
    null,
    null,
    c.method,
  ];
  const figure = (
    name: string,
    unit: string,
    f: RealisedFigure,
    factorSet: string | null = null,
  ): CsvCell[] => [
    name,
    factorSet,
    f.value,
    unit,
    f.measured,
    f.estimated,
    f.exchanges,
    missingOf(f),
    f.method,
  ];
  return {
    name: 'realised',
    columns: [
      'figure',
      'factorSet',
      'value',
      'unit',
      'measured',
      'estimated',
      'exchanges',
      'missing',
      'method',
    ],
    rows: [
      count('activeSymbioses', r.activeSymbioses),
      count('companies', r.companies),
      ...QUANTITIES.map(([name, unit]) => figure(name, unit, r[name])),
      ...r.co2eAvoidedT.map((f) => figure(CO2E, CO2E_UNIT, f, f.factorSet)),
      ...BENEFITS.map(([name, unit]) => figure(name, unit, r[name])),
    ],
  };
}

function potentialTable(p: Potential): NamedTable {
  const count = (name: string, c: Count): CsvCell[] => [
    name,
    null,
    c.value,
    COUNT_UNIT,
    null,
    null,
    null,
    c.method,
  ];
  const figure = (
    name: string,
    unit: string,
    f: PotentialFigure,
    factorSet: string | null = null,
  ): CsvCell[] => [name, factorSet, f.value, unit, f.suggestions, list(f.runs), missingOf(f), f.method];
  return {
    name: 'potential',
    columns: ['figure', 'factorSet', 'value', 'unit', 'suggestions', 'runs', 'missing', 'method'],
    rows: [
      count('suggestions', p.suggestions),
      count('companies', p.companies),
      ...QUANTITIES.map(([name, unit]) => figure(name, unit, p[name])),
      ...p.co2eAvoidedT.map((f) => figure(CO2E, CO2E_UNIT, f, f.factorSet)),
    ],
  };
}

function co2eTable(ind: Indicators): NamedTable {
  return {
    name: 'co2e-by-factor-set',
    columns: [
      'factorSet',
      'unit',
      'realised',
      'realisedMeasured',
      'realisedEstimated',
      'realisedExchanges',
      'realisedMissing',
      'potential',
      'potentialSuggestions',
      'potentialMissing',
    ],
    rows: ind.factorSets.map((set) => {
      const r = ind.realised.co2eAvoidedT.find((f) => f.factorSet === set);
      const p = ind.potential.co2eAvoidedT.find((f) => f.factorSet === set);
      return [
        set,
        CO2E_UNIT,
        r?.value,
        r?.measured,
        r?.estimated,
        r?.exchanges,
        r?.missing.length,
        p?.value,
        p?.suggestions,
        p?.missing.length,
      ];
    }),
  };
}

function funnelTables({ funnel }: Indicators): NamedTable[] {
  const median = funnel.medianDaysToImplemented;
  return [
    {
      name: 'funnel',
      columns: ['stage', 'count', 'conversionFrom', 'conversionRate', 'method'],
      rows: funnel.stages.map(({ stage, count, method }) => {
        const conversion = funnel.conversions.find((c) => c.to === stage);
        return [stage, count, conversion?.from, conversion?.rate, method];
      }),
    },
    {
      name: 'time-to-implementation',
      columns: ['medianDays', 'suggestions', 'method'],
      rows: [[median.value, median.suggestions, median.method]],
    },
  ];
}

const barrierColumns = ['reasonCode', 'count', 'rejected', 'declined', 'examples'] as const;
const barrierCells = (b: Barriers['byReason'][number]): CsvCell[] => [
  b.reasonCode,
  b.count,
  b.rejected,
  b.declined,
  list(b.examples),
];

/** The factor sets of CO2e figures in the order first met (breakdown gives every group the same). */
const factorSetsIn = (figures: readonly { factorSet: string }[]): string[] => [
  ...new Set(figures.map((f) => f.factorSet)),
];

function breakdownTable(by: string, groups: readonly BreakdownGroup[]): NamedTable {
  const sets = factorSetsIn(groups.flatMap((g) => [...g.realised.co2eAvoidedT, ...g.potential.co2eAvoidedT]));
  const co2e = (figures: readonly { factorSet: string; value: number }[]): CsvCell[] =>
    sets.map((set) => figures.find((f) => f.factorSet === set)?.value);
  return {
    name: `breakdown-by-${by}`,
    columns: [
      'key',
      'realised.activeSymbioses',
      'realised.companies',
      ...QUANTITIES.map(([name]) => `realised.${name}`),
      ...sets.map((set) => `realised.${CO2E}.${set}`),
      ...BENEFITS.map(([name]) => `realised.${name}`),
      'potential.suggestions',
      'potential.companies',
      ...QUANTITIES.map(([name]) => `potential.${name}`),
      ...sets.map((set) => `potential.${CO2E}.${set}`),
    ],
    rows: groups.map(({ key, realised: r, potential: p }) => [
      key,
      r.activeSymbioses.value,
      r.companies.value,
      ...QUANTITIES.map(([name]) => r[name].value),
      ...co2e(r.co2eAvoidedT),
      ...BENEFITS.map(([name]) => r[name].value),
      p.suggestions.value,
      p.companies.value,
      ...QUANTITIES.map(([name]) => p[name].value),
      ...co2e(p.co2eAvoidedT),
    ]),
  };
}

function timeSeriesTable(series: TimeSeries): NamedTable {
  return {
    name: `time-series-${series.interval}`,
    columns: ['bucket', 'start', ...SERIES_STAGES],
    rows: series.buckets.map((b) => [b.bucket, b.start, ...SERIES_STAGES.map((stage) => b.counts[stage])]),
  };
}

/** Every indicator table, and the breakdowns and series given. */
export function indicatorTables(ind: Indicators, extras: IndicatorTableExtras = {}): NamedTable[] {
  const tables: NamedTable[] = [
    {
      name: 'period',
      columns: ['from', 'to', 'asOf', 'factorSets'],
      rows: [[ind.period.from, ind.period.to, ind.realised.asOf, list(ind.factorSets)]],
    },
    realisedTable(ind.realised),
    potentialTable(ind.potential),
    {
      name: 'potential-runs',
      columns: ['runId', 'suggestions'],
      rows: ind.potential.runs.map((r) => [r.runId ?? INCREMENTAL, r.suggestions]),
    },
    co2eTable(ind),
    {
      name: 'excluded',
      columns: ['basis', 'id', 'reason'],
      rows: [
        ...ind.realised.excluded.map((e) => ['realised', e.id, e.reason]),
        ...ind.potential.excluded.map((e) => ['potential', e.id, e.reason]),
      ],
    },
    ...funnelTables(ind),
    {
      name: 'barriers',
      columns: [...barrierColumns, 'method'],
      rows: ind.barriers.byReason.map((b) => [...barrierCells(b), ind.barriers.method]),
    },
  ];
  for (const { by, groups } of extras.breakdowns ?? []) tables.push(breakdownTable(by, groups));
  for (const { by, groups } of extras.barriersBy ?? []) {
    tables.push({
      name: `barriers-by-${by}`,
      columns: ['key', ...barrierColumns],
      rows: groups.flatMap(({ key, barriers }) => barriers.byReason.map((b) => [key, ...barrierCells(b)])),
    });
  }
  if (extras.timeSeries !== undefined) tables.push(timeSeriesTable(extras.timeSeries));
  return tables;
}

/** The network's nodes and exchanges as two tables, redacted like every other export. */
export function networkTables(
  nodes: readonly NetworkNodeRow[],
  edges: readonly NetworkEdgeRow[],
): NamedTable[] {
  const network = prepareNetwork(nodes, edges);
  return [
    {
      name: 'nodes',
      columns: ['id', 'label', 'kind', 'anonymised', 'lat', 'lon', 'regions'],
      rows: network.nodes.map((n) => [
        n.id,
        n.label,
        n.kind,
        n.anonymised,
        n.lat,
        n.lon,
        n.regions === undefined ? null : n.regions.join(LIST_SEPARATOR),
      ]),
    },
    {
      name: 'edges',
      columns: [
        'id',
        'source',
        'target',
        'kind',
        'quantity',
        'unit',
        'co2eAvoidedT',
        'state',
        'realised',
        'readiness',
        'distanceKm',
      ],
      rows: network.edges.map((e) => [
        e.id,
        e.source,
        e.target,
        e.kind,
        e.quantity,
        e.unit,
        e.co2eAvoidedT,
        e.state,
        e.realised,
        e.readiness,
        e.distanceKm,
      ]),
    },
  ];
}

/**
 * Indicator tables (analytics/export-tables.ts): every indicator of a small scope lands in a named
 * table with its unit, basis, factor set, runs and method, breakdowns and series when given, and
 * every table round-trips through CSV (toCsv, then csv-parse). The numbers are the indicators'
 * own (computed by indicators.ts, whose tests check them); these tests check where each one goes.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type CsvCell, type NamedTable, toCsv } from '../../../src/analytics/export-csv.ts';
import { INCREMENTAL, indicatorTables, networkTables } from '../../../src/analytics/export-tables.ts';
import {
  barriersBy,
  breakdown,
  type ImpactEstimate,
  indicators,
  KEYS,
  type SuggestionRow,
  type TransitionRow,
  timeSeries,
} from '../../../src/analytics/indicators.ts';

const NORDIC = 'nordic-2024';
const EU = 'eu-2023';
const UNITS = { material: 't/yr', energy: 'MWh/yr', water: 'm3/yr', land: 'm2' } as const;

function row(id: string, over: Partial<SuggestionRow> & Pick<SuggestionRow, 'kind'>): SuggestionRow {
  return {
    id,
    unit: UNITS[over.kind],
    state: 'suggested',
    matchStatus: 'active',
    allocatedQuantity: null,
    maxQuantity: 1000,
    factorSet: NORDIC,
    impacts: {},
    lastRunId: 'run-1',
    offerCompanyId: `${id}-offer`,
    needCompanyId: `${id}-need`,
    regions: [],
    outcome: null,
    reasonCode: null,
    createdAt: '2024-01-10T00:00:00Z',
    ...over,
  };
}
const est = (quantity: number, co2eAvoidedT: number, more: Partial<ImpactEstimate> = {}): ImpactEstimate => ({
  quantity,
  co2eAvoidedT,
  ...more,
});

// A realised (400 t measured, CO2e under both sets, cost saved measured); E potential in run-2,
// J potential outside a run without an EU estimate; I declined for price.
const ROWS: SuggestionRow[] = [
  row('A', {
    kind: 'material',
    state: 'implemented',
    allocatedQuantity: 1000,
    impacts: {
      [NORDIC]: est(1000, 500, { tonnesDiverted: 1000, virginMaterialDisplacedT: 800 }),
      [EU]: est(1000, 300, { tonnesDiverted: 1000, virginMaterialDisplacedT: 800 }),
    },
    regions: ['4601', '46'],
    outcome: {
      quantityPerYear: 400,
      quantityBasis: 'measured',
      startDate: '2024-03-01',
      benefits: { costSavedNokPerYear: { value: 100_000, basis: 'measured' } },
    },
  }),
  row('E', {
    kind: 'material',
    state: 'agreed',
    allocatedQuantity: 200,
    maxQuantity: 500,
    lastRunId: 'run-2',
    impacts: { [NORDIC]: est(500, 100), [EU]: est(500, 50) },
    regions: ['1103', '11'],
  }),
  row('J', {
    kind: 'land',
    state: 'introduced',
    allocatedQuantity: 2000,
    maxQuantity: 5000,
    lastRunId: null,
    impacts: { [NORDIC]: est(5000, 0) },
  }),
  row('I', { kind: 'material', state: 'declined', reasonCode: 'price', allocatedQuantity: 50 }),
];
const EVENTS: TransitionRow[] = [
  { suggestionId: 'A', to: 'under-review', at: '2024-01-20T00:00:00Z' },
  { suggestionId: 'A', to: 'introduced', at: '2024-02-01T00:00:00Z' },
  { suggestionId: 'A', to: 'agreed', at: '2024-02-10T00:00:00Z' },
  { suggestionId: 'A', to: 'implemented', at: '2024-03-01T00:00:00Z' },
  { suggestionId: 'E', to: 'agreed', at: '2024-04-01T00:00:00Z' },
  { suggestionId: 'J', to: 'introduced', at: '2024-04-15T00:00:00Z' },
  { suggestionId: 'I', to: 'declined', at: '2024-05-01T00:00:00Z' },
];
const OPTIONS = { period: { from: '2024-01-01', to: '2025-01-01' } };
const IND = indicators({ rows: ROWS, events: EVENTS, listings: 10 }, OPTIONS);
const EXTRAS = {
  breakdowns: [{ by: 'kind', groups: breakdown(ROWS, KEYS.kind, OPTIONS) }],
  barriersBy: [{ by: 'kind', groups: barriersBy(ROWS, EVENTS, KEYS.kind, OPTIONS) }],
  timeSeries: timeSeries(ROWS, EVENTS, 'quarter', OPTIONS),
};
const TABLES = indicatorTables(IND, EXTRAS);

const table = (name: string): NamedTable => {
  const found = TABLES.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no table ${name}`);
  return found;
};
/** The rows of a table as objects keyed by column. */
const records = (t: NamedTable): Record<string, CsvCell>[] =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
const rowOf = (name: string, key: string, value: CsvCell): Record<string, CsvCell> =>
  records(table(name)).find((r) => r[key] === value)!;

describe('indicatorTables', () => {
  it('when given indicators with breakdowns and a series, then there is one named table for each', () => {
    expect(TABLES.map((t) => t.name)).toEqual([
      'period',
      'realised',
      'potential',
      'potential-runs',
      'co2e-by-factor-set',
      'excluded',
      'funnel',
      'time-to-implementation',
      'barriers',
      'breakdown-by-kind',
      'barriers-by-kind',
      'time-series-quarter',
    ]);
    expect(indicatorTables(IND).map((t) => t.name)).toHaveLength(9);
  });

  it('when a table is written as CSV and read back, then every cell is the same', () => {
    for (const t of TABLES) {
      const back = parse(toCsv(t)) as string[][];
      expect(back, t.name).toEqual([
        [...t.columns],
        ...t.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))),
      ]);
    }
  });

  it('when the period is given, then its table says it with the factor sets', () => {
    expect(records(table('period'))).toEqual([
      { from: '2024-01-01', to: '2025-01-01', asOf: '2025-01-01', factorSets: `${EU};${NORDIC}` },
    ]);
  });

  it('when a realised figure is tabled, then it has its value, unit, basis split, exchanges and method', () => {
    expect(rowOf('realised', 'figure', 'materialsT')).toEqual({
      figure: 'materialsT',
      factorSet: null,
      value: 400,
      unit: 't/yr',
      measured: 400,
      estimated: 0,
      exchanges: 1,
      missing: null,
      method: IND.realised.materialsT.method,
    });
    expect(rowOf('realised', 'figure', 'activeSymbioses')).toMatchObject({ value: 1, unit: 'count' });
    expect(rowOf('realised', 'figure', 'costSavedNokPerYear')).toMatchObject({
      value: 100_000,
      measured: 100_000,
      unit: 'NOK/yr',
    });
    expect(rowOf('realised', 'figure', 'tonnesDiverted')).toMatchObject({ value: 400, missing: '' });
  });

  it('when CO2e is tabled, then there is one row per factor set, realised and potential side by side', () => {
    const co2e = records(table('realised')).filter((r) => r['figure'] === 'co2eAvoidedT');
    expect(co2e.map((r) => [r['factorSet'], r['value'], r['unit']])).toEqual([
      [EU, 120, 't CO2e/yr'],
      [NORDIC, 200, 't CO2e/yr'],
    ]);
    expect(records(table('co2e-by-factor-set'))).toEqual([
      {
        factorSet: EU,
        unit: 't CO2e/yr',
        realised: 120,
        realisedMeasured: 120,
        realisedEstimated: 0,
        realisedExchanges: 1,
        realisedMissing: 0,
        potential: 20,
        potentialSuggestions: 1,
        potentialMissing: 1,
      },
      {
        factorSet: NORDIC,
        unit: 't CO2e/yr',
        realised: 200,
        realisedMeasured: 200,
        realisedEstimated: 0,
        realisedExchanges: 1,
        realisedMissing: 0,
        potential: 40,
        potentialSuggestions: 2,
        potentialMissing: 0,
      },
    ]);
  });

  it('when a potential figure is tabled, then it names its runs (null as incremental) and what it is missing', () => {
    expect(rowOf('potential', 'figure', 'materialsT')).toMatchObject({
      value: 200,
      suggestions: 1,
      runs: 'run-2',
    });
    expect(rowOf('potential', 'figure', 'landM2')).toMatchObject({
      value: 2000,
      runs: INCREMENTAL,
      unit: 'm2',
    });
    const eu = records(table('potential')).find(
      (r) => r['figure'] === 'co2eAvoidedT' && r['factorSet'] === EU,
    )!;
    expect(eu).toMatchObject({ value: 20, missing: 'J' });
    expect(records(table('potential-runs'))).toEqual(
      IND.potential.runs.map((r) => ({ runId: r.runId ?? INCREMENTAL, suggestions: r.suggestions })),
    );
  });

  it('when the funnel is tabled, then each stage has its count and the conversion from the stage before', () => {
    const funnel = records(table('funnel'));
    expect(funnel.map((r) => [r['stage'], r['count']])).toEqual(
      IND.funnel.stages.map((s) => [s.stage, s.count]),
    );
    expect(funnel[0]).toMatchObject({
      stage: 'listings',
      conversionFrom: undefined,
      conversionRate: undefined,
    });
    expect(funnel[1]).toMatchObject({
      stage: 'suggestions',
      count: 4,
      conversionFrom: 'listings',
      conversionRate: 0.4,
    });
    expect(records(table('time-to-implementation'))).toEqual([
      { medianDays: 51, suggestions: 1, method: IND.funnel.medianDaysToImplemented.method },
    ]);
  });

  it('when barriers are tabled, then each reason has its counts and examples', () => {
    expect(records(table('barriers'))).toEqual([
      { reasonCode: 'price', count: 1, rejected: 0, declined: 1, examples: 'I', method: IND.barriers.method },
    ]);
    expect(records(table('barriers-by-kind'))).toEqual([
      { key: 'material', reasonCode: 'price', count: 1, rejected: 0, declined: 1, examples: 'I' },
    ]);
  });

  it('when a breakdown is given, then each group is a row with realised and potential figures as columns', () => {
    const t = table('breakdown-by-kind');
    expect(t.columns).toContain(`realised.co2eAvoidedT.${NORDIC}`);
    expect(t.columns).toContain(`potential.co2eAvoidedT.${EU}`);
    expect(records(t).map((r) => r['key'])).toEqual(['land', 'material']);
    expect(rowOf('breakdown-by-kind', 'key', 'material')).toMatchObject({
      'realised.materialsT': 400,
      [`realised.co2eAvoidedT.${NORDIC}`]: 200,
      'potential.materialsT': 200,
      [`potential.co2eAvoidedT.${EU}`]: 20,
    });
    expect(rowOf('breakdown-by-kind', 'key', 'land')).toMatchObject({ 'potential.landM2': 2000 });
  });

  it('when a time series is given, then each bucket is a row with a column per stage', () => {
    const t = table('time-series-quarter');
    expect(t.columns).toEqual([
      'bucket',
      'start',
      'under-review',
      'introduced',
      'agreed',
      'implemented',
      'rejected',
      'declined',
    ]);
    expect(records(t).map((r) => r['bucket'])).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(rowOf('time-series-quarter', 'bucket', '2024-Q1')).toMatchObject({ implemented: 1, agreed: 1 });
    expect(rowOf('time-series-quarter', 'bucket', '2024-Q2')).toMatchObject({ declined: 1 });
  });
});

describe('networkTables', () => {
  it('when the network is tabled, then nodes and exchanges are two tables, in id order, regions joined', () => {
    const [nodes, edges] = networkTables(
      [
        { id: 'b', kind: 'site', anonymised: false, label: 'B', lat: 60, lon: 5, regions: ['4601', '46'] },
        { id: 'a', kind: 'company', anonymised: true, label: 'Secret', lat: 60.04, lon: 5.17 },
      ],
      [
        {
          id: 'e',
          source: 'a',
          target: 'b',
          kind: 'water',
          quantity: -1,
          unit: 'm3/yr',
          co2eAvoidedT: 0,
          state: 'implemented',
          realised: true,
        },
      ],
    );
    expect(nodes!.rows).toEqual([
      ['a', undefined, 'company', true, 60, 5.2, null],
      ['b', 'B', 'site', false, 60, 5, '4601;46'],
    ]);
    expect(edges!.columns).toEqual([
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
    ]);
    // The anonymised end is shown at (60, 5.2): 0.2° of longitude at 60° N ≈ 11.1 km from (60, 5).
    expect(toCsv(edges!).split('\n')[1]).toBe('"e","a","b","water",-1,"m3/yr",0,"implemented",true,,11.1');
  });
});

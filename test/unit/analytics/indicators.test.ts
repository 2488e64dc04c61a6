/**
 * The mission's indicators on small hand-computed scopes. Every expected number below is worked
 * out in the comments from the fixture, not read back from the module.
 */
import { describe, expect, it } from 'vitest';
import {
  barriers,
  barriersBy,
  breakdown,
  funnel,
  groupBy,
  type ImpactEstimate,
  indicators,
  KEYS,
  NO_KEY,
  potential,
  realised,
  type SuggestionRow,
  type TransitionRow,
  timeSeries,
} from '../../../src/analytics/indicators.ts';
import { AppError } from '../../../src/errors.ts';

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
    createdAt: '2024-01-01T00:00:00Z',
    ...over,
  };
}

const est = (
  quantity: number,
  co2eAvoidedT: number | null,
  more: Partial<ImpactEstimate> = {},
): ImpactEstimate => ({
  quantity,
  co2eAvoidedT,
  ...more,
});

// ---- A scope with realised and potential exchanges --------------------------------------------
//
// Period [2024-01-01, 2025-01-01). Two factor sets; impacts are for maxQuantity.
//
// Realised (implemented, running at 2025-01-01):
//   A material 400 t/yr measured, of an estimate for 1000 t: diverted 1000, virgin 800,
//     CO2e nordic 500, eu 300  → diverted 400, virgin 320, CO2e nordic 200, eu 120 (measured)
//     cost saved 100 000 measured, jobs 2 estimated; companies c1 → c2; allocated 1000 (ignored)
//   B energy 2500 MWh/yr estimated, estimate for 5000 MWh: CO2e nordic 100, none under eu
//     → 2.5 GWh, CO2e nordic 50 (estimated), eu missing; ends 2026 (after the period end),
//     started 2023 (before the period start: still running); revenue 50 000 and cost saved
//     20 000 estimated; companies c2 → c3
//   C water, ended 2024-06-30: excluded.  D starts 2025-02-01: excluded.
//
// Potential (allocated, active, open):
//   E material agreed, 200 of 500 allocated (run-2); estimate 500 t: diverted 500, virgin 250,
//     CO2e nordic 100, eu 50 → 200 t, diverted 200, virgin 100, CO2e nordic 40, eu 20
//   F water suggested, 3000 of 10 000 (run-1); CO2e nordic 2, eu 3 → 3000 m³, nordic 0.6, eu 0.9
//   J land introduced, 2000 of 5000 m² (no run: incremental); CO2e nordic 0, no eu estimate
//   G energy allocated null with a full impact of 400 t CO2e: never counted
//   H withdrawn by the matching, I declined, L allocated 0: not potential
const SCOPE: SuggestionRow[] = [
  row('A', {
    kind: 'material',
    state: 'implemented',
    allocatedQuantity: 1000,
    impacts: {
      [NORDIC]: est(1000, 500, { tonnesDiverted: 1000, virginMaterialDisplacedT: 800 }),
      [EU]: est(1000, 300, { tonnesDiverted: 1000, virginMaterialDisplacedT: 800 }),
    },
    offerCompanyId: 'c1',
    needCompanyId: 'c2',
    regions: ['4601', '46'],
    industryDivisions: ['24', '23'],
    wasteChapters: ['10'],
    outcome: {
      quantityPerYear: 400,
      quantityBasis: 'measured',
      startDate: '2024-01-15',
      benefits: {
        costSavedNokPerYear: { value: 100_000, basis: 'measured' },
        jobs: { value: 2, basis: 'estimated' },
      },
    },
  }),
  row('B', {
    kind: 'energy',
    state: 'implemented',
    impacts: { [NORDIC]: est(5000, 100, { mwhDelivered: 5000 }) },
    offerCompanyId: 'c2',
    needCompanyId: 'c3',
    regions: ['4601', '46', '1103', '11'],
    industryDivisions: ['24', '35'],
    outcome: {
      quantityPerYear: 2500,
      quantityBasis: 'estimated',
      startDate: '2023-06-01',
      endDate: '2026-01-01',
      benefits: {
        revenueNokPerYear: { value: 50_000, basis: 'estimated' },
        costSavedNokPerYear: { value: 20_000, basis: 'estimated' },
      },
    },
  }),
  row('C', {
    kind: 'water',
    state: 'implemented',
    impacts: { [NORDIC]: est(100, 1) },
    outcome: {
      quantityPerYear: 50,
      quantityBasis: 'measured',
      startDate: '2024-01-01',
      endDate: '2024-06-30',
    },
  }),
  row('D', {
    kind: 'material',
    state: 'implemented',
    impacts: { [NORDIC]: est(100, 10, { tonnesDiverted: 100 }) },
    outcome: { quantityPerYear: 60, quantityBasis: 'measured', startDate: '2025-02-01' },
  }),
  row('E', {
    kind: 'material',
    state: 'agreed',
    allocatedQuantity: 200,
    maxQuantity: 500,
    lastRunId: 'run-2',
    impacts: {
      [NORDIC]: est(500, 100, { tonnesDiverted: 500, virginMaterialDisplacedT: 250 }),
      [EU]: est(500, 50, { tonnesDiverted: 500, virginMaterialDisplacedT: 250 }),
    },
    offerCompanyId: 'c7',
    needCompanyId: 'c8',
    regions: ['1103', '11'],
    wasteChapters: ['17', '10'],
  }),
  row('F', {
    kind: 'water',
    allocatedQuantity: 3000,
    maxQuantity: 10_000,
    impacts: { [NORDIC]: est(10_000, 2, { m3Supplied: 10_000 }), [EU]: est(10_000, 3) },
    offerCompanyId: 'c8',
    needCompanyId: 'c9',
    regions: ['4621', '46'],
  }),
  row('J', {
    kind: 'land',
    state: 'introduced',
    allocatedQuantity: 2000,
    maxQuantity: 5000,
    lastRunId: null,
    impacts: { [NORDIC]: est(5000, 0, { m2Used: 5000 }) },
    offerCompanyId: 'c5',
    needCompanyId: 'c6',
  }),
  row('G', { kind: 'energy', maxQuantity: 8000, impacts: { [NORDIC]: est(8000, 400) } }),
  row('H', {
    kind: 'material',
    matchStatus: 'withdrawn',
    state: 'withdrawn',
    allocatedQuantity: 100,
    impacts: { [NORDIC]: est(1000, 90, { tonnesDiverted: 1000 }) },
  }),
  row('I', {
    kind: 'material',
    state: 'declined',
    reasonCode: 'price',
    allocatedQuantity: 50,
    impacts: { [NORDIC]: est(1000, 90, { tonnesDiverted: 1000 }) },
  }),
  row('L', { kind: 'water', allocatedQuantity: 0, impacts: { [NORDIC]: est(1000, 9) } }),
];

const YEAR_2024 = { period: { from: '2024-01-01', to: '2025-01-01' } };

describe('realised', () => {
  const r = realised(SCOPE, YEAR_2024);

  it('when exchanges are implemented and running at the period end, then they are counted with their companies', () => {
    expect(r.basis).toBe('realised');
    expect(r.asOf).toBe('2025-01-01');
    expect(r.activeSymbioses.value).toBe(2); // A and B
    expect(r.companies.value).toBe(3); // c1, c2, c3: c2 takes part in both
  });

  it('when an exchange ended before the period end or starts after it, then it is excluded and says why', () => {
    expect(r.excluded).toEqual([
      { id: 'C', reason: 'ended before the period end' },
      { id: 'D', reason: 'starts after the period end' },
    ]);
    expect(r.waterM3.value).toBe(0);
  });

  it('when quantities are recorded, then they are summed by kind and split by their basis', () => {
    expect(r.materialsT).toMatchObject({ value: 400, measured: 400, estimated: 0, exchanges: 1 });
    expect(r.energyGWh).toMatchObject({ value: 2.5, measured: 0, estimated: 2.5, exchanges: 1 });
    expect(r.landM2.value).toBe(0);
  });

  it("when impacts are scaled, then each exchange's estimate per unit is multiplied by its recorded quantity", () => {
    expect(r.tonnesDiverted.value).toBeCloseTo(400); // 400 × 1000/1000
    expect(r.virginMaterialSavedT.value).toBeCloseTo(320); // 400 × 800/1000
    expect(r.tonnesDiverted.missing).toEqual([]);
    const [eu, nordic] = r.co2eAvoidedT;
    // nordic: A 400 × 500/1000 = 200 (measured) + B 2500 × 100/5000 = 50 (estimated)
    expect(nordic).toMatchObject({ factorSet: NORDIC, exchanges: 2, missing: [] });
    expect(nordic!.value).toBeCloseTo(250);
    expect(nordic!.measured).toBeCloseTo(200);
    expect(nordic!.estimated).toBeCloseTo(50);
    // eu: A 400 × 300/1000 = 120; B has no estimate under eu: listed, not guessed
    expect(eu).toMatchObject({ factorSet: EU, exchanges: 1, missing: ['B'] });
    expect(eu!.value).toBeCloseTo(120);
    expect(nordic!.method).toContain(NORDIC);
  });

  it('when companies report benefits, then they are summed as reported, split by each benefit basis', () => {
    expect(r.costSavedNokPerYear).toMatchObject({
      value: 120_000,
      measured: 100_000,
      estimated: 20_000,
      exchanges: 2,
    });
    expect(r.revenueNokPerYear).toMatchObject({
      value: 50_000,
      measured: 0,
      estimated: 50_000,
      exchanges: 1,
    });
    expect(r.jobs).toMatchObject({ value: 2, measured: 0, estimated: 2, exchanges: 1 });
  });

  it('when no period end is given, then an exchange with an end date counts as ended', () => {
    const open = realised(SCOPE);
    expect(open.activeSymbioses.value).toBe(2); // A and D; B, C have end dates
    expect(open.excluded.map((e) => e.id)).toEqual(['B', 'C']);
    expect(open.materialsT.value).toBe(460); // A 400 + D 60
  });

  it('when an implemented row has no outcome or a unit not canonical for its kind, then it is excluded', () => {
    const odd = realised(
      [
        row('X', { kind: 'energy', state: 'implemented' }),
        row('Y', {
          kind: 'energy',
          unit: 'GWh/yr',
          state: 'implemented',
          outcome: { quantityPerYear: 1, quantityBasis: 'measured', startDate: '2024-01-01' },
        }),
      ],
      YEAR_2024,
    );
    expect(odd.activeSymbioses.value).toBe(0);
    expect(odd.excluded).toEqual([
      { id: 'X', reason: 'implemented without a recorded outcome' },
      { id: 'Y', reason: "unit 'GWh/yr' is not the canonical unit of energy (MWh/yr)" },
    ]);
  });

  it('when an estimate is for a quantity of 0, then its impact cannot be scaled and the exchange is listed missing', () => {
    const r0 = realised(
      [
        row('Z', {
          kind: 'material',
          state: 'implemented',
          impacts: { [NORDIC]: est(0, 0, { tonnesDiverted: 0, virginMaterialDisplacedT: 0 }) },
          outcome: { quantityPerYear: 10, quantityBasis: 'measured', startDate: '2024-01-01' },
        }),
      ],
      YEAR_2024,
    );
    expect(r0.materialsT.value).toBe(10);
    expect(r0.tonnesDiverted).toMatchObject({ value: 0, exchanges: 0, missing: ['Z'] });
    expect(r0.co2eAvoidedT).toEqual([expect.objectContaining({ factorSet: NORDIC, missing: ['Z'] })]);
  });
});

describe('potential', () => {
  const p = potential(SCOPE, YEAR_2024);

  it('when suggestions are allocated, active and open, then only their allocated quantities count', () => {
    expect(p.basis).toBe('potential');
    expect(p.suggestions.value).toBe(3); // E, F, J
    expect(p.companies.value).toBe(5); // c7, c8, c9, c5, c6
    expect(p.materialsT).toMatchObject({ value: 200, suggestions: 1, runs: ['run-2'] });
    expect(p.waterM3).toMatchObject({ value: 3000, suggestions: 1, runs: ['run-1'] });
    expect(p.landM2).toMatchObject({ value: 2000, suggestions: 1, runs: [null] });
    expect(p.energyGWh).toMatchObject({ value: 0, suggestions: 0, runs: [] });
    expect(p.tonnesDiverted.value).toBeCloseTo(200); // 200 × 500/500
    expect(p.virginMaterialSavedT.value).toBeCloseTo(100); // 200 × 250/500
  });

  it('when a suggestion is not allocated, then its full impact is never counted', () => {
    // The naive sum of every suggestion's co2eAvoidedT under nordic would include G's 400 t.
    const [eu, nordic] = p.co2eAvoidedT;
    expect(nordic!.value).toBeCloseTo(40.6); // E 200 × 100/500 = 40, F 3000 × 2/10 000 = 0.6, J 0
    expect(nordic).toMatchObject({ factorSet: NORDIC, suggestions: 3, runs: ['run-1', 'run-2', null] });
    expect(eu!.value).toBeCloseTo(20.9); // E 200 × 50/500 = 20, F 3000 × 3/10 000 = 0.9
    expect(eu).toMatchObject({ factorSet: EU, suggestions: 2, missing: ['J'], runs: ['run-1', 'run-2'] });
  });

  it('when figures come from runs, then the runs are named with their counts, incremental last', () => {
    expect(p.runs).toEqual([
      { runId: 'run-1', suggestions: 1 },
      { runId: 'run-2', suggestions: 1 },
      { runId: null, suggestions: 1 },
    ]);
  });

  it('when a suggestion is created after the period end, then it is not potential in that period', () => {
    const late = [row('N', { kind: 'water', allocatedQuantity: 10, createdAt: '2025-03-01T00:00:00Z' })];
    expect(potential(late, YEAR_2024).suggestions.value).toBe(0);
    expect(potential(late).suggestions.value).toBe(1);
  });
});

describe('indicators', () => {
  it('when everything is computed, then realised and potential are separate, with the same factor sets', () => {
    const all = indicators({ rows: SCOPE, events: [], listings: 40 }, YEAR_2024);
    expect(all.period).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(all.factorSets).toEqual([EU, NORDIC]);
    expect(all.realised.co2eAvoidedT.map((c) => c.factorSet)).toEqual([EU, NORDIC]);
    expect(all.potential.co2eAvoidedT.map((c) => c.factorSet)).toEqual([EU, NORDIC]);
    // A is implemented with 1000 allocated: realised only (400 t), never also potential.
    expect(all.realised.materialsT.value).toBe(400);
    expect(all.potential.materialsT.value).toBe(200);
    expect(all.funnel.stages[0]).toMatchObject({ stage: 'listings', count: 40 });
  });

  it('when factor sets are asked for, then CO2e is reported under those only, in that order', () => {
    const all = indicators({ rows: SCOPE, events: [], listings: 0 }, { ...YEAR_2024, factorSets: [NORDIC] });
    expect(all.realised.co2eAvoidedT.map((c) => c.factorSet)).toEqual([NORDIC]);
    expect(all.potential.co2eAvoidedT.map((c) => c.factorSet)).toEqual([NORDIC]);
  });

  it.each([
    [{ from: 'last year' }, 'from'],
    [{ from: '2024-06-01', to: '2024-06-01' }, 'to'],
  ])('when the period is %j, then it is refused on %s', (period, path) => {
    try {
      indicators({ rows: SCOPE, events: [], listings: 0 }, { period });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION_FAILED');
      expect((e as AppError).details[0]!.path).toBe(path);
    }
  });
});

// ---- The workflow over time -------------------------------------------------------------------
//
//   s1 created 2024-01-10: under-review 01-20, introduced 02-01, negotiating 02-15, agreed 03-01,
//      implemented 03-11                                  → 61 days (2024 is a leap year)
//   s2 created 2024-02-01: introduced 02-05 (no review), negotiating 03-01, agreed 04-01,
//      implemented 05-02                                  → 91 days
//   s3 created 2024-03-01: under-review 03-05, declined 03-20 (price)
//   s4 created 2024-04-01: nothing
//   s5 created 2024-05-01: under-review 06-01, introduced 07-01, rejected 08-01 (regulation)
//   s6 created 2024-06-01: under-review 06-10, introduced 06-20, negotiating 07-01, agreed 12-01,
//      implemented 2025-02-01 (after the period)          → 245 days
//   s7 created 2023-12-01 (before the period): introduced 2023-12-15, negotiating 2024-01-05,
//      agreed 01-20, implemented 02-01                    → 62 days
//   s8 created 2024-07-01: introduced 07-05, negotiating 07-06, agreed 07-10, implemented 07-31
//                                                          → 30 days
const WORKFLOW: [string, string, string, [string, string][]][] = [
  [
    's1',
    'implemented',
    '2024-01-10',
    [
      ['under-review', '2024-01-20'],
      ['introduced', '2024-02-01'],
      ['negotiating', '2024-02-15'],
      ['agreed', '2024-03-01'],
      ['implemented', '2024-03-11'],
    ],
  ],
  [
    's2',
    'implemented',
    '2024-02-01',
    [
      ['introduced', '2024-02-05'],
      ['negotiating', '2024-03-01'],
      ['agreed', '2024-04-01'],
      ['implemented', '2024-05-02'],
    ],
  ],
  [
    's3',
    'declined',
    '2024-03-01',
    [
      ['under-review', '2024-03-05'],
      ['declined', '2024-03-20'],
    ],
  ],
  ['s4', 'suggested', '2024-04-01', []],
  [
    's5',
    'rejected',
    '2024-05-01',
    [
      ['under-review', '2024-06-01'],
      ['introduced', '2024-07-01'],
      ['rejected', '2024-08-01'],
    ],
  ],
  [
    's6',
    'implemented',
    '2024-06-01',
    [
      ['under-review', '2024-06-10'],
      ['introduced', '2024-06-20'],
      ['negotiating', '2024-07-01'],
      ['agreed', '2024-12-01'],
      ['implemented', '2025-02-01'],
    ],
  ],
  [
    's7',
    'implemented',
    '2023-12-01',
    [
      ['introduced', '2023-12-15'],
      ['negotiating', '2024-01-05'],
      ['agreed', '2024-01-20'],
      ['implemented', '2024-02-01'],
    ],
  ],
  [
    's8',
    'implemented',
    '2024-07-01',
    [
      ['introduced', '2024-07-05'],
      ['negotiating', '2024-07-06'],
      ['agreed', '2024-07-10'],
      ['implemented', '2024-07-31'],
    ],
  ],
];

const FLOW_ROWS = WORKFLOW.map(([id, state, created]) =>
  row(id, {
    kind: 'material',
    state: state as SuggestionRow['state'],
    createdAt: `${created}T00:00:00Z`,
    reasonCode: id === 's3' ? 'price' : id === 's5' ? 'regulation' : null,
  }),
);
// Listed newest first on purpose: the module must order them itself.
const FLOW_EVENTS: TransitionRow[] = WORKFLOW.flatMap(([id, , , events]) =>
  events.map(([to, at]) => ({ suggestionId: id, to: to as TransitionRow['to'], at: `${at}T12:00:00Z` })),
).reverse();

describe('funnel', () => {
  it('when the period is 2024, then the cohort created in it is followed up to the period end', () => {
    const f = funnel(FLOW_ROWS, FLOW_EVENTS, 20, YEAR_2024);
    // Cohort: s1-s6, s8 (s7 was created in 2023). under-review counts s2 and s8, introduced
    // without a review; s6 was implemented only in 2025, so it stops at agreed.
    expect(f.stages.map((s) => [s.stage, s.count])).toEqual([
      ['listings', 20],
      ['suggestions', 7],
      ['under-review', 6], // all but s4
      ['introduced', 5], // s1, s2, s5, s6, s8
      ['agreed', 4], // s1, s2, s6, s8
      ['implemented', 3], // s1, s2, s8
    ]);
    expect(f.conversions).toEqual([
      { from: 'listings', to: 'suggestions', rate: 7 / 20 },
      { from: 'suggestions', to: 'under-review', rate: 6 / 7 },
      { from: 'under-review', to: 'introduced', rate: 5 / 6 },
      { from: 'introduced', to: 'agreed', rate: 4 / 5 },
      { from: 'agreed', to: 'implemented', rate: 3 / 4 },
    ]);
    // Events at noon, creation at midnight: 61.5, 91.5, 30.5 days → median 61.5.
    expect(f.medianDaysToImplemented).toMatchObject({ value: 61.5, suggestions: 3 });
  });

  it('when there is no period, then every suggestion counts, with its current state too', () => {
    const f = funnel(FLOW_ROWS, FLOW_EVENTS, 20);
    expect(f.stages.map((s) => s.count)).toEqual([20, 8, 7, 6, 5, 5]);
    // 30.5, 61.5, 62.5, 91.5, 245.5 → 62.5
    expect(f.medianDaysToImplemented).toMatchObject({ value: 62.5, suggestions: 5 });
  });

  it('when a state has no events (recorded before the audit log), then it counts only without a period end', () => {
    const legacy = [row('old', { kind: 'water', state: 'agreed', createdAt: '2024-02-01T00:00:00Z' })];
    expect(funnel(legacy, [], 1).stages.map((s) => s.count)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(funnel(legacy, [], 1, YEAR_2024).stages.map((s) => s.count)).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it('when a stage is empty, then the conversion from it is null and there is no median', () => {
    const f = funnel([], [], 0);
    expect(f.conversions.every((c) => c.rate === null)).toBe(true);
    expect(f.medianDaysToImplemented).toMatchObject({ value: null, suggestions: 0 });
  });
});

describe('timeSeries', () => {
  it('when quarterly, then each stage is counted in the quarter a suggestion first reached it', () => {
    const ts = timeSeries(FLOW_ROWS, FLOW_EVENTS, 'quarter', YEAR_2024);
    expect(ts.interval).toBe('quarter');
    const zero = { rejected: 0, declined: 0 };
    expect(ts.buckets).toEqual([
      {
        bucket: '2024-Q1',
        start: '2024-01-01T00:00:00.000Z',
        // UR s1, s2 (via introduced), s3; introduced s1, s2; agreed and implemented s1, s7
        // (s7 reached under-review and introduced in 2023: not counted again); declined s3
        counts: { 'under-review': 3, introduced: 2, agreed: 2, implemented: 2, ...zero, declined: 1 },
      },
      {
        bucket: '2024-Q2',
        start: '2024-04-01T00:00:00.000Z',
        // UR s5, s6; introduced s6; agreed and implemented s2
        counts: { 'under-review': 2, introduced: 1, agreed: 1, implemented: 1, ...zero },
      },
      {
        bucket: '2024-Q3',
        start: '2024-07-01T00:00:00.000Z',
        // UR s8; introduced s5, s8; agreed and implemented s8; rejected s5
        counts: { 'under-review': 1, introduced: 2, agreed: 1, implemented: 1, ...zero, rejected: 1 },
      },
      {
        bucket: '2024-Q4',
        start: '2024-10-01T00:00:00.000Z',
        counts: { 'under-review': 0, introduced: 0, agreed: 1, implemented: 0, ...zero }, // s6 agreed
      },
    ]);
  });

  it('when monthly, then every month of the period is there, empty or not', () => {
    const ts = timeSeries(FLOW_ROWS, FLOW_EVENTS, 'month', YEAR_2024);
    expect(ts.buckets.map((b) => b.bucket)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
    ]);
    expect(ts.buckets[1]!.counts).toMatchObject({
      'under-review': 1,
      introduced: 2,
      agreed: 0,
      implemented: 1,
    });
    expect(ts.buckets[2]!.counts).toMatchObject({
      'under-review': 1,
      agreed: 1,
      implemented: 1,
      declined: 1,
    });
    expect(ts.buckets[8]!.counts).toEqual({
      'under-review': 0,
      introduced: 0,
      agreed: 0,
      implemented: 0,
      rejected: 0,
      declined: 0,
    });
  });

  it('when records are edited later, then the series does not change: it reads only the events', () => {
    const before = timeSeries(FLOW_ROWS, FLOW_EVENTS, 'quarter', YEAR_2024);
    const edited = FLOW_ROWS.map((r) => ({
      ...r,
      state: 'withdrawn' as const,
      createdAt: '2030-01-01T00:00:00Z',
    }));
    expect(timeSeries(edited, FLOW_EVENTS, 'quarter', YEAR_2024)).toEqual(before);
  });

  it('when events belong to suggestions out of scope, then they are not counted', () => {
    const stray: TransitionRow = { suggestionId: 'elsewhere', to: 'introduced', at: '2024-11-02T00:00:00Z' };
    const ts = timeSeries(FLOW_ROWS, [...FLOW_EVENTS, stray], 'quarter', YEAR_2024);
    expect(ts.buckets[3]!.counts.introduced).toBe(0);
  });

  it('when there is no period, then the buckets run from the first to the last counted event', () => {
    const ts = timeSeries(FLOW_ROWS, FLOW_EVENTS, 'quarter');
    expect(ts.buckets.map((b) => b.bucket)).toEqual([
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
    ]);
    expect(ts.buckets[0]!.counts).toMatchObject({ 'under-review': 1, introduced: 1 }); // s7
    expect(ts.buckets[5]!.counts).toMatchObject({ implemented: 1 }); // s6
    expect(timeSeries([], [], 'month').buckets).toEqual([]);
  });
});

// ---- Barriers ---------------------------------------------------------------------------------
//
// In 2024: price declines s3 (03-20), b1 (09-01), b2 (10-01), b3 (11-01); regulation s5 rejected
// (08-01); b4 rejected without a code (05-05). Outside: b5 declined for price 2023-11-01.
const BARRIER_ROWS = [
  ...FLOW_ROWS,
  row('b1', { kind: 'energy', state: 'declined', reasonCode: 'price' }),
  row('b2', { kind: 'material', state: 'declined', reasonCode: 'price' }),
  row('b3', { kind: 'material', state: 'declined', reasonCode: 'price' }),
  row('b4', { kind: 'material', state: 'rejected', reasonCode: null }),
  row('b5', { kind: 'material', state: 'declined', reasonCode: 'price' }),
];
const BARRIER_EVENTS: TransitionRow[] = [
  ...FLOW_EVENTS,
  { suggestionId: 'b1', to: 'declined', at: '2024-09-01T00:00:00Z' },
  { suggestionId: 'b2', to: 'declined', at: '2024-10-01T00:00:00Z' },
  { suggestionId: 'b3', to: 'declined', at: '2024-11-01T00:00:00Z' },
  { suggestionId: 'b4', to: 'rejected', at: '2024-05-05T00:00:00Z' },
  { suggestionId: 'b5', to: 'declined', at: '2023-11-01T00:00:00Z' },
];

describe('barriers', () => {
  it('when suggestions were stopped in the period, then they are counted by reason with the latest examples', () => {
    const b = barriers(BARRIER_ROWS, BARRIER_EVENTS, YEAR_2024);
    expect(b.total).toBe(6);
    expect(b.byReason).toEqual([
      { reasonCode: 'price', count: 4, rejected: 0, declined: 4, examples: ['b3', 'b2', 'b1'] },
      { reasonCode: 'regulation', count: 1, rejected: 1, declined: 0, examples: ['s5'] },
      { reasonCode: 'unspecified', count: 1, rejected: 1, declined: 0, examples: ['b4'] },
    ]);
  });

  it('when there is no period, then every stopped suggestion counts', () => {
    const b = barriers(BARRIER_ROWS, BARRIER_EVENTS);
    expect(b.total).toBe(7);
    expect(b.byReason[0]).toMatchObject({ reasonCode: 'price', count: 5, examples: ['b3', 'b2', 'b1'] });
  });

  it('when grouped by kind, then each kind has its own barriers and kinds without any are left out', () => {
    const by = barriersBy(BARRIER_ROWS, BARRIER_EVENTS, KEYS.kind, YEAR_2024);
    expect(by.map((g) => [g.key, g.barriers.total])).toEqual([
      ['energy', 1], // b1
      ['material', 5], // s3, s5, b2, b3, b4
    ]);
  });
});

// ---- Breakdowns -------------------------------------------------------------------------------

describe('groupBy', () => {
  it('when a row has several keys, then it is in each group once; without a key it is in (none)', () => {
    const groups = groupBy(
      [
        { id: 1, k: ['b', 'a', 'b'] },
        { id: 2, k: 'a' },
        { id: 3, k: null },
        { id: 4, k: [] },
      ],
      (x) => x.k,
    );
    expect([...groups].map(([k, xs]) => [k, xs.map((x) => x.id)])).toEqual([
      [NO_KEY, [3, 4]],
      ['a', [1, 2]],
      ['b', [1]],
    ]);
  });
});

describe('breakdown', () => {
  it('when broken down by county, then a pair across two counties counts in both and the factor sets line up', () => {
    const by = breakdown(SCOPE, KEYS.county, YEAR_2024);
    const table = by.map((g) => ({
      key: g.key,
      symbioses: g.realised.activeSymbioses.value,
      materialsT: g.realised.materialsT.value,
      energyGWh: g.realised.energyGWh.value,
      potentialMaterialsT: g.potential.materialsT.value,
      potentialWaterM3: g.potential.waterM3.value,
      potentialLandM2: g.potential.landM2.value,
      sets: g.potential.co2eAvoidedT.map((c) => c.factorSet),
    }));
    const sets = [EU, NORDIC];
    expect(table).toEqual([
      // J has no region (a foreign site); C, D, G, H, I, L neither, and add nothing
      {
        key: NO_KEY,
        symbioses: 0,
        materialsT: 0,
        energyGWh: 0,
        potentialMaterialsT: 0,
        potentialWaterM3: 0,
        potentialLandM2: 2000,
        sets,
      },
      // B (both counties) and E
      {
        key: '11',
        symbioses: 1,
        materialsT: 0,
        energyGWh: 2.5,
        potentialMaterialsT: 200,
        potentialWaterM3: 0,
        potentialLandM2: 0,
        sets,
      },
      // A, B and F
      {
        key: '46',
        symbioses: 2,
        materialsT: 400,
        energyGWh: 2.5,
        potentialMaterialsT: 0,
        potentialWaterM3: 3000,
        potentialLandM2: 0,
        sets,
      },
    ]);
  });

  it('when broken down by municipality, waste chapter and industry division, then the usual keys pick their codes', () => {
    const keys = (key: Parameters<typeof breakdown>[1]) => breakdown(SCOPE, key, YEAR_2024).map((g) => g.key);
    expect(keys(KEYS.municipality)).toEqual([NO_KEY, '1103', '4601', '4621']);
    expect(keys(KEYS.wasteChapter)).toEqual([NO_KEY, '10', '17']);
    expect(keys(KEYS.industryDivision)).toEqual([NO_KEY, '23', '24', '35']);
    const chapter10 = breakdown(SCOPE, KEYS.wasteChapter, YEAR_2024).find((g) => g.key === '10')!;
    expect(chapter10.realised.materialsT.value).toBe(400); // A
    expect(chapter10.potential.materialsT.value).toBe(200); // E
  });

  it('when broken down by kind, then realised and potential stay apart in every group', () => {
    const byKind = Object.fromEntries(breakdown(SCOPE, KEYS.kind, YEAR_2024).map((g) => [g.key, g]));
    expect(Object.keys(byKind)).toEqual(['energy', 'land', 'material', 'water']);
    // energy: B realised 2.5 GWh; G has no allocation, so no potential at all
    expect(byKind.energy!.realised.energyGWh.value).toBe(2.5);
    expect(byKind.energy!.potential.suggestions.value).toBe(0);
    expect(byKind.energy!.potential.co2eAvoidedT.every((c) => c.value === 0)).toBe(true);
  });
});

describe('CO2e that is not quantified', () => {
  // K water, 1000 of 1000 m³ allocated: under nordic the supply factor is missing (co2eAvoidedT
  // null), under eu 5 t. M material, 100 of 100 t allocated, nordic 10 t.
  const rows = [
    row('K', {
      kind: 'water',
      allocatedQuantity: 1000,
      impacts: { [NORDIC]: est(1000, null), [EU]: est(1000, 5) },
    }),
    row('M', { kind: 'material', allocatedQuantity: 100, impacts: { [NORDIC]: est(100, 10) } }),
  ];

  it('when an estimate is not quantified, then it is counted apart, never summed as 0', () => {
    const [eu, nordic] = potential(rows, YEAR_2024).co2eAvoidedT;
    expect(nordic).toMatchObject({
      factorSet: NORDIC,
      value: 10,
      suggestions: 1,
      missing: [],
      notQuantified: ['K'],
    });
    expect(eu).toMatchObject({ factorSet: EU, value: 5, suggestions: 1, missing: ['M'], notQuantified: [] });
  });

  it('when an implemented exchange has an estimate that is not quantified, then the realised figure lists it too', () => {
    const implemented = rows.map((r) => ({
      ...r,
      state: 'implemented' as const,
      outcome: { quantityPerYear: 10, quantityBasis: 'measured' as const, startDate: '2024-01-01' },
    }));
    const nordic = realised(implemented, YEAR_2024).co2eAvoidedT.find((f) => f.factorSet === NORDIC);
    expect(nordic).toMatchObject({ value: 1, exchanges: 1, missing: [], notQuantified: ['K'] });
  });
});

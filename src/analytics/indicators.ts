/**
 * The mission's indicators (sub-goal 3), computed from plain rows: one row per suggestion in
 * scope, the transition events of their reviews, and the number of listings in scope. Pure: the
 * services read the rows, this module only adds them up (rows → plain objects), and every figure
 * carries a `method` that says how it was obtained.
 *
 * Realised and potential are never mixed; they are separate objects built from disjoint rows:
 *
 *   realised   = implemented exchanges with a recorded outcome, running at the period end:
 *                outcome.startDate < to and not ended before it (no endDate, or endDate ≥ to).
 *                Quantities are the recorded quantityPerYear, split by its basis (measured or
 *                estimated); cost saved, revenue and jobs are summed as the companies reported
 *                them, split by each benefit's own basis.
 *   potential  = allocated quantities of suggestions the matching still proposes:
 *                allocatedQuantity > 0, matchStatus 'active', state neither closed nor
 *                implemented, created before the period end. A suggestion's unallocated full
 *                impact (its maxQuantity) is never counted. Each figure names the runs it came
 *                from (null: matched incrementally, outside a run).
 *
 * Impacts are estimated by the matching for a suggestion's maxQuantity and scale linearly with
 * quantity, so a quantity q is worth q × (field / impact.quantity) of each impact field:
 *
 *   CO2e avoided under set S      = q × impacts[S].co2eAvoidedT / impacts[S].quantity, per set
 *                                   side by side; a row without an estimate under S is listed
 *                                   in that figure's `missing`, one whose estimate is not
 *                                   quantified (co2eAvoidedT null: a factor is missing) in its
 *                                   `notQuantified`; neither is counted as 0 or guessed
 *   tonnes diverted, virgin saved = q × the same ratio of the suggestion's own factor set's
 *                                   estimate (they do not depend on the factors)
 *   t / GWh / m³ / m²             = q itself, by kind, in the kind's canonical unit (energy:
 *                                   MWh/yr ÷ 1000); a row in another unit is excluded and listed
 *
 * The funnel follows a cohort: the suggestions created in [from, to), and the furthest stage each
 * reached before `to` by its transition events (without `to`, its current state counts too). The
 * stages are cumulative, so a suggestion introduced straight from `suggested` has passed `under
 * review`, and one negotiating has been introduced. The time series and the barriers' timing are
 * rebuilt from the transition events only, so editing a record later does not change past
 * figures; the realised and potential totals read the records as they are now.
 *
 * Breakdowns (by kind, county, municipality, List of Waste chapter, industry division, or any key)
 * run the same totals per group. A row may fall in several groups (a pair whose sites lie in two
 * municipalities counts in both), so groups need not add up to the total; a row with no key falls
 * in the group `(none)`.
 */
import type { ListingKind } from '../domain/listing-kinds.ts';
import { CLOSED_STATES, type Outcome, type ReasonCode, type ReviewState } from '../domain/review.ts';
import { CANONICAL_UNIT } from '../domain/units.ts';
import { validationError } from '../errors.ts';

// ---- Inputs -----------------------------------------------------------------------------------

/** A suggestion's impact estimate under one factor set, for `quantity` per year (its maxQuantity). */
export interface ImpactEstimate {
  quantity: number;
  unit?: string;
  tonnesDiverted?: number;
  virginMaterialDisplacedT?: number;
  mwhDelivered?: number;
  m3Supplied?: number;
  m2Used?: number;
  /** null: not quantified (the estimate lacks a factor). */
  co2eAvoidedT: number | null;
  factorSet?: string;
}

/** One suggestion in scope, with its review as it stands. */
export interface SuggestionRow {
  id: string;
  kind: ListingKind;
  /** The suggestion's unit: the canonical unit of its kind (t/yr, MWh/yr, m3/yr, m2). */
  unit: string;
  /** Review state (the derived one, `suggested` or `withdrawn`, when no one has acted). */
  state: ReviewState;
  matchStatus: 'active' | 'withdrawn';
  allocatedQuantity: number | null;
  maxQuantity: number;
  /** The factor set the suggestion was estimated under: its estimate gives tonnes diverted and virgin saved. */
  factorSet: string;
  /** Impact estimates by factor set id; the suggestion's own set among them. */
  impacts: Readonly<Record<string, ImpactEstimate>>;
  lastRunId: string | null;
  offerCompanyId: string;
  needCompanyId: string;
  /** Municipality (4 digits) and county (2 digits) codes of both sites. */
  regions: readonly string[];
  /** NACE divisions (2 digits) of the two companies. */
  industryDivisions?: readonly string[];
  /** NACE sections (a letter) of the two companies. */
  industrySections?: readonly string[];
  /** List of Waste chapters (2 digits) of the offered material. */
  wasteChapters?: readonly string[];
  outcome: Outcome | null;
  reasonCode: ReasonCode | null;
  createdAt: string;
}

/** A transition event of a review: the suggestion moved to `to` at `at`. */
export interface TransitionRow {
  suggestionId: string;
  to: ReviewState;
  at: string;
}

/** [from, to): ISO dates or date-times; either end may be open. */
export interface Period {
  from?: string;
  to?: string;
}

export interface IndicatorOptions {
  period?: Period;
  /** The factor sets to report CO2e under; default: every set any row in scope has an estimate under. */
  factorSets?: readonly string[];
}

// ---- Outputs ----------------------------------------------------------------------------------

/** A count, and how it was counted. */
export interface Count {
  value: number;
  method: string;
}

/** A realised sum, split by the basis of what it rests on. */
export interface RealisedFigure {
  value: number;
  measured: number;
  estimated: number;
  /** Exchanges that contributed to it. */
  exchanges: number;
  method: string;
}

/** A realised figure derived from an impact estimate: the exchanges without a usable one are listed. */
export interface RealisedImpactFigure extends RealisedFigure {
  missing: string[];
}

export interface RealisedCo2e extends RealisedImpactFigure {
  factorSet: string;
  /** Exchanges whose estimate under the set is not quantified (a factor is missing): not counted. */
  notQuantified: string[];
}

export interface Excluded {
  id: string;
  reason: string;
}

export interface Realised {
  basis: 'realised';
  /** The period end the exchanges were running at; null: no end given. */
  asOf: string | null;
  activeSymbioses: Count;
  companies: Count;
  materialsT: RealisedFigure;
  energyGWh: RealisedFigure;
  waterM3: RealisedFigure;
  landM2: RealisedFigure;
  tonnesDiverted: RealisedImpactFigure;
  virginMaterialSavedT: RealisedImpactFigure;
  co2eAvoidedT: RealisedCo2e[];
  costSavedNokPerYear: RealisedFigure;
  revenueNokPerYear: RealisedFigure;
  jobs: RealisedFigure;
  /** Implemented rows left out, and why. */
  excluded: Excluded[];
}

/** A potential sum over allocated quantities, with the runs it came from. */
export interface PotentialFigure {
  value: number;
  /** Suggestions that contributed to it. */
  suggestions: number;
  /** Runs of those suggestions, sorted; null: matched incrementally, outside a run. */
  runs: (string | null)[];
  method: string;
}

export interface PotentialImpactFigure extends PotentialFigure {
  missing: string[];
}

export interface PotentialCo2e extends PotentialImpactFigure {
  factorSet: string;
  /** Suggestions whose estimate under the set is not quantified (a factor is missing): not counted. */
  notQuantified: string[];
}

export interface Potential {
  basis: 'potential';
  suggestions: Count;
  companies: Count;
  /** Suggestions counted per run; null: matched incrementally. */
  runs: { runId: string | null; suggestions: number }[];
  materialsT: PotentialFigure;
  energyGWh: PotentialFigure;
  waterM3: PotentialFigure;
  landM2: PotentialFigure;
  tonnesDiverted: PotentialImpactFigure;
  virginMaterialSavedT: PotentialImpactFigure;
  co2eAvoidedT: PotentialCo2e[];
  excluded: Excluded[];
}

export const FUNNEL_STAGES = [
  'listings',
  'suggestions',
  'under-review',
  'introduced',
  'agreed',
  'implemented',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface Funnel {
  stages: { stage: FunnelStage; count: number; method: string }[];
  /** count(to) / count(from) of consecutive stages; null when `from` is 0. listings → suggestions is suggestions per listing and may exceed 1. */
  conversions: { from: FunnelStage; to: FunnelStage; rate: number | null }[];
  medianDaysToImplemented: { value: number | null; suggestions: number; method: string };
}

export type BarrierReason = ReasonCode | 'unspecified';

export interface Barrier {
  reasonCode: BarrierReason;
  count: number;
  rejected: number;
  declined: number;
  /** Up to three suggestion ids, the most recently closed first. */
  examples: string[];
}

export interface Barriers {
  total: number;
  byReason: Barrier[];
  method: string;
}

export interface Indicators {
  period: { from: string | null; to: string | null };
  factorSets: string[];
  realised: Realised;
  potential: Potential;
  funnel: Funnel;
  barriers: Barriers;
}

// ---- Periods ----------------------------------------------------------------------------------

interface Bounds {
  from: number;
  to: number;
  fromText: string | null;
  toText: string | null;
}

function boundsOf(period: Period | undefined): Bounds {
  const parse = (text: string | undefined, path: 'from' | 'to', open: number): number => {
    if (text === undefined) return open;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) {
      throw validationError('the period is not valid', [
        { path, message: 'must be an ISO date or date-time' },
      ]);
    }
    return ms;
  };
  const from = parse(period?.from, 'from', -Infinity);
  const to = parse(period?.to, 'to', Infinity);
  if (from >= to) {
    throw validationError('the period is empty', [{ path: 'to', message: 'must be after from' }]);
  }
  return { from, to, fromText: period?.from ?? null, toText: period?.to ?? null };
}

const within = (ms: number, b: Bounds): boolean => ms >= b.from && ms < b.to;

// ---- Shared arithmetic ------------------------------------------------------------------------

type ImpactField = 'tonnesDiverted' | 'virginMaterialDisplacedT' | 'co2eAvoidedT';

/**
 * `field` per unit of quantity of an estimate; undefined when there is none or it cannot be
 * scaled, null when the estimate says it is not quantified.
 */
function perUnit(estimate: ImpactEstimate | undefined, field: ImpactField): number | null | undefined {
  const value = estimate?.[field];
  if (estimate === undefined || value === undefined || !(estimate.quantity > 0)) return undefined;
  if (value === null) return null;
  return value / estimate.quantity;
}

/** The figures only a material exchange has, read from the suggestion's own estimate. */
const MATERIAL_FIELDS = ['tonnesDiverted', 'virginMaterialDisplacedT'] as const;

/** The suggestion's own estimate (tonnes diverted, virgin saved do not depend on the factor set). */
const ownEstimate = (row: SuggestionRow): ImpactEstimate | undefined => row.impacts[row.factorSet];

/** The factor sets to report: the ones asked for, else every set a row has an estimate under. */
export function factorSetsOf(rows: readonly SuggestionRow[], asked?: readonly string[]): string[] {
  if (asked !== undefined) return [...asked];
  const sets = new Set<string>();
  for (const row of rows) for (const set of Object.keys(row.impacts)) sets.add(set);
  return [...sets].sort();
}

type QuantityFigure = 'materialsT' | 'energyGWh' | 'waterM3' | 'landM2';

/** Where a kind's quantity is summed, and the factor from its canonical unit. */
const QUANTITY_FIGURES: Record<ListingKind, { name: QuantityFigure; scale: number }> = {
  material: { name: 'materialsT', scale: 1 },
  energy: { name: 'energyGWh', scale: 1 / 1000 },
  water: { name: 'waterM3', scale: 1 },
  land: { name: 'landM2', scale: 1 },
};

const unitProblem = (row: SuggestionRow): string | undefined =>
  row.unit === CANONICAL_UNIT[row.kind]
    ? undefined
    : `unit '${row.unit}' is not the canonical unit of ${row.kind} (${CANONICAL_UNIT[row.kind]})`;

// ---- Realised ---------------------------------------------------------------------------------

type Basis = 'measured' | 'estimated';

function realisedFigure(method: string): RealisedFigure {
  return { value: 0, measured: 0, estimated: 0, exchanges: 0, method };
}

function addRealised(figure: RealisedFigure, value: number, basis: Basis): void {
  figure.value += value;
  figure[basis] += value;
  figure.exchanges += 1;
}

/** Why an implemented row is not a running exchange at the period end; undefined when it is. */
function notRunning(row: SuggestionRow, b: Bounds): string | undefined {
  const outcome = row.outcome;
  if (outcome === null) return 'implemented without a recorded outcome';
  if (!(Date.parse(outcome.startDate) < b.to)) return 'starts after the period end';
  if (outcome.endDate !== undefined && !(Date.parse(outcome.endDate) >= b.to)) {
    return b.toText === null
      ? 'has an end date (no period end to compare with)'
      : 'ended before the period end';
  }
  return unitProblem(row);
}

/**
 * Realised indicators: the implemented exchanges running at the period end (the period's start
 * does not matter: an exchange running since before it is still realised), with their recorded
 * quantities. Rows not implemented are ignored; implemented rows left out are listed in `excluded`.
 */
export function realised(rows: readonly SuggestionRow[], options: IndicatorOptions = {}): Realised {
  const b = boundsOf(options.period);
  const sets = factorSetsOf(rows, options.factorSets);
  const running =
    b.toText === null
      ? 'with no end date (no period end given)'
      : `started before and not ended before ${b.toText}`;
  const result: Realised = {
    basis: 'realised',
    asOf: b.toText,
    activeSymbioses: {
      value: 0,
      method: `implemented exchanges with a recorded outcome, ${running}`,
    },
    companies: { value: 0, method: 'distinct offer and need companies of those exchanges' },
    materialsT: realisedFigure('sum of recorded quantityPerYear of material exchanges, t/yr'),
    energyGWh: realisedFigure('sum of recorded quantityPerYear of energy exchanges, MWh/yr ÷ 1000'),
    waterM3: realisedFigure('sum of recorded quantityPerYear of water exchanges, m³/yr'),
    landM2: realisedFigure('sum of recorded quantityPerYear of land exchanges, m²'),
    tonnesDiverted: {
      ...realisedFigure(
        "recorded quantityPerYear × tonnesDiverted per unit of the suggestion's estimate (own factor set)",
      ),
      missing: [],
    },
    virginMaterialSavedT: {
      ...realisedFigure(
        "recorded quantityPerYear × virginMaterialDisplacedT per unit of the suggestion's estimate (own factor set)",
      ),
      missing: [],
    },
    co2eAvoidedT: sets.map((factorSet) => ({
      ...realisedFigure(
        `recorded quantityPerYear × co2eAvoidedT per unit of the estimate under '${factorSet}'`,
      ),
      missing: [],
      factorSet,
      notQuantified: [],
    })),
    costSavedNokPerYear: realisedFigure('sum of costSavedNokPerYear as the companies reported it, NOK/yr'),
    revenueNokPerYear: realisedFigure('sum of revenueNokPerYear as the companies reported it, NOK/yr'),
    jobs: realisedFigure('sum of jobs as the companies reported them'),
    excluded: [],
  };
  const companies = new Set<string>();
  for (const row of rows) {
    if (row.state !== 'implemented') continue;
    const problem = notRunning(row, b);
    if (problem !== undefined || row.outcome === null) {
      result.excluded.push({ id: row.id, reason: problem ?? 'implemented without a recorded outcome' });
      continue;
    }
    const { quantityPerYear: q, quantityBasis: basis, benefits } = row.outcome;
    result.activeSymbioses.value += 1;
    companies.add(row.offerCompanyId).add(row.needCompanyId);
    const quantity = QUANTITY_FIGURES[row.kind];
    addRealised(result[quantity.name], q * quantity.scale, basis);
    if (row.kind === 'material') {
      for (const field of MATERIAL_FIELDS) {
        const figure = field === 'tonnesDiverted' ? result.tonnesDiverted : result.virginMaterialSavedT;
        const unit = perUnit(ownEstimate(row), field);
        if (unit === undefined || unit === null) figure.missing.push(row.id);
        else addRealised(figure, q * unit, basis);
      }
    }
    for (const figure of result.co2eAvoidedT) {
      const unit = perUnit(row.impacts[figure.factorSet], 'co2eAvoidedT');
      if (unit === undefined) figure.missing.push(row.id);
      else if (unit === null) figure.notQuantified.push(row.id);
      else addRealised(figure, q * unit, basis);
    }
    if (benefits?.costSavedNokPerYear) {
      addRealised(
        result.costSavedNokPerYear,
        benefits.costSavedNokPerYear.value,
        benefits.costSavedNokPerYear.basis,
      );
    }
    if (benefits?.revenueNokPerYear) {
      addRealised(
        result.revenueNokPerYear,
        benefits.revenueNokPerYear.value,
        benefits.revenueNokPerYear.basis,
      );
    }
    if (benefits?.jobs) addRealised(result.jobs, benefits.jobs.value, benefits.jobs.basis);
  }
  result.companies.value = companies.size;
  return result;
}

// ---- Potential --------------------------------------------------------------------------------

interface PotentialAccumulator {
  figure: PotentialFigure;
  runs: Set<string | null>;
}

function potentialFigure(method: string): PotentialAccumulator {
  return { figure: { value: 0, suggestions: 0, runs: [], method }, runs: new Set() };
}

function addPotential(acc: PotentialAccumulator, value: number, runId: string | null): void {
  acc.figure.value += value;
  acc.figure.suggestions += 1;
  acc.runs.add(runId);
}

/** Runs sorted with null (incremental) last. */
function sortRuns(runs: Iterable<string | null>): (string | null)[] {
  return [...runs].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compareText(a, b)));
}

function finish<F extends PotentialFigure>(acc: PotentialAccumulator & { figure: F }): F {
  acc.figure.runs = sortRuns(acc.runs);
  return acc.figure;
}

/** Whether a row's allocation counts as potential: allocated, proposed, open, created before `periodEnd` (ms). */
export function isPotential(row: SuggestionRow, periodEnd = Infinity): boolean {
  return (
    row.allocatedQuantity !== null &&
    row.allocatedQuantity > 0 &&
    row.matchStatus === 'active' &&
    row.state !== 'implemented' &&
    !CLOSED_STATES.includes(row.state) &&
    Date.parse(row.createdAt) < periodEnd
  );
}

/**
 * Potential indicators: the allocated quantities of suggestions still proposed and open, scaled
 * like realised ones; never a suggestion's unallocated maxQuantity.
 */
export function potential(rows: readonly SuggestionRow[], options: IndicatorOptions = {}): Potential {
  const b = boundsOf(options.period);
  const sets = factorSetsOf(rows, options.factorSets);
  const allocated = (what: string) => `sum of allocated quantities of ${what}`;
  const quantities = {
    materialsT: potentialFigure(allocated('material suggestions, t/yr')),
    energyGWh: potentialFigure(allocated('energy suggestions, MWh/yr ÷ 1000')),
    waterM3: potentialFigure(allocated('water suggestions, m³/yr')),
    landM2: potentialFigure(allocated('land suggestions, m²')),
  };
  const impact = (method: string) => {
    const acc = potentialFigure(method);
    return { figure: { ...acc.figure, missing: [] as string[] }, runs: acc.runs };
  };
  const diverted = impact(
    "allocatedQuantity × tonnesDiverted per unit of the suggestion's estimate (own factor set)",
  );
  const virgin = impact(
    "allocatedQuantity × virginMaterialDisplacedT per unit of the suggestion's estimate (own factor set)",
  );
  const co2e = sets.map((factorSet) => {
    const acc = impact(`allocatedQuantity × co2eAvoidedT per unit of the estimate under '${factorSet}'`);
    return { figure: { ...acc.figure, factorSet, notQuantified: [] as string[] }, runs: acc.runs };
  });
  const companies = new Set<string>();
  const runs = new Map<string | null, number>();
  const excluded: Excluded[] = [];
  let count = 0;
  for (const row of rows) {
    if (!isPotential(row, b.to)) continue;
    const problem = unitProblem(row);
    if (problem !== undefined) {
      excluded.push({ id: row.id, reason: problem });
      continue;
    }
    const q = row.allocatedQuantity!;
    const run = row.lastRunId;
    count += 1;
    companies.add(row.offerCompanyId).add(row.needCompanyId);
    runs.set(run, (runs.get(run) ?? 0) + 1);
    const quantity = QUANTITY_FIGURES[row.kind];
    addPotential(quantities[quantity.name], q * quantity.scale, run);
    if (row.kind === 'material') {
      for (const field of MATERIAL_FIELDS) {
        const acc = field === 'tonnesDiverted' ? diverted : virgin;
        const unit = perUnit(ownEstimate(row), field);
        if (unit === undefined || unit === null) acc.figure.missing.push(row.id);
        else addPotential(acc, q * unit, run);
      }
    }
    for (const acc of co2e) {
      const unit = perUnit(row.impacts[acc.figure.factorSet], 'co2eAvoidedT');
      if (unit === undefined) acc.figure.missing.push(row.id);
      else if (unit === null) acc.figure.notQuantified.push(row.id);
      else addPotential(acc, q * unit, run);
    }
  }
  return {
    basis: 'potential',
    suggestions: {
      value: count,
      method: 'suggestions with allocatedQuantity > 0, still proposed, neither closed nor implemented',
    },
    companies: { value: companies.size, method: 'distinct offer and need companies of those suggestions' },
    runs: sortRuns(runs.keys()).map((runId) => ({ runId, suggestions: runs.get(runId)! })),
    materialsT: finish(quantities.materialsT),
    energyGWh: finish(quantities.energyGWh),
    waterM3: finish(quantities.waterM3),
    landM2: finish(quantities.landM2),
    tonnesDiverted: finish(diverted),
    virginMaterialSavedT: finish(virgin),
    co2eAvoidedT: co2e.map(finish),
    excluded,
  };
}

// ---- Funnel -----------------------------------------------------------------------------------

/** How far along the funnel a review state is (listings = 0); closed states are merely suggestions. */
const STAGE_RANK: Record<ReviewState, number> = {
  suggested: 1,
  'under-review': 2,
  introduced: 3,
  negotiating: 3,
  agreed: 4,
  implemented: 5,
  rejected: 1,
  declined: 1,
  withdrawn: 1,
  expired: 1,
};

/** Events by suggestion, each list in time order. */
function eventsBySuggestion(events: readonly TransitionRow[]): Map<string, TransitionRow[]> {
  const by = new Map<string, TransitionRow[]>();
  for (const e of events) {
    const list = by.get(e.suggestionId);
    if (list === undefined) by.set(e.suggestionId, [e]);
    else list.push(e);
  }
  for (const list of by.values()) list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return by;
}

const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The funnel of the suggestions created in the period: how many reached each stage before the
 * period end, the conversion between consecutive stages, and the median days from a suggestion's
 * creation to its transition to implemented.
 */
export function funnel(
  rows: readonly SuggestionRow[],
  events: readonly TransitionRow[],
  listings: number,
  options: IndicatorOptions = {},
): Funnel {
  const b = boundsOf(options.period);
  const by = eventsBySuggestion(events);
  const reached = new Array<number>(FUNNEL_STAGES.length).fill(0);
  reached[0] = listings;
  const days: number[] = [];
  for (const row of rows) {
    const created = Date.parse(row.createdAt);
    if (!within(created, b)) continue;
    let rank = b.toText === null ? STAGE_RANK[row.state] : 1;
    for (const e of by.get(row.id) ?? []) {
      if (!(Date.parse(e.at) < b.to)) break;
      rank = Math.max(rank, STAGE_RANK[e.to]);
      if (e.to === 'implemented') days.push((Date.parse(e.at) - created) / DAY_MS);
    }
    for (let stage = 1; stage <= rank; stage++) reached[stage]! += 1;
  }
  const cohort = `suggestions created in the period`;
  const method: Record<FunnelStage, string> = {
    listings: 'listings in scope, as given',
    suggestions: cohort,
    'under-review': `${cohort} that reached under-review or beyond before the period end`,
    introduced: `${cohort} that reached introduced (or negotiating) or beyond before the period end`,
    agreed: `${cohort} that reached agreed or beyond before the period end`,
    implemented: `${cohort} that reached implemented before the period end`,
  };
  const suffix =
    b.toText === null ? ', by transition events or current state' : ', by transition events before it';
  return {
    stages: FUNNEL_STAGES.map((stage, i) => ({
      stage,
      count: reached[i]!,
      method: i < 2 ? method[stage] : method[stage] + suffix,
    })),
    conversions: FUNNEL_STAGES.slice(1).map((to, i) => {
      const denominator = reached[i]!;
      return { from: FUNNEL_STAGES[i]!, to, rate: denominator === 0 ? null : reached[i + 1]! / denominator };
    }),
    medianDaysToImplemented: {
      value: median(days),
      suggestions: days.length,
      method: `median of days from createdAt to the transition to implemented, over the ${cohort} implemented before the period end`,
    },
  };
}

// ---- Barriers ---------------------------------------------------------------------------------

/** A closing time for sorting: unknown ones last. */
const recency = (ms: number): number => (Number.isNaN(ms) ? -Infinity : ms);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Why suggestions were stopped: the rejected and declined ones, by reason code, timed by their
 * closing transition, which must lie in the period (without a period, every one counts).
 */
export function barriers(
  rows: readonly SuggestionRow[],
  events: readonly TransitionRow[],
  options: IndicatorOptions = {},
): Barriers {
  const b = boundsOf(options.period);
  const by = eventsBySuggestion(events);
  const open = b.fromText === null && b.toText === null;
  const found = new Map<BarrierReason, { barrier: Barrier; closed: { id: string; at: number }[] }>();
  let total = 0;
  for (const row of rows) {
    if (row.state !== 'rejected' && row.state !== 'declined') continue;
    const closing = (by.get(row.id) ?? []).findLast((e) => e.to === row.state);
    const at = closing === undefined ? Number.NaN : Date.parse(closing.at);
    if (!open && !within(at, b)) continue;
    const code: BarrierReason = row.reasonCode ?? 'unspecified';
    let entry = found.get(code);
    if (entry === undefined) {
      entry = { barrier: { reasonCode: code, count: 0, rejected: 0, declined: 0, examples: [] }, closed: [] };
      found.set(code, entry);
    }
    entry.barrier.count += 1;
    entry.barrier[row.state] += 1;
    entry.closed.push({ id: row.id, at });
    total += 1;
  }
  const byReason = [...found.values()].map(({ barrier, closed }) => {
    closed.sort((x, y) => recency(y.at) - recency(x.at) || compareText(x.id, y.id));
    barrier.examples = closed.slice(0, 3).map((c) => c.id);
    return barrier;
  });
  byReason.sort((x, y) => y.count - x.count || compareText(x.reasonCode, y.reasonCode));
  return {
    total,
    byReason,
    method:
      'suggestions now rejected or declined, by their recorded reason code, whose closing transition lies in the period',
  };
}

// ---- All together -----------------------------------------------------------------------------

export interface IndicatorInput {
  rows: readonly SuggestionRow[];
  events: readonly TransitionRow[];
  /** Listings in scope: the top of the funnel. */
  listings: number;
}

/** Every indicator of a scope and period; CO2e under the same factor sets in realised and potential. */
export function indicators(input: IndicatorInput, options: IndicatorOptions = {}): Indicators {
  const b = boundsOf(options.period);
  const factorSets = factorSetsOf(input.rows, options.factorSets);
  const opts = { ...options, factorSets };
  return {
    period: { from: b.fromText, to: b.toText },
    factorSets,
    realised: realised(input.rows, opts),
    potential: potential(input.rows, opts),
    funnel: funnel(input.rows, input.events, input.listings, opts),
    barriers: barriers(input.rows, input.events, opts),
  };
}

// ---- Breakdowns -------------------------------------------------------------------------------

/** A row's group key(s): one key, several (the row counts in each), or none. */
export type KeyOf<T> = (item: T) => string | readonly string[] | null | undefined;

/** The group of rows without a key. */
export const NO_KEY = '(none)';

/** Items grouped by key, keys sorted; an item with several keys is in each group once, one without any in NO_KEY. */
export function groupBy<T>(items: readonly T[], key: KeyOf<T>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const keys = k === null || k === undefined ? [] : typeof k === 'string' ? [k] : [...new Set(k)];
    if (keys.length === 0) keys.push(NO_KEY);
    for (const one of keys) {
      const group = groups.get(one);
      if (group === undefined) groups.set(one, [item]);
      else group.push(item);
    }
  }
  return new Map([...groups].sort(([a], [b]) => compareText(a, b)));
}

/** The usual breakdown keys of a suggestion row. */
export const KEYS = {
  kind: (row: SuggestionRow) => row.kind,
  county: (row: SuggestionRow) => row.regions.filter((r) => /^\d{2}$/.test(r)),
  municipality: (row: SuggestionRow) => row.regions.filter((r) => /^\d{4}$/.test(r)),
  wasteChapter: (row: SuggestionRow) => row.wasteChapters,
  industryDivision: (row: SuggestionRow) => row.industryDivisions,
  industrySection: (row: SuggestionRow) => row.industrySections,
} satisfies Record<string, KeyOf<SuggestionRow>>;

export interface BreakdownGroup {
  key: string;
  realised: Realised;
  potential: Potential;
}

/**
 * Realised and potential totals per group. Every group reports CO2e under the same factor sets
 * (those of the whole scope), so the columns line up.
 */
export function breakdown(
  rows: readonly SuggestionRow[],
  key: KeyOf<SuggestionRow>,
  options: IndicatorOptions = {},
): BreakdownGroup[] {
  const opts = { ...options, factorSets: factorSetsOf(rows, options.factorSets) };
  return [...groupBy(rows, key)].map(([k, group]) => ({
    key: k,
    realised: realised(group, opts),
    potential: potential(group, opts),
  }));
}

/** Barriers per group (by region, resource, industry…). */
export function barriersBy(
  rows: readonly SuggestionRow[],
  events: readonly TransitionRow[],
  key: KeyOf<SuggestionRow>,
  options: IndicatorOptions = {},
): { key: string; barriers: Barriers }[] {
  return [...groupBy(rows, key)]
    .map(([k, group]) => ({ key: k, barriers: barriers(group, events, options) }))
    .filter((g) => g.barriers.total > 0);
}

// ---- Time series ------------------------------------------------------------------------------

export const SERIES_STAGES = [
  'under-review',
  'introduced',
  'agreed',
  'implemented',
  'rejected',
  'declined',
] as const;
export type SeriesStage = (typeof SERIES_STAGES)[number];

export interface SeriesBucket {
  /** `2025-03` (month) or `2025-Q1` (quarter), UTC. */
  bucket: string;
  /** The bucket's first instant, ISO. */
  start: string;
  counts: Record<SeriesStage, number>;
}

export interface TimeSeries {
  interval: 'month' | 'quarter';
  buckets: SeriesBucket[];
  method: string;
}

/** The UTC month index (year × 12 + month) of the bucket holding `ms`. */
function bucketIndex(ms: number, interval: 'month' | 'quarter'): number {
  const d = new Date(ms);
  const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
  return interval === 'month' ? month : month - (month % 3);
}

function bucketOf(index: number, interval: 'month' | 'quarter'): { bucket: string; start: string } {
  const year = Math.floor(index / 12);
  const month = index % 12;
  const bucket =
    interval === 'month'
      ? `${year}-${String(month + 1).padStart(2, '0')}`
      : `${year}-Q${Math.floor(month / 3) + 1}`;
  return { bucket, start: new Date(Date.UTC(year, month, 1)).toISOString() };
}

/**
 * How many suggestions reached each stage per month or quarter, from the transition events only.
 * Stages are cumulative like the funnel's: the first event reaching a stage or a later one counts
 * (introduced straight from suggested also reaches under-review, in the same bucket); rejected and
 * declined count their own events. Only events of the rows in scope and in the period count; every
 * bucket from the period's start (else the first event) to its end (else the last event) is there,
 * empty or not.
 */
export function timeSeries(
  rows: readonly SuggestionRow[],
  events: readonly TransitionRow[],
  interval: 'month' | 'quarter',
  options: IndicatorOptions = {},
): TimeSeries {
  const b = boundsOf(options.period);
  const scope = new Set(rows.map((r) => r.id));
  const hits: { stage: SeriesStage; index: number }[] = [];
  // Every event of a suggestion moves its stage (one before the period too); those in the period count.
  for (const [, list] of eventsBySuggestion(events.filter((e) => scope.has(e.suggestionId)))) {
    let rank = 1;
    for (const e of list) {
      const ms = Date.parse(e.at);
      const next = STAGE_RANK[e.to];
      if (within(ms, b)) {
        const index = bucketIndex(ms, interval);
        if (e.to === 'rejected' || e.to === 'declined') hits.push({ stage: e.to, index });
        for (let r = rank + 1; r <= next; r++) hits.push({ stage: FUNNEL_STAGES[r] as SeriesStage, index });
      }
      rank = Math.max(rank, next);
    }
  }
  const method =
    'suggestions reaching each stage per bucket, from the transition events in the period (cumulative stages)';
  const indexes = hits.map((h) => h.index);
  const first = Number.isFinite(b.from) ? bucketIndex(b.from, interval) : Math.min(...indexes);
  const last = Number.isFinite(b.to) ? bucketIndex(b.to - 1, interval) : Math.max(...indexes);
  if (!Number.isFinite(first) || !Number.isFinite(last)) return { interval, buckets: [], method };
  const step = interval === 'month' ? 1 : 3;
  const buckets: SeriesBucket[] = [];
  const at = new Map<number, SeriesBucket>();
  for (let index = first; index <= last; index += step) {
    const bucket: SeriesBucket = {
      ...bucketOf(index, interval),
      counts: Object.fromEntries(SERIES_STAGES.map((s) => [s, 0])) as Record<SeriesStage, number>,
    };
    buckets.push(bucket);
    at.set(index, bucket);
  }
  for (const h of hits) at.get(h.index)!.counts[h.stage] += 1;
  return { interval, buckets, method };
}

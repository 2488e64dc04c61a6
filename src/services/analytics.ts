/**
 * The mission's indicators for a scope and period (src/analytics/indicators.ts): realised figures
 * from implemented exchanges and their recorded quantities, potential ones from allocated
 * quantities of suggestions only, the funnel from the review's transition events, the barriers
 * people recorded, breakdowns and time series. Read as plain rows (store/analytics-store.ts),
 * computed in the pure module. For analysts, facilitators (their regions) and admins.
 */
import { z } from 'zod';
import {
  type Barriers,
  type BreakdownGroup,
  barriers,
  barriersBy,
  breakdown,
  factorSetsOf,
  type Indicators,
  indicators,
  KEYS,
  type KeyOf,
  type SuggestionRow,
  type TimeSeries,
  type TransitionRow,
  timeSeries,
} from '../analytics/indicators.ts';
import type { Caller } from '../domain/caller.ts';
import { type ReviewState, untouchedState } from '../domain/review.ts';
import { parseOrThrow } from '../domain/validate.ts';
import {
  type AnalyticsRow,
  analyticsRows,
  listingCount,
  transitionEvents,
} from '../store/analytics-store.ts';
import { refineScope, type Scope, ScopeFields, scopeOf } from './analytics-scope.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

export { FUNNEL_STAGES } from '../analytics/indicators.ts';

export const IndicatorQuerySchema = z
  .strictObject(ScopeFields)
  .superRefine(refineScope)
  .meta({ id: 'IndicatorQuery' });

/** What indicators can be broken down by. */
export const BREAKDOWN_KEYS = [
  'county',
  'municipality',
  'industrySection',
  'industryDivision',
  'wasteChapter',
  'kind',
] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];

export const BreakdownQuerySchema = z
  .strictObject({ ...ScopeFields, by: z.enum(BREAKDOWN_KEYS).default('county') })
  .superRefine(refineScope)
  .meta({ id: 'BreakdownQuery' });

export const SeriesQuerySchema = z
  .strictObject({ ...ScopeFields, interval: z.enum(['month', 'quarter']).default('month') })
  .superRefine(refineScope)
  .meta({ id: 'SeriesQuery' });

/** What barriers can be grouped by: region (county), resource kind or industry (section). */
export const BARRIER_KEYS = ['county', 'municipality', 'kind', 'industrySection', 'wasteChapter'] as const;
export const BarrierQuerySchema = z
  .strictObject({ ...ScopeFields, by: z.enum(BARRIER_KEYS).optional() })
  .superRefine(refineScope)
  .meta({ id: 'BarrierQuery' });

type Estimate = SuggestionRow['impacts'][string];

/**
 * A suggestion's estimate under its own factor set and, beside it, its CO2e under every set its
 * run compared (Impact.co2eBySet): the quantities do not depend on the set, only the CO2e does.
 */
function impactsBySet(own: string, impact: Estimate & { co2eBySet?: Record<string, number | null> }) {
  const { co2eBySet, ...estimate } = impact;
  const out: Record<string, Estimate> = { [own]: estimate };
  for (const [set, co2eAvoidedT] of Object.entries(co2eBySet ?? {})) {
    // null: an estimate under the set that is not quantified (indicators count it apart).
    if (set !== own && (co2eAvoidedT === null || Number.isFinite(co2eAvoidedT)))
      out[set] = { ...estimate, co2eAvoidedT, factorSet: set };
  }
  return out;
}

function toRow(deps: Deps, r: AnalyticsRow): SuggestionRow {
  const s = r.suggestion;
  const impact = s.impact as unknown as Estimate;
  const sections = r.industryDivisions
    .map((d) => deps.reference.nace.get(d)?.parent)
    .filter((x): x is string => typeof x === 'string');
  return {
    id: s.id,
    kind: s.kind,
    unit: s.unit,
    state: (r.review?.state ?? untouchedState(s.status)) as ReviewState,
    matchStatus: s.status,
    allocatedQuantity: s.allocatedQuantity,
    maxQuantity: s.maxQuantity,
    factorSet: s.factorSet,
    impacts: impactsBySet(s.factorSet, impact),
    lastRunId: s.lastRunId,
    offerCompanyId: r.offerCompanyId,
    needCompanyId: r.needCompanyId,
    regions: r.regions,
    industryDivisions: r.industryDivisions,
    industrySections: sections,
    wasteChapters: r.wasteChapters,
    outcome: r.review?.outcome ?? null,
    reasonCode: r.review?.reasonCode ?? null,
    createdAt: s.createdAt,
  };
}

/** Everything a scope's analytics are computed from, read once. */
export interface ScopeData {
  scope: Scope;
  stored: AnalyticsRow[];
  rows: SuggestionRow[];
  events: TransitionRow[];
  listings: number;
  /** The factor sets reported, the configured one first (it leads every table and key figure). */
  factorSets: string[];
}

/** Every set a row has an estimate under, the service's configured set first, then by name. */
function orderedSets(deps: Deps, rows: readonly SuggestionRow[]): string[] {
  const own = `${deps.settings.factorSet}@`;
  return factorSetsOf(rows).sort((a, b) => Number(b.startsWith(own)) - Number(a.startsWith(own)));
}

export async function loadScope(deps: Deps, scope: Scope): Promise<ScopeData> {
  const [stored, listings] = await Promise.all([
    analyticsRows(deps.store, scope.filter),
    listingCount(deps.store, scope.filter),
  ]);
  const events = await transitionEvents(
    deps.store,
    stored.filter((r) => r.review !== null).map((r) => r.suggestion.id),
  );
  const rows = stored.map((r) => toRow(deps, r));
  return {
    scope,
    stored,
    rows,
    events: events.map((e) => ({ ...e, to: e.to as ReviewState })),
    listings,
    factorSets: orderedSets(deps, rows),
  };
}

/** The options every computation of a scope shares: its period and its ordered factor sets. */
export const optionsOf = (data: ScopeData) => ({ period: data.scope.period, factorSets: data.factorSets });

export function indicatorsOf(data: ScopeData): Indicators {
  return indicators(data, optionsOf(data));
}

export async function getIndicators(deps: Deps, caller: Caller, query: unknown): Promise<Indicators> {
  requireRole(caller, 'analytics.read', 'read indicators');
  const q = parseOrThrow(IndicatorQuerySchema, query ?? {}, 'query');
  return indicatorsOf(await loadScope(deps, scopeOf(deps, caller, q)));
}

const keyOf = (by: BreakdownKey): KeyOf<SuggestionRow> => KEYS[by];

export function breakdownOf(data: ScopeData, by: BreakdownKey): BreakdownGroup[] {
  return breakdown(data.rows, keyOf(by), optionsOf(data));
}

export async function getBreakdown(
  deps: Deps,
  caller: Caller,
  query: unknown,
): Promise<{ by: BreakdownKey; groups: BreakdownGroup[] }> {
  requireRole(caller, 'analytics.read', 'read indicators');
  const { by, ...q } = parseOrThrow(BreakdownQuerySchema, query ?? {}, 'query');
  const data = await loadScope(deps, scopeOf(deps, caller, q));
  return { by, groups: breakdownOf(data, by) };
}

export function seriesOf(data: ScopeData, interval: 'month' | 'quarter'): TimeSeries {
  return timeSeries(data.rows, data.events, interval, optionsOf(data));
}

export async function getSeries(deps: Deps, caller: Caller, query: unknown): Promise<TimeSeries> {
  requireRole(caller, 'analytics.read', 'read indicators');
  const { interval, ...q } = parseOrThrow(SeriesQuerySchema, query ?? {}, 'query');
  return seriesOf(await loadScope(deps, scopeOf(deps, caller, q)), interval);
}

/** An example of a barrier, told without naming anyone: what was proposed, where, how far. */
export interface BarrierExample {
  suggestionId: string;
  kind: string;
  offered: string | null;
  needed: string | null;
  distanceKm: number;
  regions: string[];
}

export interface BarrierGroup {
  key: string;
  barriers: Barriers;
}

export interface BarrierReport {
  by: string | null;
  barriers: Barriers;
  groups: BarrierGroup[];
  examples: BarrierExample[];
}

export function barriersOf(data: ScopeData, by: (typeof BARRIER_KEYS)[number] | undefined): BarrierReport {
  const total = barriers(data.rows, data.events, optionsOf(data));
  const groups = by ? barriersBy(data.rows, data.events, KEYS[by], optionsOf(data)) : [];
  const wanted = new Set(
    [...total.byReason, ...groups.flatMap((g) => g.barriers.byReason)].flatMap((b) => b.examples),
  );
  const examples = data.stored
    .filter((r) => wanted.has(r.suggestion.id))
    .map((r) => ({
      suggestionId: r.suggestion.id,
      kind: r.suggestion.kind,
      offered: r.review?.offerFamily ?? null,
      needed: r.review?.needFamily ?? null,
      distanceKm: Math.round(r.suggestion.distanceKm * 10) / 10,
      regions: r.regions,
    }));
  return { by: by ?? null, barriers: total, groups, examples };
}

export async function getBarriers(deps: Deps, caller: Caller, query: unknown): Promise<BarrierReport> {
  requireRole(caller, 'analytics.read', 'read barriers');
  const { by, ...q } = parseOrThrow(BarrierQuerySchema, query ?? {}, 'query');
  return barriersOf(await loadScope(deps, scopeOf(deps, caller, q)), by);
}

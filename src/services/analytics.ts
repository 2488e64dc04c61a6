/**
 * The mission's indicators for a scope and period (src/analytics/indicators.ts): realised figures
 * from implemented exchanges and their recorded quantities, potential ones from allocated
 * quantities of suggestions only, the funnel from the review's transition events, and the
 * barriers people recorded. Read as plain rows (store/analytics-store.ts), computed in the pure
 * module. For analysts, facilitators (their regions) and admins.
 */
import { z } from 'zod';
import { type Indicators, indicators, type SuggestionRow } from '../analytics/indicators.ts';

export { FUNNEL_STAGES } from '../analytics/indicators.ts';

import { inRegions } from '../domain/access.ts';
import type { Caller, UserCaller } from '../domain/caller.ts';
import { LISTING_KINDS } from '../domain/listing-kinds.ts';
import { type ReviewState, untouchedState } from '../domain/review.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError } from '../errors.ts';
import {
  type AnalyticsRow,
  analyticsRows,
  listingCount,
  transitionEvents,
} from '../store/analytics-store.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

const isoDate = z.iso.date().meta({ description: 'ISO date, YYYY-MM-DD' });

export const IndicatorQuerySchema = z
  .strictObject({
    region: z
      .string()
      .regex(/^(\d{2}|\d{4})$/, 'must be a county (2 digits) or municipality (4 digits) number')
      .optional()
      .meta({ description: 'county or municipality number; default the whole country' }),
    kind: z.enum(LISTING_KINDS).optional(),
    from: isoDate.optional().meta({ description: 'start of the period (inclusive)' }),
    to: isoDate
      .optional()
      .meta({ description: 'end of the period (exclusive); realised figures are as of it' }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    path: ['to'],
    message: 'must be after from',
  })
  .meta({ id: 'IndicatorQuery' });
export type IndicatorQuery = z.output<typeof IndicatorQuerySchema>;

/** A regional facilitator reads the indicators of one of its regions; analysts and admins any. */
function assertScope(caller: Caller, region: string | undefined): void {
  if (caller.kind !== 'user' || caller.role !== 'facilitator' || caller.regions === 'all') return;
  const inside =
    region !== undefined && inRegions(caller, region.length === 4 ? [region, region.slice(0, 2)] : [region]);
  if (!inside) {
    throw new AppError('FORBIDDEN', 'a facilitator reads the indicators of one of its regions', [
      { path: 'region', message: `must be one of your regions: ${(caller as UserCaller).regions}` },
    ]);
  }
}

type Estimate = SuggestionRow['impacts'][string];

/**
 * A suggestion's estimate under its own factor set and, beside it, its CO2e under every set its
 * run compared (Impact.co2eBySet): the quantities do not depend on the set, only the CO2e does.
 */
function impactsBySet(own: string, impact: Estimate & { co2eBySet?: Record<string, number> }) {
  const { co2eBySet, ...estimate } = impact;
  const out: Record<string, Estimate> = { [own]: estimate };
  for (const [set, co2eAvoidedT] of Object.entries(co2eBySet ?? {})) {
    if (set !== own && Number.isFinite(co2eAvoidedT))
      out[set] = { ...estimate, co2eAvoidedT, factorSet: set };
  }
  return out;
}

function toRow(r: AnalyticsRow): SuggestionRow {
  const s = r.suggestion;
  const impact = s.impact as unknown as SuggestionRow['impacts'][string];
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
    wasteChapters: r.wasteChapters,
    outcome: r.review?.outcome ?? null,
    reasonCode: r.review?.reasonCode ?? null,
    createdAt: s.createdAt,
  };
}

export async function getIndicators(deps: Deps, caller: Caller, query: unknown): Promise<Indicators> {
  requireRole(caller, 'analytics.read', 'read indicators');
  const q = parseOrThrow(IndicatorQuerySchema, query ?? {}, 'query');
  assertScope(caller, q.region);
  const scope = { region: q.region ?? null, kind: q.kind ?? null };
  const [rows, listings] = await Promise.all([
    analyticsRows(deps.store, scope),
    listingCount(deps.store, scope),
  ]);
  const events = await transitionEvents(
    deps.store,
    rows.filter((r) => r.review !== null).map((r) => r.suggestion.id),
  );
  return indicators(
    {
      rows: rows.map(toRow),
      events: events.map((e) => ({ ...e, to: e.to as ReviewState })),
      listings,
    },
    { period: { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) } },
  );
}

/**
 * Quantities: every listing keeps the unit its owner typed and gets a canonical value per kind,
 * so offers and needs compare on one scale:
 *   material t/yr · energy MWh/yr · water m³/yr · land m².
 * A unit is "<amount unit>[/<period>]" (e.g. `t/month`, `GWh/yr`, `m3/day`, `kW`, `daa`), or an
 * amount unit with a separate `period`. Power units (W, kW, MW) are converted to energy over the
 * listing's operating hours per year (8,760 unless given).
 */
import type { ListingKind } from './listing-kinds.ts';

export type CanonicalUnit = 't/yr' | 'MWh/yr' | 'm3/yr' | 'm2';

export const CANONICAL_UNIT: Record<ListingKind, CanonicalUnit> = {
  material: 't/yr',
  energy: 'MWh/yr',
  water: 'm3/yr',
  land: 'm2',
};

export const PERIODS = ['hour', 'day', 'week', 'month', 'year', 'once'] as const;
export type Period = (typeof PERIODS)[number];

const PERIODS_PER_YEAR: Record<Period, number> = {
  hour: 8760,
  day: 365,
  week: 52.1775,
  month: 12,
  year: 1,
  once: 1,
};

const PERIOD_ALIASES: Record<string, Period> = {
  h: 'hour',
  hr: 'hour',
  hour: 'hour',
  d: 'day',
  day: 'day',
  døgn: 'day',
  wk: 'week',
  week: 'week',
  uke: 'week',
  mo: 'month',
  month: 'month',
  mnd: 'month',
  måned: 'month',
  a: 'year',
  y: 'year',
  yr: 'year',
  year: 'year',
  år: 'year',
  annum: 'year',
  once: 'once',
  batch: 'once',
};

/** Amount units per kind, as a factor to the canonical amount (before the period). */
const AMOUNT_UNITS: Record<ListingKind, Record<string, number>> = {
  material: { t: 1, tonne: 1, tonnes: 1, tonn: 1, mg: 1, kt: 1000, kg: 0.001 },
  energy: { kwh: 0.001, mwh: 1, gwh: 1000, twh: 1_000_000, gj: 1 / 3.6, tj: 1000 / 3.6 },
  water: { m3: 1, 'm³': 1, l: 0.001, liter: 0.001, litre: 0.001, ml: 1000 /* megalitre */ },
  land: { m2: 1, 'm²': 1, daa: 1000, dekar: 1000, ha: 10_000, km2: 1_000_000 },
};

/** Power units convert to MWh per hour of operation. */
const POWER_UNITS: Record<string, number> = { w: 1e-6, kw: 0.001, mw: 1, gw: 1000 };
/** Flow units convert to m³ per hour of operation. */
const FLOW_UNITS: Record<string, number> = { 'l/s': 3.6, 'm3/h': 1, 'm³/h': 1, 'm3/s': 3600 };

export interface QuantityInput {
  value: number;
  unit: string;
  period?: Period | undefined;
}

export type Conversion =
  | { ok: true; value: number; unit: CanonicalUnit }
  | { ok: false; field: 'unit' | 'period'; reason: string };

export function knownUnits(kind: ListingKind): string[] {
  const base = Object.keys(AMOUNT_UNITS[kind]);
  if (kind === 'energy') return [...base, ...Object.keys(POWER_UNITS)];
  if (kind === 'water') return [...base, ...Object.keys(FLOW_UNITS)];
  return base;
}

/**
 * Converts a quantity to the canonical unit of its kind. `operatingHours` is used for power and
 * flow units (a 2 MW source running 8,000 h/yr gives 16,000 MWh/yr).
 */
export function toCanonical(kind: ListingKind, q: QuantityInput, operatingHours = 8760): Conversion {
  const raw = q.unit.trim().toLowerCase().replace(/\s+/g, '');
  const target = CANONICAL_UNIT[kind];

  if (kind === 'water' && raw in FLOW_UNITS) {
    return { ok: true, value: q.value * FLOW_UNITS[raw]! * operatingHours, unit: target };
  }
  if (kind === 'energy' && raw in POWER_UNITS) {
    return { ok: true, value: q.value * POWER_UNITS[raw]! * operatingHours, unit: target };
  }

  const [amountPart, periodPart, ...rest] = raw.split('/');
  if (rest.length > 0 || amountPart === undefined) {
    return { ok: false, field: 'unit', reason: `'${q.unit}' is not a unit of the form amount[/period]` };
  }
  const factor = AMOUNT_UNITS[kind][amountPart];
  if (factor === undefined) {
    return {
      ok: false,
      field: 'unit',
      reason: `'${q.unit}' is not a known unit for ${kind}; use one of ${knownUnits(kind).join(', ')}`,
    };
  }

  if (kind === 'land') {
    if (periodPart !== undefined) return { ok: false, field: 'unit', reason: 'land area has no period' };
    return { ok: true, value: q.value * factor, unit: target };
  }

  let period: Period | undefined = q.period;
  if (periodPart !== undefined) {
    const fromUnit = PERIOD_ALIASES[periodPart];
    if (fromUnit === undefined) {
      return {
        ok: false,
        field: 'unit',
        reason: `'${periodPart}' is not a known period (h, day, week, month, yr)`,
      };
    }
    if (q.period !== undefined && q.period !== fromUnit) {
      return { ok: false, field: 'period', reason: `period '${q.period}' contradicts unit '${q.unit}'` };
    }
    period = fromUnit;
  }
  if (period === undefined) {
    return { ok: false, field: 'unit', reason: `'${q.unit}' needs a period, e.g. '${amountPart}/yr'` };
  }
  return { ok: true, value: q.value * factor * PERIODS_PER_YEAR[period], unit: target };
}

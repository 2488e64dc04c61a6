/**
 * Quantities: every listing keeps the unit its owner typed and gets a canonical value per kind,
 * so offers and needs compare on one scale:
 *   material t/yr · energy MWh/yr · water m³/yr · land m².
 * A unit is "<amount unit>[/<period>]" (e.g. `t/month`, `GWh/yr`, `m3/day`, `kW`, `daa`), or an
 * amount unit with a separate `period`. Power units (W, kW, MW) are converted to energy over the
 * listing's operating hours per year (8,760 unless given).
 *
 * Case matters where SI makes it matter: `m` is milli and `M` mega, so `mL/day` is millilitres
 * and `Mg` megagrams (tonnes). A unit typed in another case is accepted only when exactly one unit
 * of its kind spells that way (`kwh` → kWh, `gwh` → GWh, `T` → t); when the case was the only
 * thing telling milli from mega (`mwh`, `MG`), it is refused with both readings, because guessing
 * would be wrong by a factor of 10^9. Periods are plain words and match in any case.
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

/** Keys are lower case: a period is matched in any case (`/YR`, `/Døgn`). */
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

/**
 * One unit: its spellings with their exact case (the first is the one we suggest), what it is
 * called in a message, and its factor to the canonical amount (before the period).
 */
interface UnitDef {
  spellings: readonly string[];
  name: string;
  factor: number;
}

const unit = (spellings: string[], name: string, factor: number): UnitDef => ({ spellings, name, factor });

/**
 * Amount units per kind. Milli and mega both stand here whenever both exist, even where the milli
 * unit is of little use (mWh), so that a spelling which could be either is found to be ambiguous.
 */
const AMOUNT_UNITS: Record<ListingKind, readonly UnitDef[]> = {
  material: [
    unit(['t', 'tonne', 'tonnes', 'tonn'], 'tonnes', 1),
    unit(['kt'], 'kilotonnes', 1000),
    unit(['Mg'], 'megagrams, i.e. tonnes', 1),
    unit(['kg'], 'kilograms', 1e-3),
    unit(['g'], 'grams', 1e-6),
    unit(['mg'], 'milligrams', 1e-9),
  ],
  energy: [
    unit(['Wh'], 'watt-hours', 1e-6),
    unit(['mWh'], 'milliwatt-hours', 1e-9),
    unit(['kWh'], 'kilowatt-hours', 1e-3),
    unit(['MWh'], 'megawatt-hours', 1),
    unit(['GWh'], 'gigawatt-hours', 1e3),
    unit(['TWh'], 'terawatt-hours', 1e6),
    unit(['GJ'], 'gigajoules', 1 / 3.6),
    unit(['TJ'], 'terajoules', 1000 / 3.6),
  ],
  water: [
    unit(['m3', 'm³'], 'cubic metres', 1),
    unit(['l', 'L', 'liter', 'litre'], 'litres', 1e-3),
    unit(['mL', 'ml'], 'millilitres', 1e-6),
    unit(['ML', 'Ml'], 'megalitres', 1e3),
  ],
  land: [
    unit(['m2', 'm²'], 'square metres', 1),
    unit(['daa', 'dekar'], 'decares', 1000),
    unit(['ha'], 'hectares', 10_000),
    unit(['km2', 'km²'], 'square kilometres', 1_000_000),
  ],
};

/** Power units convert to MWh per hour of operation. */
const POWER_UNITS: readonly UnitDef[] = [
  unit(['W'], 'watts', 1e-6),
  unit(['mW'], 'milliwatts', 1e-9),
  unit(['kW'], 'kilowatts', 1e-3),
  unit(['MW'], 'megawatts', 1),
  unit(['GW'], 'gigawatts', 1e3),
];

/** Flow units convert to m³ per hour of operation; no prefix in them can be misread. */
const FLOW_UNITS: readonly UnitDef[] = [
  unit(['l/s', 'L/s'], 'litres per second', 3.6),
  unit(['m3/h', 'm³/h'], 'cubic metres per hour', 1),
  unit(['m3/s', 'm³/s'], 'cubic metres per second', 3600),
];

export interface QuantityInput {
  value: number;
  unit: string;
  period?: Period | undefined;
}

export type Conversion =
  | { ok: true; value: number; unit: CanonicalUnit }
  | { ok: false; field: 'unit' | 'period'; reason: string };

type Lookup = { found: UnitDef } | { ambiguous: UnitDef[] } | { unknown: true };

/**
 * Finds the unit a spelling means: the exact spelling first; otherwise the spellings equal to it
 * but for case, accepted only when they all belong to one unit.
 */
function lookUp(units: readonly UnitDef[], typed: string): Lookup {
  const exact = units.find((u) => u.spellings.includes(typed));
  if (exact) return { found: exact };
  const folded = typed.toLowerCase();
  const matches = units.filter((u) => u.spellings.some((s) => s.toLowerCase() === folded));
  if (matches.length === 1) return { found: matches[0]! };
  // The larger unit first: it is the likelier meaning of an industrial quantity.
  if (matches.length > 1) return { ambiguous: matches.sort((a, b) => b.factor - a.factor) };
  return { unknown: true };
}

function ambiguity(typed: string, candidates: UnitDef[], rest: string): string {
  const options = candidates.map((u) => `${u.spellings[0]}${rest} (${u.name})`);
  return `'${typed}' is ambiguous: write ${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
}

/** Whether a unit is a rate (power, flow): it takes operating hours, not a period. */
export function isRateUnit(kind: ListingKind, typed: string): boolean {
  const rate = kind === 'energy' ? POWER_UNITS : kind === 'water' ? FLOW_UNITS : [];
  return 'found' in lookUp(rate, typed.trim().replace(/\s+/g, ''));
}

/** The period a spelling names (`yr`, `/Døgn`, `mnd`), in any case; undefined when none. */
export const periodOf = (typed: string): Period | undefined => PERIOD_ALIASES[typed.toLowerCase()];

export function knownUnits(kind: ListingKind): string[] {
  const first = (units: readonly UnitDef[]) => units.map((u) => u.spellings[0]!);
  const base = first(AMOUNT_UNITS[kind]);
  if (kind === 'energy') return [...base, ...first(POWER_UNITS)];
  if (kind === 'water') return [...base, ...first(FLOW_UNITS)];
  return base;
}

/**
 * Converts a quantity to the canonical unit of its kind. `operatingHours` is used for power and
 * flow units (a 2 MW source running 8,000 h/yr gives 16,000 MWh/yr).
 */
export function toCanonical(kind: ListingKind, q: QuantityInput, operatingHours = 8760): Conversion {
  const raw = q.unit.trim().replace(/\s+/g, '');
  const target = CANONICAL_UNIT[kind];
  const rate = kind === 'energy' ? POWER_UNITS : kind === 'water' ? FLOW_UNITS : [];
  // A rate unit is a whole spelling (l/s holds a slash that is no period); power has no period.
  const asRate = lookUp(rate, raw);
  if ('found' in asRate) {
    return { ok: true, value: q.value * asRate.found.factor * operatingHours, unit: target };
  }
  if ('ambiguous' in asRate)
    return { ok: false, field: 'unit', reason: ambiguity(q.unit, asRate.ambiguous, '') };

  const [amountPart, periodPart, ...rest] = raw.split('/');
  if (rest.length > 0 || amountPart === undefined) {
    return { ok: false, field: 'unit', reason: `'${q.unit}' is not a unit of the form amount[/period]` };
  }
  const amount = lookUp(AMOUNT_UNITS[kind], amountPart);
  if ('ambiguous' in amount) {
    const suffix = periodPart === undefined ? '' : `/${periodPart}`;
    return { ok: false, field: 'unit', reason: ambiguity(amountPart, amount.ambiguous, suffix) };
  }
  if ('unknown' in amount) {
    return {
      ok: false,
      field: 'unit',
      reason: `'${q.unit}' is not a known unit for ${kind}; use one of ${knownUnits(kind).join(', ')}`,
    };
  }
  const factor = amount.found.factor;

  if (kind === 'land') {
    if (periodPart !== undefined) return { ok: false, field: 'unit', reason: 'land area has no period' };
    return { ok: true, value: q.value * factor, unit: target };
  }

  let period: Period | undefined = q.period;
  if (periodPart !== undefined) {
    const fromUnit = PERIOD_ALIASES[periodPart.toLowerCase()];
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
    return {
      ok: false,
      field: 'unit',
      reason: `'${q.unit}' needs a period, e.g. '${amount.found.spellings[0]}/yr'`,
    };
  }
  return { ok: true, value: q.value * factor * PERIODS_PER_YEAR[period], unit: target };
}

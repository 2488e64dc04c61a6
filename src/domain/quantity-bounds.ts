/**
 * What one listing can sensibly hold, per kind, in the canonical unit. Above the upper bound a
 * quantity is a typo or a wrong unit (no single site offers more than the largest plants in the
 * world); below the lower bound it is a wrong prefix (500 mWh/yr for MWh/yr) or a number so small
 * that scores and allocations built on it stop being numbers. A canonical value outside these
 * bounds, or not finite at all, is refused before anything is stored, because the matcher, the
 * allocation LP and every suggestion read it.
 */
import type { ListingKind } from './listing-kinds.ts';
import { CANONICAL_UNIT } from './units.ts';

export interface Bounds {
  min: number;
  max: number;
  /** The bounds in words, for the message. */
  minInWords: string;
  maxInWords: string;
}

export const CANONICAL_BOUNDS: Record<ListingKind, Bounds> = {
  // The largest steel works make ~20 Mt/yr; 100 Mt/yr leaves room for a whole region's flow.
  material: { min: 1e-6, max: 1e8, minInWords: '1 g a year', maxInWords: '100 million tonnes a year' },
  // Norway's whole electricity production is ~150 TWh/yr; 1,000 TWh/yr is beyond any one listing.
  energy: { min: 1e-6, max: 1e9, minInWords: '1 Wh a year', maxInWords: '1,000 TWh a year' },
  // 10 km³/yr is more than the water use of most countries.
  water: { min: 1e-6, max: 1e10, minInWords: '1 mL a year', maxInWords: '10 km³ a year' },
  // 10,000 km² is a third of a Norwegian county.
  land: { min: 1e-4, max: 1e10, minInWords: '1 cm²', maxInWords: '10,000 km²' },
};

/** Upper bounds of other numeric fields that feed sums and divisions in the matcher. */
export const FIELD_BOUNDS = {
  /** 100 GW: more than the largest power station in the world. */
  powerKw: 1e8,
  /** Monthly factors are relative, any scale; this keeps their sum finite. */
  monthlyFactor: 1e12,
} as const;

const exp = (n: number) => n.toExponential().replace('e+', 'e');

/** Why a canonical quantity cannot be stored, or undefined when it is within bounds. */
export function canonicalQuantityProblem(kind: ListingKind, value: number): string | undefined {
  const unit = CANONICAL_UNIT[kind];
  const b = CANONICAL_BOUNDS[kind];
  if (!Number.isFinite(value))
    return `comes to more ${unit} than a number can hold; check the value and the unit`;
  if (value > b.max) {
    return `comes to ${value.toPrecision(3)} ${unit}, more than the ${exp(b.max)} ${unit} (${b.maxInWords}) one listing may hold; check the value and the unit`;
  }
  if (value < b.min) {
    return `comes to ${value.toPrecision(3)} ${unit}, less than the ${exp(b.min)} ${unit} (${b.minInWords}) a listing must hold; check the value and the unit`;
  }
  return undefined;
}

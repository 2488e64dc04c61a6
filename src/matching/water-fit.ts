/**
 * Water compatibility by quality class. Fresh water ranks non-potable < process < potable and
 * serves any need at or below its class; saline water serves only saline-tolerant needs, which
 * take fresh water too. A listing without a stated quality gets the class its type implies, so a
 * potable need requires potable water and treated wastewater or cooling return goes to process or
 * non-potable uses.
 *
 * References:
 *   Regulation (EU) 2020/741 on minimum requirements for water reuse (quality classes by use).
 *   Drikkevannsforskriften (FOR-2016-12-22-1868): potable water only from approved supply.
 */
import type { WaterQuality, WaterType } from '../domain/listing-kinds.ts';
import { WATER_QUALITIES } from '../domain/listing-kinds.ts';
import type { FitReasons, FitValues } from './fit-result.ts';
import { fmt } from './format.ts';
import type { PreparedListing } from './prepared-listing.ts';
import type { MatchListing } from './types.ts';

export const QUALITY_BY_TYPE: Record<WaterType, WaterQuality> = {
  potable: 'potable',
  process: 'process',
  cooling: 'non-potable',
  'treated-wastewater': 'non-potable',
  grey: 'non-potable',
  surface: 'non-potable',
  rainwater: 'non-potable',
  seawater: 'saline',
};

const FRESH_RANK: Record<Exclude<WaterQuality, 'saline'>, number> = {
  'non-potable': 0,
  process: 1,
  potable: 2,
};

/** A cooling need this many kelvin warmer than wanted scores 0 on temperature. */
const COOLING_TOLERANCE_K = 10;

export function waterQualityOf(l: Pick<MatchListing, 'water'>): WaterQuality | undefined {
  const w = l.water;
  return w ? (w.quality ?? QUALITY_BY_TYPE[w.type]) : undefined;
}

export function waterServes(offered: WaterQuality, needed: WaterQuality): boolean {
  if (needed === 'saline') return true;
  if (offered === 'saline') return false;
  return FRESH_RANK[offered] >= FRESH_RANK[needed];
}

/**
 * Writes the pair's resource and quality values and offer use into `fit` and returns true when the
 * offer can serve the need; `why`, when given, receives the route and the reasons.
 */
export function fitWater(
  offer: PreparedListing,
  need: PreparedListing,
  fit: FitValues,
  why?: FitReasons,
): boolean {
  const o = offer.water;
  const n = need.water;
  const offered = waterQualityOf(offer);
  const needed = waterQualityOf(need);
  if (!o || !n || !offered || !needed || !waterServes(offered, needed)) return false;

  // The quality term is the mean of a class part and, for a cooling need, a temperature part.
  let classValue: number;
  if (needed === 'saline') classValue = offered === 'saline' ? 1 : 0.8;
  else {
    const above = FRESH_RANK[offered as Exclude<WaterQuality, 'saline'>] - FRESH_RANK[needed];
    classValue = above === 0 ? 1 : 1 - 0.15 * above;
  }
  const cooling = n.type === 'cooling' && n.temperatureC !== undefined && o.temperatureC !== undefined;
  const excess = cooling ? o.temperatureC! - n.temperatureC! : 0;
  const temperatureValue = excess <= 0 ? 1 : Math.max(0, 1 - excess / COOLING_TOLERANCE_K);

  fit.resource = o.type === n.type ? 1 : 0.8;
  fit.quality = cooling ? (classValue + temperatureValue) / 2 : classValue;
  fit.offerUse = 1;
  if (why) {
    const classReason =
      needed === 'saline'
        ? offered === 'saline'
          ? 'saline water for a saline-tolerant use'
          : `${offered} water for a saline-tolerant use`
        : offered === needed
          ? `${offered} quality as needed`
          : `${offered} water used where ${needed} suffices`;
    why.route = { type: 'direct', detail: `${o.type} → ${n.type}` };
    why.resource =
      o.type === n.type
        ? `${o.type} water offered for a ${n.type} need`
        : `${o.type} water serves a ${n.type} need`;
    why.quality = cooling
      ? `${classReason}; ${fmt(o.temperatureC!)} °C against a cooling need of at most ${fmt(n.temperatureC!)} °C`
      : classReason;
  }
  return true;
}

export function waterOfferKeys(offer: MatchListing): string[] {
  const offered = waterQualityOf(offer);
  return offered === undefined
    ? []
    : WATER_QUALITIES.filter((q) => waterServes(offered, q)).map((q) => `w:${q}`);
}

export function waterNeedKeys(need: MatchListing): string[] {
  const needed = waterQualityOf(need);
  return needed === undefined ? [] : [`w:${needed}`];
}

/**
 * Water compatibility by quality class. Fresh water ranks non-potable < process < potable and
 * serves any need at or below its class; saline water serves only saline-tolerant needs, which
 * take fresh water too. A listing without a stated quality gets the class its type implies, so a
 * potable need requires potable water and treated wastewater or cooling return goes to process or
 * non-potable uses.
 *
 * Untreated industrial waste water is no class at all: whatever quality it states, it serves only
 * a need that treats water on site (`treatsOnSite`, any use: process, cooling, irrigation) or one
 * that asks for waste water itself (a biogas or treatment plant that wants its load), and such a
 * need takes nothing else. The explanation names what is offered in the offer's own words (its
 * title), not only the class that matched.
 *
 * References:
 *   Regulation (EU) 2020/741 on minimum requirements for water reuse (quality classes by use).
 *   Drikkevannsforskriften (FOR-2016-12-22-1868): potable water only from approved supply.
 *   Forurensningsforskriften (FOR-2004-06-01-931) ch. 15A: industrial effluent is treated before
 *     it is discharged or reused.
 */
import type { WaterQuality, WaterType } from '../domain/listing-kinds.ts';
import { WATER_QUALITIES } from '../domain/listing-kinds.ts';
import { type FitReasons, type FitValues, INCOMPLETE } from './fit-result.ts';
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
  // Nominal only: untreated waste water is matched by its own rule (isUntreated), never by class.
  'industrial-waste-water': 'non-potable',
};

/** Untreated industrial waste water (its own rule, not a quality class). */
export const UNTREATED: WaterType = 'industrial-waste-water';
const UNTREATED_KEY = 'w:untreated';
/** Class part of the quality term when untreated waste water is to be treated on site by the need. */
const TREATED_ON_SITE_QUALITY = 0.5;

export const isUntreated = (w: { type: WaterType } | undefined): boolean => w?.type === UNTREATED;

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
 * offer can serve the need; `why`, when given, receives the route and the reasons, or why not.
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
  if (!o || !n || !offered || !needed) {
    if (why) why.blocked = INCOMPLETE;
    return false;
  }
  if (o.type === UNTREATED || n.type === UNTREATED) return fitUntreated(offer, need, fit, why);
  if (!waterServes(offered, needed)) {
    if (why) {
      why.blocked = {
        code: 'quality-class',
        reason:
          offered === 'saline'
            ? `${o.type} water is saline and serves only saline-tolerant uses; the need asks for ${needed} quality`
            : `${o.type} water of ${offered} quality cannot serve a need for ${needed} quality`,
      };
    }
    return false;
  }

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

/**
 * Untreated waste water offered, or asked for: served only when the need treats water on site or
 * asks for waste water itself, and a need for waste water takes nothing else.
 */
function fitUntreated(
  offer: PreparedListing,
  need: PreparedListing,
  fit: FitValues,
  why: FitReasons | undefined,
): boolean {
  const o = offer.water!;
  const n = need.water!;
  const wantsWaste = n.type === UNTREATED;
  if (o.type !== UNTREATED) {
    if (why) {
      why.blocked = {
        code: 'quality-class',
        reason: `${o.type} water is not the untreated industrial waste water the need asks for`,
      };
    }
    return false;
  }
  if (!wantsWaste && n.treatsOnSite !== true) {
    if (why) {
      why.blocked = {
        code: 'quality-class',
        reason: `untreated industrial waste water serves only a need that treats water on site, which the ${n.type} need does not`,
      };
    }
    return false;
  }
  const cooling = n.type === 'cooling' && n.temperatureC !== undefined && o.temperatureC !== undefined;
  const excess = cooling ? o.temperatureC! - n.temperatureC! : 0;
  const temperatureValue = excess <= 0 ? 1 : Math.max(0, 1 - excess / COOLING_TOLERANCE_K);
  const classValue = wantsWaste ? 1 : TREATED_ON_SITE_QUALITY;
  fit.resource = wantsWaste ? 1 : 0.8;
  fit.quality = cooling ? (classValue + temperatureValue) / 2 : classValue;
  fit.offerUse = 1;
  if (why) {
    const needed = waterQualityOf(need)!;
    // The offer's own words say what the water carries (its load), which no class does.
    const what = `untreated industrial waste water ("${offer.listing.title}")`;
    const classReason = wantsWaste
      ? 'untreated waste water as the need asks'
      : `untreated waste water, treated on site by the need to ${needed} quality`;
    why.route = { type: 'direct', detail: `${o.type} → ${n.type}` };
    why.resource = wantsWaste
      ? `${what} offered for an industrial-waste-water need`
      : `${what} offered for a ${n.type} need that treats water on site`;
    why.quality = cooling
      ? `${classReason}; ${fmt(o.temperatureC!)} °C against a cooling need of at most ${fmt(n.temperatureC!)} °C`
      : classReason;
  }
  return true;
}

export function waterOfferKeys(offer: MatchListing): string[] {
  if (isUntreated(offer.water)) return [UNTREATED_KEY];
  const offered = waterQualityOf(offer);
  return offered === undefined
    ? []
    : WATER_QUALITIES.filter((q) => waterServes(offered, q)).map((q) => `w:${q}`);
}

export function waterNeedKeys(need: MatchListing): string[] {
  if (isUntreated(need.water)) return [UNTREATED_KEY];
  const needed = waterQualityOf(need);
  if (needed === undefined) return [];
  return need.water?.treatsOnSite === true ? [`w:${needed}`, UNTREATED_KEY] : [`w:${needed}`];
}

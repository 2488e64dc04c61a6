/**
 * Land compatibility: a land use the need can work with, every facility the need requires present
 * on the offered plot, and zoning that agrees when both state it. Area is the quantity term (a
 * smaller plot is a partial match); the period is the availability window.
 */
import type { LandUse } from '../domain/listing-kinds.ts';
import { LAND_USES } from '../domain/listing-kinds.ts';
import { type FitReasons, type FitValues, INCOMPLETE } from './fit-result.ts';
import type { PreparedListing } from './prepared-listing.ts';
import type { MatchListing } from './types.ts';

/** How well offered land of one use serves a need for another; absent means not at all. */
export const LAND_USE_FIT: Record<LandUse, Partial<Record<LandUse, number>>> = {
  industrial: { industrial: 1, storage: 0.9, mixed: 0.8 },
  commercial: { commercial: 1, storage: 0.7, mixed: 0.8 },
  agricultural: { agricultural: 1, mixed: 0.5 },
  storage: { storage: 1, mixed: 0.7 },
  mixed: { mixed: 1, industrial: 0.7, commercial: 0.8, storage: 0.8, agricultural: 0.5 },
};

/** Quality by how the plot's zoning compares with the one the need asks for. */
export const ZONING_FIT = { 'not asked': 1, 'not stated': 0.8, other: 0.5, 'as wanted': 1 } as const;

/** How a plot's zoning compares with the need's: whether the need asks, the plot states, and they agree. */
export function zoningValue(asked: boolean, stated: boolean, same: boolean): keyof typeof ZONING_FIT {
  return !asked ? 'not asked' : !stated ? 'not stated' : !same ? 'other' : 'as wanted';
}

/**
 * Writes the pair's resource and quality values and offer use into `fit` and returns true when the
 * offer can serve the need; `why`, when given, receives the route and the reasons, or why not.
 */
export function fitLand(
  offer: PreparedListing,
  need: PreparedListing,
  fit: FitValues,
  why?: FitReasons,
): boolean {
  const o = offer.land;
  const n = need.land;
  if (!o || !n) {
    if (why) why.blocked = INCOMPLETE;
    return false;
  }
  const useFit = LAND_USE_FIT[o.landUse][n.landUse];
  if (useFit === undefined) {
    if (why) why.blocked = { code: 'land-use', reason: `${o.landUse} land cannot serve a ${n.landUse} use` };
    return false;
  }
  const required = n.facilities ?? [];
  const present = o.facilities ?? [];
  if (required.some((f) => !present.includes(f))) {
    if (why) {
      const missing = required.filter((f) => !present.includes(f));
      why.blocked = {
        code: 'facilities',
        reason: `the plot lacks ${missing.join(', ')}, which the need requires`,
      };
    }
    return false;
  }

  const oz = o.zoning?.trim().toLowerCase();
  const nz = n.zoning?.trim().toLowerCase();
  const zoning = zoningValue(!!nz, !!oz, oz === nz);
  fit.resource = useFit;
  fit.quality = ZONING_FIT[zoning];
  fit.offerUse = 1;
  if (why) {
    const facilities =
      required.length === 0
        ? 'the need requires no facilities'
        : `all required facilities present (${required.join(', ')})`;
    why.route = { type: 'direct', detail: `${o.landUse} → ${n.landUse}` };
    why.resource =
      o.landUse === n.landUse
        ? `${o.landUse} land as needed`
        : `${o.landUse} land can serve a ${n.landUse} use`;
    why.quality =
      zoning === 'not asked'
        ? facilities
        : zoning === 'not stated'
          ? `${facilities}; zoning of the plot not stated (need: ${n.zoning})`
          : zoning === 'other'
            ? `${facilities}; zoned ${o.zoning} where ${n.zoning} is wanted`
            : `${facilities}; zoned ${o.zoning} as wanted`;
  }
  return true;
}

export function landOfferKeys(offer: MatchListing): string[] {
  const use = offer.land?.landUse;
  return use === undefined
    ? []
    : LAND_USES.filter((u) => LAND_USE_FIT[use][u] !== undefined).map((u) => `l:${u}`);
}

export function landNeedKeys(need: MatchListing): string[] {
  return need.land ? [`l:${need.land.landUse}`] : [];
}

/**
 * Land compatibility: a land use the need can work with, every facility the need requires present
 * on the offered plot, and zoning that agrees when both state it. Area is the quantity term (a
 * smaller plot is a partial match); the period is the availability window.
 */
import type { LandUse } from '../domain/listing-kinds.ts';
import { LAND_USES } from '../domain/listing-kinds.ts';
import type { ResourceFit } from './fit-result.ts';
import type { MatchListing } from './types.ts';

/** How well offered land of one use serves a need for another; absent means not at all. */
export const LAND_USE_FIT: Record<LandUse, Partial<Record<LandUse, number>>> = {
  industrial: { industrial: 1, storage: 0.9, mixed: 0.8 },
  commercial: { commercial: 1, storage: 0.7, mixed: 0.8 },
  agricultural: { agricultural: 1, mixed: 0.5 },
  storage: { storage: 1, mixed: 0.7 },
  mixed: { mixed: 1, industrial: 0.7, commercial: 0.8, storage: 0.8, agricultural: 0.5 },
};

export function fitLand(offer: MatchListing, need: MatchListing): ResourceFit | null {
  const o = offer.land;
  const n = need.land;
  if (!o || !n) return null;
  const useFit = LAND_USE_FIT[o.landUse][n.landUse];
  if (useFit === undefined) return null;
  const required = n.facilities ?? [];
  const present = new Set(o.facilities ?? []);
  if (required.some((f) => !present.has(f))) return null;

  const facilities =
    required.length === 0
      ? 'the need requires no facilities'
      : `all required facilities present (${required.join(', ')})`;
  const oz = o.zoning?.trim().toLowerCase();
  const nz = n.zoning?.trim().toLowerCase();
  let quality = { value: 1, reason: facilities };
  if (nz) {
    if (!oz)
      quality = { value: 0.8, reason: `${facilities}; zoning of the plot not stated (need: ${n.zoning})` };
    else if (oz !== nz)
      quality = { value: 0.5, reason: `${facilities}; zoned ${o.zoning} where ${n.zoning} is wanted` };
    else quality = { value: 1, reason: `${facilities}; zoned ${o.zoning} as wanted` };
  }
  return {
    route: { type: 'direct', detail: `${o.landUse} → ${n.landUse}` },
    resource: {
      value: useFit,
      reason:
        o.landUse === n.landUse
          ? `${o.landUse} land as needed`
          : `${o.landUse} land can serve a ${n.landUse} use`,
    },
    quality,
    offerUse: 1,
  };
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

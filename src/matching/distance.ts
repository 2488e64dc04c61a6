/**
 * Great-circle distance and the distance limit of a pair.
 *
 * The haversine formula on a sphere of radius 6,371 km (the IUGG mean Earth radius), the same
 * sphere geokdbush searches on, so the spatial pre-filter and the pair check agree to rounding.
 *
 * References:
 *   R. W. Sinnott (1984), "Virtues of the Haversine", Sky and Telescope 68(2), 159.
 */
import type { MatchConfig, MatchListing } from './types.ts';

export const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * The configured default limit for a pair. Energy travels as the carrier the need asks for: a
 * heat exchanger or heat pump converts at the source, so a steam source feeding a hot-water need
 * is limited like a hot-water network.
 */
export function defaultLimitKm(config: MatchConfig, need: Pick<MatchListing, 'kind' | 'energy'>): number {
  const limits = config.distanceLimitsKm;
  if (need.kind !== 'energy') return limits[need.kind];
  const carrier = need.energy?.carrier;
  return (carrier === undefined ? undefined : limits.energy[carrier]) ?? limits.energy['default'] ?? 0;
}

/** A listing's own maximum distance wins over the default; with two, the smaller one. */
export function pairLimitKm(config: MatchConfig, offer: MatchListing, need: MatchListing): number {
  const own = [offer.maxDistanceKm, need.maxDistanceKm].filter((d): d is number => d !== undefined);
  return own.length > 0 ? Math.min(...own) : defaultLimitKm(config, need);
}

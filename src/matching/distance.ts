/**
 * Great-circle distance and the distance limit of a pair.
 *
 * The haversine formula on a sphere of radius 6,371 km (the IUGG mean Earth radius), the same
 * sphere geokdbush searches on, so the spatial pre-filter and the pair check agree to rounding.
 *
 * References:
 *   R. W. Sinnott (1984), "Virtues of the Haversine", Sky and Telescope 68(2), 159.
 */
import { EARTH_RADIUS_KM } from '../domain/geo.ts';
import { hasHeatReach, heatReachKm } from './heat-reach.ts';
import type { PreparedListing } from './prepared-listing.ts';
import type { MatchConfig, MatchListing } from './types.ts';

export { cosLatitude, EARTH_RADIUS_KM, haversineKm, haversineWithCosKm } from '../domain/geo.ts';

const RAD = Math.PI / 180;

/**
 * The point on the unit sphere at (lat, lon), written at out[at..at+2]. The chord between two such
 * points, c, gives the great-circle distance as 2R·asin(c/2) ≥ R·c: R·c is a lower bound of the
 * distance that costs no trigonometry per pair, which the candidate index filters with.
 */
export function writeUnitVector(lat: number, lon: number, out: Float64Array, at: number): void {
  const phi = lat * RAD;
  const lambda = lon * RAD;
  out[at] = Math.cos(phi) * Math.cos(lambda);
  out[at + 1] = Math.cos(phi) * Math.sin(lambda);
  out[at + 2] = Math.sin(phi);
}

/**
 * A longitude/latitude box, degrees, holding every point within `radiusKm` of (lat, lon) on the
 * sphere: the latitude band ± r/R, and the longitudes of the two meridians tangent to the circle,
 * ± asin(sin(r/R) / cos φ). A circle over a pole or across the antimeridian gets every longitude.
 *
 * Reference: J. P. Matuschek (2010), "Finding Points Within a Distance of a Latitude/Longitude
 * Using Bounding Coordinates".
 */
export function boundingBox(
  lat: number,
  lon: number,
  radiusKm: number,
): { minLon: number; minLat: number; maxLon: number; maxLat: number } {
  const out = new Float64Array(4);
  writeBoundingBox(lat, lon, radiusKm, out);
  return { minLon: out[0]!, minLat: out[1]!, maxLon: out[2]!, maxLat: out[3]! };
}

/**
 * boundingBox written into out as [minLon, minLat, maxLon, maxLat]: what a search loop reuses.
 * `cosLat`, cos(lat) (cosLatitude), when the caller has it.
 */
export function writeBoundingBox(
  lat: number,
  lon: number,
  radiusKm: number,
  out: Float64Array,
  cosLat: number = Math.cos(lat * RAD),
): void {
  // A relative margin far above rounding error: the box only has to be a superset.
  const angle = (radiusKm / EARTH_RADIUS_KM) * (1 + 1e-9) + 1e-12;
  const dLat = angle / RAD;
  const minLat = lat - dLat;
  const maxLat = lat + dLat;
  const ratio = Math.sin(angle) / cosLat;
  if (minLat <= -90 || maxLat >= 90 || angle >= Math.PI / 2 || !(ratio < 1)) {
    writeBox(out, -180, Math.max(-90, minLat), 180, Math.min(90, maxLat));
    return;
  }
  const dLon = Math.asin(ratio) / RAD + 1e-9;
  if (lon - dLon < -180 || lon + dLon > 180) writeBox(out, -180, minLat, 180, maxLat);
  else writeBox(out, lon - dLon, minLat, lon + dLon, maxLat);
}

function writeBox(out: Float64Array, minLon: number, minLat: number, maxLon: number, maxLat: number): void {
  out[0] = minLon;
  out[1] = minLat;
  out[2] = maxLon;
  out[3] = maxLat;
}

/**
 * The configured limit for a pair. Energy travels as the carrier the need asks for: a heat
 * exchanger or heat pump converts at the source, so a steam source feeding a hot-water need is
 * limited like a hot-water network.
 */
export function configuredLimitKm(config: MatchConfig, need: Pick<MatchListing, 'kind' | 'energy'>): number {
  const limits = config.distanceLimitsKm;
  if (need.kind !== 'energy') return limits[need.kind];
  const carrier = need.energy?.carrier;
  return (carrier === undefined ? undefined : limits.energy[carrier]) ?? limits.energy['default'] ?? 0;
}

/** A need as a limit reads it: a stored listing, or a prepared one (its stored listing beside it). */
type LimitNeed = Pick<MatchListing, 'kind' | 'energy' | 'maxDistanceKm'> &
  ({ canonicalQuantity: { value: number } } | { listing: Pick<MatchListing, 'canonicalQuantity'> });

const annualOf = (need: LimitNeed): number =>
  'listing' in need ? need.listing.canonicalQuantity.value : need.canonicalQuantity.value;

/**
 * The default limit of a need's pairs: the configured one, and for heat a network serves the reach
 * of a pipe carrying the need's whole quantity (heat-reach.ts), the largest any of its pairs gets.
 */
export function defaultLimitKm(config: MatchConfig, need: LimitNeed): number {
  const configured = configuredLimitKm(config, need);
  return need.kind === 'energy' && hasHeatReach(need.energy?.carrier)
    ? heatReachKm(configured, annualOf(need))
    : configured;
}

/**
 * A listing's own maximum distance wins over the default; with two, the smaller one. Without
 * `deliveredMWh` the limit of the pair's need at its whole quantity (a bound for the pair, which
 * the spatial search uses), with it the pair's own: heat reaches as far as what it delivers pays.
 */
export function pairLimitKm(
  config: MatchConfig,
  offer: Pick<MatchListing, 'maxDistanceKm'>,
  need: LimitNeed,
  deliveredMWh?: number,
): number {
  const a = offer.maxDistanceKm;
  const b = need.maxDistanceKm;
  if (a !== undefined) return b === undefined ? a : Math.min(a, b);
  if (b !== undefined) return b;
  if (deliveredMWh === undefined || need.kind !== 'energy' || !hasHeatReach(need.energy?.carrier)) {
    return defaultLimitKm(config, need);
  }
  return heatReachKm(configuredLimitKm(config, need), Math.min(deliveredMWh, annualOf(need)));
}

/**
 * A prepared need with its limits under `config` memoised on it (PreparedListing.limitConfig):
 * configuredLimitKm, defaultLimitKm and whether its pairs' reach follows their heat, computed once
 * per need rather than once per pair.
 */
export function needLimits(need: PreparedListing, config: MatchConfig): PreparedListing {
  if (need.limitConfig !== config) {
    need.configuredLimitKm = configuredLimitKm(config, need);
    need.defaultLimitKm = defaultLimitKm(config, need);
    need.heatReach = need.kind === 'energy' && hasHeatReach(need.energy?.carrier);
    need.limitConfig = config;
  }
  return need;
}

/** Whether a pair's limit follows the heat it delivers (no own limit, a heat network's need). */
export const reachesByHeat = (
  offer: Pick<MatchListing, 'maxDistanceKm'>,
  need: Pick<MatchListing, 'kind' | 'energy' | 'maxDistanceKm'>,
): boolean =>
  need.kind === 'energy' &&
  offer.maxDistanceKm === undefined &&
  need.maxDistanceKm === undefined &&
  hasHeatReach(need.energy?.carrier);

/**
 * A lower bound, km, of R·c for the chord c between (lat, lon) and any point of the box [minLon,
 * minLat, maxLon, maxLat], degrees: so at most the R·c of writeUnitVector's points, and the
 * great-circle distance, of every point in the box. With c² / 4 = hav(Δφ) + cos φ1 cos φ2 hav(Δλ)
 * (the haversine formula), taken with the latitude gap, the box's smallest cos φ and the longitude
 * gap the short way round. An edge that is not a number bounds nothing. `cosLat` is cos(lat).
 */
export function boxChordKm(
  lat: number,
  lon: number,
  cosLat: number,
  minLon: number,
  minLat: number,
  maxLon: number,
  maxLat: number,
): number {
  return boxChordWithCosKm(lat, lon, cosLat, minLon, minLat, maxLon, maxLat, boxCos(minLat, maxLat));
}

/** The smallest cos φ over the latitudes [minLat, maxLat] (at an end), as boxChordKm takes it. */
export const boxCos = (minLat: number, maxLat: number): number =>
  Math.min(Math.cos(minLat * RAD), Math.cos(maxLat * RAD));

/**
 * boxChordKm with the box's boxCos supplied by the caller, who computes it once per box rather
 * than once per search: the same expression, so the two agree to the last bit.
 */
export function boxChordWithCosKm(
  lat: number,
  lon: number,
  cosLat: number,
  minLon: number,
  minLat: number,
  maxLon: number,
  maxLat: number,
  cosBox: number,
): number {
  const latGap = lat < minLat ? minLat - lat : lat > maxLat ? lat - maxLat : 0;
  let lonGap = 0;
  if (lon < minLon) lonGap = Math.min(minLon - lon, lon + 360 - maxLon);
  else if (lon > maxLon) lonGap = Math.min(lon - maxLon, minLon + 360 - lon);
  // Inside the box's latitudes and longitudes: sin(0)² = 0, so h = 0 without the trigonometry.
  if (latGap === 0 && !(lonGap > 0)) return 0;
  let h = Math.sin((latGap * RAD) / 2) ** 2;
  // cos φ over [minLat, maxLat] ⊆ [−90°, 90°] is smallest at an end; NaN or ≤ 0 adds nothing.
  if (lonGap > 0 && cosBox > 0 && cosLat > 0) h += cosLat * cosBox * Math.sin((lonGap * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.sqrt(Math.min(1, h));
}

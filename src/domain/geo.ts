/**
 * Great-circle distance: the haversine formula on a sphere of radius 6,371 km (the IUGG mean
 * Earth radius). The engine (matching/distance.ts) and the presentation of anonymised listings
 * share it, so a distance shown is the distance the engine would compute between the same points.
 *
 * Reference: R. W. Sinnott (1984), "Virtues of the Haversine", Sky and Telescope 68(2), 159.
 */
export const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return haversineWithCosKm(lat1, lon1, cosLatitude(lat1), lat2, lon2, cosLatitude(lat2));
}

export const cosLatitude = (lat: number): number => Math.cos(lat * RAD);

/**
 * haversineKm with each point's cos(latitude) supplied by the caller, who computes it once per
 * listing rather than once per pair. The same expression, so the two agree to the last bit.
 */
export function haversineWithCosKm(
  lat1: number,
  lon1: number,
  cosLat1: number,
  lat2: number,
  lon2: number,
  cosLat2: number,
): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + cosLat1 * cosLat2 * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

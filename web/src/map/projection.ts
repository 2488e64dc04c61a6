/**
 * Equirectangular projection with x scaled by cos(mean latitude) of the box drawn, north up,
 * fitted into a width and at most a height with padding: shapes stay true to within a few per
 * cent over a county (Snyder, "Map Projections: A Working Manual", USGS 1987, §12), and the
 * arithmetic stays small enough for the browser to redo on every change of view. The same
 * projection as the HTML report's map (src/analytics/report-map.ts).
 */

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type Box = readonly [number, number, number, number];

export interface Projection {
  x(lon: number): number;
  y(lat: number): number;
  /** The inverse of x and y: a point of the view back to degrees (for picking a place on the map). */
  lon(x: number): number;
  lat(y: number): number;
  width: number;
  height: number;
}

/** Mainland Norway with its islands (the shipped boundaries), for a map with nothing to fit to. */
export const NORWAY_BOX: Box = [4.4, 57.9, 31.3, 71.3];

export function fitProjection(box: Box, width: number, maxHeight: number, padding: number): Projection {
  const k = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  const spanX = Math.max((box[2] - box[0]) * k, 1e-6);
  const spanY = Math.max(box[3] - box[1], 1e-6);
  const scale = Math.min((width - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY);
  const height = spanY * scale + 2 * padding;
  const left = (width - spanX * scale) / 2;
  return {
    x: (lon) => left + (lon * k - box[0] * k) * scale,
    y: (lat) => padding + (box[3] - lat) * scale,
    lon: (x) => (x - left) / scale / k + box[0],
    lat: (y) => box[3] - (y - padding) / scale,
    width,
    height,
  };
}

/** The box around some points, widened to at least `minSpan` degrees of latitude (and as much of longitude). */
export function boxAround(points: readonly { lat: number; lon: number }[], minSpan: number): Box | null {
  if (points.length === 0) return null;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const padLat = Math.max((minSpan - (maxLat - minLat)) / 2, (maxLat - minLat) * 0.1);
  const padLon = Math.max((minSpan / k - (maxLon - minLon)) / 2, (maxLon - minLon) * 0.1);
  return [minLon - padLon, minLat - padLat, maxLon + padLon, maxLat + padLat];
}

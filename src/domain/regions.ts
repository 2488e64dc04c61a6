/**
 * Norway's counties and municipalities, and which of them a point lies in. Region codes are the
 * official numbers: a county is two digits (`46` Vestland), a municipality four (`4617`), and a
 * municipality's first two digits are its county's. Facilitators are bound to region codes; a
 * site's codes come from its coordinates, never from the name a user typed.
 *
 * Point in polygon by ray casting (even-odd rule over every ring, so holes work), after a
 * bounding-box test. The shipped boundaries are clipped to the coastline and simplified, so a
 * quay or a fish farm can lie just outside every polygon: such a point takes the nearest
 * municipality when it lies within NEAREST_MAX_KM of its outline.
 */

export type Ring = ReadonlyArray<readonly [number, number]>;
export type Polygon = ReadonlyArray<Ring>;

export interface Municipality {
  code: string;
  name: string;
  countyCode: string;
  polygons: ReadonlyArray<Polygon>;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: readonly [number, number, number, number];
}

export interface County {
  code: string;
  name: string;
}

export interface RegionIndex {
  municipalities: ReadonlyArray<Municipality>;
  counties: ReadonlyMap<string, County>;
  municipalityByCode: ReadonlyMap<string, Municipality>;
}

export interface SiteRegion {
  municipalityCode: string;
  countyCode: string;
}

/** How far outside the simplified outline a coastal site may lie and still belong to it. */
export const NEAREST_MAX_KM = 10;

export function bboxOf(polygons: ReadonlyArray<Polygon>): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const poly of polygons)
    for (const ring of poly)
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lat < minLat) minLat = lat;
        if (lon > maxLon) maxLon = lon;
        if (lat > maxLat) maxLat = lat;
      }
  return [minLon, minLat, maxLon, maxLat];
}

/** Even-odd ray casting over all rings of all polygons: holes and multipolygons both work. */
export function containsPoint(polygons: ReadonlyArray<Polygon>, lon: number, lat: number): boolean {
  let inside = false;
  for (const poly of polygons)
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  return inside;
}

/** Distance in km from a point to a segment, on a local equirectangular projection (fine at 10 km). */
function segmentKm(lon: number, lat: number, a: readonly [number, number], b: readonly [number, number]) {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.57;
  const ax = (a[0] - lon) * kx;
  const ay = (a[1] - lat) * ky;
  const bx = (b[0] - lon) * kx;
  const by = (b[1] - lat) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

function outlineKm(m: Municipality, lon: number, lat: number): number {
  let best = Infinity;
  for (const poly of m.polygons)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++)
        best = Math.min(best, segmentKm(lon, lat, ring[i - 1]!, ring[i]!));
  return best;
}

const DEG_MARGIN = NEAREST_MAX_KM / 50; // generous: 0.2° of latitude, more than 10 km of longitude up north

/** The municipality and county of a point, or null outside Norway (and its near coast). */
export function regionOf(index: RegionIndex, lat: number, lon: number): SiteRegion | null {
  const near: Municipality[] = [];
  for (const m of index.municipalities) {
    const [minLon, minLat, maxLon, maxLat] = m.bbox;
    const lonMargin = DEG_MARGIN / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
    if (lat < minLat - DEG_MARGIN || lat > maxLat + DEG_MARGIN) continue;
    if (lon < minLon - lonMargin || lon > maxLon + lonMargin) continue;
    if (
      lat >= minLat &&
      lat <= maxLat &&
      lon >= minLon &&
      lon <= maxLon &&
      containsPoint(m.polygons, lon, lat)
    ) {
      return { municipalityCode: m.code, countyCode: m.countyCode };
    }
    near.push(m);
  }
  let best: Municipality | null = null;
  let bestKm = NEAREST_MAX_KM;
  for (const m of near) {
    const km = outlineKm(m, lon, lat);
    if (km <= bestKm) {
      best = m;
      bestKm = km;
    }
  }
  return best ? { municipalityCode: best.code, countyCode: best.countyCode } : null;
}

/** A county (2 digits) or municipality (4 digits) code that exists, else null. */
export function regionName(index: RegionIndex, code: string): string | null {
  if (/^\d{2}$/.test(code)) return index.counties.get(code)?.name ?? null;
  if (/^\d{4}$/.test(code)) return index.municipalityByCode.get(code)?.name ?? null;
  return null;
}

/** The codes a site answers to: its municipality and its county. */
export function regionCodes(r: SiteRegion | null): string[] {
  return r ? [r.municipalityCode, r.countyCode] : [];
}

/** What a site's typed municipality says against the one its coordinates lie in. */
export interface MunicipalityCheck {
  /** The municipality the user typed. */
  typed: string;
  /** The municipality the coordinates lie in; null abroad or off the coast. */
  found: { code: string; name: string } | null;
  agrees: boolean;
  message: string;
}

/** Case, accents and the "kommune" suffix do not count ("Bærum kommune" is "baerum"). */
function normalisedName(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\bkommune\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Checks a typed municipality against the coordinates: a name (in any of a municipality's
 * official languages, "Tromsø - Romsa" agrees with "Tromsø") or a number agrees when it names the
 * municipality found. Null when nothing was typed. The coordinates decide the region codes; a
 * disagreement is reported on the site, never silently kept as if it were checked.
 */
export function checkMunicipality(
  index: RegionIndex,
  typed: string | undefined,
  municipalityCode: string | undefined,
): MunicipalityCheck | null {
  if (typed === undefined || typed.trim() === '') return null;
  const found = municipalityCode ? index.municipalityByCode.get(municipalityCode) : undefined;
  if (!found) {
    return {
      typed,
      found: null,
      agrees: false,
      message: `the coordinates lie in no Norwegian municipality, but '${typed}' was typed`,
    };
  }
  const want = normalisedName(typed);
  const names = [found.name, ...found.name.split(/\s+-\s+/)].map(normalisedName);
  const agrees = want === found.code || names.includes(want);
  return {
    typed,
    found: { code: found.code, name: found.name },
    agrees,
    message: agrees
      ? `agrees with the coordinates (${found.name}, ${found.code})`
      : `'${typed}' was typed, but the coordinates lie in ${found.name} (${found.code}); the region codes follow the coordinates`,
  };
}

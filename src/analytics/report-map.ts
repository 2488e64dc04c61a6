/**
 * The report's map of a region: its municipality (or county) outlines, the sites, and the
 * exchanges between them, realised solid and potential dashed, as one inline SVG.
 *
 * Projection: equirectangular with x scaled by cos(mean latitude) of the outlines' bounding box,
 * which keeps shapes true to within a few per cent over a county (Snyder, "Map Projections: A
 * Working Manual", USGS 1987, §12), fitted to the box with padding. Outlines are simplified after
 * projection by dropping every point closer than half a pixel to the last one kept (radial
 * distance), and rings smaller than a pixel are dropped, so a county map stays well under 300 kB
 * however detailed the boundaries are.
 */
import { bboxOf, type Polygon, type Ring } from '../domain/regions.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from './network.ts';
import { escapeHtml, type Format } from './report-format.ts';
import type { Labels } from './report-labels.ts';
import { CHART_WIDTH, coord, svg } from './report-svg.ts';

export interface MapOutline {
  code: string;
  name: string;
  polygons: readonly Polygon[];
}

export interface MapInput {
  outlines: readonly MapOutline[];
  nodes: readonly NetworkNodeRow[];
  edges: readonly NetworkEdgeRow[];
  /** At most this many exchanges are drawn (see pickEdges). */
  maxEdges: number;
}

export const MAP_DEFAULTS = { width: CHART_WIDTH, maxHeight: 760, padding: 18, minStepPx: 0.5 };

type Box = readonly [number, number, number, number];

/** Maps plane coordinates into a width × height picture, keeping the aspect ratio. */
export interface Fit {
  x(px: number): number;
  y(py: number): number;
  width: number;
  height: number;
}

/** Fits a box (y growing downwards) into `width` and at most `maxHeight`, centred, with padding. */
export function fitBox(box: Box, width: number, maxHeight: number, padding: number): Fit {
  let [minX, minY, maxX, maxY] = box;
  // A single point or a line: widen it so the scale stays finite.
  const spread = Math.max(maxX - minX, maxY - minY, 1e-9) * 0.05 || 1;
  if (maxX - minX < 1e-9) [minX, maxX] = [minX - spread, maxX + spread];
  if (maxY - minY < 1e-9) [minY, maxY] = [minY - spread, maxY + spread];
  const scale = Math.min((width - 2 * padding) / (maxX - minX), (maxHeight - 2 * padding) / (maxY - minY));
  const height = (maxY - minY) * scale + 2 * padding;
  const left = (width - (maxX - minX) * scale) / 2;
  return {
    x: (px) => left + (px - minX) * scale,
    y: (py) => padding + (py - minY) * scale,
    width,
    height,
  };
}

export interface Projection {
  x(lon: number): number;
  y(lat: number): number;
  width: number;
  height: number;
}

/** Equirectangular, x × cos(mean latitude), north up, fitted to a [minLon, minLat, maxLon, maxLat] box. */
export function fitProjection(bbox: Box, width: number, maxHeight: number, padding: number): Projection {
  const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const fit = fitBox([bbox[0] * k, -bbox[3], bbox[2] * k, -bbox[1]], width, maxHeight, padding);
  return { x: (lon) => fit.x(lon * k), y: (lat) => fit.y(-lat), width: fit.width, height: fit.height };
}

/** A ring projected and thinned: each point kept is at least `minStep` px from the one before. */
function projectRing(ring: Ring, p: Projection, minStep: number): [number, number][] {
  const kept: [number, number][] = [];
  let last: [number, number] | undefined;
  for (const [lon, lat] of ring) {
    const point: [number, number] = [p.x(lon), p.y(lat)];
    if (last !== undefined && Math.hypot(point[0] - last[0], point[1] - last[1]) < minStep) continue;
    kept.push(point);
    last = point;
  }
  return kept;
}

/** Signed area and centroid of a projected ring (shoelace). */
function ringCentroid(points: readonly [number, number][]): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    const cross = xj * yi - xi * yj;
    a += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  return a === 0
    ? { area: 0, x: points[0]![0], y: points[0]![1] }
    : { area: a / 2, x: cx / (3 * a), y: cy / (3 * a) };
}

/** The outline as one path (every ring a subpath; even-odd fill makes holes), and where to put its name. */
export function outlinePath(
  polygons: readonly Polygon[],
  p: Projection,
  minStep = MAP_DEFAULTS.minStepPx,
): { d: string; label?: { x: number; y: number; w: number; h: number } } {
  const subpaths: string[] = [];
  let best: { area: number; x: number; y: number; w: number; h: number } | undefined;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = projectRing(ring, p, minStep);
      if (points.length < 3) continue;
      const xs = points.map((q) => q[0]);
      const ys = points.map((q) => q[1]);
      const w = Math.max(...xs) - Math.min(...xs);
      const h = Math.max(...ys) - Math.min(...ys);
      if (w < 1 && h < 1) continue;
      const pairs = points.map(([x, y]) => `${coord(x)},${coord(y)}`);
      subpaths.push(`M${pairs[0]}L${pairs.slice(1).join(' ')}Z`);
      const c = ringCentroid(points);
      if (best === undefined || Math.abs(c.area) > best.area)
        best = { area: Math.abs(c.area), x: c.x, y: c.y, w, h };
    }
  }
  return { d: subpaths.join(''), ...(best && { label: best }) };
}

/** At most `cap` exchanges, realised first, then by CO2e avoided, then by id: the same ones on every render. */
export function pickEdges(edges: readonly NetworkEdgeRow[], cap: number): NetworkEdgeRow[] {
  const sorted = [...edges].sort(
    (a, b) =>
      Number(b.realised) - Number(a.realised) ||
      (b.co2eAvoidedT || 0) - (a.co2eAvoidedT || 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return sorted.slice(0, Math.max(0, cap));
}

/** realised: in a realised exchange; potential: in potential ones only; idle: in none. */
export function participation(edges: readonly NetworkEdgeRow[]): Map<string, 'realised' | 'potential'> {
  const status = new Map<string, 'realised' | 'potential'>();
  for (const e of edges) {
    for (const end of [e.source, e.target]) {
      if (e.realised) status.set(end, 'realised');
      else if (!status.has(end)) status.set(end, 'potential');
    }
  }
  return status;
}

export const hasCoordinates = (n: NetworkNodeRow): n is NetworkNodeRow & { lat: number; lon: number } =>
  Number.isFinite(n.lat) && Number.isFinite(n.lon);

export function participantName(node: NetworkNodeRow | undefined, t: Labels, fallback: string): string {
  if (node === undefined) return fallback;
  return node.anonymised ? t.anonymous : (node.label ?? node.id);
}

/** The map figure: SVG, legend and the notes on what was left out. */
export function renderMap(input: MapInput, t: Labels, fmt: Format): string {
  const located = input.nodes.filter(hasCoordinates);
  const allPolygons = input.outlines.flatMap((o) => o.polygons);
  const bbox: Box | undefined =
    allPolygons.length > 0
      ? bboxOf(allPolygons)
      : located.length > 0
        ? [
            Math.min(...located.map((n) => n.lon)),
            Math.min(...located.map((n) => n.lat)),
            Math.max(...located.map((n) => n.lon)),
            Math.max(...located.map((n) => n.lat)),
          ]
        : undefined;
  if (bbox === undefined || !bbox.every(Number.isFinite))
    return `<p class="empty">${escapeHtml(t.noMap)}</p>`;
  const p = fitProjection(bbox, MAP_DEFAULTS.width, MAP_DEFAULTS.maxHeight, MAP_DEFAULTS.padding);
  const parts: string[] = [];
  const labels: string[] = [];
  for (const outline of input.outlines) {
    const { d, label } = outlinePath(outline.polygons, p);
    if (d === '') continue;
    parts.push(
      `<path class="outline" data-code="${escapeHtml(outline.code)}" d="${d}"><title>${escapeHtml(`${outline.name} (${outline.code})`)}</title></path>`,
    );
    if (label !== undefined && label.w >= outline.name.length * 6 + 6 && label.h >= 14) {
      labels.push(
        `<text x="${coord(label.x)}" y="${coord(label.y + 3)}" text-anchor="middle" class="place">${escapeHtml(outline.name)}</text>`,
      );
    }
  }
  parts.push(...labels);

  const byId = new Map(located.map((n) => [n.id, n]));
  const drawable = input.edges.filter((e) => byId.has(e.source) && byId.has(e.target));
  const drawn = pickEdges(drawable, input.maxEdges);
  // Potential under realised, so a realised exchange is never hidden by a dashed one.
  for (const e of [...drawn].reverse()) {
    const a = byId.get(e.source)!;
    const b = byId.get(e.target)!;
    const cls = e.realised ? 'realised' : 'potential';
    parts.push(
      `<line class="ex ${cls}" x1="${coord(p.x(a.lon))}" y1="${coord(p.y(a.lat))}" x2="${coord(p.x(b.lon))}" y2="${coord(p.y(b.lat))}"/>`,
    );
  }
  const status = participation(input.edges);
  const rank = { idle: 0, potential: 1, realised: 2 } as const;
  const sites = located
    .map((n) => ({ n, s: status.get(n.id) ?? ('idle' as const) }))
    .sort((a, b) => rank[a.s] - rank[b.s]);
  for (const { n, s } of sites) {
    parts.push(
      `<circle class="site ${s}" cx="${coord(p.x(n.lon))}" cy="${coord(p.y(n.lat))}" r="3.6"><title>${escapeHtml(participantName(n, t, n.id))}</title></circle>`,
    );
  }

  const notes: string[] = [];
  const unlocated = input.edges.length - drawable.length;
  if (unlocated > 0) notes.push(t.notOnMap(unlocated));
  if (drawable.length > drawn.length) {
    notes.push(t.edgesLeftOut(fmt.count(drawable.length - drawn.length), fmt.count(input.maxEdges)));
  }
  const legend = [
    `<span class="key"><span class="dotkey realised"></span>${escapeHtml(t.siteRealised)}</span>`,
    `<span class="key"><span class="dotkey potential"></span>${escapeHtml(t.sitePotential)}</span>`,
    `<span class="key"><span class="dotkey idle"></span>${escapeHtml(t.siteIdle)}</span>`,
    `<span class="key"><span class="linekey realised"></span>${escapeHtml(t.realisedExchange)}</span>`,
    `<span class="key"><span class="linekey potential"></span>${escapeHtml(t.potentialExchange)}</span>`,
  ].join('');
  return [
    `<figure class="map">${svg(p.width, p.height, t.map, parts)}`,
    `<figcaption><div class="legend">${legend}</div>`,
    ...notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`),
    '</figcaption></figure>',
  ].join('');
}

/**
 * The network as every export sees it (issue 11, "Exports"): rows checked, put in id order, and
 * redacted, so that GeoJSON, GraphML, GEXF and CSV say the same and none says more than the access
 * policy allows.
 *
 * Confidentiality. The service decides who sees what (domain/access.ts): it leaves out what the
 * caller may not see at all (private listings appear only to facilitators) and marks what it may
 * see only anonymised, with an opaque id. The exporters redact again here, defensively, so a row
 * that reaches them unredacted still leaves without identity:
 *   an anonymised node  keeps its id, kind, `anonymised: true`, its regions and its location
 *                       rounded to COARSE_GRID; its label and every other field are dropped;
 *   an exchange at one  keeps its figures, but its distance is measured again between the shown
 *                       (coarse) locations and rounded to 0.1 km, or dropped when either end has
 *                       none: an exact distance to a known site would give the position back.
 * The grid and the distance rule are the access policy's own (`coarsen` and presentSuggestion in
 * domain/), not a grid of their own: an export then shows an anonymised listing exactly where the
 * API shows it, and the two cannot be overlaid to narrow it down. Both are idempotent, so rows the
 * service has already redacted pass unchanged.
 */
import { ANONYMOUS_GRID_DEG, coarsen } from '../domain/access.ts';
import { haversineKm } from '../domain/geo.ts';
import { type ErrorDetail, validationError } from '../errors.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from './network.ts';

/**
 * The grid, in degrees, an anonymised node's location is rounded to: the nearest multiple of 0.1°
 * in latitude and in longitude (≈ 11 km × 5.5 km at 60° N), as in domain/access.ts.
 */
export const COARSE_GRID = { latDeg: ANONYMOUS_GRID_DEG, lonDeg: ANONYMOUS_GRID_DEG } as const;

/** Joins a list (regions, ids, runs) into one text cell or attribute, in every format without lists. */
export const LIST_SEPARATOR = ';';

/** [lon, lat], the order of GeoJSON and of x, y. */
export type Position = [number, number];

/** A node's position when it has a usable one: finite, latitude in [-90, 90], longitude in [-180, 180]. */
export function positionOf(node: NetworkNodeRow): Position | undefined {
  const { lat, lon } = node;
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon))
    return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return [lon, lat];
}

/** What of a node may leave: all of it when identified; id, kind, coarse location and regions when anonymised. */
export function redactNode(row: NetworkNodeRow): NetworkNodeRow {
  if (!row.anonymised) return { ...row };
  const out: NetworkNodeRow = { id: row.id, kind: row.kind, anonymised: true };
  const position = positionOf(row);
  if (position !== undefined) {
    out.lat = coarsen(position[1]);
    out.lon = coarsen(position[0]);
  }
  if (row.regions !== undefined) out.regions = [...row.regions];
  return out;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** An exchange as it may leave, given its (redacted) ends: the distance of an anonymised end is the shown one. */
export function redactEdge(
  row: NetworkEdgeRow,
  source: NetworkNodeRow,
  target: NetworkNodeRow,
): NetworkEdgeRow {
  const { distanceKm: _exact, ...rest } = row;
  if (!source.anonymised && !target.anonymised) return { ...row };
  const a = positionOf(source);
  const b = positionOf(target);
  if (a === undefined || b === undefined) return rest;
  return { ...rest, distanceKm: round1(haversineKm(a[1], a[0], b[1], b[0])) };
}

export interface ExportNetwork {
  /** Redacted, in id order. */
  nodes: NetworkNodeRow[];
  /** Redacted, in id order. */
  edges: NetworkEdgeRow[];
  /** The redacted nodes by id. */
  byId: Map<string, NetworkNodeRow>;
}

const byIdOrder = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The rows every exporter starts from: redacted and in id order, so the same rows in any order give
 * the same file. Refuses, as buildNetwork does, duplicate ids and exchanges whose ends are not
 * among the nodes (a file that names a node it does not hold cannot be read back).
 */
export function prepareNetwork(
  nodeRows: readonly NetworkNodeRow[],
  edgeRows: readonly NetworkEdgeRow[],
): ExportNetwork {
  const nodes = nodeRows.map(redactNode).sort(byIdOrder);
  const sortedEdges = [...edgeRows].sort(byIdOrder);
  const details: ErrorDetail[] = [];
  for (const [path, rows] of [
    ['nodes', nodes],
    ['edges', sortedEdges],
  ] as const) {
    for (let i = 1; i < rows.length && details.length < 20; i++) {
      if (rows[i]!.id === rows[i - 1]!.id) details.push({ path, message: `'${rows[i]!.id}' twice` });
    }
  }
  if (details.length > 0) throw validationError('the network has duplicate ids', details);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: NetworkEdgeRow[] = [];
  for (const row of sortedEdges) {
    const source = byId.get(row.source);
    const target = byId.get(row.target);
    if (source === undefined || target === undefined) {
      const end = source === undefined ? 'source' : 'target';
      if (details.length < 20)
        details.push({ path: `edges.${row.id}.${end}`, message: `no node '${row[end]}'` });
      continue;
    }
    edges.push(redactEdge(row, source, target));
  }
  if (details.length > 0) throw validationError('an edge names a node that is not in the network', details);
  return { nodes, edges, byId };
}

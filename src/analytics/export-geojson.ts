/**
 * The network as GeoJSON (RFC 7946) for QGIS and web maps: a FeatureCollection of one Point per
 * node that has a location and one LineString per exchange, drawn from its offering end to its
 * receiving end. Returns the object; the caller serialises it.
 *
 *   Point       properties: id, kind, label (identified nodes only), anonymised, regions, and any
 *               other field of an identified node's row; an anonymised node is at its coarse
 *               location and carries nothing else (export-network.ts).
 *   LineString  properties: id, source, target, kind, quantity, unit, co2eAvoidedT, state,
 *               realised, readiness, distanceKm. Parallel exchanges are parallel features, and an
 *               exchange within one node is a line of zero length (two equal positions, which
 *               RFC 7946 §3.1.4 allows).
 *
 * A node without a usable location cannot be drawn, nor can an exchange at it: both are left out
 * and counted in `skipped`, a foreign member of the collection (RFC 7946 §6.1 allows them; readers
 * that do not know it ignore it), so the file itself says how much of the network is not on the
 * map. Positions are [longitude, latitude] in WGS 84, rounded to 6 decimals (≈ 0.1 m, RFC 7946
 * §11.2); an anonymised node is already on a 0.1° grid.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { type Position, positionOf, prepareNetwork } from './export-network.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from './network.ts';

export type NodeFeature = Feature<Point, Record<string, unknown>>;
export type EdgeFeature = Feature<LineString, Record<string, unknown>>;

export interface NetworkFeatureCollection extends FeatureCollection<Point | LineString> {
  features: (NodeFeature | EdgeFeature)[];
  /** Left out for want of a location: nodes without one, exchanges with an end without one. */
  skipped: { nodes: number; edges: number };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const rounded = ([lon, lat]: Position): Position => [round6(lon), round6(lat)];

function nodeProperties(node: NetworkNodeRow): Record<string, unknown> {
  const { lat: _lat, lon: _lon, ...rest } = node;
  return rest;
}

function edgeProperties(edge: NetworkEdgeRow): Record<string, unknown> {
  const { id, source, target, kind, quantity, unit, co2eAvoidedT, state, realised, readiness, distanceKm } =
    edge;
  const properties: Record<string, unknown> = {
    id,
    source,
    target,
    kind,
    quantity,
    unit,
    co2eAvoidedT,
    state,
    realised,
  };
  if (readiness !== undefined) properties['readiness'] = readiness;
  if (distanceKm !== undefined) properties['distanceKm'] = distanceKm;
  return properties;
}

/** Nodes as points and exchanges as lines; what has no location is counted in `skipped`. */
export function networkToGeoJson(
  nodes: readonly NetworkNodeRow[],
  edges: readonly NetworkEdgeRow[],
): NetworkFeatureCollection {
  const network = prepareNetwork(nodes, edges);
  const positions = new Map<string, Position>();
  const features: (NodeFeature | EdgeFeature)[] = [];
  const skipped = { nodes: 0, edges: 0 };
  for (const node of network.nodes) {
    const position = positionOf(node);
    if (position === undefined) {
      skipped.nodes++;
      continue;
    }
    const at = rounded(position);
    positions.set(node.id, at);
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [...at] },
      properties: nodeProperties(node),
    });
  }
  for (const edge of network.edges) {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    if (from === undefined || to === undefined) {
      skipped.edges++;
      continue;
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[...from], [...to]] },
      properties: edgeProperties(edge),
    });
  }
  return { type: 'FeatureCollection', features, skipped };
}

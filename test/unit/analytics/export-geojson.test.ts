/**
 * GeoJSON export (analytics/export-geojson.ts) on a small network: valid RFC 7946 by
 * @placemarkio/check-geojson, nodes as points and exchanges as lines with their properties,
 * positions rounded to 6 decimals, what has no location counted, anonymised nodes coarse.
 */
import { check, getIssues } from '@placemarkio/check-geojson';
import { describe, expect, it } from 'vitest';
import {
  type EdgeFeature,
  type NodeFeature,
  networkToGeoJson,
} from '../../../src/analytics/export-geojson.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from '../../../src/analytics/network.ts';
import { haversineKm } from '../../../src/domain/geo.ts';
import { AppError } from '../../../src/errors.ts';

const node = (id: string, spec: Partial<NetworkNodeRow> = {}): NetworkNodeRow => ({
  id,
  label: `Company ${id}`,
  kind: 'company',
  anonymised: false,
  ...spec,
});
const edge = (
  id: string,
  source: string,
  target: string,
  spec: Partial<NetworkEdgeRow> = {},
): NetworkEdgeRow => ({
  id,
  source,
  target,
  kind: 'material',
  quantity: 10,
  unit: 't/yr',
  co2eAvoidedT: 1,
  state: 'implemented',
  realised: true,
  ...spec,
});

// a, b located; c anonymised (at 63.4305, 10.3951 → shown at 63.4, 10.4); d without a location.
// e1, e2 parallel a → b; e3 b → c; e4 a → d (no line: d has no location); e5 a → a (zero length).
const NODES = [
  node('b', {
    kind: 'site',
    lat: 59.1234567,
    lon: 10.7654321,
    regions: ['0301', '03'],
    industry: '24',
  } as Partial<NetworkNodeRow>),
  node('a', { lat: 58.9700001, lon: 5.7331 }),
  node('c', { label: 'Hidden AS', anonymised: true, lat: 63.4305, lon: 10.3951, regions: ['5001'] }),
  node('d'),
];
const EDGES = [
  edge('e2', 'a', 'b', {
    kind: 'energy',
    quantity: 2500,
    unit: 'MWh/yr',
    realised: false,
    state: 'suggested',
    readiness: 0.5,
  }),
  edge('e1', 'a', 'b', { distanceKm: 312.4 }),
  edge('e3', 'b', 'c', { distanceKm: 401.234 }),
  edge('e4', 'a', 'd'),
  edge('e5', 'a', 'a', { kind: 'water', unit: 'm3/yr' }),
];

const points = (fc: { features: (NodeFeature | EdgeFeature)[] }) =>
  fc.features.filter((f): f is NodeFeature => f.geometry.type === 'Point');
const lines = (fc: { features: (NodeFeature | EdgeFeature)[] }) =>
  fc.features.filter((f): f is EdgeFeature => f.geometry.type === 'LineString');

describe('networkToGeoJson', () => {
  const fc = networkToGeoJson(NODES, EDGES);

  it('when serialised, then it is valid GeoJSON by check-geojson (RFC 7946)', () => {
    const text = JSON.stringify(fc);
    expect(getIssues(text)).toEqual([]);
    expect(check(text)).toMatchObject({ type: 'FeatureCollection' });
  });

  it('when read as RFC 7946, then every feature has a geometry of numbers in range and a properties object', () => {
    const parsed = JSON.parse(JSON.stringify(fc));
    expect(parsed.type).toBe('FeatureCollection');
    for (const f of parsed.features) {
      expect(f.type).toBe('Feature');
      expect(typeof f.properties).toBe('object');
      const positions: number[][] =
        f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates;
      if (f.geometry.type === 'LineString') expect(positions.length).toBeGreaterThanOrEqual(2);
      for (const [lon, lat, ...rest] of positions) {
        expect(rest).toEqual([]);
        expect(Math.abs(lon!)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat!)).toBeLessThanOrEqual(90);
      }
    }
  });

  it('when nodes have a location, then each is a point at [lon, lat] rounded to 6 decimals, in id order', () => {
    expect(points(fc).map((f) => [f.properties.id, f.geometry.coordinates])).toEqual([
      ['a', [5.7331, 58.97]],
      ['b', [10.765432, 59.123457]],
      ['c', [10.4, 63.4]],
    ]);
  });

  it('when a node is identified, then its label, kind, regions and other fields are properties', () => {
    expect(points(fc)[1]!.properties).toEqual({
      id: 'b',
      label: 'Company b',
      kind: 'site',
      anonymised: false,
      regions: ['0301', '03'],
      industry: '24',
    });
  });

  it('when a node is anonymised, then it has no label and sits on the coarse grid', () => {
    expect(points(fc)[2]!.properties).toEqual({
      id: 'c',
      kind: 'company',
      anonymised: true,
      regions: ['5001'],
    });
  });

  it('when exchanges join located nodes, then each is a line from the offering to the receiving end with its figures', () => {
    expect(lines(fc).map((f) => f.properties.id)).toEqual(['e1', 'e2', 'e3', 'e5']);
    const [e1, e2] = lines(fc);
    expect(e1!.geometry.coordinates).toEqual([
      [5.7331, 58.97],
      [10.765432, 59.123457],
    ]);
    expect(e2!.geometry.coordinates).toEqual(e1!.geometry.coordinates);
    expect(e2!.properties).toEqual({
      id: 'e2',
      source: 'a',
      target: 'b',
      kind: 'energy',
      quantity: 2500,
      unit: 'MWh/yr',
      co2eAvoidedT: 1,
      state: 'suggested',
      realised: false,
      readiness: 0.5,
    });
    expect(e1!.properties['distanceKm']).toBe(312.4);
  });

  it('when an exchange reaches an anonymised node, then it ends at the coarse location and its distance is the shown one', () => {
    const e3 = lines(fc)[2]!;
    expect(e3.geometry.coordinates[1]).toEqual([10.4, 63.4]);
    const shownKm = haversineKm(59.1234567, 10.7654321, 63.4, 10.4);
    expect(e3.properties['distanceKm']).toBe(Math.round(shownKm * 10) / 10);
  });

  it('when an exchange stays within one node, then it is a line of two equal positions', () => {
    expect(lines(fc)[3]!.geometry.coordinates).toEqual([
      [5.7331, 58.97],
      [5.7331, 58.97],
    ]);
  });

  it('when a node has no location, then it and its exchanges are left out and counted in `skipped`', () => {
    expect(fc.skipped).toEqual({ nodes: 1, edges: 1 });
    expect(fc.features.some((f) => f.properties['id'] === 'd' || f.properties['id'] === 'e4')).toBe(false);
  });

  it('when a location is out of range or not a number, then the node counts as not located', () => {
    const odd = networkToGeoJson(
      [node('x', { lat: 91, lon: 0 }), node('y', { lat: Number.NaN, lon: 5 })],
      [],
    );
    expect(odd.features).toEqual([]);
    expect(odd.skipped).toEqual({ nodes: 2, edges: 0 });
  });

  it('when the rows come in another order, then the collection is the same', () => {
    expect(networkToGeoJson([...NODES].reverse(), [...EDGES].reverse())).toEqual(fc);
  });

  it('when an exchange names a node that is not there, or an id repeats, then it is refused', () => {
    expect(() => networkToGeoJson(NODES, [edge('x', 'a', 'zz')])).toThrow(AppError);
    expect(() => networkToGeoJson([node('a'), node('a')], [])).toThrow(/duplicate ids/);
  });
});

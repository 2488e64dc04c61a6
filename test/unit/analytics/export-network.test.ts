/**
 * What of the network may leave (analytics/export-network.ts): an anonymised node keeps only its
 * id, kind, regions and coarse location, an exchange at one only the distance between shown
 * locations; and no export (GeoJSON, GEXF, GraphML, CSV) carries an anonymised node's company or
 * exact location, even when the rows reach the exporters unredacted.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/analytics/export-csv.ts';
import { networkToGeoJson } from '../../../src/analytics/export-geojson.ts';
import { networkToGexf, networkToGraphml } from '../../../src/analytics/export-graph.ts';
import {
  COARSE_GRID,
  prepareNetwork,
  redactEdge,
  redactNode,
} from '../../../src/analytics/export-network.ts';
import { networkTables } from '../../../src/analytics/export-tables.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from '../../../src/analytics/network.ts';
import { ANONYMOUS_GRID_DEG, coarsen } from '../../../src/domain/access.ts';
import { haversineKm } from '../../../src/domain/geo.ts';

const edge = (
  id: string,
  source: string,
  target: string,
  spec: Partial<NetworkEdgeRow> = {},
): NetworkEdgeRow => ({
  id,
  source,
  target,
  kind: 'energy',
  quantity: 4000,
  unit: 'MWh/yr',
  co2eAvoidedT: 12,
  state: 'implemented',
  realised: true,
  ...spec,
});

const KNOWN: NetworkNodeRow = {
  id: 'co-known',
  label: 'Known Industri AS',
  kind: 'company',
  anonymised: false,
  lat: 59.2051234,
  lon: 9.6098765,
  regions: ['4003', '40'],
};

/** As it might reach an exporter unredacted: a company name, exact coordinates, and more. */
const SECRET = {
  id: 'anon-7f3a',
  label: 'Hemmelig Smelteverk AS',
  kind: 'site',
  anonymised: true,
  lat: 59.1377123,
  lon: 9.6543987,
  regions: ['4001', '40'],
  orgNumber: '987654321',
  address: 'Smelteveien 1',
} as NetworkNodeRow;

describe('redactNode', () => {
  it('when a node is anonymised, then only id, kind, anonymised, regions and the coarse location remain', () => {
    expect(redactNode(SECRET)).toEqual({
      id: 'anon-7f3a',
      kind: 'site',
      anonymised: true,
      lat: 59.1,
      lon: 9.7,
      regions: ['4001', '40'],
    });
  });

  it('when a node is identified, then it is kept whole (as a copy)', () => {
    const out = redactNode(KNOWN);
    expect(out).toEqual(KNOWN);
    expect(out).not.toBe(KNOWN);
  });

  it('when an anonymised node has no usable location, then it has none', () => {
    expect(redactNode({ id: 'x', kind: 'company', anonymised: true, label: 'X', lat: 95, lon: 10 })).toEqual({
      id: 'x',
      kind: 'company',
      anonymised: true,
    });
  });

  it('when the location is coarsened, then it is the access policy grid, on which a second pass changes nothing', () => {
    expect(COARSE_GRID).toEqual({ latDeg: ANONYMOUS_GRID_DEG, lonDeg: ANONYMOUS_GRID_DEG });
    const once = redactNode(SECRET);
    expect([once.lat, once.lon]).toEqual([coarsen(SECRET.lat!), coarsen(SECRET.lon!)]);
    expect(redactNode(once)).toEqual(once);
    // Within half a cell of the truth.
    expect(Math.abs(once.lat! - SECRET.lat!)).toBeLessThanOrEqual(COARSE_GRID.latDeg / 2);
    expect(Math.abs(once.lon! - SECRET.lon!)).toBeLessThanOrEqual(COARSE_GRID.lonDeg / 2);
  });
});

describe('redactEdge', () => {
  const known = redactNode(KNOWN);
  const secret = redactNode(SECRET);

  it('when both ends are identified, then the exchange is kept whole', () => {
    const e = edge('e', 'co-known', 'co-known', { distanceKm: 0.4 });
    expect(redactEdge(e, known, known)).toEqual(e);
  });

  it('when an end is anonymised, then the distance is measured between the shown locations, to 0.1 km', () => {
    const out = redactEdge(edge('e', 'co-known', 'anon-7f3a', { distanceKm: 7.4321 }), known, secret);
    const shown = haversineKm(KNOWN.lat!, KNOWN.lon!, 59.1, 9.7);
    expect(out.distanceKm).toBe(Math.round(shown * 10) / 10);
    expect(out).toMatchObject({ quantity: 4000, co2eAvoidedT: 12, kind: 'energy' });
  });

  it('when an end is anonymised and either end has no location, then no distance is given', () => {
    const nowhere = redactNode({ id: 'n', kind: 'company', anonymised: false });
    const out = redactEdge(edge('e', 'n', 'anon-7f3a', { distanceKm: 3 }), nowhere, secret);
    expect(out).not.toHaveProperty('distanceKm');
  });
});

describe('prepareNetwork', () => {
  it('when rows are given in any order, then they come out redacted and in id order', () => {
    const net = prepareNetwork(
      [SECRET, KNOWN],
      [edge('b', 'co-known', 'anon-7f3a'), edge('a', 'anon-7f3a', 'co-known')],
    );
    expect(net.nodes.map((n) => n.id)).toEqual(['anon-7f3a', 'co-known']);
    expect(net.edges.map((e) => e.id)).toEqual(['a', 'b']);
    expect(net.byId.get('anon-7f3a')).not.toHaveProperty('label');
  });

  it('when ids repeat or an exchange names a missing node, then it throws with the offending ids', () => {
    expect(() => prepareNetwork([KNOWN, KNOWN], [])).toThrow(/duplicate ids/);
    try {
      prepareNetwork([KNOWN], [edge('e9', 'co-known', 'nobody')]);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'edges.e9.target' }] });
    }
  });
});

describe('confidentiality in every export', () => {
  // The secret node exchanges with the known one both ways and with itself; its exact distance is given.
  const nodes = [KNOWN, SECRET];
  const edges = [
    edge('x1', 'co-known', 'anon-7f3a', { distanceKm: 8.0314 }),
    edge('x2', 'anon-7f3a', 'co-known', {
      kind: 'material',
      unit: 't/yr',
      realised: false,
      distanceKm: 8.0314,
    }),
    edge('x3', 'anon-7f3a', 'anon-7f3a'),
  ];
  const outputs = {
    GeoJSON: JSON.stringify(networkToGeoJson(nodes, edges)),
    GEXF: networkToGexf(nodes, edges),
    GraphML: networkToGraphml(nodes, edges),
    CSV: networkTables(nodes, edges)
      .map((t) => toCsv(t))
      .join('\n'),
  };
  // Any digits of the exact position beyond the grid's, the exact distance, and every identifying field.
  const secrets = [
    'Hemmelig',
    'Smelteverk',
    '987654321',
    'Smelteveien',
    '59.13',
    '59.137',
    '9.65',
    '9.654',
    '8.03',
  ];

  it.each(Object.entries(outputs))(
    'when exported as %s, then the anonymised company and its exact place appear nowhere',
    (_format, text) => {
      for (const secret of secrets) expect(text, secret).not.toContain(secret);
      expect(text).toContain('anon-7f3a');
      expect(text).toContain('Known Industri AS');
    },
  );
});

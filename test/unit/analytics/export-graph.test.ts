/**
 * GEXF and GraphML export (analytics/export-graph.ts): each file read back by graphology's own
 * parser (graphology-gexf, graphology-graphml) into a MultiDirectedGraph has the same nodes, the same
 * exchanges between the same ends (parallel ones too) and the same attributes; text that XML cannot
 * hold does not break the file.
 */
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { networkToGexf, networkToGraphml } from '../../../src/analytics/export-graph.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from '../../../src/analytics/network.ts';
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
  co2eAvoidedT: 1.25,
  state: 'implemented',
  realised: true,
  ...spec,
});

// a (located, regions), b (a label XML must escape), c anonymised, d without a location.
// e1, e2, e3 parallel a → b (two of one kind); e4 b → c; e5 c → d; e6 a → a.
const NODES = [
  node('a', { kind: 'site', lat: 59.91, lon: 10.75, regions: ['0301', '03'] }),
  node('b', { label: 'Bø & Sønner <AS> "Øst"', lat: 60.39, lon: 5.32 }),
  node('c', { label: 'Hidden AS', anonymised: true, lat: 63.4305, lon: 10.3951 }),
  node('d'),
];
const EDGES = [
  edge('e1', 'a', 'b', { distanceKm: 305.2 }),
  edge('e2', 'a', 'b', { quantity: 2.5, realised: false, state: 'agreed', readiness: 0.75 }),
  edge('e3', 'a', 'b', { kind: 'energy', quantity: 1200, unit: 'MWh/yr', co2eAvoidedT: 0 }),
  edge('e4', 'b', 'c', { kind: 'water', unit: 'm3/yr' }),
  edge('e5', 'c', 'd', { kind: 'land', unit: 'm2' }),
  edge('e6', 'a', 'a'),
];

const FORMATS = [
  ['GEXF', networkToGexf, (text: string) => parseGexf(MultiDirectedGraph, text)],
  ['GraphML', networkToGraphml, (text: string) => parseGraphml(MultiDirectedGraph, text)],
] as const;

describe.each(FORMATS)('%s', (_name, write, read) => {
  const text = write(NODES, EDGES);
  const graph = read(text);

  it('when read back by graphology, then it has the same nodes', () => {
    expect(graph.nodes().sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(graph.type).toBe('directed');
    expect(graph.multi).toBe(true);
  });

  it('when read back by graphology, then every exchange is an edge between the same ends, parallel ones kept', () => {
    const edges = graph.mapEdges((key, _attributes, source, target) => [key, source, target]);
    expect(edges.sort()).toEqual(EDGES.map((e) => [e.id, e.source, e.target]));
    expect(graph.edges('a', 'b')).toHaveLength(3);
  });

  it('when read back, then node attributes are there with their types, and regions joined', () => {
    expect(graph.getNodeAttributes('a')).toMatchObject({
      label: 'Company a',
      kind: 'site',
      anonymised: false,
      lat: 59.91,
      lon: 10.75,
      regions: '0301;03',
    });
    expect(graph.getNodeAttribute('b', 'label')).toBe('Bø & Sønner <AS> "Øst"');
    expect(graph.getNodeAttributes('d')).toMatchObject({
      label: 'Company d',
      kind: 'company',
      anonymised: false,
    });
    expect(graph.getNodeAttribute('d', 'lat')).toBeUndefined();
  });

  it('when read back, then edge attributes are there with their types', () => {
    expect(graph.getEdgeAttributes('e2')).toMatchObject({
      kind: 'material',
      quantity: 2.5,
      unit: 't/yr',
      co2eAvoidedT: 1.25,
      state: 'agreed',
      realised: false,
      readiness: 0.75,
    });
    expect(graph.getEdgeAttributes('e1')).toMatchObject({ realised: true, distanceKm: 305.2 });
    expect(graph.getEdgeAttributes('e3')).toMatchObject({ kind: 'energy', quantity: 1200, co2eAvoidedT: 0 });
  });

  it('when a node is anonymised, then it reads back without a label, at the coarse location', () => {
    const c = graph.getNodeAttributes('c');
    expect(c['label']).toBeUndefined();
    expect(c).toMatchObject({ kind: 'company', anonymised: true, lat: 63.4, lon: 10.4 });
  });

  it('when the rows come in another order, then the file is the same', () => {
    expect(write([...NODES].reverse(), [...EDGES].reverse())).toBe(text);
  });

  it('when text holds characters XML 1.0 cannot carry, then they are replaced and the file still reads', () => {
    const odd = read(
      write([node('x', { label: 'bell\u0007 and \ud800 lone' }), node('y')], [edge('z', 'x', 'y')]),
    );
    expect(odd.getNodeAttribute('x', 'label')).toBe('bell\ufffd and \ufffd lone');
    expect(odd.size).toBe(1);
  });

  it('when an exchange names a node that is not there, then it is refused before any file is written', () => {
    expect(() => write(NODES, [edge('x', 'a', 'zz')])).toThrow(AppError);
  });
});

describe('GEXF for Gephi', () => {
  const text = networkToGexf(NODES, EDGES);

  it('when written, then it is GEXF 1.3, an edge kind is the GEXF edge kind, and located nodes have a map position', () => {
    expect(text).toContain('<gexf version="1.3" xmlns="http://gexf.net/1.3"');
    expect(text).toContain('<graph defaultedgetype="directed">');
    expect(text).toContain('<edge id="e3" source="a" target="b" kind="energy">');
    expect(text).toMatch(/<node id="a" label="Company a">[\s\S]*?<viz:position x="10.75" y="59.91"\/>/);
  });
});

describe('GraphML', () => {
  const text = networkToGraphml(NODES, EDGES);

  it('when written, then it declares the GraphML namespace, typed keys, and directed edges', () => {
    expect(
      text.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
      ),
    ).toBe(true);
    expect(text).toContain('<key id="node-lat" for="node" attr.name="lat" attr.type="double"/>');
    expect(text).toContain('<key id="edge-realised" for="edge" attr.name="realised" attr.type="boolean"/>');
    expect(text).toContain('<graph id="symbiosis-network" edgedefault="directed">');
    expect(text).toContain('<data key="node-label">Bø &amp; Sønner &lt;AS&gt; "Øst"</data>');
  });
});

/**
 * The network as GEXF and GraphML for Gephi, Cytoscape, yEd, NetworkX and other network tools.
 * Both are written from one graphology multi directed graph (node key: the node id; edge key: the
 * exchange id; source → target: offering → receiving), so parallel exchanges between the same two
 * nodes stay distinct edges, and both carry the same attributes:
 *
 *   nodes  label (identified nodes only), kind, anonymised, lat, lon (coarse when anonymised, see
 *          export-network.ts), regions (joined with ';')
 *   edges  kind, quantity, unit, co2eAvoidedT, state, realised, readiness, distanceKm
 *
 * GEXF 1.3 by graphology-gexf's own writer. An edge's kind (material, energy, water, land) is the
 * GEXF edge `kind`, which Gephi reads as the edge type that keeps parallel edges apart; a located
 * node also gets viz:position x = longitude, y = latitude, so the graph opens laid out as a map.
 *
 * GraphML 1.0 by our writer below: graphology-graphml (0.5.2) says "parser & writer" but has only
 * the parser. It writes with xml-writer, the XML writer graphology-gexf itself uses, one typed
 * <key> per attribute (attr.type string, double or boolean) and edgedefault="directed".
 *
 * XML 1.0 cannot hold some characters at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF):
 * a parser refuses the whole file for one of them, so text is written with each replaced by U+FFFD.
 */
import { MultiDirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import XMLWriter from 'xml-writer';
import { LIST_SEPARATOR, prepareNetwork } from './export-network.ts';
import type { NetworkEdgeRow, NetworkNodeRow } from './network.ts';

type AttributeType = 'string' | 'double' | 'boolean';
type Value = string | number | boolean;
type Attributes = Record<string, Value>;

/** Every attribute a node or edge may carry, with its type, in the order they are written. */
export const NODE_ATTRIBUTES = {
  label: 'string',
  kind: 'string',
  anonymised: 'boolean',
  lat: 'double',
  lon: 'double',
  regions: 'string',
} as const satisfies Record<string, AttributeType>;

export const EDGE_ATTRIBUTES = {
  kind: 'string',
  quantity: 'double',
  unit: 'string',
  co2eAvoidedT: 'double',
  state: 'string',
  realised: 'boolean',
  readiness: 'double',
  distanceKm: 'double',
} as const satisfies Record<string, AttributeType>;

const GRAPH_ID = 'symbiosis-network';
const DESCRIPTION =
  'Industrial symbiosis network: nodes are companies or sites, edges are exchanges from the offering to the receiving side.';

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (s: string): string => s.replace(NOT_XML, '\uFFFD');

/** The row's values of the schema's attributes: absent, non-finite and empty ones left out, text made XML-safe. */
function attributesOf(row: object, schema: Record<string, AttributeType>): Attributes {
  const out: Attributes = {};
  const values = row as Record<string, unknown>;
  for (const [name, type] of Object.entries(schema)) {
    let value = values[name];
    if (Array.isArray(value)) value = value.join(LIST_SEPARATOR);
    if (type === 'double' && typeof value === 'number' && Number.isFinite(value)) out[name] = value;
    else if (type === 'boolean' && typeof value === 'boolean') out[name] = value;
    else if (type === 'string' && typeof value === 'string' && value !== '') out[name] = xmlText(value);
  }
  return out;
}

/** The redacted network as a graphology multi directed graph keyed by ids. */
export function exportGraph(
  nodes: readonly NetworkNodeRow[],
  edges: readonly NetworkEdgeRow[],
): MultiDirectedGraph<Attributes, Attributes> {
  const network = prepareNetwork(nodes, edges);
  const graph = new MultiDirectedGraph<Attributes, Attributes>();
  for (const node of network.nodes) graph.addNode(xmlText(node.id), attributesOf(node, NODE_ATTRIBUTES));
  for (const edge of network.edges) {
    graph.addEdgeWithKey(
      xmlText(edge.id),
      xmlText(edge.source),
      xmlText(edge.target),
      attributesOf(edge, EDGE_ATTRIBUTES),
    );
  }
  return graph;
}

/** GEXF 1.3 by graphology-gexf. */
export function networkToGexf(nodes: readonly NetworkNodeRow[], edges: readonly NetworkEdgeRow[]): string {
  const graph = exportGraph(nodes, edges);
  graph.setAttribute('creator', 'symbiosis-engine');
  graph.setAttribute('description', DESCRIPTION);
  return writeGexf(graph, {
    version: '1.3',
    formatNode: (_key, { label, ...attributes }) => {
      const { lat, lon } = attributes;
      return {
        ...(label === undefined ? {} : { label: String(label) }),
        attributes,
        ...(typeof lat === 'number' && typeof lon === 'number' ? { viz: { x: lon, y: lat } } : {}),
      };
    },
    formatEdge: (_key, { kind, ...attributes }) => ({ kind: String(kind), attributes }),
  });
}

/** GraphML 1.0 by our writer over the same graph (graphology-graphml has no writer). */
export function networkToGraphml(nodes: readonly NetworkNodeRow[], edges: readonly NetworkEdgeRow[]): string {
  const graph = exportGraph(nodes, edges);
  const xml = new XMLWriter('  ');
  xml.startDocument('1.0', 'UTF-8');
  xml
    .startElement('graphml')
    .writeAttribute('xmlns', 'http://graphml.graphdrawing.org/xmlns')
    .writeAttribute('xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance')
    .writeAttribute(
      'xsi:schemaLocation',
      'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
    );
  const keys = (domain: 'node' | 'edge', schema: Record<string, AttributeType>): void => {
    for (const [name, type] of Object.entries(schema)) {
      xml
        .startElement('key')
        .writeAttribute('id', `${domain}-${name}`)
        .writeAttribute('for', domain)
        .writeAttribute('attr.name', name)
        .writeAttribute('attr.type', type)
        .endElement();
    }
  };
  const data = (domain: 'node' | 'edge', attributes: Attributes): void => {
    for (const [name, value] of Object.entries(attributes)) {
      xml.startElement('data').writeAttribute('key', `${domain}-${name}`).text(String(value)).endElement();
    }
  };
  keys('node', NODE_ATTRIBUTES);
  keys('edge', EDGE_ATTRIBUTES);
  xml.startElement('graph').writeAttribute('id', GRAPH_ID).writeAttribute('edgedefault', 'directed');
  graph.forEachNode((key, attributes) => {
    xml.startElement('node').writeAttribute('id', key);
    data('node', attributes);
    xml.endElement();
  });
  graph.forEachEdge((key, attributes, source, target) => {
    xml.startElement('edge').writeAttribute('id', key).writeAttribute('source', source);
    xml.writeAttribute('target', target);
    data('edge', attributes);
    xml.endElement();
  });
  xml.endElement().endElement().endDocument();
  return `${xml.toString()}\n`;
}

/**
 * The analytics layer's exports (issue 11): the network as GeoJSON for QGIS and web maps, as GEXF
 * and GraphML for Gephi and other network tools, and every indicator table as CSV. Pure: rows and
 * indicators in, an object or a string out; the service picks the rows the caller may see and
 * serialises or sends the result.
 *
 *   export-network.ts  rows checked, in id order and redacted: what of a node may leave (COARSE_GRID)
 *   export-geojson.ts  networkToGeoJson: points and lines, RFC 7946
 *   export-graph.ts    networkToGexf (graphology-gexf) and networkToGraphml (our writer)
 *   export-tables.ts   indicatorTables, networkTables: named tables
 *   export-csv.ts      toCsv: a table as CSV with formula injection neutralised
 */
export { type CsvCell, type CsvOptions, type NamedTable, type TableData, toCsv } from './export-csv.ts';
export {
  type EdgeFeature,
  type NetworkFeatureCollection,
  type NodeFeature,
  networkToGeoJson,
} from './export-geojson.ts';
export { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, networkToGexf, networkToGraphml } from './export-graph.ts';
export {
  COARSE_GRID,
  LIST_SEPARATOR,
  prepareNetwork,
  redactEdge,
  redactNode,
} from './export-network.ts';
export { INCREMENTAL, type IndicatorTableExtras, indicatorTables, networkTables } from './export-tables.ts';

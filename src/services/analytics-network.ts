/**
 * The regional symbiosis network as a caller may see it: the scope's suggestions (analytics
 * rows) become exchanges between companies or sites, realised (implemented, agreed) or potential
 * (allocated suggestions still open, above a score threshold), and the pure module
 * (src/analytics/network.ts) computes the metrics.
 *
 * Confidentiality holds here, before any metric or export sees a row:
 *   identified   a listing the caller may identify (domain/access.ts) makes its company (or site)
 *                a named node at the site's exact location;
 *   anonymised   any other listing the caller may see makes a node of its own, `anon-<listing id>`,
 *                with no name and only the site's coarse grid point (ANONYMOUS_GRID_DEG), so an
 *                anonymous listing is never attached to its company's named node;
 *   hidden       an exchange with a side the caller may not see is left out and only counted.
 * Analysts see anonymous listings anonymised and private ones not at all: private listings appear
 * only to facilitators (identified in their regions, anonymised elsewhere) and admins.
 */
import { z } from 'zod';
import { redactEdge } from '../analytics/exports.ts';
import { isPotential, type SuggestionRow } from '../analytics/indicators.ts';
import {
  buildNetwork,
  type LayoutResult,
  type NetworkEdgeRow,
  type NetworkMetrics,
  type NetworkNodeRow,
} from '../analytics/network.ts';
import { type ListingAccess, listingAccess, listingView } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { queryBoolean, queryNumber } from '../domain/fields.ts';
import type { Confidentiality } from '../domain/listing-kinds.ts';
import { parseOrThrow } from '../domain/validate.ts';
import type { AnalyticsRow, Endpoint } from '../store/analytics-store.ts';
import { loadScope, type ScopeData } from './analytics.ts';
import { refineScope, ScopeFields, scopeOf } from './analytics-scope.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

export const NETWORK_NODE_KINDS = ['company', 'site'] as const;

export const NetworkFields = {
  ...ScopeFields,
  nodes: z
    .enum(NETWORK_NODE_KINDS)
    .default('company')
    .meta({ description: 'one node per company (default) or per site' }),
  minScore: queryNumber(z.number().min(0).max(1))
    .default(0)
    .meta({ description: 'potential exchanges only from suggestions scoring at least this' }),
  seed: queryNumber(
    z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  )
    .default(1)
    .meta({ description: 'seed of the communities, the betweenness sample and the layout' }),
};

export const NetworkQuerySchema = z
  .strictObject({
    ...NetworkFields,
    layout: queryBoolean()
      .default(false)
      .meta({ description: 'add a seeded ForceAtlas2 layout (x, y per node)' }),
  })
  .superRefine(refineScope)
  .meta({ id: 'NetworkQuery' });
export type NetworkQuery = z.output<typeof NetworkQuerySchema>;

export interface NetworkOptions {
  nodes: (typeof NETWORK_NODE_KINDS)[number];
  minScore: number;
  seed: number;
}

/** What the caller may see of listings in the network (see the header). */
export function networkAccess(caller: Caller): ListingAccess {
  const access = listingAccess(caller);
  if (caller.kind === 'user' && caller.role === 'analyst') return { ...access, anonymised: ['anonymous'] };
  return access;
}

/** Exchanges the network holds for a caller, and those it had to leave out. */
export interface NetworkRows {
  nodes: NetworkNodeRow[];
  edges: NetworkEdgeRow[];
  /** Exchanges with a side the caller may not see (private listings, for analysts). */
  hidden: number;
}

const REALISED_STATES = ['implemented', 'agreed'];

/** Quantity and CO2e of an exchange: recorded for realised ones, allocated for potential ones. */
function measureOf(row: SuggestionRow, realised: boolean): { quantity: number; co2eAvoidedT: number } {
  const own = row.impacts[row.factorSet];
  const quantity = realised
    ? (row.outcome?.quantityPerYear ?? row.allocatedQuantity ?? row.maxQuantity)
    : (row.allocatedQuantity ?? 0);
  // A weight for the network's hubs and exports, not a total: an estimate that is not quantified
  // (a factor is missing) weighs 0 here; the indicators count such rows apart.
  const perUnit = own && own.quantity > 0 && own.co2eAvoidedT !== null ? own.co2eAvoidedT / own.quantity : 0;
  return { quantity, co2eAvoidedT: quantity * perUnit };
}

function nodeOf(end: Endpoint, view: 'identified' | 'anonymised', options: NetworkOptions): NetworkNodeRow {
  if (view === 'anonymised') {
    return {
      id: `anon-${end.listingId}`,
      kind: options.nodes,
      anonymised: true,
      ...(end.coarseLat !== null && end.coarseLon !== null ? { lat: end.coarseLat, lon: end.coarseLon } : {}),
      regions: end.regions,
    };
  }
  const bySite = options.nodes === 'site' && end.siteId !== null;
  const label = bySite
    ? [end.companyName ?? 'a deleted company', end.siteName].filter(Boolean).join(' – ')
    : (end.companyName ?? 'a deleted company');
  return {
    id: bySite ? (end.siteId as string) : end.companyId,
    label,
    kind: options.nodes,
    anonymised: false,
    ...(end.lat !== null && end.lon !== null ? { lat: end.lat, lon: end.lon } : {}),
    regions: end.regions,
  };
}

/**
 * The caller's network rows of a scope: each suggestion that is realised, or potential above
 * minScore, with both sides visible. A company's node takes the location of its first site in
 * suggestion-id order (a company with several sites: ask for nodes=site).
 */
export function networkRows(
  access: ListingAccess,
  data: Pick<ScopeData, 'stored' | 'rows'>,
  options: NetworkOptions,
): NetworkRows {
  const nodes = new Map<string, NetworkNodeRow>();
  const edges: NetworkEdgeRow[] = [];
  let hidden = 0;
  data.stored.forEach((stored: AnalyticsRow, i) => {
    const row = data.rows[i]!;
    const realised = REALISED_STATES.includes(row.state);
    const potential = !realised && isPotential(row) && stored.suggestion.score >= options.minScore;
    if (!realised && !potential) return;
    const sides = [stored.offer, stored.need].map((end) => {
      const regions = end.regions.length > 0 ? end.regions : stored.regions;
      return {
        end,
        view: listingView(access, {
          companyId: end.companyId,
          confidentiality: end.confidentiality as Confidentiality,
          regions,
        }),
      };
    });
    if (sides.some((s) => s.view === 'hidden')) {
      hidden++;
      return;
    }
    const [source, target] = sides.map(({ end, view }) => {
      const node = nodeOf(end, view as 'identified' | 'anonymised', options);
      if (!nodes.has(node.id)) nodes.set(node.id, node);
      return nodes.get(node.id)!;
    }) as [NetworkNodeRow, NetworkNodeRow];
    const { quantity, co2eAvoidedT } = measureOf(row, realised);
    const readiness = stored.review?.readiness?.level;
    // An anonymised end's exact distance would give its place away: the shown one replaces it.
    edges.push(
      redactEdge(
        {
          id: row.id,
          source: source.id,
          target: target.id,
          kind: row.kind,
          quantity,
          unit: row.unit,
          co2eAvoidedT,
          state: row.state,
          realised,
          ...(readiness !== undefined ? { readiness } : {}),
          distanceKm: stored.suggestion.distanceKm,
        },
        source,
        target,
      ),
    );
  });
  return { nodes: [...nodes.values()], edges, hidden };
}

export interface NetworkAnswer {
  scope: { label: string; region: string | null; kind: string | null };
  nodeKind: (typeof NETWORK_NODE_KINDS)[number];
  minScore: number;
  /** Exchanges left out because a side is not visible to the caller. */
  hiddenExchanges: number;
  metrics: Omit<NetworkMetrics, 'nodes'>;
  nodes: (NetworkNodeRow & Partial<NetworkMetrics['nodes'][number]> & { x?: number; y?: number })[];
  edges: NetworkEdgeRow[];
  layout: Omit<LayoutResult, 'positions'> | null;
}

/** The network of a scope for a caller, with its metrics (and a layout when asked). */
export function networkOf(
  access: ListingAccess,
  data: ScopeData,
  options: NetworkOptions & { layout: boolean },
): NetworkAnswer & { rows: NetworkRows; positions: LayoutResult | null; full: NetworkMetrics } {
  const rows = networkRows(access, data, options);
  const network = buildNetwork(rows.nodes, rows.edges);
  const full = network.metrics({ seed: options.seed });
  const { nodes: perNode, ...metrics } = full;
  const layout = options.layout ? network.layout({ seed: options.seed }) : null;
  const position = new Map(layout?.positions.map((p) => [p.id, p]) ?? []);
  const rowOf = new Map(rows.nodes.map((n) => [n.id, n]));
  return {
    scope: { label: data.scope.label, region: data.scope.filter.region, kind: data.scope.filter.kind },
    nodeKind: options.nodes,
    minScore: options.minScore,
    hiddenExchanges: rows.hidden,
    metrics,
    nodes: perNode.map((m) => {
      const p = position.get(m.id);
      return { ...rowOf.get(m.id)!, ...m, ...(p ? { x: p.x, y: p.y } : {}) };
    }),
    edges: [...rows.edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    layout: layout ? { seed: layout.seed, iterations: layout.iterations } : null,
    rows,
    positions: layout,
    full,
  };
}

export async function getNetwork(deps: Deps, caller: Caller, query: unknown): Promise<NetworkAnswer> {
  requireRole(caller, 'analytics.read', 'read the network');
  const { nodes, minScore, seed, layout, ...q } = parseOrThrow(NetworkQuerySchema, query ?? {}, 'query');
  const data = await loadScope(deps, scopeOf(deps, caller, q));
  const {
    rows: _rows,
    positions: _positions,
    ...answer
  } = networkOf(networkAccess(caller), data, {
    nodes,
    minScore,
    seed,
    layout,
  });
  return answer;
}

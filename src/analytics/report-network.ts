/**
 * The report's picture of the symbiosis network: participants as circles, exchanges as lines
 * (realised solid, potential dashed, as on the map), drawn from the seeded layout when the caller
 * passes one (network.ts `layout`, ForceAtlas2 from a seeded random start), else from the sites'
 * coordinates. With the network's metrics, a circle's area follows its CO2e-weighted degree and its
 * colour its Louvain community; the largest hubs are named, anonymised ones never.
 *
 * A dense network would make an unreadable and heavy picture: at most `maxEdges` exchanges are
 * drawn (realised first, then by CO2e), and a note says how many were left out.
 */
import type { LayoutResult, NetworkEdgeRow, NetworkMetrics, NetworkNodeRow } from './network.ts';
import { escapeHtml, type Format } from './report-format.ts';
import type { Labels } from './report-labels.ts';
import {
  fitBox,
  fitProjection,
  hasCoordinates,
  participantName,
  participation,
  pickEdges,
} from './report-map.ts';
import { CHART_WIDTH, clip, coord, svg } from './report-svg.ts';

export interface NetworkPictureInput {
  nodes: readonly NetworkNodeRow[];
  edges: readonly NetworkEdgeRow[];
  layout?: LayoutResult;
  metrics?: NetworkMetrics;
  maxEdges: number;
}

export const NETWORK_DEFAULTS = {
  width: CHART_WIDTH,
  maxHeight: 600,
  padding: 28,
  minRadius: 2.5,
  maxRadius: 11,
  named: 8,
};

/** Colour-blind-safe qualitative colours (Okabe & Ito 2008, then Tableau 10); later communities grey. */
export const COMMUNITY_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#8c564b',
  '#7f7f7f',
  '#17becf',
];
const OTHER_COMMUNITY = '#b8bec8';

type Point = { x: number; y: number };

/** Picture coordinates of every node that has a position: from the layout, else from lat/lon. */
function positions(input: NetworkPictureInput): Map<string, Point> {
  const o = NETWORK_DEFAULTS;
  const out = new Map<string, Point>();
  if (input.layout !== undefined) {
    const raw = input.layout.positions.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y));
    if (raw.length === 0) return out;
    const xs = raw.map((q) => q.x);
    const ys = raw.map((q) => q.y);
    const fit = fitBox(
      [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      o.width,
      o.maxHeight,
      o.padding,
    );
    for (const q of raw) out.set(q.id, { x: fit.x(q.x), y: fit.y(q.y) });
    return out;
  }
  const located = input.nodes.filter(hasCoordinates);
  if (located.length === 0) return out;
  const lons = located.map((n) => n.lon);
  const lats = located.map((n) => n.lat);
  const p = fitProjection(
    [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    o.width,
    o.maxHeight,
    o.padding,
  );
  for (const n of located) out.set(n.id, { x: p.x(n.lon), y: p.y(n.lat) });
  return out;
}

/** Each node's weight: CO2e-weighted degree from the metrics (exchanges when all are 0), else its exchanges. */
function weights(input: NetworkPictureInput): { weight: Map<string, number>; byCo2e: boolean } {
  const weight = new Map<string, number>();
  const metrics = input.metrics?.nodes;
  if (metrics?.some((m) => m.co2eAvoidedT > 0)) {
    for (const m of metrics) weight.set(m.id, m.co2eAvoidedT);
    return { weight, byCo2e: true };
  }
  for (const e of input.edges) {
    weight.set(e.source, (weight.get(e.source) ?? 0) + 1);
    if (e.target !== e.source) weight.set(e.target, (weight.get(e.target) ?? 0) + 1);
  }
  return { weight, byCo2e: false };
}

export function renderNetwork(input: NetworkPictureInput, t: Labels, fmt: Format): string {
  if (input.nodes.length === 0) return `<p class="empty">${escapeHtml(t.noNetwork)}</p>`;
  const o = NETWORK_DEFAULTS;
  const at = positions(input);
  const placed = input.nodes.filter((n) => at.has(n.id));
  const height = Math.max(120, ...[...at.values()].map((q) => q.y + o.padding));
  const { weight, byCo2e } = weights(input);
  const maxWeight = Math.max(0, ...placed.map((n) => weight.get(n.id) ?? 0));
  const radius = (id: string) =>
    maxWeight > 0
      ? o.minRadius + (o.maxRadius - o.minRadius) * Math.sqrt((weight.get(id) ?? 0) / maxWeight)
      : 3.5;
  const community = new Map((input.metrics?.nodes ?? []).map((m) => [m.id, m.community]));
  const status = participation(input.edges);

  const parts: string[] = [];
  const drawable = input.edges.filter((e) => at.has(e.source) && at.has(e.target));
  const drawn = pickEdges(drawable, input.maxEdges);
  for (const e of [...drawn].reverse()) {
    const a = at.get(e.source)!;
    const b = at.get(e.target)!;
    parts.push(
      `<line class="ex ${e.realised ? 'realised' : 'potential'}" x1="${coord(a.x)}" y1="${coord(a.y)}" x2="${coord(b.x)}" y2="${coord(b.y)}"/>`,
    );
  }
  // Largest first, so small circles stay visible on top of large ones.
  const order = [...placed].sort(
    (a, b) => radius(b.id) - radius(a.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const n of order) {
    const q = at.get(n.id)!;
    const c = community.get(n.id);
    const paint =
      c === undefined
        ? `class="node ${status.get(n.id) ?? 'idle'}"`
        : `class="node" fill="${COMMUNITY_COLOURS[c] ?? OTHER_COMMUNITY}"`;
    parts.push(
      `<circle ${paint} cx="${coord(q.x)}" cy="${coord(q.y)}" r="${coord(radius(n.id))}"><title>${escapeHtml(participantName(n, t, n.id))}</title></circle>`,
    );
  }
  const named = order.filter((n) => !n.anonymised && n.label !== undefined && (weight.get(n.id) ?? 0) > 0);
  for (const n of named.slice(0, o.named)) {
    const q = at.get(n.id)!;
    const r = radius(n.id);
    const right = q.x < o.width - 160;
    parts.push(
      `<text x="${coord(right ? q.x + r + 4 : q.x - r - 4)}" y="${coord(q.y + 4)}" text-anchor="${right ? 'start' : 'end'}" class="name">${escapeHtml(clip(n.label!, 150))}</text>`,
    );
  }

  const notes: string[] = [
    input.layout !== undefined
      ? t.layoutNote(input.layout.seed, input.layout.iterations)
      : t.geographicLayout,
    byCo2e ? t.sizeByCo2e : t.sizeByExchanges,
  ];
  if (input.metrics !== undefined) notes.push(t.colourByCommunity);
  const unplaced = input.nodes.length - placed.length;
  if (unplaced > 0) notes.push(t.nodesUnplaced(unplaced));
  if (drawable.length > drawn.length) {
    notes.push(t.edgesLeftOut(fmt.count(drawable.length - drawn.length), fmt.count(input.maxEdges)));
  }
  const legend = [
    `<span class="key"><span class="linekey realised"></span>${escapeHtml(t.realisedExchange)}</span>`,
    `<span class="key"><span class="linekey potential"></span>${escapeHtml(t.potentialExchange)}</span>`,
  ].join('');
  return [
    `<figure class="network">${svg(o.width, height, t.network, parts)}`,
    `<figcaption><div class="legend">${legend}</div>`,
    `<p class="note">${notes.map(escapeHtml).join(' ')}</p>`,
    '</figcaption></figure>',
    input.metrics === undefined ? '' : metricsTable(input, t, fmt),
  ].join('');
}

/** The network's shape in figures, and its hubs by name (anonymised ones as such). */
function metricsTable(input: NetworkPictureInput, t: Labels, fmt: Format): string {
  const m = input.metrics!;
  const s = m.summary;
  const facts: [string, string][] = [
    [t.nodes, fmt.count(s.nodes)],
    [
      t.exchanges,
      `${fmt.count(s.edges)} (${t.realised.toLowerCase()} ${fmt.count(s.realisedEdges)}, ${t.potential.toLowerCase()} ${fmt.count(s.potentialEdges)})`,
    ],
    [t.links, fmt.count(s.links)],
    [t.density, fmt.fixed(s.density, 3)],
    [
      t.components,
      `${fmt.count(m.components.count)} (${fmt.count(m.components.largest)} / ${fmt.count(s.nodes)})`,
    ],
    [
      t.communities,
      `${fmt.count(m.communities.count)} (${t.modularity.toLowerCase()} ${fmt.fixed(m.communities.modularity, 2)})`,
    ],
  ];
  const dl = `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`;
  if (m.hubs.length === 0) return dl;
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const rows = m.hubs.map((h) => {
    const name = participantName(byId.get(h.id), t, h.label ?? h.id);
    return `<tr><td>${escapeHtml(name)}</td><td class="num">${fmt.count(h.exchanges)}</td><td class="num">${fmt.count(h.neighbours)}</td><td class="num">${fmt.amount(h.co2eAvoidedT)}</td></tr>`;
  });
  return `${dl}<h3>${escapeHtml(t.hubs)}</h3><table><thead><tr><th>${escapeHtml(t.participant)}</th><th class="num">${escapeHtml(t.exchanges)}</th><th class="num">${escapeHtml(t.links)}</th><th class="num">${escapeHtml(`${t.figures.co2eAvoidedT}, ${fmt.unit('t/yr')}`)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

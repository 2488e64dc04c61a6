/**
 * The analytics report (analytics/report.ts) on a small scope whose indicators come from the real
 * `indicators()`: a complete, self-contained document; hostile strings escaped; anonymised
 * participants never named; realised and potential apart, with the numbers worked out below; CO2e
 * one column per factor set; the map's outlines and exchanges; the network's edge cap; Norwegian
 * labels; empty scopes; and the same bytes for the same input.
 */
import { describe, expect, it } from 'vitest';
import {
  breakdown,
  type ImpactEstimate,
  indicators,
  KEYS,
  type SuggestionRow,
  type TransitionRow,
  timeSeries,
} from '../../../src/analytics/indicators.ts';
import { buildNetwork, type NetworkEdgeRow, type NetworkNodeRow } from '../../../src/analytics/network.ts';
import { type ReportInput, renderReport } from '../../../src/analytics/report.ts';
import { escapeHtml } from '../../../src/analytics/report-format.ts';
import { fitProjection, outlinePath } from '../../../src/analytics/report-map.ts';
import type { Polygon } from '../../../src/domain/regions.ts';

const NORDIC = 'nordic-2024';
const EU = 'eu-2023';
const UNITS = { material: 't/yr', energy: 'MWh/yr', water: 'm3/yr', land: 'm2' } as const;
const PERIOD = { from: '2026-01-01', to: '2026-12-01' };
const HOSTILE = '<script>alert(1)</script>';

function row(id: string, over: Partial<SuggestionRow> & Pick<SuggestionRow, 'kind'>): SuggestionRow {
  return {
    id,
    unit: UNITS[over.kind],
    state: 'suggested',
    matchStatus: 'active',
    allocatedQuantity: null,
    maxQuantity: 1000,
    factorSet: NORDIC,
    impacts: {},
    lastRunId: 'run-7',
    offerCompanyId: `${id}-offer`,
    needCompanyId: `${id}-need`,
    regions: ['4601', '46'],
    outcome: null,
    reasonCode: null,
    createdAt: '2026-01-10T00:00:00Z',
    ...over,
  };
}

const est = (quantity: number, co2eAvoidedT: number, more: Partial<ImpactEstimate> = {}): ImpactEstimate => ({
  quantity,
  co2eAvoidedT,
  ...more,
});

// Realised (running at 2026-12-01):
//   A material 400 t/yr measured; estimate for 1000 t: CO2e nordic 500, eu 300 → 200 and 120
//   B energy 2500 MWh/yr estimated → 2.5 GWh; CO2e nordic 100 per 5000 → 50; no eu estimate
// Potential (allocated, open):
//   E material agreed, 250 of 500 allocated; CO2e nordic 100, eu 60 per 500 → 50 and 30
//   F water suggested, 3000 allocated; CO2e nordic 2 per 10 000 → 0.6; no eu estimate
//   → materials 250 t, water 3000 m³, CO2e nordic 50.6, eu 30
// R rejected for price, its id hostile (it is printed as a barrier's example).
// Median days to implemented: A 2026-01-10 → 02-01 = 22, B 01-05 → 03-01 = 55 → 38.5.
const ROWS: SuggestionRow[] = [
  row('A', {
    kind: 'material',
    state: 'implemented',
    allocatedQuantity: 1000,
    impacts: {
      [NORDIC]: est(1000, 500, { tonnesDiverted: 1000, virginMaterialDisplacedT: 800 }),
      [EU]: est(1000, 300),
    },
    outcome: { quantityPerYear: 400, quantityBasis: 'measured', startDate: '2026-02-01' },
  }),
  row('B', {
    kind: 'energy',
    state: 'implemented',
    impacts: { [NORDIC]: est(5000, 100) },
    createdAt: '2026-01-05T00:00:00Z',
    regions: ['4602', '46'],
    outcome: { quantityPerYear: 2500, quantityBasis: 'estimated', startDate: '2026-03-01' },
  }),
  row('E', {
    kind: 'material',
    state: 'agreed',
    allocatedQuantity: 250,
    maxQuantity: 500,
    impacts: { [NORDIC]: est(500, 100), [EU]: est(500, 60) },
  }),
  row('F', {
    kind: 'water',
    allocatedQuantity: 3000,
    maxQuantity: 10_000,
    impacts: { [NORDIC]: est(10_000, 2) },
  }),
  row(`R${HOSTILE}`, { kind: 'material', state: 'rejected', reasonCode: 'price' }),
];

const EVENTS: TransitionRow[] = [
  { suggestionId: 'A', to: 'under-review', at: '2026-01-15T00:00:00Z' },
  { suggestionId: 'A', to: 'introduced', at: '2026-01-20T00:00:00Z' },
  { suggestionId: 'A', to: 'agreed', at: '2026-01-25T00:00:00Z' },
  { suggestionId: 'A', to: 'implemented', at: '2026-02-01T00:00:00Z' },
  { suggestionId: 'B', to: 'implemented', at: '2026-03-01T00:00:00Z' },
  { suggestionId: 'E', to: 'introduced', at: '2026-02-10T00:00:00Z' },
  { suggestionId: 'E', to: 'agreed', at: '2026-03-01T00:00:00Z' },
  { suggestionId: `R${HOSTILE}`, to: 'rejected', at: '2026-04-01T00:00:00Z' },
];

/** Two 1° squares side by side: [5, 6] and [6, 7] east, [60, 61] north. */
const square = (west: number): Polygon => [
  [
    [west, 60],
    [west + 1, 60],
    [west + 1, 61],
    [west, 61],
    [west, 60],
  ],
];

const node = (id: string, spec: Partial<NetworkNodeRow> = {}): NetworkNodeRow => ({
  id,
  label: `Company ${id}`,
  kind: 'site',
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

const NODES: NetworkNodeRow[] = [
  node('n1', { lon: 5.2, lat: 60.2, label: HOSTILE }),
  node('n2', { lon: 5.8, lat: 60.8, label: 'Secret Smelter AS', anonymised: true }),
  node('n3', { lon: 6.5, lat: 60.5 }),
  node('n4'),
];
const EDGES: NetworkEdgeRow[] = [
  edge('e1', 'n1', 'n2', { co2eAvoidedT: 120 }),
  edge('e2', 'n2', 'n3', { realised: false, state: 'suggested', co2eAvoidedT: 30 }),
  edge('e3', 'n1', 'n4', { realised: false, state: 'agreed' }),
];

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    title: `Vestland & ${HOSTILE}`,
    generatedAt: '2026-12-02T08:30:00Z',
    scope: { label: 'Vestland "county"', region: '46', ...PERIOD },
    indicators: indicators({ rows: ROWS, events: EVENTS, listings: 12 }, { period: PERIOD }),
    series: timeSeries(ROWS, EVENTS, 'month', { period: PERIOD }),
    breakdowns: [
      { name: 'municipality', groups: breakdown(ROWS, KEYS.municipality, { period: PERIOD }) },
      { name: 'kind', groups: breakdown(ROWS, KEYS.kind, { period: PERIOD }) },
    ],
    map: {
      outlines: [
        { code: '4601', name: `West ${HOSTILE}`, polygons: [square(5)] },
        { code: '4602', name: 'East', polygons: [square(6)] },
      ],
    },
    network: { nodes: NODES, edges: EDGES },
    opportunities: [
      {
        id: 'E',
        kind: 'material',
        offer: HOSTILE,
        need: 'Bergen Betong',
        quantity: 250,
        unit: 't/yr',
        co2eAvoidedT: 50,
        factorSet: NORDIC,
        distanceKm: 12.5,
        state: 'agreed',
      },
    ],
    sources: ['Boundaries: Kartverket, CC BY 4.0 (https://kartverket.no)'],
    ...over,
  };
}

/** The element with this id, up to its closing tag (sections and figures do not nest their own kind). */
function part(html: string, open: RegExp, close: string): string {
  const start = html.search(open);
  expect(start, `no ${open}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf(close, start) + close.length);
}
const section = (html: string, id: string) => part(html, new RegExp(`<section id="${id}"`), '</section>');
const figure = (html: string, cls: string) => part(html, new RegExp(`<figure class="${cls}"`), '</figure>');
const count = (text: string, needle: RegExp) => (text.match(needle) ?? []).length;

describe('renderReport', () => {
  const html = renderReport(input());

  it('when rendered, then it is one complete HTML5 document with one style block', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(count(html, /<style>/g)).toBe(1);
    expect(html).toContain('<meta charset="utf-8">');
    for (const id of [
      'realised',
      'potential',
      'co2e',
      'funnel',
      'series',
      'breakdowns',
      'barriers',
      'map',
      'network',
      'opportunities',
    ]) {
      expect(html).toContain(`<section id="${id}"`);
    }
  });

  it('when rendered, then nothing refers outside the file', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/@font-face/i);
    // Internal links only; attribution text may name a URL as plain text.
    expect([...html.matchAll(/href="([^"]*)"/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    expect(html).toContain('Kartverket, CC BY 4.0 (https://kartverket.no)');
  });

  it('when a caller string holds markup, then it is printed as text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Vestland &amp; &lt;script&gt;');
    expect(html).toContain('Vestland &quot;county&quot;');
    // The rejected suggestion's id is printed as the barrier's example, escaped.
    expect(section(html, 'barriers')).toContain('R&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('when a participant is anonymised, then its label appears nowhere', () => {
    const metrics = buildNetwork(NODES, EDGES).metrics();
    const withMetrics = renderReport(input({ network: { nodes: NODES, edges: EDGES, metrics } }));
    for (const doc of [html, withMetrics]) {
      expect(doc).not.toContain('Secret Smelter');
      expect(doc).toContain('anonymous participant');
    }
  });

  it('when realised and potential are shown, then each has its own section and numbers', () => {
    const realised = section(html, 'realised');
    const potential = section(html, 'potential');
    expect(realised).toMatch(/Materials exchanged<\/td><td class="num">400<\/td>/);
    expect(realised).toMatch(
      /Energy delivered<\/td><td class="num">2\.5<\/td><td class="nowrap">GWh\/yr<\/td>/,
    );
    expect(realised).toMatch(/Active symbioses<\/td><td class="num">2<\/td>/);
    expect(potential).toMatch(/Materials exchanged<\/td><td class="num">250<\/td>/);
    expect(potential).toMatch(
      /Water supplied<\/td><td class="num">3,000<\/td><td class="nowrap">m³\/yr<\/td>/,
    );
    expect(potential).toMatch(/Suggestions<\/td><td class="num">2<\/td>/);
    expect(potential).not.toContain('>400<');
    expect(realised).not.toContain('>250<');
    // How each figure was obtained: the basis split and methods on realised, the runs on potential.
    expect(realised).toContain('<th class="num">Measured</th><th class="num">Estimated</th>');
    expect(realised).toContain('sum of recorded quantityPerYear of material exchanges');
    expect(potential).toContain('run-7');
    expect(potential).toContain('sum of allocated quantities of material suggestions');
  });

  it('when there are two factor sets, then CO2e has one column per set, realised and potential rows', () => {
    const co2e = section(html, 'co2e');
    const head = part(co2e, /<thead>/, '</thead>');
    expect([...head.matchAll(/<th class="num factor-set">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      EU,
      NORDIC,
    ]);
    const rows = [...co2e.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => m[1]!).slice(1);
    expect(rows).toHaveLength(2);
    const values = (r: string) => [...r.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]);
    expect(rows[0]).toContain('Realised');
    expect(values(rows[0]!)).toEqual(['120', '250']);
    expect(rows[1]).toContain('Potential');
    expect(values(rows[1]!)).toEqual(['30', '50.6']);
    // B has no estimate under eu and F none either: said, not guessed.
    expect(rows[0]).toContain('1 without an estimate');
    expect(rows[1]).toContain('1 without an estimate');
  });

  it('when the funnel is shown, then it has a chart, conversion rates and the median days', () => {
    const funnel = section(html, 'funnel');
    expect(funnel).toContain('<svg class="chart"');
    expect(count(funnel, /<rect /g)).toBe(6);
    expect(funnel).toContain('38.5 days');
    expect(funnel).toContain('per listing');
    expect(funnel).toMatch(/\d+%/);
  });

  it('when the map is drawn, then it has a path per outline and a line per exchange with coordinates', () => {
    const map = figure(html, 'map');
    expect(count(map, /<path class="outline"/g)).toBe(2);
    expect(map).toContain('data-code="4601"');
    const lines = [
      ...map.matchAll(
        /<line class="ex (realised|potential)" x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"\/>/g,
      ),
    ];
    // e3 has an end without coordinates: not drawn, and said so.
    expect(lines).toHaveLength(2);
    expect(map).toContain('1 exchange has an end without coordinates');
    const realised = lines.find((m) => m[1] === 'realised')!;
    const [x1, y1, x2, y2] = realised.slice(2).map(Number) as [number, number, number, number];
    // n1 → n2 goes north-east: x grows, y (down the screen) shrinks; both ends inside the picture.
    expect(x2).toBeGreaterThan(x1);
    expect(y2).toBeLessThan(y1);
    for (const v of [x1, y1, x2, y2]) expect(v).toBeGreaterThan(0);
    expect(lines.filter((m) => m[1] === 'potential')).toHaveLength(1);
    expect(count(map, /<circle class="site /g)).toBe(3);
    expect(map).toContain('Realised exchange');
    expect(map).toContain('Potential exchange');
  });

  it('when the projection fits the box, then x is scaled by cos(mean latitude) and north is up', () => {
    const p = fitProjection([5, 60, 7, 61], 864, 760, 18);
    const k = Math.cos((60.5 * Math.PI) / 180);
    // The height limits: 1° of latitude spans 760 − 2·18 px; 2° of longitude k times that.
    expect(p.y(60) - p.y(61)).toBeCloseTo(724, 6);
    expect(p.x(7) - p.x(5)).toBeCloseTo(2 * k * 724, 6);
    expect(p.height).toBeCloseTo(760, 6);
  });

  it('when an outline is detailed, then points closer than half a pixel are dropped', () => {
    const p = fitProjection([5, 60, 6, 61], 864, 760, 18);
    const ring: [number, number][] = [];
    for (let i = 0; i <= 20_000; i++) {
      const a = (2 * Math.PI * i) / 20_000;
      ring.push([5.5 + 0.4 * Math.cos(a), 60.5 + 0.4 * Math.sin(a)]);
    }
    const { d } = outlinePath([[ring]], p);
    const points = d
      .replace(/[MZ]/g, ' ')
      .replace('L', ' ')
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split(',').map(Number) as [number, number]);
    expect(points.length).toBeLessThan(ring.length / 5);
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1]!;
      const [bx, by] = points[i]!;
      // Half a pixel before rounding to 0.1 px, which moves each end by at most 0.05·√2.
      expect(Math.hypot(bx - ax, by - ay)).toBeGreaterThanOrEqual(0.5 - 0.1 * Math.SQRT2);
    }
  });

  it('when the network has more exchanges than the cap, then only the cap is drawn and the rest is counted', () => {
    const nodes = Array.from({ length: 60 }, (_v, i) =>
      node(`m${String(i).padStart(2, '0')}`, { lon: 5 + (i % 10) / 10, lat: 60 + Math.floor(i / 10) / 10 }),
    );
    const edges = Array.from({ length: 2050 }, (_v, j) =>
      edge(`x${String(j).padStart(4, '0')}`, nodes[j % 60]!.id, nodes[(j * 7 + 1) % 60]!.id, {
        realised: j % 3 === 0,
        co2eAvoidedT: j % 17,
      }),
    );
    const doc = renderReport(input({ network: { nodes, edges } }));
    const picture = figure(doc, 'network');
    expect(count(picture, /<line class="ex /g)).toBe(2000);
    expect(picture).toContain('50 exchanges not drawn');
    // Realised first: all 684 realised exchanges are among those drawn.
    expect(count(picture, /<line class="ex realised"/g)).toBe(684);
    expect(count(figure(doc, 'map'), /<line class="ex /g)).toBe(2000);

    const small = figure(renderReport(input({ network: { nodes, edges }, maxEdges: 3 })), 'network');
    expect(count(small, /<line class="ex /g)).toBe(3);
  });

  it('when a layout and metrics are given, then positions come from the layout, colours from communities', () => {
    const net = buildNetwork(NODES, EDGES);
    const doc = renderReport(
      input({
        network: {
          nodes: NODES,
          edges: EDGES,
          layout: net.layout({ seed: 3, iterations: 10 }),
          metrics: net.metrics(),
        },
      }),
    );
    const picture = figure(doc, 'network');
    expect(picture).toContain('ForceAtlas2, seed 3, 10 iterations');
    expect(picture).toMatch(/<circle class="node" fill="#[0-9a-f]{6}"/);
    expect(count(picture, /<circle /g)).toBe(4);
    expect(section(doc, 'network')).toContain('Hubs');
  });

  it('when the language is nb, then the fixed labels are Norwegian and numbers use a decimal comma', () => {
    const nb = renderReport(input({ language: 'nb' }));
    expect(nb).toContain('<html lang="nb">');
    for (const label of [
      'Realisert',
      'Potensial',
      'Trakt',
      'Kart',
      'Nettverk',
      'Barrierer',
      'anonym deltaker',
      'Kilder',
    ]) {
      expect(nb).toContain(label);
    }
    expect(nb).not.toContain('anonymous participant');
    expect(nb).not.toContain('<h2>Funnel</h2>');
    expect(section(nb, 'realised')).toMatch(
      /Energi levert<\/td><td class="num">2,5<\/td><td class="nowrap">GWh\/år<\/td>/,
    );
  });

  it('when the scope is empty, then every section still renders', () => {
    const none = indicators({ rows: [], events: [], listings: 0 });
    const doc = renderReport({
      title: 'Nowhere',
      generatedAt: '2026-12-02T08:30:00Z',
      scope: { label: 'Nowhere' },
      indicators: none,
      series: timeSeries([], [], 'quarter'),
      breakdowns: [{ name: 'county', groups: [] }],
      map: { outlines: [] },
      network: { nodes: [], edges: [] },
      opportunities: [],
    });
    expect(doc.trimEnd().endsWith('</html>')).toBe(true);
    for (const text of [
      'No transitions in the period.',
      'No boundaries or sites to draw.',
      'No participants in scope.',
      'No open opportunity in scope.',
      'No suggestion was rejected or declined in the period.',
      'No factor set',
    ]) {
      expect(doc).toContain(text);
    }
    expect(doc).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('when rendered twice from the same input, then the bytes are the same', () => {
    const net = buildNetwork(NODES, EDGES);
    const full = () =>
      renderReport(
        input({
          network: { nodes: NODES, edges: EDGES, layout: net.layout({ seed: 1 }), metrics: net.metrics() },
        }),
      );
    expect(full()).toBe(full());
    expect(renderReport(input())).toBe(html);
  });

  it('when the series has buckets, then the chart draws a line per stage and the table a row per bucket', () => {
    const series = section(html, 'series');
    expect(count(series, /<polyline /g)).toBe(4);
    expect(count(series, /<td>2026-\d\d<\/td>/g)).toBe(11);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });
});

/**
 * The analytics report (issue 11): one self-contained HTML file for a region and period that an
 * analyst can mail. A pure string builder: the service computes the indicators, the series, the
 * breakdowns and the network, and passes them in with the region's outlines and the time of
 * writing; this module only lays them out. Nothing in the file reaches outside it: one <style>
 * block, charts and map as inline SVG, no script, no link, no font or image to fetch, and a
 * Content-Security-Policy that forbids loading anything should a later edit try.
 *
 * What the reader sees, in order: the scope (period, factor sets, match runs), key figures, the
 * realised indicators and then the potential ones (never mixed, each figure with how it was
 * obtained), CO2e under each named factor set side by side, the funnel, the series over time, the
 * breakdowns, the barriers, the map, the network picture, the top opportunities not yet
 * realised, and the sources.
 *
 * Every string from the caller is escaped; an anonymised participant is never named. The same
 * input gives the same bytes (fixed locale formatting, no clock, seeded layout from the caller).
 */
import type { Polygon } from '../domain/regions.ts';
import type {
  Barriers,
  BreakdownGroup,
  Indicators,
  PotentialFigure,
  RealisedFigure,
  TimeSeries,
} from './indicators.ts';
import { SERIES_STAGES } from './indicators.ts';
import type { LayoutResult, NetworkEdgeRow, NetworkMetrics, NetworkNodeRow } from './network.ts';
import { escapeHtml as esc, type Format, formatFor } from './report-format.ts';
import { LABELS, type Labels, type Language } from './report-labels.ts';
import { renderMap } from './report-map.ts';
import { renderNetwork } from './report-network.ts';
import { REPORT_CSS } from './report-style.ts';
import { type BarRow, barChart, lineChart } from './report-svg.ts';

export interface ReportOpportunity {
  id: string;
  kind: string;
  offer: string;
  need: string;
  quantity: number;
  unit: string;
  co2eAvoidedT: number;
  factorSet: string;
  distanceKm?: number;
  state: string;
}

export interface ReportInput {
  /** e.g. "Vestland, 2026-01-01 – 2026-12-01". */
  title: string;
  /** Default 'en'; every fixed label exists in both. */
  language?: Language;
  /** ISO date-time of writing, printed (the caller's clock, never read here). */
  generatedAt: string;
  scope: { label: string; region?: string; from?: string; to?: string; kind?: string };
  indicators: Indicators;
  /** Monthly or quarterly. */
  series?: TimeSeries;
  /** e.g. 'county', 'municipality', 'industry', 'wasteChapter', 'kind'. */
  breakdowns?: { name: string; groups: BreakdownGroup[] }[];
  /** Barriers per group (by region, resource, industry), from indicators' `barriersBy`. */
  barriersBy?: { name: string; groups: { key: string; barriers: Barriers }[] }[];
  /** The region's municipalities (or counties). */
  map: { outlines: { code: string; name: string; polygons: Polygon[] }[] };
  network: {
    nodes: NetworkNodeRow[];
    edges: NetworkEdgeRow[];
    layout?: LayoutResult;
    metrics?: NetworkMetrics;
  };
  /** Top potential exchanges not yet realised, already sorted and redacted by the caller. */
  opportunities: ReportOpportunity[];
  /** Printed in the footer, e.g. "Boundaries: Kartverket, CC BY 4.0". */
  sources?: string[];
  /** Display names of group keys (region codes, NACE divisions, waste chapters); outlines' names are known already. */
  names?: Record<string, string>;
  /** At most this many exchanges are drawn on the map and on the network picture (default 2,000). */
  maxEdges?: number;
}

export const REPORT_DEFAULTS = {
  language: 'en' as Language,
  maxEdges: 2000,
  topGroups: 10,
  examplesShown: 50,
};

interface Ctx {
  t: Labels;
  fmt: Format;
  names: ReadonlyMap<string, string>;
  factorSets: readonly string[];
}

interface Section {
  id: string;
  title: string;
  cls?: string;
  body: string;
}

// ---- Small HTML pieces ------------------------------------------------------------------------

const td = (text: string, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${esc(text)}</td>`;
const th = (text: string, cls = '', span = ''): string =>
  `<th${cls ? ` class="${cls}"` : ''}${span}>${esc(text)}</th>`;

function table(head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const para = (text: string, cls = 'lead'): string => `<p class="${cls}">${esc(text)}</p>`;
const empty = (text: string): string => `<p class="empty">${esc(text)}</p>`;

/** A group key as read: `4601 Bergen`, `Material`, or the key itself. */
function groupName(key: string, ctx: Ctx): string {
  const kind = ctx.t.kinds[key as keyof Labels['kinds']];
  if (kind !== undefined) return kind;
  const name = ctx.names.get(key);
  return name === undefined ? key : `${key} ${name}`;
}

const runName = (run: string | null, t: Labels): string => run ?? t.incremental;

/** Runs of a potential figure, three at most and how many more. */
function runsText(runs: readonly (string | null)[], t: Labels): string {
  if (runs.length === 0) return '–';
  const shown = runs.slice(0, 3).map((r) => runName(r, t));
  return runs.length > 3 ? `${shown.join(', ')} +${runs.length - 3}` : shown.join(', ');
}

// ---- Header and key figures -------------------------------------------------------------------

function header(input: ReportInput, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const ind = input.indicators;
  const from = input.scope.from ?? ind.period.from;
  const to = input.scope.to ?? ind.period.to;
  const period = `${from ?? t.open} – ${to ?? t.open}${to ? ` (${t.endExcluded})` : ''}`;
  const kind = input.scope.kind;
  const runs = ind.potential.runs.map((r) => `${runName(r.runId, t)} (${fmt.count(r.suggestions)})`);
  const facts: [string, string][] = [
    [t.scope, input.scope.label],
    ...(input.scope.region ? [[t.region, input.scope.region] as [string, string]] : []),
    ...(kind ? [[t.kind, t.kinds[kind as keyof Labels['kinds']] ?? kind] as [string, string]] : []),
    [t.period, period],
    [t.generated, fmt.dateTime(input.generatedAt)],
    [t.factorSets, ind.factorSets.length > 0 ? ind.factorSets.join(', ') : t.none],
    [t.runs, runs.length > 0 ? runs.join(', ') : t.none],
  ];
  return [
    '<header>',
    `<p class="eyebrow">${esc(t.reportKind)}</p>`,
    `<h1>${esc(input.title)}</h1>`,
    `<dl class="meta">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('');
}

function keyFigures(ind: Indicators, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const set = ctx.factorSets[0];
  const rCo2e = ind.realised.co2eAvoidedT[0];
  const pCo2e = ind.potential.co2eAvoidedT[0];
  const co2eUnit = fmt.unit('t CO2e/yr');
  const card = (cls: string, tag: string, value: string, key: string, sub: string) =>
    `<div class="card ${cls}"><div class="tag">${esc(tag)}</div><div class="v">${esc(value)}</div><div class="k">${esc(key)}</div><div class="s">${esc(sub)}</div></div>`;
  return `<div class="cards">${[
    card(
      'realised',
      t.realised,
      fmt.count(ind.realised.activeSymbioses.value),
      t.figures.activeSymbioses,
      `${t.figures.companies}: ${fmt.count(ind.realised.companies.value)}`,
    ),
    card(
      'realised',
      t.realised,
      rCo2e ? fmt.amount(rCo2e.value) : '–',
      `${t.figures.co2eAvoidedT}, ${co2eUnit}`,
      set ?? t.noFactorSets,
    ),
    card(
      'potential',
      t.potential,
      fmt.count(ind.potential.suggestions.value),
      t.figures.suggestions,
      `${t.figures.companies}: ${fmt.count(ind.potential.companies.value)}`,
    ),
    card(
      'potential',
      t.potential,
      pCo2e ? fmt.amount(pCo2e.value) : '–',
      `${t.figures.co2eAvoidedT}, ${co2eUnit}`,
      set ?? t.noFactorSets,
    ),
  ].join('')}</div>`;
}

// ---- Realised and potential -------------------------------------------------------------------

type RealisedKey =
  | 'materialsT'
  | 'energyGWh'
  | 'waterM3'
  | 'landM2'
  | 'tonnesDiverted'
  | 'virginMaterialSavedT'
  | 'costSavedNokPerYear'
  | 'revenueNokPerYear'
  | 'jobs';

const REALISED_FIGURES: [RealisedKey, string][] = [
  ['materialsT', 't/yr'],
  ['energyGWh', 'GWh/yr'],
  ['waterM3', 'm3/yr'],
  ['landM2', 'm2'],
  ['tonnesDiverted', 't/yr'],
  ['virginMaterialSavedT', 't/yr'],
  ['costSavedNokPerYear', 'NOK/yr'],
  ['revenueNokPerYear', 'NOK/yr'],
  ['jobs', ''],
];

type PotentialKey =
  | 'materialsT'
  | 'energyGWh'
  | 'waterM3'
  | 'landM2'
  | 'tonnesDiverted'
  | 'virginMaterialSavedT';
const POTENTIAL_FIGURES = REALISED_FIGURES.slice(0, 6) as [PotentialKey, string][];

function methodCell(method: string, missing: readonly string[] | undefined, t: Labels): string {
  const warn =
    missing && missing.length > 0 ? `<span class="warn">${esc(t.missing(missing.length))}</span>` : '';
  return `<td class="method">${esc(method)}${warn}</td>`;
}

function realisedSection(ind: Indicators, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const r = ind.realised;
  const countRow = (name: string, c: { value: number; method: string }) => [
    td(name, 'fig'),
    td(fmt.count(c.value), 'num'),
    td(''),
    td('', 'num'),
    td('', 'num'),
    td('', 'num'),
    methodCell(c.method, undefined, t),
  ];
  const figureRow = (name: string, f: RealisedFigure & { missing?: string[] }, unit: string) => [
    td(name, 'fig'),
    td(fmt.amount(f.value), 'num'),
    td(fmt.unit(unit), 'nowrap'),
    td(fmt.amount(f.measured), 'num'),
    td(fmt.amount(f.estimated), 'num'),
    td(fmt.count(f.exchanges), 'num'),
    methodCell(f.method, f.missing, t),
  ];
  const rows = [
    countRow(t.figures.activeSymbioses, r.activeSymbioses),
    countRow(t.figures.companies, r.companies),
    ...REALISED_FIGURES.map(([key, unit]) => figureRow(t.figures[key], r[key], unit)),
  ];
  const head = [
    th(t.figure),
    th(t.value, 'num'),
    th(t.unit),
    th(t.measured, 'num'),
    th(t.estimated, 'num'),
    th(t.exchanges, 'num'),
    th(t.method),
  ];
  return [para(t.realisedLead(r.asOf ?? t.open)), table(head, rows), excludedList(r.excluded, t)].join('');
}

function potentialSection(ind: Indicators, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const p = ind.potential;
  const countRow = (name: string, c: { value: number; method: string }) => [
    td(name, 'fig'),
    td(fmt.count(c.value), 'num'),
    td(''),
    td('', 'num'),
    td(''),
    methodCell(c.method, undefined, t),
  ];
  const figureRow = (name: string, f: PotentialFigure & { missing?: string[] }, unit: string) => [
    td(name, 'fig'),
    td(fmt.amount(f.value), 'num'),
    td(fmt.unit(unit), 'nowrap'),
    td(fmt.count(f.suggestions), 'num'),
    td(runsText(f.runs, t)),
    methodCell(f.method, f.missing, t),
  ];
  const rows = [
    countRow(t.figures.suggestions, p.suggestions),
    countRow(t.figures.companies, p.companies),
    ...POTENTIAL_FIGURES.map(([key, unit]) => figureRow(t.figures[key], p[key], unit)),
  ];
  const head = [
    th(t.figure),
    th(t.value, 'num'),
    th(t.unit),
    th(t.suggestions, 'num'),
    th(t.runs),
    th(t.method),
  ];
  return [para(t.potentialLead), table(head, rows), excludedList(p.excluded, t)].join('');
}

function excludedList(excluded: readonly { id: string; reason: string }[], t: Labels): string {
  if (excluded.length === 0) return '';
  const shown = excluded.slice(0, REPORT_DEFAULTS.examplesShown);
  const more = excluded.length > shown.length ? `<li>… +${excluded.length - shown.length}</li>` : '';
  return `<details><summary>${esc(t.excluded(excluded.length))}</summary><ul>${shown
    .map((e) => `<li>${esc(e.id)}: ${esc(e.reason)}</li>`)
    .join('')}${more}</ul></details>`;
}

function co2eSection(ind: Indicators, ctx: Ctx): string {
  const { t, fmt } = ctx;
  if (ind.factorSets.length === 0) return para(t.co2eLead) + empty(t.noFactorSets);
  const unit = fmt.unit('t CO2e/yr');
  const head = [th(''), ...ind.factorSets.map((set) => th(set, 'num factor-set'))];
  const realised = ind.realised.co2eAvoidedT.map((f) => {
    const sub = `${t.measured.toLowerCase()} ${fmt.amount(f.measured)} · ${t.estimated.toLowerCase()} ${fmt.amount(f.estimated)} · ${t.exchanges.toLowerCase()} ${fmt.count(f.exchanges)}`;
    return co2eCell(fmt.amount(f.value), sub, f.method, f.missing, f.notQuantified, t);
  });
  const potential = ind.potential.co2eAvoidedT.map((f) => {
    const sub = `${t.suggestions.toLowerCase()} ${fmt.count(f.suggestions)} · ${t.runs.toLowerCase()}: ${runsText(f.runs, t)}`;
    return co2eCell(fmt.amount(f.value), sub, f.method, f.missing, f.notQuantified, t);
  });
  return [
    para(`${t.co2eLead}`),
    table(
      head,
      [
        [`<td class="fig">${esc(t.realised)}<span class="sub">${esc(unit)}</span></td>`, ...realised],
        [`<td class="fig">${esc(t.potential)}<span class="sub">${esc(unit)}</span></td>`, ...potential],
      ],
      'co2e',
    ),
  ].join('');
}

function co2eCell(
  value: string,
  sub: string,
  method: string,
  missing: readonly string[],
  notQuantified: readonly string[] | undefined,
  t: Labels,
): string {
  const unknown = notQuantified?.length ?? 0;
  const warn =
    (missing.length > 0 ? `<span class="warn">${esc(t.missing(missing.length))}</span>` : '') +
    (unknown > 0 ? `<span class="warn">${esc(t.notQuantified(unknown))}</span>` : '');
  return `<td class="num"><strong>${esc(value)}</strong><span class="sub">${esc(sub)}</span><span class="sub">${esc(method)}</span>${warn}</td>`;
}

// ---- Funnel, series, breakdowns, barriers -----------------------------------------------------

function funnelSection(ind: Indicators, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const f = ind.funnel;
  const rate = (i: number): string => {
    if (i === 0) return '';
    const c = f.conversions[i - 1];
    if (c === undefined || c.rate === null) return '–';
    return c.from === 'listings' ? t.perListing(fmt.fixed(c.rate, 2)) : fmt.percent(c.rate);
  };
  const bars: BarRow[] = f.stages.map((s, i) => ({
    label: t.stages[s.stage],
    segments: [{ value: s.count, cls: 'funnel' }],
    note: i === 0 ? fmt.count(s.count) : `${fmt.count(s.count)}  ·  ${rate(i)}`,
  }));
  const rows = f.stages.map((s, i) => [
    td(t.stages[s.stage], 'fig'),
    td(fmt.count(s.count), 'num'),
    td(rate(i), 'num'),
    `<td class="method">${esc(s.method)}</td>`,
  ]);
  const m = f.medianDaysToImplemented;
  const median = m.value === null ? '–' : t.days(fmt.amount(m.value), m.suggestions);
  return [
    para(t.funnelLead),
    `<figure>${barChart(bars, { title: t.funnel, labelWidth: 150, noteWidth: 210 })}</figure>`,
    table([th(t.stage), th(t.count, 'num'), th(t.conversion, 'num'), th(t.method)], rows),
    `<p class="stat"><strong>${esc(t.medianDays)}:</strong> ${esc(median)}</p>`,
    para(m.method, 'note'),
  ].join('');
}

function seriesSection(series: TimeSeries, ctx: Ctx): string {
  const { t, fmt } = ctx;
  if (series.buckets.length === 0) return para(t.seriesLead(series.interval)) + empty(t.noEvents);
  const drawn = ['under-review', 'introduced', 'agreed', 'implemented'] as const;
  const chart = lineChart(
    series.buckets.map((b) => b.bucket),
    drawn.map((stage, i) => ({
      name: t.seriesStages[stage],
      cls: `c${i + 1}`,
      values: series.buckets.map((b) => b.counts[stage]),
    })),
    { title: t.overTime, tick: (v) => fmt.count(v) },
  );
  const head = [th(t.interval[series.interval]), ...SERIES_STAGES.map((s) => th(t.seriesStages[s], 'num'))];
  const rows = series.buckets.map((b) => [
    td(b.bucket),
    ...SERIES_STAGES.map((s) => td(fmt.count(b.counts[s]), 'num')),
  ]);
  return [
    para(t.seriesLead(series.interval)),
    `<figure>${chart}</figure>`,
    table(head, rows, 'compact'),
    para(series.method, 'note'),
  ].join('');
}

const QUANTITIES = [
  ['materialsT', 't/yr'],
  ['energyGWh', 'GWh/yr'],
  ['waterM3', 'm3/yr'],
  ['landM2', 'm2'],
] as const;

/**
 * A breakdown as pairs of rows, realised above potential, so the two are never summed by eye and
 * the quantity columns line up; only the quantities some group has get a column.
 */
function breakdownTable(name: string, groups: readonly BreakdownGroup[], ctx: Ctx): string {
  const { t, fmt } = ctx;
  const title = t.breakdownNames[name] ?? name;
  if (groups.length === 0) return `<h3>${esc(title)}</h3>${empty(t.none)}`;
  const quantities = QUANTITIES.filter(([k]) =>
    groups.some((g) => g.realised[k].value !== 0 || g.potential[k].value !== 0),
  );
  const sets = ctx.factorSets;
  const head = [
    th(t.group),
    th(''),
    th(`${t.exchanges} / ${t.suggestions.toLowerCase()}`, 'num'),
    ...quantities.map(([, unit]) => th(fmt.unit(unit), 'num')),
    ...sets.map(
      (set) => `<th class="num">CO₂e, ${esc(fmt.unit('t/yr'))}<span class="set">${esc(set)}</span></th>`,
    ),
  ];
  const bodies = groups.map((g) => {
    const realised = [
      `<td rowspan="2" class="fig">${esc(groupName(g.key, ctx))}</td>`,
      td(t.realised, 'basis realised'),
      td(fmt.count(g.realised.activeSymbioses.value), 'num'),
      ...quantities.map(([k]) => td(fmt.amount(g.realised[k].value), 'num')),
      ...sets.map((_s, i) => td(fmt.amount(g.realised.co2eAvoidedT[i]?.value ?? 0), 'num')),
    ];
    const potential = [
      td(t.potential, 'basis potential'),
      td(fmt.count(g.potential.suggestions.value), 'num'),
      ...quantities.map(([k]) => td(fmt.amount(g.potential[k].value), 'num')),
      ...sets.map((_s, i) => td(fmt.amount(g.potential.co2eAvoidedT[i]?.value ?? 0), 'num')),
    ];
    return `<tbody><tr>${realised.join('')}</tr><tr>${potential.join('')}</tr></tbody>`;
  });
  const tableHtml = `<table class="compact pairs"><thead><tr>${head.join('')}</tr></thead>${bodies.join('')}</table>`;
  return `<h3>${esc(title)}</h3>${topGroupsChart(groups, ctx)}${tableHtml}`;
}

/** The largest groups by CO2e (the first factor set), realised and potential stacked; by counts without a set. */
function topGroupsChart(groups: readonly BreakdownGroup[], ctx: Ctx): string {
  const { t, fmt } = ctx;
  const set = ctx.factorSets[0];
  const measure = (g: BreakdownGroup): [number, number] =>
    set === undefined
      ? [g.realised.activeSymbioses.value, g.potential.suggestions.value]
      : [g.realised.co2eAvoidedT[0]?.value ?? 0, g.potential.co2eAvoidedT[0]?.value ?? 0];
  const top = [...groups]
    .map((g) => ({ g, m: measure(g) }))
    .filter(({ m }) => m[0] + m[1] > 0)
    .sort(
      (a, b) => b.m[0] + b.m[1] - (a.m[0] + a.m[1]) || (a.g.key < b.g.key ? -1 : a.g.key > b.g.key ? 1 : 0),
    )
    .slice(0, REPORT_DEFAULTS.topGroups);
  if (top.length === 0) return '';
  const what =
    set === undefined
      ? `${t.exchanges.toLowerCase()} / ${t.suggestions.toLowerCase()}`
      : `${t.figures.co2eAvoidedT} (${set})`;
  const title = t.topGroups(top.length, what);
  const rows: BarRow[] = top.map(({ g, m }) => ({
    label: groupName(g.key, ctx),
    segments: [
      { value: m[0], cls: 'realised' },
      { value: m[1], cls: 'potential' },
    ],
    note: `${fmt.amount(m[0])} + ${fmt.amount(m[1])}`,
  }));
  const legend = `<div class="legend"><span class="key"><span class="swatch realised"></span>${esc(t.realised)}</span><span class="key"><span class="swatch potential"></span>${esc(t.potential)}</span></div>`;
  return `<figure><p class="note">${esc(title)}</p>${barChart(rows, { title, rowHeight: 22 })}${legend}</figure>`;
}

function barriersSection(input: ReportInput, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const b = input.indicators.barriers;
  const parts = [para(t.barriersLead)];
  if (b.total === 0) parts.push(empty(t.noBarriers));
  else {
    const rows = b.byReason.map((r) => [
      td(t.reasons[r.reasonCode] ?? r.reasonCode, 'fig'),
      td(fmt.count(r.count), 'num'),
      td(fmt.count(r.rejected), 'num'),
      td(fmt.count(r.declined), 'num'),
      td(r.examples.join(', ')),
    ]);
    rows.push([td(t.total, 'fig'), td(fmt.count(b.total), 'num'), td(''), td(''), td('')]);
    parts.push(
      table(
        [th(t.reason), th(t.count, 'num'), th(t.rejected, 'num'), th(t.declined, 'num'), th(t.examples)],
        rows,
      ),
      para(b.method, 'note'),
    );
  }
  for (const by of input.barriersBy ?? []) {
    const name = t.breakdownNames[by.name] ?? by.name;
    parts.push(`<h3>${esc(t.barriersBy(name))}</h3>`);
    if (by.groups.length === 0) {
      parts.push(empty(t.noBarriers));
      continue;
    }
    const rows = by.groups.map((g) => [
      td(groupName(g.key, ctx)),
      td(fmt.count(g.barriers.total), 'num'),
      td(
        g.barriers.byReason
          .map((r) => `${t.reasons[r.reasonCode] ?? r.reasonCode} ${fmt.count(r.count)}`)
          .join(', '),
      ),
      td(
        g.barriers.byReason
          .flatMap((r) => r.examples)
          .slice(0, 3)
          .join(', '),
      ),
    ]);
    parts.push(table([th(t.group), th(t.total, 'num'), th(t.reason), th(t.examples)], rows, 'compact'));
  }
  return parts.join('');
}

// ---- Opportunities and the document -----------------------------------------------------------

function opportunitiesSection(input: ReportInput, ctx: Ctx): string {
  const { t, fmt } = ctx;
  if (input.opportunities.length === 0) return empty(t.noOpportunities);
  const head = [
    th('#', 'num'),
    th(t.kind),
    th(t.offer),
    th(t.need),
    th(t.quantity, 'num'),
    th(`${t.figures.co2eAvoidedT}, ${fmt.unit('t/yr')}`, 'num'),
    th(t.factorSet),
    th(`${t.distance}, km`, 'num'),
    th(t.state),
  ];
  const rows = input.opportunities.map((o, i) => [
    td(String(i + 1), 'num'),
    td(t.kinds[o.kind as keyof Labels['kinds']] ?? o.kind),
    td(o.offer),
    td(o.need),
    td(`${fmt.amount(o.quantity)} ${fmt.unit(o.unit)}`, 'num'),
    td(fmt.amount(o.co2eAvoidedT), 'num'),
    td(o.factorSet, 'nowrap'),
    td(o.distanceKm === undefined ? '–' : fmt.amount(o.distanceKm), 'num'),
    td(t.states[o.state as keyof Labels['states']] ?? o.state),
  ]);
  return para(t.opportunitiesLead) + table(head, rows, 'compact');
}

function footer(input: ReportInput, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const sources = input.sources ?? [];
  const list = sources.length > 0 ? `<ul>${sources.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : '';
  return `<footer><strong>${esc(t.sources)}</strong>${list}<p>${esc(`${t.selfContained} ${t.generated} ${fmt.dateTime(input.generatedAt)}.`)}</p></footer>`;
}

/** The complete HTML5 document. */
export function renderReport(input: ReportInput): string {
  const language = input.language ?? REPORT_DEFAULTS.language;
  const t = LABELS[language];
  const fmt = formatFor(language);
  const names = new Map<string, string>();
  for (const o of input.map.outlines) names.set(o.code, o.name);
  for (const [code, name] of Object.entries(input.names ?? {})) names.set(code, name);
  const ctx: Ctx = { t, fmt, names, factorSets: input.indicators.factorSets };
  const maxEdges = input.maxEdges ?? REPORT_DEFAULTS.maxEdges;
  const ind = input.indicators;

  const sections: Section[] = [
    { id: 'realised', title: t.realisedTitle, cls: 'realised', body: realisedSection(ind, ctx) },
    { id: 'potential', title: t.potentialTitle, cls: 'potential', body: potentialSection(ind, ctx) },
    { id: 'co2e', title: t.co2eTitle, body: co2eSection(ind, ctx) },
    { id: 'funnel', title: t.funnel, body: funnelSection(ind, ctx) },
    ...(input.series ? [{ id: 'series', title: t.overTime, body: seriesSection(input.series, ctx) }] : []),
    ...(input.breakdowns && input.breakdowns.length > 0
      ? [
          {
            id: 'breakdowns',
            title: t.breakdowns,
            body:
              para(t.breakdownLead) +
              input.breakdowns.map((b) => breakdownTable(b.name, b.groups, ctx)).join(''),
          },
        ]
      : []),
    { id: 'barriers', title: t.barriers, body: barriersSection(input, ctx) },
    {
      id: 'map',
      title: t.map,
      body:
        para(t.mapLead) +
        renderMap(
          { outlines: input.map.outlines, nodes: input.network.nodes, edges: input.network.edges, maxEdges },
          t,
          fmt,
        ),
    },
    { id: 'network', title: t.network, body: renderNetwork({ ...input.network, maxEdges }, t, fmt) },
    { id: 'opportunities', title: t.opportunities, body: opportunitiesSection(input, ctx) },
  ];
  const toc = `<nav class="toc" aria-label="${esc(t.contents)}"><ol>${sections
    .map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`)
    .join('')}</ol></nav>`;
  const body = sections
    .map(
      (s) =>
        `<section id="${s.id}"${s.cls ? ` class="${s.cls}"` : ''}><h2>${esc(s.title)}</h2>${s.body}</section>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(input.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    header(input, ctx),
    toc,
    keyFigures(ind, ctx),
    body,
    footer(input, ctx),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

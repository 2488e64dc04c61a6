import { z } from 'zod';
import {
  BarrierQuerySchema,
  BreakdownQuerySchema,
  FUNNEL_STAGES,
  getBarriers,
  getBreakdown,
  getIndicators,
  getSeries,
  IndicatorQuerySchema,
  SeriesQuerySchema,
} from '../../services/analytics.ts';
import {
  exportNetwork,
  exportTable,
  MEDIA_TYPES,
  NetworkExportQuerySchema,
  TableExportQuerySchema,
} from '../../services/analytics-exports.ts';
import { getNetwork, NetworkQuerySchema } from '../../services/analytics-network.ts';
import type { Deps } from '../../services/deps.ts';
import { buildReport, ReportQuerySchema } from '../../services/report.ts';
import { defineRoutes } from '../route.ts';
import { file, fileReply, json } from './reply.ts';

const figure = z.looseObject({ value: z.number(), method: z.string() });

export const IndicatorsSchema = z
  .object({
    period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    factorSets: z.array(z.string()),
    realised: z
      .looseObject({ basis: z.literal('realised'), activeSymbioses: figure, companies: figure })
      .meta({ description: 'from implemented exchanges and their recorded quantities only' }),
    potential: z
      .looseObject({ basis: z.literal('potential'), suggestions: figure, companies: figure })
      .meta({ description: 'from the allocated quantities of suggestions only' }),
    funnel: z.looseObject({
      stages: z.array(z.object({ stage: z.enum(FUNNEL_STAGES), count: z.number(), method: z.string() })),
      conversions: z.array(z.object({ from: z.string(), to: z.string(), rate: z.number().nullable() })),
    }),
    barriers: z.looseObject({ total: z.number() }),
  })
  .meta({ id: 'Indicators' });

const realisedAndPotential = z.looseObject({
  realised: z.looseObject({ basis: z.literal('realised') }),
  potential: z.looseObject({ basis: z.literal('potential') }),
});

export const BreakdownSchema = z
  .object({ by: z.string(), groups: z.array(realisedAndPotential.extend({ key: z.string() })) })
  .meta({ id: 'IndicatorBreakdown' });

export const SeriesSchema = z
  .object({
    interval: z.enum(['month', 'quarter']),
    method: z.string(),
    buckets: z.array(
      z.object({ bucket: z.string(), start: z.string(), counts: z.record(z.string(), z.number()) }),
    ),
  })
  .meta({ id: 'IndicatorSeries' });

const barriersShape = z.looseObject({
  total: z.number(),
  byReason: z.array(
    z.looseObject({ reasonCode: z.string(), count: z.number(), examples: z.array(z.string()) }),
  ),
});

export const BarrierReportSchema = z
  .object({
    by: z.string().nullable(),
    barriers: barriersShape,
    groups: z.array(z.object({ key: z.string(), barriers: barriersShape })),
    examples: z.array(
      z.object({
        suggestionId: z.string(),
        kind: z.string(),
        offered: z.string().nullable(),
        needed: z.string().nullable(),
        distanceKm: z.number(),
        regions: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'BarrierReport' });

export const NetworkSchema = z
  .looseObject({
    scope: z.looseObject({ label: z.string() }),
    nodeKind: z.enum(['company', 'site']),
    hiddenExchanges: z.number(),
    metrics: z.looseObject({ summary: z.looseObject({ nodes: z.number(), edges: z.number() }) }),
    nodes: z.array(z.looseObject({ id: z.string(), anonymised: z.boolean(), label: z.string().optional() })),
    edges: z.array(
      z.looseObject({
        id: z.string(),
        source: z.string(),
        target: z.string(),
        kind: z.string(),
        realised: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Network' });

export const analyticsRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'get',
      path: '/indicators',
      tag: 'analytics',
      summary: "The mission's indicators for a region and period: realised, potential, the funnel, barriers",
      description:
        'Realised figures come from implemented exchanges and their recorded quantities (measured or ' +
        'estimated), potential ones from the allocated quantities of suggestions only; the two are never ' +
        'mixed, and every figure says how it was obtained. The funnel and the barriers are rebuilt from the ' +
        'review events. Facilitators read their own regions.',
      access: 'analytics.read',
      query: IndicatorQuerySchema,
      answers: { 200: json(IndicatorsSchema, 'the indicators') },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getIndicators(deps, caller, q) }),
    },
    {
      method: 'get',
      path: '/indicators/breakdown',
      tag: 'analytics',
      summary: 'The indicators per county, municipality, industry section or division, waste chapter or kind',
      description:
        'Realised and potential figures per group; a suggestion between two groups counts in both, so ' +
        'groups need not add up to the total. CO2e under the same factor sets in every group.',
      access: 'analytics.read',
      query: BreakdownQuerySchema,
      answers: { 200: json(BreakdownSchema, 'the groups, keys sorted') },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getBreakdown(deps, caller, q) }),
    },
    {
      method: 'get',
      path: '/indicators/series',
      tag: 'analytics',
      summary: 'Monthly or quarterly counts of suggestions reaching each stage, from the audit events',
      description:
        'Rebuilt from the review transition events only, so past buckets do not change when data is ' +
        'edited later; every bucket of the period is present, empty or not.',
      access: 'analytics.read',
      query: SeriesQuerySchema,
      answers: { 200: json(SeriesSchema, 'the series') },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getSeries(deps, caller, q) }),
    },
    {
      method: 'get',
      path: '/indicators/barriers',
      tag: 'analytics',
      summary: 'Why suggestions were rejected or declined, by reason, with examples; grouped if asked',
      description:
        'The structured reasons recorded when suggestions were rejected or declined, counted by reason, ' +
        'optionally per region, resource kind, industry section or waste chapter. Examples name what was ' +
        'proposed (resource families, distance, regions), never a company.',
      access: 'analytics.read',
      query: BarrierQuerySchema,
      answers: { 200: json(BarrierReportSchema, 'the barriers') },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getBarriers(deps, caller, q) }),
    },
    {
      method: 'get',
      path: '/network',
      tag: 'analytics',
      summary:
        'The symbiosis network of a scope: companies or sites, realised and potential exchanges, metrics',
      description:
        'Nodes are companies (or sites); edges are realised exchanges (implemented, agreed) and potential ' +
        'ones (allocated suggestions still open, scoring at least minScore). Metrics: components, weighted ' +
        'degree, betweenness, seeded Louvain communities, density, hubs, bridges, the realised share and heat ' +
        'clusters. Anonymous listings are anonymised nodes with a coarse location; private ones appear only ' +
        'to facilitators and admins.',
      access: 'analytics.read',
      query: NetworkQuerySchema,
      limit: 'expensive',
      answers: { 200: json(NetworkSchema, 'the network and its metrics') },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getNetwork(deps, caller, q) }),
    },
    {
      method: 'get',
      path: '/exports/network',
      tag: 'analytics',
      summary: 'The network of a scope as GeoJSON, GraphML, GEXF or CSV',
      description:
        'GeoJSON (RFC 7946: sites as points, exchanges as lines, with their properties) for QGIS and web ' +
        'maps; GraphML and GEXF for Gephi; CSV of its nodes or edges. The same confidentiality as ' +
        'GET /network: anonymised nodes carry no identity and only a coarse location.',
      access: 'analytics.read',
      query: NetworkExportQuerySchema,
      limit: 'expensive',
      answers: { 200: file(Object.values(MEDIA_TYPES), 'the file, as an attachment') },
      handle: async ({ caller, query: q }) => fileReply(await exportNetwork(deps, caller, q)),
    },
    {
      method: 'get',
      path: '/exports/indicators',
      tag: 'analytics',
      summary: 'One indicator table of a scope as CSV',
      description:
        'Tables: period, realised, potential, potential-runs, co2e-by-factor-set, excluded, funnel, ' +
        'time-to-implementation, barriers, breakdown-by-<county|municipality|industrySection|' +
        'industryDivision|wasteChapter|kind>, barriers-by-<key>, time-series-month. Cells that a ' +
        'spreadsheet would run as a formula are neutralised.',
      access: 'analytics.read',
      query: TableExportQuerySchema,
      answers: { 200: file([MEDIA_TYPES.csv], 'the table, as an attachment') },
      handle: async ({ caller, query: q }) => fileReply(await exportTable(deps, caller, q)),
    },
    {
      method: 'get',
      path: '/report',
      tag: 'analytics',
      summary: 'The report of a region and period: one self-contained HTML file to read or mail',
      description:
        'The indicator tables (realised and potential apart, CO2e under each factor set), the funnel, ' +
        'charts as inline SVG, a map of the region drawn from the boundaries, the network with a seeded ' +
        'layout and the top opportunities not yet realised. It loads nothing from the network. In English ' +
        'or Norwegian (language=nb). Also `npm run report`.',
      access: 'analytics.read',
      query: ReportQuerySchema,
      limit: 'expensive',
      answers: { 200: file(['text/html'], 'the report') },
      handle: async ({ caller, query: q }) => fileReply(await buildReport(deps, caller, q), 'inline'),
    },
  ]);

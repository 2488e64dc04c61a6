import { z } from 'zod';
import { ENERGY_CARRIERS } from '../../domain/listing-kinds.ts';
import type { Deps } from '../../services/deps.ts';
import { getHeatClusters, HeatClusterQuerySchema } from '../../services/heat-clusters.ts';
import { defineRoutes } from '../route.ts';
import { json } from './reply.ts';

const months = z.array(z.number()).length(12).meta({ description: 'MWh per month, January first' });

const HeatClusterMemberSchema = z.object({
  listingId: z.string(),
  role: z.enum(['source', 'sink']),
  title: z.string(),
  anonymised: z.boolean().meta({ description: 'true: no company, located at its coarse grid point' }),
  companyId: z.string().optional(),
  siteId: z.string().optional(),
  carrier: z.enum(ENERGY_CARRIERS),
  temperatureC: z.number(),
  temperatureAssumed: z.boolean(),
  annualMWh: z.number(),
  networkMWh: z.number().meta({ description: 'heat it gives or receives through the network, MWh/yr' }),
  lat: z.number(),
  lon: z.number(),
});

const HeatClusterSchema = z.object({
  id: z.string().meta({ description: 'stable: hc- and a hash of the sorted member listing ids' }),
  members: z.array(HeatClusterMemberSchema),
  sources: z.number(),
  sinks: z.number(),
  pipes: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      lengthKm: z.number(),
      capacityMW: z.number().meta({ description: 'the peak month’s mean load' }),
      costEur: z.number(),
      monthlyMWh: months,
    }),
  ),
  lengthKm: z.number(),
  capitalEur: z.number(),
  capitalNok: z.number(),
  annualisedEur: z.number(),
  deliveredMWh: z.number(),
  costEurPerMWh: z.number().nullable(),
  withinThreshold: z.boolean(),
  months: z.array(
    z.object({ month: z.number(), supplyMWh: z.number(), demandMWh: z.number(), deliveredMWh: z.number() }),
  ),
  pairwise: z
    .object({ pairs: z.number(), deliveredMWh: z.number(), lengthKm: z.number(), capitalEur: z.number() })
    .meta({ description: 'the linked pairs alone, each on a pipe of its own' }),
  addedMWh: z.number(),
});

export const HeatClustersSchema = z
  .object({
    scope: z.object({ label: z.string(), region: z.string().nullable() }),
    sources: z.number(),
    sinks: z.number(),
    links: z.number(),
    clusters: z.array(HeatClusterSchema),
    assumptions: z.object({
      eurToNok: z.number(),
      annuity: z.number(),
      thresholdEurPerMWh: z.number(),
      dispatch: z.literal('nearest-first'),
      capacity: z.literal('peak monthly mean'),
    }),
  })
  .meta({ id: 'HeatClusters' });

export const heatClusterRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'get',
      path: '/heat-clusters',
      tag: 'analytics',
      summary:
        'Heat clusters of a region: sources and sinks in reach, and the shared network that serves them',
      description:
        'Groups of at least three heat listings linked by pairs the engine accepts (temperatures, heat ' +
        'pump, the reach a pipe pays for), each with a minimum spanning tree of pipes, their capacities ' +
        'and cost (Hotmaps), the heat delivered month by month, and what the pairs alone would deliver. ' +
        'Analysts, facilitators (their regions) and admins; anonymous listings take part at their coarse ' +
        'location without their company, private ones only for facilitators and admins.',
      access: 'analytics.read',
      query: HeatClusterQuerySchema,
      limit: 'expensive',
      answers: { 200: json(HeatClustersSchema, 'the clusters, most delivered heat first') },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getHeatClusters(deps, caller, q) }),
    },
  ]);

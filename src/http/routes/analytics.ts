import { z } from 'zod';
import { FUNNEL_STAGES, getIndicators, IndicatorQuerySchema } from '../../services/analytics.ts';
import type { Deps } from '../../services/deps.ts';
import { defineRoutes } from '../route.ts';
import { json } from './reply.ts';

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
  ]);

import { z } from 'zod';
import { COLD_START_DEFAULTS } from '../../domain/cold-start.ts';
import { HEAT_BANDS } from '../../domain/excess-heat.ts';
import { DIRECTIONS, ENERGY_CARRIERS } from '../../domain/listing-kinds.ts';
import { companyPrompts } from '../../services/cold-start.ts';
import type { Deps } from '../../services/deps.ts';
import { defineRoutes } from '../route.ts';
import { IdParams } from '../schemas.ts';
import { json } from './reply.ts';

const ListingDraftSchema = z
  .object({
    kind: z.enum(['material', 'energy']),
    direction: z.enum(DIRECTIONS),
    title: z
      .string()
      .meta({ description: 'in English; the web app writes its own in the reader’s language' }),
    quantity: z.object({ unit: z.string() }).meta({ description: 'the unit only: the value is the user’s' }),
    material: z
      .object({ wasteCodes: z.array(z.string()).optional(), category: z.string().optional() })
      .optional(),
    energy: z
      .object({
        carrier: z.enum(ENERGY_CARRIERS),
        supplyTemperatureC: z.number().meta({ description: 'the lowest temperature of the band' }),
      })
      .optional(),
  })
  .meta({
    id: 'ListingDraft',
    description:
      'the fields of a ListingInput the prompt fills; add a site and a quantity (and anything else) to register it',
  });

const HeatBandSchema = z
  .enum(HEAT_BANDS)
  .meta({ description: 'Hotmaps’ bands, °C: 100-200, 200-500, above 500' });

const HeatPromptSchema = z
  .object({
    type: z.literal('excess-heat'),
    direction: z.literal('offer'),
    basis: z.object({
      source: z
        .literal('hotmaps')
        .meta({ description: 'the Hotmaps Industrial Database (5,029 European sites)' }),
      division: z.string(),
      subsectors: z
        .array(z.object({ name: z.string(), sites: z.number() }))
        .meta({ description: 'the Hotmaps subsectors that map to the division, with their sites' }),
      sites: z.number(),
      sitesWithExcessHeat: z.number(),
      shareWithExcessHeat: z.number().meta({ description: 'sitesWithExcessHeat / sites, 0..1' }),
      medianGWhPerYear: z.number().meta({ description: 'median excess heat of the sites that have any' }),
      band: HeatBandSchema.meta({ description: 'the band that holds most of the division’s excess heat' }),
      bandShare: z
        .number()
        .meta({ description: 'the part of the division’s excess heat in that band, 0..1' }),
      bands: z.array(
        z.object({
          band: HeatBandSchema,
          sites: z.number(),
          medianGWhPerYear: z.number(),
          totalGWhPerYear: z.number(),
        }),
      ),
    }),
    draft: ListingDraftSchema,
  })
  .meta({ id: 'HeatPrompt' });

const named = { en: z.string(), nb: z.string().nullable() };

const MaterialPromptSchema = z
  .object({
    type: z.literal('material-stream'),
    direction: z.enum(DIRECTIONS),
    by: z.enum(['category', 'waste-code']).meta({ description: 'what the stream is counted by' }),
    category: z.object({ id: z.string(), ...named }).nullable(),
    wasteCode: z
      .object({ code: z.string(), hazardous: z.boolean(), ...named })
      .nullable()
      .meta({ description: 'for a stream counted by code: the code (a need’s may be a 2/4-digit prefix)' }),
    basis: z.object({
      source: z.literal('listings'),
      companies: z.number().meta({ description: 'companies of the division that list the stream' }),
      peers: z.number().meta({
        description: 'companies of the division with material listings of this direction that were counted',
      }),
      minCompanies: z.number().meta({ description: 'streams fewer companies list are never shown' }),
    }),
    draft: ListingDraftSchema,
  })
  .meta({ id: 'MaterialPrompt' });

const CompanyPromptsSchema = z
  .object({
    companyId: z.string(),
    industry: z.string(),
    division: z.object({ code: z.string(), title: z.string(), titleNb: z.string().nullable() }),
    sites: z.number(),
    listings: z
      .number()
      .meta({ description: 'the company’s own listings: prompts are for a company with none' }),
    prompts: z.array(z.discriminatedUnion('type', [HeatPromptSchema, MaterialPromptSchema])),
  })
  .meta({ id: 'CompanyPrompts' });

export const promptRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'get',
      path: '/companies/{id}/prompts',
      tag: 'companies',
      summary:
        '"Companies like you usually have…": listings to start from, by the company’s industry division',
      description:
        'For whoever acts for the company (its business users, facilitators of its regions, admins). ' +
        'Excess heat from the Hotmaps Industrial Database for the division (NACE mapping in ' +
        'src/domain/excess-heat.ts), then the material categories and waste codes the other companies of ' +
        'the division offer and need, counted in companies from the listings a business of this company ' +
        `may see; a stream fewer than ${COLD_START_DEFAULTS.minCompanies} companies list is not shown, and no ` +
        'company or listing is named. Each prompt has its basis and a draft listing.',
      access: 'company.prompts',
      params: IdParams,
      answers: { 200: json(CompanyPromptsSchema, 'the prompts, heat first, then streams by companies') },
      handle: async ({ caller, params }) => ({
        status: 200,
        body: await companyPrompts(deps, caller, params['id']!),
      }),
    },
  ]);

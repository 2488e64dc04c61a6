import { z } from 'zod';
import { text } from '../../domain/fields.ts';
import type { Deps } from '../../services/deps.ts';
import {
  listIndustryCodes,
  listLoadProfiles,
  listMaterialCategories,
  listWasteCodes,
} from '../../services/taxonomy.ts';
import { defineRoutes } from '../route.ts';

export const WasteCodeQuerySchema = z.strictObject({
  prefix: z
    .string()
    .regex(/^\d{1,6}$/, 'must be 1 to 6 digits')
    .optional(),
  q: text(200)
    .optional()
    .meta({ description: 'words that must all appear in the code or its English or bokmål description' }),
});

const nb = (what: string) => ({ description: `${what} in Norwegian bokmål` });

const WasteCodeSchema = z
  .object({
    code: z.string(),
    chapter: z.string().meta({ description: 'the 2-digit chapter' }),
    subchapter: z.string().meta({ description: 'the 4-digit sub-chapter' }),
    description: z.string(),
    descriptionNb: z.string().meta({
      description:
        "the description in bokmål: the project's own rendering, not the official text of avfallsforskriften",
    }),
    hazardous: z.boolean(),
    entryType: z.string(),
  })
  .meta({ id: 'WasteCode' });

const WasteHeadingSchema = z
  .object({
    code: z.string().meta({ description: 'a 2-digit chapter or 4-digit sub-chapter' }),
    title: z.string(),
    titleNb: z.string().meta(nb('the title')),
  })
  .meta({ id: 'WasteHeading' });

const MaterialCategorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameNb: z.string().meta(nb('the name')),
    description: z.string(),
    descriptionNb: z.string().meta(nb('the description')),
    wasteCodePrefixes: z.array(z.string()),
    displaces: z.string().optional(),
  })
  .meta({ id: 'MaterialCategory' });

const IndustryCodeSchema = z
  .object({
    code: z.string(),
    level: z.enum(['section', 'division', 'group', 'class']),
    parent: z.string().nullable(),
    title: z.string(),
    titleNb: z
      .string()
      .optional()
      .meta({ description: 'the SN2007 title in bokmål (sections and divisions)' }),
  })
  .meta({ id: 'IndustryCode' });

const LoadProfileSchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'what a listing names in energy.hourlyProfile, e.g. hotmaps-no:paper' }),
    label: z.string(),
    labelNb: z.string().meta(nb('the label')),
  })
  .meta({ id: 'LoadProfile' });

const list = (description: string, item: z.ZodType = z.unknown()) => ({
  description,
  schema: z.object({ items: z.array(item) }),
});

/** Reference lists served from memory: the same data the validators use; open to everyone. */
export const taxonomyRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'get',
      path: '/taxonomy/waste-codes',
      tag: 'taxonomy',
      summary: 'The European List of Waste',
      access: 'public',
      store: false,
      query: WasteCodeQuerySchema,
      answers: {
        200: {
          description: 'codes, with the titles of their chapters and sub-chapters once each',
          schema: z.object({
            total: z.number(),
            items: z.array(WasteCodeSchema),
            chapters: z.array(WasteHeadingSchema),
            subchapters: z.array(WasteHeadingSchema),
          }),
        },
      },
      handle: ({ query: q }) => {
        const list = listWasteCodes(deps.reference, q);
        return { status: 200, body: { total: list.items.length, ...list } };
      },
    },
    {
      method: 'get',
      path: '/taxonomy/material-categories',
      tag: 'taxonomy',
      summary: 'Material categories and their waste codes',
      access: 'public',
      store: false,
      answers: { 200: list('categories', MaterialCategorySchema) },
      handle: () => ({ status: 200, body: { items: listMaterialCategories(deps.reference) } }),
    },
    {
      method: 'get',
      path: '/taxonomy/substitutions',
      tag: 'taxonomy',
      summary: 'Documented material substitutions',
      access: 'public',
      store: false,
      answers: { 200: list('substitutions') },
      handle: () => ({ status: 200, body: { items: deps.reference.substitutions } }),
    },
    {
      method: 'get',
      path: '/taxonomy/industry-codes',
      tag: 'taxonomy',
      summary: 'Industry classification (ISIC Rev. 4 = NACE/SN2007 divisions)',
      access: 'public',
      store: false,
      answers: { 200: list('codes', IndustryCodeSchema) },
      handle: () => ({ status: 200, body: { items: listIndustryCodes(deps.reference) } }),
    },
    {
      method: 'get',
      path: '/taxonomy/load-profiles',
      tag: 'taxonomy',
      summary: 'Hourly load profiles a listing may name (energy.hourlyProfile)',
      access: 'public',
      store: false,
      answers: { 200: list('profiles', LoadProfileSchema) },
      handle: () => ({ status: 200, body: { items: listLoadProfiles(deps.reference) } }),
    },
    {
      method: 'get',
      path: '/taxonomy/regions',
      tag: 'taxonomy',
      summary: "Norway's counties and municipalities (the codes facilitators are bound to)",
      access: 'public',
      store: false,
      answers: {
        200: {
          description: 'counties and municipalities',
          schema: z.object({
            counties: z.array(z.object({ code: z.string(), name: z.string() })),
            municipalities: z.array(z.object({ code: z.string(), name: z.string(), countyCode: z.string() })),
          }),
        },
      },
      handle: () => ({
        status: 200,
        body: {
          counties: [...deps.regions.counties.values()],
          municipalities: deps.regions.municipalities.map(({ code, name, countyCode }) => ({
            code,
            name,
            countyCode,
          })),
        },
      }),
    },
  ]);

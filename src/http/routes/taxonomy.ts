import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { defineRoutes } from '../route.ts';

export const WasteCodeQuerySchema = z.strictObject({
  prefix: z
    .string()
    .regex(/^\d{1,6}$/, 'must be 1 to 6 digits')
    .optional(),
});

const list = (description: string) => ({ description, schema: z.object({ items: z.array(z.unknown()) }) });

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
        200: { description: 'codes', schema: z.object({ total: z.number(), items: z.array(z.unknown()) }) },
      },
      handle: ({ query: q }) => {
        const items = [...deps.reference.wasteCodes.values()].filter(
          (w) => !q.prefix || w.code.startsWith(q.prefix),
        );
        return { status: 200, body: { total: items.length, items } };
      },
    },
    {
      method: 'get',
      path: '/taxonomy/material-categories',
      tag: 'taxonomy',
      summary: 'Material categories and their waste codes',
      access: 'public',
      store: false,
      answers: { 200: list('categories') },
      handle: () => ({ status: 200, body: { items: [...deps.reference.materialCategories.values()] } }),
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
      answers: { 200: list('codes') },
      handle: () => ({ status: 200, body: { items: [...deps.reference.industry.values()] } }),
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

import { z } from 'zod';
import { RefSchema } from './company.ts';
import { optionalText, text } from './fields.ts';
import { withoutDefaults } from './patch.ts';

export const SiteInputSchema = z
  .strictObject({
    ref: RefSchema.optional(),
    name: text(200).optional(),
    lat: z.number().min(-90).max(90).meta({ description: 'WGS84 latitude in degrees' }),
    lon: z.number().min(-180).max(180).meta({ description: 'WGS84 longitude in degrees' }),
    address: optionalText(300).optional(),
    municipality: optionalText(100).optional(),
  })
  .meta({ id: 'SiteInput' });
export type SiteInput = z.input<typeof SiteInputSchema>;

/** A partial update: only the fields named change; the merged site is revalidated whole. */
export const SitePatchSchema = z
  .strictObject(withoutDefaults(SiteInputSchema.shape))
  .partial()
  .meta({ id: 'SitePatch' });
export type SitePatch = z.output<typeof SitePatchSchema>;

export const SiteSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    ref: z.string().optional(),
    name: z.string().optional(),
    lat: z.number(),
    lon: z.number(),
    address: z.string().optional(),
    municipality: z.string().optional(),
    municipalityCode: z
      .string()
      .optional()
      .meta({ description: 'municipality number found from the coordinates (absent abroad)' }),
    countyCode: z.string().optional().meta({ description: 'county number found from the coordinates' }),
    municipalityCheck: z
      .object({
        typed: z.string(),
        found: z.object({ code: z.string(), name: z.string() }).nullable(),
        agrees: z.boolean(),
        message: z.string(),
      })
      .optional()
      .meta({
        description:
          'the typed municipality against the one the coordinates lie in (present when one was typed); the region codes always follow the coordinates',
      }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().meta({ description: 'increases with every change; send it back in If-Match' }),
  })
  .meta({ id: 'Site' });
export type Site = z.infer<typeof SiteSchema>;

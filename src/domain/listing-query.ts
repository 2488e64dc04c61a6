import { z } from 'zod';
import { refineCircle } from './circle.ts';
import { queryNumber, text } from './fields.ts';
import { DIRECTIONS, LISTING_KINDS } from './listing-kinds.ts';

export const PaginationSchema = z.strictObject({
  limit: queryNumber(z.number().int().min(1).max(500)).default(50),
  offset: queryNumber(z.number().int().min(0).max(1_000_000)).default(0),
});

export const ListingQuerySchema = PaginationSchema.extend({
  kind: z.enum(LISTING_KINDS).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  companyId: z.string().max(100).optional(),
  siteId: z.string().max(100).optional(),
  code: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'must be a List of Waste code or a 2/4-digit prefix')
    .optional()
    .meta({ description: 'offers with a code under this prefix, and needs that accept it' }),
  lat: queryNumber(z.number().min(-90).max(90)).optional(),
  lon: queryNumber(z.number().min(-180).max(180)).optional(),
  radiusKm: queryNumber(z.number().positive().max(3000)).optional(),
  q: text(200).optional().meta({ description: 'words in the title or description' }),
})
  .superRefine(refineCircle)
  .meta({ id: 'ListingQuery' });
export type ListingQuery = z.output<typeof ListingQuerySchema>;

/** Lucene special characters are escaped so user text never breaks the full-text query. */
export function toFulltextQuery(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`))
    .map((w) => `${w}*`)
    .join(' AND ');
}

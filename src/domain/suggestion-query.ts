import { z } from 'zod';
import { refineCircle } from './circle.ts';
import { queryNumber, text } from './fields.ts';
import { LISTING_KINDS } from './listing-kinds.ts';
import { PaginationSchema } from './listing-query.ts';

/** `count=true` asks for the exact total as well: it reads every matching row, so only when asked. */
const CountSchema = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .meta({ description: 'also return `total`, the exact number of matching suggestions (reads them all)' });

/** A page of a listing's or a company's suggestions, best first (`limit` at most 500). */
export const SuggestionPageQuerySchema = PaginationSchema.extend({ count: CountSchema }).meta({
  id: 'SuggestionPageQuery',
});
export type SuggestionPageQuery = z.output<typeof SuggestionPageQuerySchema>;

export const SuggestionQuerySchema = PaginationSchema.extend({
  kind: z.enum(LISTING_KINDS).optional(),
  minScore: queryNumber(z.number().min(0).max(1)).optional(),
  minCo2eT: queryNumber(z.number()).optional().meta({ description: 'minimum CO2e avoided, tonnes per year' }),
  runId: z
    .string()
    .max(100)
    .optional()
    .meta({
      description:
        'only suggestions whose published values this match run computed (created, changed or re-allocated ' +
        'by it); a suggestion a later run found unchanged keeps the run that computed it',
    }),
  municipality: text(100).optional().meta({ description: 'either site in this municipality' }),
  lat: queryNumber(z.number().min(-90).max(90)).optional(),
  lon: queryNumber(z.number().min(-180).max(180)).optional(),
  radiusKm: queryNumber(z.number().positive().max(3000)).optional(),
  count: CountSchema,
})
  .superRefine(refineCircle)
  .meta({ id: 'SuggestionQuery' });
export type SuggestionQuery = z.output<typeof SuggestionQuerySchema>;

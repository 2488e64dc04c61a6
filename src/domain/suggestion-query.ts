import { z } from 'zod';
import { refineCircle } from './circle.ts';
import { LISTING_KINDS } from './listing-kinds.ts';
import { PaginationSchema } from './listing-query.ts';

export const SuggestionQuerySchema = PaginationSchema.extend({
  kind: z.enum(LISTING_KINDS).optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
  minCo2eT: z.coerce.number().optional().meta({ description: 'minimum CO2e avoided, tonnes per year' }),
  runId: z.string().max(100).optional().meta({ description: 'only suggestions produced by this match run' }),
  municipality: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'either site in this municipality' }),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  radiusKm: z.coerce.number().positive().max(3000).optional(),
})
  .superRefine(refineCircle)
  .meta({ id: 'SuggestionQuery' });
export type SuggestionQuery = z.output<typeof SuggestionQuerySchema>;

/** Answer schemas shared by the route table and the OpenAPI document. */
import { z } from 'zod';
import { CompanySchema } from '../domain/company.ts';
import { ListingSchema } from '../domain/listing.ts';
import { REVIEW_STATES } from '../domain/review.ts';
import { StoredSuggestionSchema } from '../domain/suggestion.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

export const VisibleListingSchema = ListingSchema.extend({
  companyId: z.string().optional().meta({ description: 'absent when the listing is anonymised for you' }),
  siteId: z.string().optional(),
  lat: z.number().meta({ description: 'exact, or rounded to 0.1° when the listing is anonymised for you' }),
  lon: z.number(),
  anonymised: z.boolean(),
}).meta({ id: 'VisibleListing' });

export const VisibleSuggestionSchema = StoredSuggestionSchema.omit({
  pairKey: true,
  offerId: true,
  needId: true,
})
  .extend({
    offer: VisibleListingSchema,
    need: VisibleListingSchema,
    processor: z.object({ need: VisibleListingSchema, offer: VisibleListingSchema }).optional().meta({
      description: "a chain's processor: the need it takes the offer by, the offer it gives the need by",
    }),
    reviewState: z.enum(REVIEW_STATES).meta({
      description:
        'where people have taken it (GET /suggestions/{id} has the whole review); suggested until someone acts',
    }),
  })
  .meta({ id: 'Suggestion' });

export const ListingWithSuggestionsSchema = VisibleListingSchema.extend({
  suggestions: z.array(VisibleSuggestionSchema),
}).meta({ id: 'ListingWithSuggestions' });

export const DirectoryCompanySchema = CompanySchema.pick({
  id: true,
  name: true,
  orgNumber: true,
  country: true,
  industry: true,
  industryDivision: true,
})
  .extend({ directory: z.literal(true) })
  .meta({
    id: 'DirectoryCompany',
    description: 'a company you do not act for: who it is, not how to reach it',
  });

export const CompanyOrDirectorySchema = z.union([CompanySchema, DirectoryCompanySchema]);

export const MeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['business', 'facilitator', 'analyst', 'admin']),
    companies: z.array(z.object({ id: z.string(), name: z.string() })),
    regions: z.union([z.literal('all'), z.array(z.object({ code: z.string(), name: z.string() }))]),
    tokenExpiresAt: z.string(),
  })
  .meta({ id: 'Me' });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    limit: z.number(),
    offset: z.number(),
    hasMore: z.boolean().meta({ description: 'whether a next page exists' }),
    total: z.number().optional().meta({ description: 'only with count=true' }),
  });

export const IdParams = z.object({ id: z.string().max(200) });

export const CountQuery = {
  count: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'also count every match (slower on large data); default false' }),
};

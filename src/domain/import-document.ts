/**
 * The public interchange format for bulk import (JSON; CSV maps onto the same rows).
 * Field names are a public contract: add optional fields, never rename.
 *
 *   { "companies": [{ "ref", "name", "orgNumber"?, "industry", "sites": [{ "ref", "lat", "lon", ... }] }],
 *     "listings":  [{ "ref", "site", "direction", "kind", "title", "quantity": { "value", "unit" }, ... }] }
 *
 * Rows are validated one by one so that every bad row is reported and the good ones still load.
 */
import { z } from 'zod';
import { CompanyFieldsSchema, RefSchema, refineCompany } from './company.ts';
import { ListingBaseSchema, refineListing } from './listing.ts';
import { SiteInputSchema } from './site.ts';

export const ImportSiteSchema = SiteInputSchema.extend({ ref: RefSchema }).meta({ id: 'ImportSite' });

export const ImportCompanySchema = CompanyFieldsSchema.extend({
  ref: RefSchema,
  sites: z.array(ImportSiteSchema).max(500).default([]),
})
  .superRefine(refineCompany)
  .meta({ id: 'ImportCompany' });
export type ImportCompany = z.output<typeof ImportCompanySchema>;

export const ImportListingSchema = ListingBaseSchema.omit({ siteId: true })
  .extend({
    ref: RefSchema,
    site: RefSchema.meta({ description: 'ref of a site in this document or already stored' }),
    company: RefSchema.optional().meta({
      description: "ref of the site's company, when several companies you act for use the same site ref",
    }),
  })
  .superRefine(refineListing)
  .meta({ id: 'ImportListing' });
export type ImportListing = z.output<typeof ImportListingSchema>;

/** For evaluation case files: an exchange known to exist between two companies of the document. */
export const ExpectedExchangeSchema = z
  .strictObject({
    from: RefSchema,
    to: RefSchema,
    resource: z.string().min(1).max(300),
  })
  .meta({ id: 'ExpectedExchange' });

/** The envelope is checked first; rows inside it are checked one at a time by the importer. */
export const ImportEnvelopeSchema = z
  .looseObject({
    companies: z.array(z.unknown()).max(100_000).default([]),
    listings: z.array(z.unknown()).max(500_000).default([]),
    expected: z.array(ExpectedExchangeSchema).optional(),
  })
  .meta({ id: 'ImportDocument' });

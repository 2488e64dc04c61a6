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

/**
 * For evaluation case files: an exchange known to exist between two companies of the document,
 * and, when known, the stream: the offer listing of `from` and the need listing of `to`.
 */
export const ExpectedExchangeSchema = z
  .strictObject({
    from: RefSchema,
    to: RefSchema,
    resource: z.string().min(1).max(300),
    offer: RefSchema.optional().meta({ description: 'ref of the offer listing of `from` that serves it' }),
    need: RefSchema.optional().meta({ description: 'ref of the need listing of `to` it serves' }),
  })
  .meta({ id: 'ExpectedExchange' });
export type ExpectedExchange = z.output<typeof ExpectedExchangeSchema>;

/** The envelope is checked first; rows inside it are checked one at a time by the importer. */
export const ImportEnvelopeSchema = z
  .looseObject({
    companies: z.array(z.unknown()).max(100_000).default([]),
    listings: z.array(z.unknown()).max(500_000).default([]),
    expected: z.array(ExpectedExchangeSchema).optional(),
  })
  .meta({ id: 'ImportDocument' });

/** What the checks of expected exchanges read of a listing of the document. */
export interface DocumentListing {
  /** Ref of the listing's company. */
  company: string;
  direction: 'offer' | 'need';
}

/**
 * Where an expected exchange disagrees with its document: `from` and `to` are companies of it,
 * `offer` an offer of `from`, `need` a need of `to`, and a stream names both or neither.
 */
export function expectedExchangeProblems(
  e: ExpectedExchange,
  companies: ReadonlySet<string>,
  listings: ReadonlyMap<string, DocumentListing>,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const side of ['from', 'to'] as const) {
    if (!companies.has(e[side])) {
      problems.push({ path: side, message: `no company with ref '${e[side]}' in this document` });
    }
  }
  if ((e.offer === undefined) !== (e.need === undefined)) {
    problems.push({
      path: e.offer === undefined ? 'offer' : 'need',
      message: 'a stream names both its offer and its need',
    });
  }
  const sides = [
    { path: 'offer', ref: e.offer, direction: 'offer', company: e.from, of: 'from' },
    { path: 'need', ref: e.need, direction: 'need', company: e.to, of: 'to' },
  ] as const;
  for (const { path, ref, direction, company, of } of sides) {
    if (ref === undefined) continue;
    const listing = listings.get(ref);
    if (!listing) problems.push({ path, message: `no listing with ref '${ref}' in this document` });
    else if (listing.direction !== direction) {
      problems.push({
        path,
        message: `listing '${ref}' is ${listing.direction === 'offer' ? 'an' : 'a'} ${listing.direction}, not ${direction === 'offer' ? 'an' : 'a'} ${direction}`,
      });
    } else if (listing.company !== company) {
      problems.push({
        path,
        message: `listing '${ref}' belongs to '${listing.company}', not to '${company}' (${of})`,
      });
    }
  }
  return problems;
}

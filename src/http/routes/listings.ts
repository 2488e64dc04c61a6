import { ListingInputSchema, ListingPatchSchema } from '../../domain/listing.ts';
import { ListingQuerySchema } from '../../domain/listing-query.ts';
import type { Deps } from '../../services/deps.ts';
import {
  createListing,
  deleteListing,
  getListing,
  listListings,
  updateListing,
} from '../../services/listings.ts';
import { defineRoutes } from '../route.ts';
import {
  CountQuery,
  ErrorSchema,
  IdParams,
  ListingWithSuggestionsSchema,
  page,
  VisibleListingSchema,
} from '../schemas.ts';
import { etagOf, json } from './reply.ts';

const ListingListQuerySchema = ListingQuerySchema.safeExtend(CountQuery);

export const listingRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'post',
      path: '/listings',
      tag: 'listings',
      summary:
        'Register a surplus (offer) or a need at a site you act for; the answer carries its suggestions',
      access: 'listing.change',
      body: ListingInputSchema,
      limit: 'write',
      answers: {
        201: json(ListingWithSuggestionsSchema, 'created'),
        409: json(ErrorSchema, 'the company already has a listing with this ref'),
      },
      handle: async ({ caller, body }) => {
        const listing = await createListing(deps, caller, body);
        return {
          status: 201,
          body: listing,
          headers: { location: `/listings/${listing.id}`, ...etagOf(listing) },
        };
      },
    },
    {
      method: 'get',
      path: '/listings',
      tag: 'listings',
      summary:
        'Listings you may see, filtered (kind, direction, company, site, code or prefix, radius, text)',
      description:
        'Without a token: public listings only. Listings you may not identify are shown anonymised ' +
        '(no company, site or ref; location rounded to 0.1°), and the radius is measured from there.',
      access: 'public',
      query: ListingListQuerySchema,
      answers: { 200: json(page(VisibleListingSchema), 'a page of listings') },
      handle: async ({ caller, query: q }) => ({
        status: 200,
        body: await listListings(deps, caller, { ...q, count: q.count === 'true' }),
      }),
    },
    {
      method: 'get',
      path: '/listings/{id}',
      tag: 'listings',
      summary: 'Read a listing',
      access: 'public',
      params: IdParams,
      versioned: 'read',
      answers: { 200: json(VisibleListingSchema, 'the listing') },
      handle: async ({ caller, params }) => {
        const listing = await getListing(deps, caller, params['id']!);
        return { status: 200, body: listing, headers: etagOf(listing) };
      },
    },
    {
      method: 'patch',
      path: '/listings/{id}',
      tag: 'listings',
      summary:
        'Change a listing: the fields named replace the stored ones (a kind block whole); kind is fixed',
      access: 'listing.change',
      params: IdParams,
      body: ListingPatchSchema,
      versioned: 'write',
      limit: 'write',
      answers: {
        200: json(ListingWithSuggestionsSchema, 'changed'),
        409: json(ErrorSchema, 'the ref is taken, or others keep changing it'),
      },
      handle: async ({ caller, params, body, ifMatch }) => {
        const listing = await updateListing(deps, caller, params['id']!, body, ifMatch);
        return { status: 200, body: listing, headers: etagOf(listing) };
      },
    },
    {
      method: 'delete',
      path: '/listings/{id}',
      tag: 'listings',
      summary: 'Delete a listing',
      access: 'listing.change',
      params: IdParams,
      versioned: 'write',
      limit: 'write',
      answers: { 204: { description: 'deleted' } },
      handle: async ({ caller, params, ifMatch }) => {
        await deleteListing(deps, caller, params['id']!, ifMatch);
        return { status: 204 };
      },
    },
  ]);

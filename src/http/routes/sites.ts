import { PaginationSchema } from '../../domain/listing-query.ts';
import { SiteInputSchema, SitePatchSchema, SiteSchema } from '../../domain/site.ts';
import type { Deps } from '../../services/deps.ts';
import { createSite, deleteSite, getSite, listSites, updateSite } from '../../services/sites.ts';
import { defineRoutes } from '../route.ts';
import { ErrorSchema, IdParams, page } from '../schemas.ts';
import { CascadeQuerySchema } from './companies.ts';
import { etagOf, json } from './reply.ts';

export const siteRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'post',
      path: '/companies/{id}/sites',
      tag: 'sites',
      summary: 'Add a site to a company you act for (its municipality and county come from its coordinates)',
      access: 'site.change',
      params: IdParams,
      body: SiteInputSchema,
      limit: 'write',
      answers: {
        201: json(SiteSchema, 'created'),
        409: json(ErrorSchema, 'the company already has a site with this ref'),
      },
      handle: async ({ caller, params, body }) => {
        const site = await createSite(deps, caller, params['id']!, body);
        return { status: 201, body: site, headers: { location: `/sites/${site.id}`, ...etagOf(site) } };
      },
    },
    {
      method: 'get',
      path: '/companies/{id}/sites',
      tag: 'sites',
      summary: "A company's sites (of companies you do not act for, those a public listing shows)",
      access: 'read',
      params: IdParams,
      query: PaginationSchema,
      answers: { 200: json(page(SiteSchema), 'a page of sites') },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: { ...(await listSites(deps, caller, params['id']!, q)), limit: q.limit, offset: q.offset },
      }),
    },
    {
      method: 'get',
      path: '/sites/{id}',
      tag: 'sites',
      summary: 'Read a site',
      access: 'read',
      params: IdParams,
      versioned: 'read',
      answers: { 200: json(SiteSchema, 'the site') },
      handle: async ({ caller, params }) => {
        const site = await getSite(deps, caller, params['id']!);
        return { status: 200, body: site, headers: etagOf(site) };
      },
    },
    {
      method: 'patch',
      path: '/sites/{id}',
      tag: 'sites',
      summary: 'Change a site: the fields named replace the stored ones; it never changes company',
      access: 'site.change',
      params: IdParams,
      body: SitePatchSchema,
      versioned: 'write',
      limit: 'write',
      answers: {
        200: json(SiteSchema, 'changed'),
        409: json(ErrorSchema, 'the ref is taken, or others keep changing it'),
      },
      handle: async ({ caller, params, body, ifMatch }) => {
        const site = await updateSite(deps, caller, params['id']!, body, ifMatch);
        return { status: 200, body: site, headers: etagOf(site) };
      },
    },
    {
      method: 'delete',
      path: '/sites/{id}',
      tag: 'sites',
      summary: 'Delete a site (cascade=true, for facilitators and admins, also its listings)',
      access: 'site.change',
      params: IdParams,
      query: CascadeQuerySchema,
      versioned: 'write',
      limit: 'write',
      answers: {
        204: { description: 'deleted' },
        409: json(ErrorSchema, 'it has listings and cascade was not asked for'),
      },
      handle: async ({ caller, params, query: q, ifMatch }) => {
        await deleteSite(deps, caller, params['id']!, q.cascade === 'true', ifMatch);
        return { status: 204 };
      },
    },
  ]);

import { z } from 'zod';
import { CompanyInputSchema, CompanyPatchSchema, CompanySchema } from '../../domain/company.ts';
import { text } from '../../domain/fields.ts';
import { PaginationSchema } from '../../domain/listing-query.ts';
import {
  createCompany,
  deleteCompany,
  getCompany,
  listCompanies,
  updateCompany,
} from '../../services/companies.ts';
import type { Deps } from '../../services/deps.ts';
import { defineRoutes } from '../route.ts';
import { CompanyOrDirectorySchema, CountQuery, ErrorSchema, IdParams, page } from '../schemas.ts';
import { etagOf, json } from './reply.ts';

export const CompanyQuerySchema = PaginationSchema.extend({
  q: text(200).optional().meta({ description: 'part of the name, or an org number' }),
  ...CountQuery,
});
export const CascadeQuerySchema = z.strictObject({
  cascade: z.enum(['true', 'false']).default('false').meta({ description: 'also delete what belongs to it' }),
});

export const companyRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'post',
      path: '/companies',
      tag: 'companies',
      summary: 'Register a company (a business then acts for it)',
      access: 'company.create',
      body: CompanyInputSchema,
      limit: 'write',
      answers: {
        201: json(CompanySchema, 'created'),
        409: json(ErrorSchema, 'the org number is registered, or you already use this ref'),
      },
      handle: async ({ caller, body }) => {
        const company = await createCompany(deps, caller, body);
        return {
          status: 201,
          body: company,
          headers: { location: `/companies/${company.id}`, ...etagOf(company) },
        };
      },
    },
    {
      method: 'get',
      path: '/companies',
      tag: 'companies',
      summary: 'Companies you may see: your own in full, others as directory entries',
      access: 'read',
      query: CompanyQuerySchema,
      answers: { 200: json(page(CompanyOrDirectorySchema), 'a page of companies') },
      handle: async ({ caller, query: q }) => ({
        status: 200,
        body: {
          ...(await listCompanies(deps, caller, {
            q: q.q ?? null,
            offset: q.offset,
            limit: q.limit,
            count: q.count === 'true',
          })),
          limit: q.limit,
          offset: q.offset,
        },
      }),
    },
    {
      method: 'get',
      path: '/companies/{id}',
      tag: 'companies',
      summary: 'Read a company (contact details only for those who act for it)',
      access: 'read',
      params: IdParams,
      versioned: 'read',
      answers: { 200: json(CompanyOrDirectorySchema, 'the company') },
      handle: async ({ caller, params }) => {
        const company = await getCompany(deps, caller, params['id']!);
        return { status: 200, body: company, headers: etagOf(company) };
      },
    },
    {
      method: 'patch',
      path: '/companies/{id}',
      tag: 'companies',
      summary: 'Change a company: the fields named replace the stored ones, nothing else changes',
      access: 'company.change',
      params: IdParams,
      body: CompanyPatchSchema,
      versioned: 'write',
      limit: 'write',
      answers: {
        200: json(CompanySchema, 'changed'),
        409: json(ErrorSchema, 'the org number or ref is taken, or others keep changing it'),
      },
      handle: async ({ caller, params, body, ifMatch }) => {
        const company = await updateCompany(deps, caller, params['id']!, body, ifMatch);
        return { status: 200, body: company, headers: etagOf(company) };
      },
    },
    {
      method: 'delete',
      path: '/companies/{id}',
      tag: 'companies',
      summary: 'Delete a company (cascade=true, for facilitators and admins, also its sites and listings)',
      access: 'company.change',
      params: IdParams,
      query: CascadeQuerySchema,
      versioned: 'write',
      limit: 'write',
      answers: {
        204: { description: 'deleted' },
        409: json(ErrorSchema, 'it has sites or listings and cascade was not asked for'),
      },
      handle: async ({ caller, params, query: q, ifMatch }) => {
        await deleteCompany(deps, caller, params['id']!, q.cascade === 'true', ifMatch);
        return { status: 204 };
      },
    },
  ]);

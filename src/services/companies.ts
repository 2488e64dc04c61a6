import { type Company, CompanyInputSchema, CompanyPatchSchema } from '../domain/company.ts';
import { idFromRef, newId } from '../domain/ids.ts';
import { checkIndustryCode } from '../domain/industry-code.ts';
import { mergePatch } from '../domain/patch.ts';
import { industryDivision, type ReferenceData } from '../domain/reference.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { conflict, type ErrorDetail, notFound, validationError } from '../errors.ts';
import {
  companiesByOrgNumbers,
  companyCounts,
  deleteCompany as deleteCompanyRow,
  getCompany as getCompanyRow,
  listCompanies as listCompanyRows,
  upsertCompanies,
} from '../store/company-store.ts';
import { contentHash } from '../store/content-hash.ts';
import type { Deps } from './deps.ts';

export function checkIndustry(code: string, ref: ReferenceData, path = 'industry'): ErrorDetail[] {
  return checkIndustryCode(code, ref, path);
}

function validateCompany(body: unknown, ref: ReferenceData) {
  const data = parseOrThrow(CompanyInputSchema, body, 'company');
  const problems = checkIndustry(data.industry, ref);
  if (problems.length) throw validationError('company is not valid', problems);
  return data;
}

export async function createCompany(deps: Deps, body: unknown): Promise<Company> {
  const data = validateCompany(body, deps.reference);
  const now = deps.now().toISOString();
  const company: Company = {
    ...data,
    id: data.ref ? idFromRef('co', data.ref) : newId('co'),
    industryDivision: industryDivision(data.industry),
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.write(async (tx) => {
    await assertOrgNumberFree(tx, company);
    await upsertCompanies(tx, [company]);
  });
  return company;
}

async function assertOrgNumberFree(tx: Parameters<typeof companiesByOrgNumbers>[0], company: Company) {
  if (!company.orgNumber) return;
  const holder = (await companiesByOrgNumbers(tx, [company.orgNumber])).get(company.orgNumber);
  if (holder && holder.id !== company.id) {
    throw conflict(`organisation number ${company.orgNumber} is already registered`, [
      { path: 'orgNumber', message: `already registered to company ${holder.id}` },
    ]);
  }
}

export async function getCompany(deps: Deps, id: string): Promise<Company> {
  const company = await getCompanyRow(deps.store, id);
  if (!company) throw notFound('company', id);
  return company;
}

export function listCompanies(deps: Deps, filter: { q: string | null; offset: number; limit: number }) {
  return listCompanyRows(deps.store, filter);
}

/** PATCH semantics: the given fields replace the stored ones, then the whole company is revalidated. */
export async function updateCompany(deps: Deps, id: string, patch: unknown): Promise<Company> {
  const current = await getCompany(deps, id);
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw validationError('company update is not valid', [
      { path: '(body)', message: 'must be a JSON object' },
    ]);
  }
  const { id: _i, createdAt: _c, updatedAt: _u, industryDivision: _d, ...editable } = current;
  const named = parseOrThrow(CompanyPatchSchema, patch, 'company update');
  const data = validateCompany(mergePatch(editable, named), deps.reference);
  const updated: Company = {
    ...data,
    id,
    industryDivision: industryDivision(data.industry),
    createdAt: current.createdAt,
    updatedAt: deps.now().toISOString(),
  };
  if (contentHash(updated) === contentHash(current)) return current;
  await deps.store.write(async (tx) => {
    await assertOrgNumberFree(tx, updated);
    await upsertCompanies(tx, [updated]);
  });
  return updated;
}

/** Deleting a company that still has sites or listings needs `cascade`, so nothing goes by accident. */
export async function deleteCompany(deps: Deps, id: string, cascade: boolean): Promise<void> {
  await getCompany(deps, id);
  const counts = await companyCounts(deps.store, id);
  if (!cascade && (counts.sites > 0 || counts.listings > 0)) {
    throw conflict(`company ${id} still has ${counts.sites} site(s) and ${counts.listings} listing(s)`, [
      { path: 'cascade', message: 'pass cascade=true to delete the company with its sites and listings' },
    ]);
  }
  await deleteCompanyRow(deps.store, id);
}

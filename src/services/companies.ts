/**
 * Companies: registered by businesses (who then act for them), facilitators and admins; read as
 * the access policy allows; changed by whoever acts for them; deleted with what belongs to them
 * only by facilitators and admins.
 */
import { companyAccess, mayChange, roleMay } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { type Company, CompanyInputSchema, CompanyPatchSchema } from '../domain/company.ts';
import { newId } from '../domain/ids.ts';
import { checkIndustryCode } from '../domain/industry-code.ts';
import { mergePatch } from '../domain/patch.ts';
import { presentCompany } from '../domain/presentation.ts';
import { industryDivision, type ReferenceData } from '../domain/reference.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, conflict, type ErrorDetail, notFound, validationError } from '../errors.ts';
import {
  type CompanyRecord,
  companiesByOrgNumbers,
  companyCounts,
  companyIdsByRef,
  createCompany as createCompanyRow,
  deleteCompany as deleteCompanyRow,
  getCompany as getCompanyRow,
  listCompanies as listCompanyRows,
  refTaken,
  type StoredCompany,
  updateCompany as updateCompanyRow,
} from '../store/company-store.ts';
import { contentHash } from '../store/content-hash.ts';
import type { ManagedTransaction } from '../store/driver.ts';
import { addCompanyToUser, dropCompanyFromUsers } from '../store/user-store.ts';
import { actingAs, enforce, requireRole, staleVersion } from './authorize.ts';
import type { Deps } from './deps.ts';
import { forgetCaller } from './users.ts';

/** Attempts of a read-merge-write before a change without If-Match gives up (each sees the latest). */
export const WRITE_ATTEMPTS = 8;

/** A short random wait before the next attempt, growing with each, so racing writers spread out. */
export const backOff = (attempt: number): Promise<void> =>
  attempt === 0
    ? Promise.resolve()
    : new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt));

export function checkIndustry(code: string, ref: ReferenceData, path = 'industry'): ErrorDetail[] {
  return checkIndustryCode(code, ref, path);
}

function validateCompany(body: unknown, ref: ReferenceData) {
  const data = parseOrThrow(CompanyInputSchema, body, 'company');
  const problems = checkIndustry(data.industry, ref);
  if (problems.length) throw validationError('company is not valid', problems);
  return data;
}

/** Whose namespace a company's ref lives in: the registering business user's, or the staff registry. */
export const refScopeOf = (caller: Caller): string =>
  caller.kind === 'user' && caller.role === 'business' ? `user:${caller.userId}` : 'registry';

export type CompanyOut = NonNullable<ReturnType<typeof presentCompany>>;

export async function createCompany(deps: Deps, caller: Caller, body: unknown): Promise<CompanyOut> {
  requireRole(caller, 'company.create', 'register companies');
  const data = validateCompany(body, deps.reference);
  const now = deps.now().toISOString();
  const company: StoredCompany = {
    ...data,
    id: newId('co'),
    refScope: refScopeOf(caller),
    industryDivision: industryDivision(data.industry),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.store.write(async (tx) => {
    await assertKeysFree(tx, company);
    await createCompanyRow(tx, company);
    if (caller.kind === 'user' && caller.role === 'business')
      await addCompanyToUser(tx, caller.userId, company.id);
  });
  if (caller.kind === 'user') forgetCaller(caller.userId);
  const { refScope: _s, ...out } = company;
  return out;
}

/** The org number is one company's; a ref is unique in its namespace. Neither names the holder. */
async function assertKeysFree(tx: ManagedTransaction, company: StoredCompany) {
  if (company.orgNumber) {
    const holder = (await companiesByOrgNumbers(tx, [company.orgNumber])).get(company.orgNumber);
    if (holder && holder.id !== company.id) {
      throw conflict(`organisation number ${company.orgNumber} is already registered`, [
        { path: 'orgNumber', message: 'is registered to another company; ask a facilitator if it is yours' },
      ]);
    }
  }
  if (company.ref && (await refTaken(tx, company.refScope, company.ref, company.id))) {
    throw conflict(`you already have a company with ref '${company.ref}'`, [
      { path: 'ref', message: 'is already used by another of your companies' },
    ]);
  }
}

async function readVisible(
  deps: Deps,
  caller: Caller,
  id: string,
): Promise<CompanyRecord & { out: CompanyOut }> {
  const record = await getCompanyRow(deps.store, id);
  const out = record ? presentCompany(caller, record.company, record.facts) : null;
  if (!record || !out) {
    if (caller.kind === 'public') throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
    throw notFound('company', id);
  }
  return { ...record, out };
}

export async function getCompany(deps: Deps, caller: Caller, id: string): Promise<CompanyOut> {
  requireRole(caller, 'read', 'read companies');
  return (await readVisible(deps, caller, id)).out;
}

type CompanyFilter = { q: string | null; offset: number; limit: number; count: boolean };
type CompanyPage = { items: CompanyOut[]; total?: number; hasMore: boolean };

/** A page of the companies the caller may see; identical pages asked at once share one read. */
export function listCompanies(deps: Deps, caller: Caller, filter: CompanyFilter): Promise<CompanyPage> {
  requireRole(caller, 'read', 'list companies');
  const scope = caller.kind === 'user' ? { ...companyAccess(caller), userId: caller.userId } : null;
  return deps.reads.get(`companies|${JSON.stringify(scope)}|${JSON.stringify(filter)}`, () =>
    readCompanyPage(deps, caller, filter),
  );
}

async function readCompanyPage(deps: Deps, caller: Caller, filter: CompanyFilter): Promise<CompanyPage> {
  const page = await listCompanyRows(deps.store, {
    ...filter,
    limit: filter.limit + 1,
    companyAccess: companyAccess(caller),
  });
  const items = page.items
    .slice(0, filter.limit)
    .map((r) => presentCompany(caller, r.company, r.facts))
    .filter((c): c is CompanyOut => c !== null);
  return {
    items,
    hasMore: page.items.length > filter.limit,
    ...(page.total !== undefined ? { total: page.total } : {}),
  };
}

/** PATCH: the named fields replace the stored ones, the whole company is revalidated, versions guard it. */
export async function updateCompany(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
  ifMatch: number | null,
): Promise<CompanyOut> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    await backOff(attempt);
    const current = await readVisible(deps, caller, id);
    enforce(mayChange(caller, 'company.change', current.facts, true), 'company', id);
    if (ifMatch !== null && current.company.version !== ifMatch)
      throw staleVersion('company', id, current.company.version);
    const patch = parseOrThrow(CompanyPatchSchema, body, 'company update');
    const {
      id: _i,
      createdAt,
      updatedAt: _u,
      industryDivision: _d,
      version,
      refScope,
      ...editable
    } = current.company;
    const data = validateCompany(mergePatch(editable, patch), deps.reference);
    const updated: StoredCompany = {
      ...data,
      id,
      refScope,
      industryDivision: industryDivision(data.industry),
      createdAt,
      updatedAt: deps.now().toISOString(),
      version: version + 1,
    };
    if (contentHash(updated) === contentHash(current.company)) return current.out;
    const written = await deps.store.write(async (tx) => {
      await assertKeysFree(tx, updated);
      return updateCompanyRow(tx, updated, version);
    });
    if (written !== null)
      return presentCompany(caller, { ...updated, version: written }, current.facts) as CompanyOut;
    if (ifMatch !== null) throw staleVersion('company', id, version + 1);
  }
  throw conflict(`company '${id}' is being changed by others; try again`);
}

/**
 * Deleting a company that still has sites or listings needs `cascade`, which only facilitators
 * and admins may ask for, so nothing goes by accident.
 */
export async function deleteCompany(
  deps: Deps,
  caller: Caller,
  id: string,
  cascade: boolean,
  ifMatch: number | null,
): Promise<void> {
  const current = await readVisible(deps, caller, id);
  enforce(mayChange(caller, 'company.change', current.facts, true), 'company', id, 'delete');
  if (ifMatch !== null && current.company.version !== ifMatch)
    throw staleVersion('company', id, current.company.version);
  const counts = await companyCounts(deps.store, id);
  if (counts.sites > 0 || counts.listings > 0) {
    if (!cascade) {
      throw conflict(`company ${id} still has ${counts.sites} site(s) and ${counts.listings} listing(s)`, [
        { path: 'cascade', message: 'pass cascade=true to delete the company with its sites and listings' },
      ]);
    }
    enforce(roleMay(caller, 'company.deleteCascade'), 'company', id, 'delete with its sites and listings');
  }
  const deleted = await deps.store.write(async (tx) => {
    const done = await deleteCompanyRow(tx, id, ifMatch, actingAs(deps, caller));
    if (done) await dropCompanyFromUsers(tx, id);
    return done;
  });
  if (!deleted) throw staleVersion('company', id, current.company.version);
}

export type { Company };

/** Companies by id, or by ref in any namespace (the operator's CLI names companies either way). */
export async function findCompanyIdsByRefOrId(deps: Deps, given: string): Promise<string[]> {
  const byId = await getCompanyRow(deps.store, given);
  if (byId) return [byId.company.id];
  return companyIdsByRef(deps.store, given);
}

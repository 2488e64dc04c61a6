import { idFromRef, newId } from '../domain/ids.ts';
import { mergePatch } from '../domain/patch.ts';
import { type Site, SiteInputSchema, SitePatchSchema } from '../domain/site.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import { getCompany as getCompanyRow } from '../store/company-store.ts';
import { contentHash } from '../store/content-hash.ts';
import {
  deleteSite as deleteSiteRow,
  getSite as getSiteRow,
  siteListingCount,
  sitesOfCompany,
  upsertSites,
} from '../store/site-store.ts';
import type { Deps } from './deps.ts';

export async function createSite(deps: Deps, companyId: string, body: unknown): Promise<Site> {
  const data = parseOrThrow(SiteInputSchema, body, 'site');
  if (!(await getCompanyRow(deps.store, companyId))) throw notFound('company', companyId);
  const now = deps.now().toISOString();
  const site: Site = {
    ...data,
    id: data.ref ? idFromRef('si', data.ref) : newId('si'),
    companyId,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.write((tx) => upsertSites(tx, [site]));
  return site;
}

export async function getSite(deps: Deps, id: string): Promise<Site> {
  const site = await getSiteRow(deps.store, id);
  if (!site) throw notFound('site', id);
  return site;
}

export async function listSites(deps: Deps, companyId: string): Promise<Site[]> {
  if (!(await getCompanyRow(deps.store, companyId))) throw notFound('company', companyId);
  return sitesOfCompany(deps.store, companyId);
}

export async function updateSite(deps: Deps, id: string, patch: unknown): Promise<Site> {
  const current = await getSite(deps, id);
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw validationError('site update is not valid', [{ path: '(body)', message: 'must be a JSON object' }]);
  }
  const { id: _i, companyId, createdAt, updatedAt: _u, ...editable } = current;
  const named = parseOrThrow(SitePatchSchema, patch, 'site update');
  const data = parseOrThrow(SiteInputSchema, mergePatch(editable, named), 'site');
  const updated: Site = { ...data, id, companyId, createdAt, updatedAt: deps.now().toISOString() };
  if (contentHash(updated) === contentHash(current)) return current;
  await deps.store.write((tx) => upsertSites(tx, [updated]));
  return updated;
}

export async function deleteSite(deps: Deps, id: string, cascade: boolean): Promise<void> {
  await getSite(deps, id);
  const listings = await siteListingCount(deps.store, id);
  if (!cascade && listings > 0) {
    throw conflict(`site ${id} still has ${listings} listing(s)`, [
      { path: 'cascade', message: 'pass cascade=true to delete the site with its listings' },
    ]);
  }
  await deleteSiteRow(deps.store, id);
}

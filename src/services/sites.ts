/**
 * Sites: a company's places. Each site's municipality and county come from its coordinates, and
 * its coarse grid point is kept for listings shown anonymised. A site never changes company.
 */
import { actsFor, coarsen, companyView, inRegions, mayChange } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { newId } from '../domain/ids.ts';
import { mergePatch } from '../domain/patch.ts';
import { presentSite } from '../domain/presentation.ts';
import { checkMunicipality, regionOf } from '../domain/regions.ts';
import { type Site, SiteInputSchema, SitePatchSchema } from '../domain/site.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { getCompany as getCompanyRow } from '../store/company-store.ts';
import { contentHash } from '../store/content-hash.ts';
import type { ManagedTransaction } from '../store/driver.ts';
import {
  createSite as createSiteRow,
  deleteSite as deleteSiteRow,
  getSite as getSiteRow,
  type SiteRecord,
  type StoredSite,
  setSiteRegions,
  siteListingCount,
  siteRefTaken,
  sitesOfCompany,
  sitesWithoutRegion,
  updateSite as updateSiteRow,
} from '../store/site-store.ts';
import { actingAs, enforce, requireRole, staleVersion } from './authorize.ts';
import { backOff, WRITE_ATTEMPTS } from './companies.ts';
import type { Deps } from './deps.ts';

/** The derived fields of a site at (lat, lon): region codes and the coarse grid point. */
export function placeOf(deps: Deps, lat: number, lon: number) {
  const region = regionOf(deps.regions, lat, lon);
  return {
    ...(region ? { municipalityCode: region.municipalityCode, countyCode: region.countyCode } : {}),
    coarseLat: coarsen(lat),
    coarseLon: coarsen(lon),
  };
}

/** A regional facilitator places and moves sites only inside its regions. */
function assertPlaceAllowed(caller: Caller, site: { municipalityCode?: string; countyCode?: string }) {
  if (caller.kind !== 'user' || caller.role !== 'facilitator') return;
  const codes = [site.municipalityCode, site.countyCode].filter((c): c is string => c !== undefined);
  if (!inRegions(caller, codes)) {
    throw new AppError('FORBIDDEN', 'the site lies outside your regions', [
      { path: 'lat', message: 'a facilitator places sites in its own counties or municipalities only' },
    ]);
  }
}

const withoutStoreFields = (s: StoredSite): Site => {
  const { coarseLat: _a, coarseLon: _o, ...site } = s;
  return site;
};

/** The site as shown: with the check of its typed municipality against its coordinates, if one was typed. */
function withMunicipalityCheck(deps: Deps, site: Site): Site {
  const check = checkMunicipality(deps.regions, site.municipality, site.municipalityCode);
  return check ? { ...site, municipalityCheck: check } : site;
}

export async function createSite(
  deps: Deps,
  caller: Caller,
  companyId: string,
  body: unknown,
): Promise<Site> {
  requireRole(caller, 'site.change', 'add sites');
  const company = await getCompanyRow(deps.store, companyId);
  if (!company) throw notFound('company', companyId);
  const visible = companyView(caller, company.facts) !== 'hidden';
  enforce(mayChange(caller, 'site.change', company.facts, visible), 'company', companyId, 'add sites to');
  const data = parseOrThrow(SiteInputSchema, body, 'site');
  const now = deps.now().toISOString();
  const site: StoredSite = {
    ...data,
    ...placeOf(deps, data.lat, data.lon),
    id: newId('si'),
    companyId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  assertPlaceAllowed(caller, site);
  await deps.store.write(async (tx) => {
    await assertRefFree(tx, site);
    await createSiteRow(tx, site);
  });
  return withMunicipalityCheck(deps, withoutStoreFields(site));
}

async function assertRefFree(tx: ManagedTransaction, site: StoredSite) {
  if (site.ref && (await siteRefTaken(tx, site.companyId, site.ref, site.id))) {
    throw conflict(`the company already has a site with ref '${site.ref}'`, [
      { path: 'ref', message: 'is already used by another site of this company' },
    ]);
  }
}

async function readVisible(deps: Deps, caller: Caller, id: string): Promise<SiteRecord> {
  const record = await getSiteRow(deps.store, id);
  if (!record || !presentSite(caller, record.site, record.facts)) {
    if (caller.kind === 'public') throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
    throw notFound('site', id);
  }
  return record;
}

export async function getSite(deps: Deps, caller: Caller, id: string): Promise<Site> {
  requireRole(caller, 'read', 'read sites');
  return withMunicipalityCheck(deps, (await readVisible(deps, caller, id)).site);
}

export async function listSites(
  deps: Deps,
  caller: Caller,
  companyId: string,
  page: { offset: number; limit: number },
): Promise<{ items: Site[]; hasMore: boolean }> {
  requireRole(caller, 'read', 'list sites');
  const company = await getCompanyRow(deps.store, companyId);
  if (!company || companyView(caller, company.facts) === 'hidden') throw notFound('company', companyId);
  const rows = await sitesOfCompany(deps.store, companyId, {
    offset: page.offset,
    limit: page.limit + 1,
    onlyPublic: !actsFor(caller, company.facts),
  });
  return {
    items: rows.slice(0, page.limit).map((r) => withMunicipalityCheck(deps, r.site)),
    hasMore: rows.length > page.limit,
  };
}

export async function updateSite(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
  ifMatch: number | null,
): Promise<Site> {
  requireRole(caller, 'site.change', 'change sites');
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    await backOff(attempt);
    const current = await readVisible(deps, caller, id);
    enforce(
      mayChange(caller, 'site.change', { id: current.site.companyId, regions: current.facts.regions }, true),
      'site',
      id,
    );
    if (ifMatch !== null && current.site.version !== ifMatch)
      throw staleVersion('site', id, current.site.version);
    const patch = parseOrThrow(SitePatchSchema, body, 'site update');
    const {
      id: _i,
      companyId,
      createdAt,
      updatedAt: _u,
      version,
      municipalityCode: _m,
      countyCode: _c,
      ...editable
    } = current.site;
    const data = parseOrThrow(SiteInputSchema, mergePatch(editable, patch), 'site');
    const updated: StoredSite = {
      ...data,
      ...placeOf(deps, data.lat, data.lon),
      id,
      companyId,
      createdAt,
      updatedAt: deps.now().toISOString(),
      version: version + 1,
    };
    assertPlaceAllowed(caller, updated);
    if (contentHash(withoutStoreFields(updated)) === contentHash(current.site))
      return withMunicipalityCheck(deps, current.site);
    const written = await deps.store.write(async (tx) => {
      await assertRefFree(tx, updated);
      return updateSiteRow(tx, updated, version);
    });
    if (written !== null)
      return withMunicipalityCheck(deps, { ...withoutStoreFields(updated), version: written });
    if (ifMatch !== null) throw staleVersion('site', id, version + 1);
  }
  throw conflict(`site '${id}' is being changed by others; try again`);
}

export async function deleteSite(
  deps: Deps,
  caller: Caller,
  id: string,
  cascade: boolean,
  ifMatch: number | null,
): Promise<void> {
  requireRole(caller, 'site.change', 'delete sites');
  const current = await readVisible(deps, caller, id);
  const company = { id: current.site.companyId, regions: current.facts.regions };
  enforce(mayChange(caller, 'site.change', company, true), 'site', id, 'delete');
  if (ifMatch !== null && current.site.version !== ifMatch)
    throw staleVersion('site', id, current.site.version);
  const listings = await siteListingCount(deps.store, id);
  if (listings > 0) {
    if (!cascade) {
      throw conflict(`site ${id} still has ${listings} listing(s)`, [
        { path: 'cascade', message: 'pass cascade=true to delete the site with its listings' },
      ]);
    }
    enforce(
      mayChange(caller, 'company.deleteCascade', company, true),
      'site',
      id,
      'delete with its listings',
    );
  }
  if (!(await deps.store.write((tx) => deleteSiteRow(tx, id, ifMatch, actingAs(deps, caller))))) {
    throw staleVersion('site', id, current.site.version);
  }
}

/** Gives sites stored before regions came from coordinates their region codes and coarse point. */
export async function backfillSiteRegions(deps: Deps): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await sitesWithoutRegion(deps.store, 1000);
    if (batch.length === 0) return done;
    await setSiteRegions(
      deps.store,
      batch.map((s) => {
        const place = placeOf(deps, s.lat, s.lon);
        return {
          id: s.id,
          municipalityCode: place.municipalityCode ?? null,
          countyCode: place.countyCode ?? null,
          coarseLat: place.coarseLat,
          coarseLon: place.coarseLon,
        };
      }),
    );
    done += batch.length;
  }
}

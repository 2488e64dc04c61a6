import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM } from '../domain/caller.ts';
import { regionOf } from '../domain/regions.ts';
import { DATA_DIR } from '../reference/paths.ts';
import { companiesByRefs } from '../store/company-store.ts';
import { countAll } from '../store/listing-store.ts';
import type { Deps } from './deps.ts';
import { type ImportSummary, importDocument } from './import.ts';
import { createUser } from './users.ts';

export const DEMO_FILE = join(DATA_DIR, 'demo/region.json');

/** The demo business: the smelter, whose anonymous listing shows what others do not see. */
export const DEMO_BUSINESS_REF = 'storvik-aluminium';

/** Loads the demo region, but only into an empty database: a user's data is never mixed with it. */
export async function loadDemoIfEmpty(deps: Deps): Promise<ImportSummary | null> {
  const counts = await countAll(deps.store);
  if (counts.companies > 0 || counts.listings > 0) return null;
  const summary = await importDocument(deps, SYSTEM, JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
  deps.logger.info(
    {
      companies: summary.companies.created,
      listings: summary.listings.created,
      rejected: summary.errors.length,
    },
    'loaded the demo region',
  );
  return summary;
}

export type DemoTokens = Record<'business' | 'facilitator' | 'analyst' | 'admin', string>;

/**
 * One demo user per role: a business acting for the demo smelter, a facilitator of the demo
 * region's municipality, an analyst and an admin. Their tokens are returned once.
 */
export async function createDemoUsers(deps: Deps): Promise<DemoTokens> {
  const document = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as {
    companies: { ref: string; sites: { lat: number; lon: number }[] }[];
  };
  const smelter = document.companies.find((c) => c.ref === DEMO_BUSINESS_REF)!;
  const site = smelter.sites[0]!;
  const region = regionOf(deps.regions, site.lat, site.lon);
  const stored = await deps.store.read((tx) => companiesByRefs(tx, 'registry', [DEMO_BUSINESS_REF]));
  const companyId = stored.get(DEMO_BUSINESS_REF)?.id;
  if (!companyId || !region) throw new Error('the demo region is not loaded: no demo users made');
  const make = async (name: string, role: keyof DemoTokens, extra: object = {}) =>
    (await createUser(deps, SYSTEM, { name, role, expiresInDays: 365, ...extra })).token;
  return {
    business: await make('Demo business (Storvik Aluminium)', 'business', { companyIds: [companyId] }),
    facilitator: await make(`Demo facilitator (municipality ${region.municipalityCode})`, 'facilitator', {
      regions: [region.municipalityCode],
    }),
    analyst: await make('Demo analyst', 'analyst'),
    admin: await make('Demo admin', 'admin'),
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM } from '../domain/caller.ts';
import { regionOf } from '../domain/regions.ts';
import { AppError } from '../errors.ts';
import { DATA_DIR } from '../reference/paths.ts';
import { companiesByRefs } from '../store/company-store.ts';
import { countAll } from '../store/listing-store.ts';
import type { Deps } from './deps.ts';
import { type ImportSummary, importDocument } from './import.ts';
import { authenticate, createUser } from './users.ts';

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

/** The roles a demo instance offers one-click sign-in for: never the admin. */
export const DEMO_SIGN_IN_ROLES = ['business', 'facilitator', 'analyst'] as const;

export interface DemoIdentity {
  role: (typeof DEMO_SIGN_IN_ROLES)[number];
  name: string;
  token: string;
  expiresAt: string;
}

/**
 * The demo users one may sign in as with one click, from the tokens made when the demo was
 * loaded: only those still valid (a revoked or expired demo user is not offered), never the admin.
 */
export async function demoIdentities(deps: Deps, tokens: Partial<DemoTokens>): Promise<DemoIdentity[]> {
  const out: DemoIdentity[] = [];
  for (const role of DEMO_SIGN_IN_ROLES) {
    const token = tokens[role];
    if (typeof token !== 'string') continue;
    try {
      const user = await authenticate(deps, token);
      // A tokens file edited to name another role's token offers nothing under the wrong label.
      if (user.role !== role) continue;
      out.push({ role, name: user.name, token, expiresAt: user.tokenExpiresAt });
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') continue;
      throw err;
    }
  }
  return out;
}

/** The tokens file written when the demo was loaded, or nothing when there is none or it is unreadable. */
export function readDemoTokens(file: string): Partial<DemoTokens> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<DemoTokens>) : undefined;
  } catch {
    return undefined;
  }
}

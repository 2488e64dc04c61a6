/**
 * A synthetic region (bench/synthetic-region.ts) as the import document a user would send: the
 * same shape as bench/service-run.ts builds, for tests that need a few thousand valid listings.
 */
import { generateRegion } from '../../bench/synthetic-region.ts';
import { orgNumberCheckDigit } from '../../src/domain/org-number.ts';
import { loadReferenceData } from '../../src/reference/load.ts';

export interface ImportDocument {
  companies: { ref: string; sites: { ref: string }[] }[];
  listings: { ref: string; site: string }[];
}

export function syntheticImport(listings: number, seed = 7): ImportDocument {
  const region = generateRegion(loadReferenceData(), { listings, seed });
  // The generator draws org numbers at random; a collision would be a rejected row.
  const used = new Set<string>();
  const orgs = new Map<string, string>();
  for (const c of region.companies) {
    let org = c.orgNumber!;
    let base = Number(org.slice(0, 8));
    while (used.has(org)) {
      base = base >= 99_999_999 ? 80_000_000 : base + 1;
      const check = orgNumberCheckDigit(String(base));
      if (check !== null) org = `${base}${check}`;
    }
    used.add(org);
    orgs.set(c.id, org);
  }
  const sitesOf = new Map<string, typeof region.sites>();
  for (const s of region.sites) sitesOf.set(s.companyId, [...(sitesOf.get(s.companyId) ?? []), s]);
  return {
    companies: region.companies.map((c) => ({
      ref: c.id,
      name: c.name,
      orgNumber: orgs.get(c.id),
      country: c.country,
      industry: c.industry,
      sites: (sitesOf.get(c.id) ?? []).map((s) => ({
        ref: s.id,
        name: s.name,
        lat: s.lat,
        lon: s.lon,
        municipality: s.municipality,
      })),
    })),
    listings: region.inputs.map((input, i) => {
      const { siteId, ...rest } = input;
      return { ...rest, ref: region.listings[i]!.id, site: siteId };
    }),
  };
}

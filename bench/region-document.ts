/**
 * A synthetic region (synthetic-region.ts) as an import document, as a user would send it: for the
 * service and load benchmarks and the tests that need a region large enough for runs of several seconds.
 */
import { orgNumberCheckDigit } from '../src/domain/org-number.ts';
import type { SyntheticRegion } from './synthetic-region.ts';

/** The generator draws org numbers at random; a few collide at 10^4+ companies and would be rejected. */
function uniqueOrgNumbers(region: SyntheticRegion): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const c of region.companies) {
    let org = c.orgNumber!;
    let base = Number(org.slice(0, 8));
    while (used.has(org)) {
      base = base >= 99_999_999 ? 80_000_000 : base + 1;
      const first = String(base);
      const check = orgNumberCheckDigit(first);
      if (check !== null) org = `${first}${check}`;
    }
    used.add(org);
    out.set(c.id, org);
  }
  return out;
}

export function importDocumentOf(region: SyntheticRegion) {
  const orgs = uniqueOrgNumbers(region);
  const sitesOf = new Map<string, SyntheticRegion['sites']>();
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

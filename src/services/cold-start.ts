/**
 * "Companies like you usually have…" for a company, from its industry division (domain/cold-start.ts):
 * for whoever acts for it (its business users, facilitators of its regions, admins).
 *
 * The story: check the caller may act for the company (403 when it can see the company, 404 when
 * not even that); read what companies of its division list, as far as a business of the company
 * may see it; take Hotmaps' excess heat of the division; rank and threshold both into prompts with
 * their basis and a draft listing. The answer depends on the company only, so callers share it.
 */
import { mayChange } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { type ColdStartPrompt, coldStartPrompts, peerAccess } from '../domain/cold-start.ts';
import { excessHeatOfDivision } from '../domain/excess-heat.ts';
import { presentCompany } from '../domain/presentation.ts';
import type { ReferenceData } from '../domain/reference.ts';
import { notFound } from '../errors.ts';
import { loadHotmapsSites } from '../reference/excess-heat.ts';
import { peerMaterialListings } from '../store/cold-start-store.ts';
import { companyCounts, getCompany } from '../store/company-store.ts';
import { enforce, requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';

export interface CompanyPrompts {
  companyId: string;
  industry: string;
  division: { code: string; title: string; titleNb: string | null };
  /** The company's own sites and listings: the app shows the prompts while it has no listing. */
  sites: number;
  listings: number;
  prompts: ColdStartPrompt[];
}

const divisionOf = (ref: ReferenceData, code: string): CompanyPrompts['division'] => {
  const entry = ref.nace.get(code) ?? ref.industry.get(code);
  return { code, title: entry?.title ?? code, titleNb: entry?.titleNb ?? null };
};

export async function companyPrompts(deps: Deps, caller: Caller, companyId: string): Promise<CompanyPrompts> {
  requireRole(caller, 'company.prompts', 'read the prompts of companies');
  const record = await getCompany(deps.store, companyId);
  const shown = record ? presentCompany(caller, record.company, record.facts) : null;
  if (!record) throw notFound('company', companyId);
  enforce(
    mayChange(caller, 'company.prompts', record.facts, shown !== null),
    'company',
    companyId,
    'read the prompts of',
  );
  const { industry, industryDivision: division } = record.company;
  return deps.reads.get(`prompts|${companyId}|${industry}`, async () => {
    const [peers, counts] = await Promise.all([
      peerMaterialListings(deps.store, division, companyId, peerAccess(companyId)),
      companyCounts(deps.store, companyId),
    ]);
    const heat = excessHeatOfDivision(loadHotmapsSites(), division);
    return {
      companyId,
      industry,
      division: divisionOf(deps.reference, division),
      sites: counts.sites,
      listings: counts.listings,
      prompts: coldStartPrompts(heat, peers, deps.reference),
    };
  });
}

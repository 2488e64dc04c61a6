import { describe, expect, it } from 'vitest';
import {
  companyView,
  type ListingFacts,
  listingAccess,
  listingView,
  mayBeAssigned,
  mayChange,
  mayManageUser,
  roleMay,
  siteShown,
} from '../../../src/domain/access.ts';
import { type Caller, PUBLIC, type Role } from '../../../src/domain/caller.ts';
import { haversineKm } from '../../../src/domain/geo.ts';
import type { MatchListing } from '../../../src/domain/match-listing.ts';
import { presentListing, presentSuggestion } from '../../../src/domain/presentation.ts';

const user = (
  role: Role,
  extra: Partial<{ companyIds: string[]; regions: string[] | 'all' }> = {},
): Caller => ({
  kind: 'user',
  userId: `usr_${role}`,
  name: role,
  role,
  companyIds: extra.companyIds ?? [],
  regions: extra.regions ?? [],
  tokenId: 'tok',
  tokenExpiresAt: '9999-01-01T00:00:00.000Z',
});

const OWNER = user('business', { companyIds: ['co_owner'] });
const OTHER = user('business', { companyIds: ['co_other'] });
const FAC_IN = user('facilitator', { regions: ['4617'] });
const FAC_OUT = user('facilitator', { regions: ['03'] });
const NATIONAL = user('facilitator', { regions: 'all' });
const ANALYST = user('analyst');
const ADMIN = user('admin');

const facts = (confidentiality: ListingFacts['confidentiality']): ListingFacts => ({
  companyId: 'co_owner',
  confidentiality,
  regions: ['4617', '46'],
});

describe('listingView', () => {
  const cases: [ListingFacts['confidentiality'], [Caller, string][]][] = [
    [
      'public',
      [
        [PUBLIC, 'identified'],
        [OTHER, 'identified'],
        [ANALYST, 'identified'],
      ],
    ],
    [
      'anonymous',
      [
        [PUBLIC, 'hidden'],
        [OTHER, 'anonymised'],
        [ANALYST, 'anonymised'],
      ],
    ],
    [
      'private',
      [
        [PUBLIC, 'hidden'],
        [OTHER, 'hidden'],
        [ANALYST, 'anonymised'],
      ],
    ],
  ];
  it.each(cases)(
    'when a %s listing is read, then the public, other businesses and analysts see it as the policy says',
    (conf, views) => {
      for (const [caller, view] of views) expect(listingView(listingAccess(caller), facts(conf))).toBe(view);
    },
  );

  it('when its owner, a facilitator of its region, a national facilitator or an admin reads any listing, then it is identified', () => {
    for (const caller of [OWNER, FAC_IN, NATIONAL, ADMIN])
      for (const conf of ['public', 'anonymous', 'private'] as const)
        expect(listingView(listingAccess(caller), facts(conf))).toBe('identified');
  });

  it('when a facilitator of another region reads a private listing, then it is anonymised, as for an analyst', () => {
    expect(listingView(listingAccess(FAC_OUT), facts('private'))).toBe('anonymised');
  });
});

describe('companies, sites and changes', () => {
  const company = { id: 'co_owner', regions: ['4617', '46'], hasPublicListing: false };

  it('when a company has no public listing, then other businesses cannot see it; staff see a directory entry', () => {
    expect(companyView(OTHER, company)).toBe('hidden');
    expect(companyView(ANALYST, company)).toBe('directory');
    expect(companyView(FAC_OUT, company)).toBe('directory');
    expect(companyView(FAC_IN, company)).toBe('full');
    expect(companyView(OTHER, { ...company, hasPublicListing: true })).toBe('directory');
    expect(companyView(PUBLIC, company)).toBe('hidden');
  });

  it('when a site carries no public listing, then only those who act for its company see it', () => {
    const site = { companyId: 'co_owner', regions: ['4617', '46'], hasPublicListing: false };
    expect([OWNER, FAC_IN, ADMIN].map((c) => siteShown(c, site))).toEqual([true, true, true]);
    expect([OTHER, FAC_OUT, ANALYST, PUBLIC].map((c) => siteShown(c, site))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('when callers try to change a company, then owners, its facilitators and admins may; others get 403 or 404', () => {
    expect(mayChange(OWNER, 'listing.change', company, true)).toBe('allow');
    expect(mayChange(FAC_IN, 'listing.change', company, true)).toBe('allow');
    expect(mayChange(OTHER, 'listing.change', company, true)).toBe('forbidden');
    expect(mayChange(OTHER, 'listing.change', company, false)).toBe('hidden');
    expect(mayChange(ANALYST, 'listing.change', company, true)).toBe('forbidden');
    expect(mayChange(PUBLIC, 'listing.change', company, true)).toBe('unauthenticated');
    expect(roleMay(OWNER, 'company.deleteCascade')).toBe('forbidden');
    expect(roleMay(FAC_OUT, 'import')).toBe('allow');
  });
});

describe('presenting a suggestion with an anonymised listing', () => {
  const located = (
    id: string,
    companyId: string,
    lat: number,
    lon: number,
    confidentiality: ListingFacts['confidentiality'],
  ) => ({
    listing: {
      id,
      companyId,
      siteId: `si_${id}`,
      ref: id,
      lat,
      lon,
      confidentiality,
    } as unknown as MatchListing,
    facts: { companyId, confidentiality, regions: ['4617', '46'] },
  });
  const offer = located('li_o', 'co_owner', 59.8665, 5.7655, 'anonymous');
  const need = located('li_n', 'co_other', 59.8791, 5.7903, 'public');
  const exactKm = haversineKm(59.8665, 5.7655, 59.8791, 5.7903);
  const stored = {
    score: 0.8,
    distanceKm: exactKm,
    terms: [
      { name: 'resource', weight: 0.5, value: 1, reason: 'same code' },
      {
        name: 'distance',
        weight: 0.5,
        value: 1 - exactKm / 50,
        reason: `${exactKm.toFixed(1)} km of a 50 km limit`,
      },
    ],
    impact: { co2eAvoidedT: 90, co2eBreakdown: { avoidedT: 100, transportT: 10, electricityT: 0 } },
    co2eAvoidedT: 90,
  };

  it('when the counterpart business reads it, then distance, its term, the score and transport follow the coarse location', () => {
    const shown = presentSuggestion(listingAccess(OTHER), stored, offer, need)!;
    expect(shown.offer.anonymised).toBe(true);
    expect(shown.offer).not.toHaveProperty('companyId');
    const coarseKm = haversineKm(shown.offer.lat, shown.offer.lon, shown.need.lat, shown.need.lon);
    expect(shown.distanceKm).toBeCloseTo(coarseKm, 1);
    const term = shown.terms.find((t) => t.name === 'distance')!;
    expect(term.value).toBeCloseTo(1 - shown.distanceKm / 50, 6);
    expect(term.reason).not.toContain(exactKm.toFixed(1));
    expect(shown.score).toBeCloseTo(0.8 + 0.5 * (term.value - (1 - exactKm / 50)), 6);
    const transport = (shown.impact['co2eBreakdown'] as { transportT: number }).transportT;
    expect(transport).toBeCloseTo((10 * shown.distanceKm) / exactKm, 6);
    expect(shown.co2eAvoidedT).toBeCloseTo(100 - transport, 6);
  });

  it('when its owner reads it, then the stored figures are shown unchanged', () => {
    const shown = presentSuggestion(listingAccess(OWNER), stored, offer, need)!;
    expect(shown).toMatchObject(stored);
    expect(presentListing(listingAccess(OWNER), offer.listing, offer.facts)?.anonymised).toBe(false);
  });

  it('when a business involved in neither side reads it, then it is not shown', () => {
    const third = user('business', { companyIds: ['co_third'] });
    expect(presentSuggestion(listingAccess(third), stored, offer, need)).toBeNull();
  });
});

describe('who a suggestion may be assigned to', () => {
  const regions = ['4617', '46', '4601'];

  it('when a user is an admin, or a facilitator of a municipality, the county or the nation, then it may be assigned', () => {
    expect(mayBeAssigned({ role: 'admin', regions: [] }, regions)).toBe(true);
    expect(mayBeAssigned({ role: 'facilitator', regions: ['4617'] }, regions)).toBe(true);
    expect(mayBeAssigned({ role: 'facilitator', regions: ['03', '46'] }, regions)).toBe(true);
    expect(mayBeAssigned({ role: 'facilitator', regions: ['all'] }, regions)).toBe(true);
  });

  it('when a user facilitates elsewhere, or is a business or an analyst, then it may not', () => {
    expect(mayBeAssigned({ role: 'facilitator', regions: ['03'] }, regions)).toBe(false);
    expect(mayBeAssigned({ role: 'facilitator', regions: ['4618'] }, regions)).toBe(false);
    expect(mayBeAssigned({ role: 'business', regions: [] }, regions)).toBe(false);
    expect(mayBeAssigned({ role: 'analyst', regions: [] }, regions)).toBe(false);
  });

  it('when the list is asked for, then facilitators and admins may; businesses and analysts are forbidden, the public unauthenticated', () => {
    expect([FAC_IN, NATIONAL, ADMIN].map((c) => roleMay(c, 'review.assignees'))).toEqual([
      'allow',
      'allow',
      'allow',
    ]);
    expect([OWNER, ANALYST].map((c) => roleMay(c, 'review.assignees'))).toEqual(['forbidden', 'forbidden']);
    expect(roleMay(PUBLIC, 'review.assignees')).toBe('unauthenticated');
  });
});

describe('who manages an account', () => {
  const inRegion = { id: 'co_owner', regions: ['4617', '46'] };
  const inOslo = { id: 'co_oslo', regions: ['0301', '03'] };
  const businessOf = (...companies: { id: string; regions: string[] }[]) => ({
    role: 'business' as const,
    companies,
  });

  it('when an admin asks, then it manages every account', () => {
    for (const role of ['business', 'facilitator', 'analyst', 'admin'] as const)
      expect(mayManageUser(ADMIN, { role, companies: [] }), role).toBe(true);
  });

  it('when a facilitator asks, then it manages the business users all of whose companies are in its regions', () => {
    expect(mayManageUser(FAC_IN, businessOf(inRegion))).toBe(true);
    expect(mayManageUser(NATIONAL, businessOf(inRegion, inOslo))).toBe(true);
    // One company elsewhere: disabling it would cut that region's business off.
    expect(mayManageUser(FAC_IN, businessOf(inRegion, inOslo))).toBe(false);
    expect(mayManageUser(FAC_OUT, businessOf(inRegion, inOslo))).toBe(false);
    expect(mayManageUser(FAC_IN, businessOf())).toBe(false);
    expect(mayManageUser(FAC_IN, { role: 'facilitator', companies: [] })).toBe(false);
    expect(mayManageUser(NATIONAL, { role: 'admin', companies: [] })).toBe(false);
  });

  it('when a business, an analyst or the public asks, then it manages none, not even its own', () => {
    for (const caller of [OWNER, OTHER, ANALYST, PUBLIC])
      expect(mayManageUser(caller, businessOf({ id: 'co_owner', regions: ['4617'] }))).toBe(false);
    expect([OWNER, ANALYST, FAC_IN, ADMIN].map((c) => roleMay(c, 'account.self'))).toEqual([
      'allow',
      'allow',
      'allow',
      'allow',
    ]);
  });
});

describe('a chain through a processor, as each caller sees it', () => {
  const located = (
    id: string,
    companyId: string,
    lat: number,
    lon: number,
    confidentiality: ListingFacts['confidentiality'],
  ) => ({
    listing: {
      id,
      companyId,
      siteId: `si_${id}`,
      ref: id,
      lat,
      lon,
      confidentiality,
    } as unknown as MatchListing,
    facts: { companyId, confidentiality, regions: ['4617', '46'] },
  });
  // Supplier (anonymous) → processor's need … processor's offer → farm.
  const offer = located('li_a', 'co_a', 59.8665, 5.7655, 'anonymous');
  const processor = {
    need: located('li_pn', 'co_p', 59.9, 5.8, 'public'),
    offer: located('li_po', 'co_p', 59.9, 5.8, 'public'),
  };
  const need = located('li_c', 'co_c', 59.95, 5.9, 'public');
  const leg1 = haversineKm(59.8665, 5.7655, 59.9, 5.8);
  const leg2 = haversineKm(59.9, 5.8, 59.95, 5.9);
  const link = (km: number, transportT: number) => ({
    score: 0.9,
    distanceKm: km,
    terms: [{ name: 'distance', weight: 0.5, value: 1 - km / 50, reason: `${km} km of a 50 km limit` }],
    impact: { co2eAvoidedT: 50 - transportT, co2eBreakdown: { avoidedT: 50, transportT, electricityT: 0 } },
  });
  const stored = {
    score: 0.81,
    distanceKm: leg1 + leg2,
    terms: [{ name: 'chain', weight: 1, value: 0.81, reason: 'the product' }],
    impact: { co2eAvoidedT: 96, co2eBreakdown: { avoidedT: 100, transportT: 4, electricityT: 0 } },
    co2eAvoidedT: 96,
    chain: { links: [link(leg1, 2), link(leg2, 2)] },
  };

  it("when the processor's business reads it, then it is shown with the processor's listings; a business outside the chain does not see it", () => {
    const mine = presentSuggestion(
      listingAccess(user('business', { companyIds: ['co_p'] })),
      stored,
      offer,
      need,
      processor,
    );
    expect(mine?.processor?.need.id).toBe('li_pn');
    expect(
      presentSuggestion(
        listingAccess(user('business', { companyIds: ['co_x'] })),
        stored,
        offer,
        need,
        processor,
      ),
    ).toBeNull();
    // Without its processor's listings (one is gone), a chain is shown to no one.
    expect(presentSuggestion(listingAccess(ADMIN), stored, offer, need)).toBeNull();
  });

  it('when a listing is anonymised, then each link and the chain are measured from the locations shown', () => {
    const shown = presentSuggestion(
      listingAccess(user('business', { companyIds: ['co_c'] })),
      stored,
      offer,
      need,
      processor,
    )!;
    expect(shown.offer.anonymised).toBe(true);
    const coarse1 = haversineKm(shown.offer.lat, shown.offer.lon, 59.9, 5.8);
    const links = shown.chain!.links;
    expect(links[0]!.distanceKm).toBeCloseTo(coarse1, 1);
    expect(links[1]!.distanceKm).toBeCloseTo(leg2, 1);
    expect(shown.distanceKm).toBeCloseTo(links[0]!.distanceKm + links[1]!.distanceKm, 1);
    expect(shown.score).toBeCloseTo(links[0]!.score * links[1]!.score, 9);
    expect(shown.terms[0]!.reason).toBe(
      "the product of its links' scores, measured from an anonymised location",
    );
    const transport = (shown.impact['co2eBreakdown'] as { transportT: number }).transportT;
    expect(transport).toBeCloseTo(2 * (links[0]!.distanceKm / leg1) + 2 * (links[1]!.distanceKm / leg2), 6);
  });
});

import { describe, expect, it } from 'vitest';
import type { Confidentiality } from '../../../src/domain/listing-kinds.ts';
import { FACILITATOR, PUBLIC_VIEWER, type Viewer } from '../../../src/domain/viewer.ts';
import { presentListing } from '../../../src/domain/visibility.ts';
import type { MatchListing } from '../../../src/matching/types.ts';

const listing = (confidentiality: Confidentiality): MatchListing => ({
  id: 'l-1',
  companyId: 'c-owner',
  siteId: 's-1',
  ref: 'heat-1',
  direction: 'offer',
  kind: 'energy',
  title: 'Surplus heat',
  quantity: { value: 2, unit: 'MW' },
  canonicalQuantity: { value: 17_520, unit: 'MWh/yr' },
  continuity: 'continuous',
  confidentiality,
  energy: { carrier: 'hot-water' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lat: 59.9139,
  lon: 10.7461,
});

const OWNER: Viewer = { role: 'business', companyId: 'c-owner' };
const OTHER: Viewer = { role: 'business', companyId: 'c-other' };
const ANALYST: Viewer = { role: 'analyst', companyId: null };
const ADMIN: Viewer = { role: 'admin', companyId: null };

describe('presentListing', () => {
  it('when the owner looks at its private listing, then everything is shown', () => {
    expect(presentListing(listing('private'), OWNER)).toEqual({ ...listing('private'), anonymised: false });
  });

  it('when the owner looks at its anonymous listing, then identity and exact location are shown', () => {
    expect(presentListing(listing('anonymous'), OWNER)).toEqual({
      ...listing('anonymous'),
      anonymised: false,
    });
  });

  it('when a facilitator or admin looks at an anonymous listing, then they see who is behind it', () => {
    for (const viewer of [FACILITATOR, ADMIN]) {
      expect(presentListing(listing('anonymous'), viewer)).toMatchObject({
        companyId: 'c-owner',
        siteId: 's-1',
        ref: 'heat-1',
        lat: 59.9139,
        anonymised: false,
      });
    }
  });

  it('when another business looks at an anonymous listing, then company, site and ref are gone', () => {
    const seen = presentListing(listing('anonymous'), OTHER)!;
    expect(seen).not.toHaveProperty('companyId');
    expect(seen).not.toHaveProperty('siteId');
    expect(seen).not.toHaveProperty('ref');
    expect(seen).toMatchObject({ id: 'l-1', title: 'Surplus heat', anonymised: true });
  });

  it('when another business looks at an anonymous listing, then the location is rounded to 0.1°', () => {
    const seen = presentListing(listing('anonymous'), OTHER)!;
    expect(seen.lat).toBeCloseTo(59.9, 9);
    expect(seen.lon).toBeCloseTo(10.7, 9);
  });

  it('when the public or an analyst looks at an anonymous listing, then it is anonymised too', () => {
    for (const viewer of [PUBLIC_VIEWER, ANALYST]) {
      const seen = presentListing(listing('anonymous'), viewer)!;
      expect(seen.anonymised).toBe(true);
      expect(seen).not.toHaveProperty('companyId');
    }
  });

  it('when a listing is anonymised, then the stored listing itself keeps its identity', () => {
    const original = listing('anonymous');
    presentListing(original, OTHER);
    expect(original).toMatchObject({ companyId: 'c-owner', lat: 59.9139 });
  });

  it('when a private listing is asked for by another business, the public or an analyst, then it is hidden', () => {
    for (const viewer of [OTHER, PUBLIC_VIEWER, ANALYST])
      expect(presentListing(listing('private'), viewer)).toBeNull();
  });

  it('when a facilitator asks for a private listing, then it is shown in full', () => {
    expect(presentListing(listing('private'), FACILITATOR)).toMatchObject({
      companyId: 'c-owner',
      anonymised: false,
    });
  });

  it('when a public listing is seen by another business, then the company is shown', () => {
    expect(presentListing(listing('public'), OTHER)).toEqual({ ...listing('public'), anonymised: false });
  });
});

import { describe, expect, it } from 'vitest';
import { allocateOptimal } from '../../../src/matching/allocation/optimal.ts';
import { type ListingPromise, unallocatedReason } from '../../../src/matching/allocation/unallocated.ts';
import type { AllocationResult, Candidate, MatchListing } from '../../../src/matching/types.ts';

const listing = (id: string, direction: 'offer' | 'need', value: number): MatchListing => ({
  id,
  companyId: `company-${id}`,
  siteId: `site-${id}`,
  direction,
  kind: 'material',
  title: id,
  quantity: { value, unit: 't/yr' },
  canonicalQuantity: { value, unit: 't/yr' },
  continuity: 'continuous',
  confidentiality: 'public',
  material: { wasteCodes: ['100105'], hazardous: false },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lat: 59.9,
  lon: 10.7,
});

const candidate = (offerId: string, needId: string, score: number, maxQuantity: number): Candidate => ({
  offerId,
  needId,
  kind: 'material',
  distanceKm: 10,
  route: { type: 'direct' },
  score,
  terms: [],
  maxQuantity,
  offerUse: 1,
  impact: {
    quantity: maxQuantity,
    unit: 't/yr',
    co2eAvoidedT: 0,
    co2eBreakdown: { avoidedT: 0, transportT: 0, electricityT: 0 },
    factorSet: 'test',
  },
});

/** What an allocation promises of each listing: offers Σ q × offerUse, needs Σ q. */
function promises(
  listings: MatchListing[],
  candidates: Candidate[],
  allocation: AllocationResult,
): Map<string, ListingPromise> {
  const use = new Map(candidates.map((c) => [`${c.offerId}|${c.needId}`, c.offerUse]));
  const promised = new Map<string, number>();
  for (const e of allocation.entries) {
    const u = use.get(`${e.offerId}|${e.needId}`)!;
    promised.set(e.offerId, (promised.get(e.offerId) ?? 0) + e.quantity * u);
    promised.set(e.needId, (promised.get(e.needId) ?? 0) + e.quantity);
  }
  return new Map(
    listings.map((l) => [l.id, { promised: promised.get(l.id) ?? 0, quantity: l.canonicalQuantity.value }]),
  );
}

describe('why a suggestion has nothing allocated', () => {
  it('when one offer is wanted by two needs and can cover one, then the other says the offer is promised elsewhere', async () => {
    // O (100 t) serves A better than B; each needs 100 t.
    const listings = [listing('O', 'offer', 100), listing('A', 'need', 100), listing('B', 'need', 100)];
    const candidates = [candidate('O', 'A', 0.9, 100), candidate('O', 'B', 0.5, 100)];
    const allocation = await allocateOptimal(candidates, listings);
    expect(allocation.entries).toEqual([{ offerId: 'O', needId: 'A', quantity: 100 }]);
    const p = promises(listings, candidates, allocation);
    expect(unallocatedReason(0, p.get('O'), p.get('B'))).toBe('offer-promised');
    expect(unallocatedReason(100, p.get('O'), p.get('A'))).toBeNull();
  });

  it('when one need is offered more than it takes, then the offer left out says the need is covered', async () => {
    const listings = [listing('X', 'offer', 100), listing('Y', 'offer', 100), listing('N', 'need', 100)];
    const candidates = [candidate('X', 'N', 0.9, 100), candidate('Y', 'N', 0.4, 100)];
    const allocation = await allocateOptimal(candidates, listings);
    const p = promises(listings, candidates, allocation);
    expect(unallocatedReason(0, p.get('Y'), p.get('N'))).toBe('need-covered');
  });

  it('when both sides are used up by other pairs, then it says both', async () => {
    // X→N and Y→M fill everything; the cross pair Y→N is worth less.
    const listings = [
      listing('X', 'offer', 100),
      listing('Y', 'offer', 100),
      listing('N', 'need', 100),
      listing('M', 'need', 100),
    ];
    const candidates = [
      candidate('X', 'N', 0.9, 100),
      candidate('Y', 'M', 0.9, 100),
      candidate('Y', 'N', 0.2, 100),
    ];
    const allocation = await allocateOptimal(candidates, listings);
    const p = promises(listings, candidates, allocation);
    expect(unallocatedReason(0, p.get('Y'), p.get('N'))).toBe('offer-promised-and-need-covered');
  });

  it('when a refresh computed it, then it is not allocated yet; when nothing is used up now, things changed since the run', () => {
    expect(unallocatedReason(null, undefined, undefined)).toBe('not-allocated-yet');
    const room = { promised: 10, quantity: 100 };
    expect(unallocatedReason(0, room, room)).toBe('changed-since');
    // Rounded-down allocations a hair short of the whole still use a side up.
    expect(unallocatedReason(0, { promised: 99.99999999, quantity: 100 }, room)).toBe('offer-promised');
  });
});

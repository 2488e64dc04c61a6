import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateGreedy } from '../../../src/matching/allocation/greedy.ts';
import { allocationObjective, candidateValue } from '../../../src/matching/allocation/objective.ts';
import { allocateOptimal } from '../../../src/matching/allocation/optimal.ts';
import { countingOrder, descendingOrder } from '../../../src/matching/allocation/order.ts';
import { findOverAllocation, roundDown } from '../../../src/matching/allocation/problem.ts';
import type {
  AllocationEntry,
  AllocationResult,
  Candidate,
  MatchListing,
} from '../../../src/matching/types.ts';

function listing(id: string, direction: 'offer' | 'need', value: number): MatchListing {
  return {
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
  };
}

function candidate(
  offerId: string,
  needId: string,
  score: number,
  maxQuantity: number,
  offerUse = 1,
): Candidate {
  return {
    offerId,
    needId,
    kind: 'material',
    distanceKm: 10,
    route: { type: 'direct' },
    score,
    terms: [],
    maxQuantity,
    offerUse,
    impact: {
      quantity: maxQuantity,
      unit: 't/yr',
      co2eAvoidedT: 0,
      co2eBreakdown: { avoidedT: 0, transportT: 0, electricityT: 0 },
      factorSet: 'test',
    },
  };
}

interface Instance {
  listings: MatchListing[];
  candidates: Candidate[];
}

/** Random bipartite instances: up to 6 offers and 6 needs, any subset of pairs, mixed offer use. */
const instances: fc.Arbitrary<Instance> = fc
  .record({
    offers: fc.array(fc.double({ min: 0.5, max: 1000, noNaN: true }), { minLength: 1, maxLength: 6 }),
    needs: fc.array(fc.double({ min: 0.5, max: 1000, noNaN: true }), { minLength: 1, maxLength: 6 }),
    edges: fc.array(
      fc.record({
        offer: fc.nat(5),
        need: fc.nat(5),
        score: fc.double({ min: 0.01, max: 1, noNaN: true }),
        maxShare: fc.double({ min: 0.05, max: 2, noNaN: true }),
        offerUse: fc.constantFrom(1, 1, 0.75, 0.4, 1.25),
      }),
      { maxLength: 24 },
    ),
  })
  .map(({ offers, needs, edges }) => {
    const listings = [
      ...offers.map((q, i) => listing(`o${i}`, 'offer', q)),
      ...needs.map((q, i) => listing(`n${i}`, 'need', q)),
    ];
    const candidates = edges.map((e) => {
      const o = e.offer % offers.length;
      const n = e.need % needs.length;
      return candidate(`o${o}`, `n${n}`, e.score, e.maxShare * needs[n]!, e.offerUse);
    });
    return { listings, candidates };
  });

function checkInvariants(result: AllocationResult, { listings, candidates }: Instance): void {
  expect(findOverAllocation(result.entries, candidates, listings)).toEqual([]);
  for (const entry of result.entries) expect(entry.quantity).toBeGreaterThan(0);
  const keys = result.entries.map((e) => `${e.offerId}|${e.needId}`);
  // Sorted by offer id, then need id (not by the joined key: "o1|n3" sorts after "o10|n0").
  const byPair = (a: AllocationEntry, b: AllocationEntry) =>
    a.offerId < b.offerId
      ? -1
      : a.offerId > b.offerId
        ? 1
        : a.needId < b.needId
          ? -1
          : a.needId > b.needId
            ? 1
            : 0;
  expect(result.entries).toEqual([...result.entries].sort(byPair));
  expect(new Set(keys).size).toBe(keys.length);
  expect(result.objective).toBeCloseTo(allocationObjective(result.entries, candidates, listings), 12);
}

describe('allocation', () => {
  it('when there are no candidates, then both allocators return an empty allocation', async () => {
    expect(allocateGreedy([], [])).toEqual({ method: 'greedy', entries: [], objective: 0 });
    expect(await allocateOptimal([], [])).toEqual({ method: 'lp', entries: [], objective: 0 });
  });

  it('when one offer serves two needs, then it is not promised twice', async () => {
    const listings = [listing('o', 'offer', 100), listing('a', 'need', 80), listing('b', 'need', 80)];
    const candidates = [candidate('o', 'a', 0.9, 80), candidate('o', 'b', 0.6, 80)];
    for (const result of [
      allocateGreedy(candidates, listings),
      await allocateOptimal(candidates, listings),
    ]) {
      expect(result.entries).toEqual([
        { offerId: 'o', needId: 'a', quantity: 80 },
        { offerId: 'o', needId: 'b', quantity: 20 },
      ]);
      expect(result.objective).toBeCloseTo(0.9 + (0.6 * 20) / 80, 12);
    }
  });

  it('when greedy takes the best pair first, then the LP finds the strictly better crossing', async () => {
    // o1 is everyone's favourite; giving it to n1 (greedy) leaves n2 with nothing, while o2 can only serve n1.
    const listings = [
      listing('o1', 'offer', 10),
      listing('o2', 'offer', 10),
      listing('n1', 'need', 10),
      listing('n2', 'need', 10),
    ];
    const candidates = [
      candidate('o1', 'n1', 0.9, 10),
      candidate('o1', 'n2', 0.85, 10),
      candidate('o2', 'n1', 0.8, 10),
    ];
    const greedy = allocateGreedy(candidates, listings);
    const optimal = await allocateOptimal(candidates, listings);
    expect(greedy.entries).toEqual([{ offerId: 'o1', needId: 'n1', quantity: 10 }]);
    expect(greedy.objective).toBeCloseTo(0.9, 12);
    expect(optimal.method).toBe('lp');
    expect(optimal.entries).toEqual([
      { offerId: 'o1', needId: 'n2', quantity: 10 },
      { offerId: 'o2', needId: 'n1', quantity: 10 },
    ]);
    expect(optimal.objective).toBeCloseTo(1.65, 12);
  });

  it('when heat is lifted by a heat pump, then the offer is charged offerUse per MWh delivered', async () => {
    const listings = [listing('heat', 'offer', 60), listing('town', 'need', 100)];
    const candidates = [candidate('heat', 'town', 0.7, 100, 0.75)];
    const result = await allocateOptimal(candidates, listings);
    expect(result.entries).toEqual([{ offerId: 'heat', needId: 'town', quantity: 80 }]);
  });

  it('when needs have different units, then value is the score-weighted share of the need', () => {
    expect(candidateValue({ score: 0.8 }, 200)).toBeCloseTo(0.004, 15);
    expect(candidateValue({ score: 0.8 }, 0)).toBe(0);
    expect(candidateValue({ score: 0 }, 10)).toBe(0);
  });

  it('when a quantity has many digits, then it is rounded down to nine significant digits', () => {
    expect(roundDown(1000 / 3)).toBe(333.333333);
    expect(roundDown(0.3)).toBe(0.3);
    expect(roundDown(123456789012)).toBe(123456789000);
    expect(roundDown(0)).toBe(0);
  });

  it('when a candidate names an unknown listing, then allocation refuses with a typed error', () => {
    expect(() => allocateGreedy([candidate('ghost', 'n', 1, 1)], [listing('n', 'need', 1)])).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });

  it('when HiGHS cannot finish, then the greedy allocation is returned and the reason logged', async () => {
    const listings = [listing('o1', 'offer', 10), listing('o2', 'offer', 10), listing('n1', 'need', 10)];
    const candidates = [candidate('o1', 'n1', 0.9, 10), candidate('o2', 'n1', 0.8, 10)];
    const warnings: string[] = [];
    const result = await allocateOptimal(candidates, listings, {
      solver: 'sifting',
      timeLimitSeconds: 0,
      logger: { warn: (_details, message) => warnings.push(message) },
    });
    expect(result.method).toBe('greedy');
    expect(result).toEqual({ ...allocateGreedy(candidates, listings), method: 'greedy' });
    expect(warnings).toHaveLength(1);
  });

  it('when a pair is listed twice, then the better candidate counts once', async () => {
    const listings = [listing('o', 'offer', 50), listing('n', 'need', 100)];
    const candidates = [candidate('o', 'n', 0.5, 100), candidate('o', 'n', 0.9, 100)];
    const result = await allocateOptimal(candidates, listings);
    expect(result.entries).toEqual([{ offerId: 'o', needId: 'n', quantity: 50 }]);
    expect(result.objective).toBeCloseTo(0.45, 12);
  });

  it('when instances are random, then no offer, need or pair is over-allocated', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async (instance) => {
        checkInvariants(allocateGreedy(instance.candidates, instance.listings), instance);
        checkInvariants(await allocateOptimal(instance.candidates, instance.listings), instance);
      }),
      { numRuns: 200, seed: 20260101 },
    );
  });

  it('when instances are random, then the optimiser is never worse than greedy', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async ({ listings, candidates }) => {
        const greedy = allocateGreedy(candidates, listings);
        const optimal = await allocateOptimal(candidates, listings);
        expect(optimal.method).toBe('lp');
        expect(optimal.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-6);
      }),
      { numRuns: 200, seed: 20260102 },
    );
  });

  it('when the same instance comes again in another order, then the allocation is identical', async () => {
    await fc.assert(
      fc.asyncProperty(instances, fc.nat(), async ({ listings, candidates }, shift) => {
        const k = candidates.length === 0 ? 0 : shift % candidates.length;
        const rotated = [...candidates.slice(k), ...candidates.slice(0, k)].reverse();
        expect(allocateGreedy(rotated, listings)).toEqual(allocateGreedy(candidates, listings));
        const first = await allocateOptimal(candidates, listings);
        expect(await allocateOptimal(candidates, listings)).toEqual(first);
        expect(await allocateOptimal(rotated, [...listings].reverse())).toEqual(first);
      }),
      { numRuns: 100, seed: 20260103 },
    );
  });

  it('when components are split across several models, then the optimum is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async ({ listings, candidates }) => {
        const whole = await allocateOptimal(candidates, listings);
        const split = await allocateOptimal(candidates, listings, { maxColumnsPerModel: 2 });
        expect(split.objective).toBeCloseTo(whole.objective, 6);
      }),
      { numRuns: 100, seed: 20260104 },
    );
  });

  it('when sifting starts from one column per need, then it prices its way to the full optimum', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async ({ listings, candidates }) => {
        const full = await allocateOptimal(candidates, listings, {
          solver: 'sifting',
          initialColumnsPerNeed: 1_000,
        });
        const sifted = await allocateOptimal(candidates, listings, {
          solver: 'sifting',
          initialColumnsPerNeed: 1,
        });
        expect(sifted.method).toBe('lp');
        expect(sifted.objective).toBeCloseTo(full.objective, 6);
      }),
      { numRuns: 150, seed: 20260105 },
    );
  });

  it('when few columns may enter per round, then sifting still reaches the uncapped optimum', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async ({ listings, candidates }) => {
        const uncapped = await allocateOptimal(candidates, listings, {
          solver: 'sifting',
          initialColumnsPerNeed: 1,
          enteringColumnsPerRow: Number.POSITIVE_INFINITY,
        });
        // 0 per row leaves the floor of an eighth of the improving columns: often one per round.
        const capped = await allocateOptimal(candidates, listings, {
          solver: 'sifting',
          initialColumnsPerNeed: 1,
          enteringColumnsPerRow: 0,
        });
        expect(capped.method).toBe('lp');
        expect(capped.objective).toBeCloseTo(uncapped.objective, 6);
        checkInvariants(capped, { listings, candidates });
      }),
      { numRuns: 150, seed: 20260108 },
    );
  });
});

/**
 * Larger random instances for the network simplex: many rows, so that its basis trees grow deep,
 * cycles through offer uses other than 1 form, and every kind of pivot occurs.
 */
const largeInstances: fc.Arbitrary<Instance> = fc
  .record({
    offers: fc.array(fc.double({ min: 0.5, max: 1000, noNaN: true }), { minLength: 5, maxLength: 30 }),
    needs: fc.array(fc.double({ min: 0.5, max: 1000, noNaN: true }), { minLength: 5, maxLength: 30 }),
    edges: fc.array(
      fc.record({
        offer: fc.nat(29),
        need: fc.nat(29),
        score: fc.constantFrom(0.3, 0.5, 0.5, 0.8, 0.95, 1),
        maxShare: fc.double({ min: 0.05, max: 2, noNaN: true }),
        offerUse: fc.constantFrom(1, 1, 1, 0.75, 0.4, 1.25, 0),
      }),
      { minLength: 20, maxLength: 200 },
    ),
  })
  .map(({ offers, needs, edges }) => ({
    listings: [
      ...offers.map((q, i) => listing(`o${i}`, 'offer', q)),
      ...needs.map((q, i) => listing(`n${i}`, 'need', q)),
    ],
    candidates: edges.map((e) => {
      const o = e.offer % offers.length;
      const n = e.need % needs.length;
      return candidate(`o${o}`, `n${n}`, e.score, e.maxShare * needs[n]!, e.offerUse);
    }),
  }));

describe('allocation by the network simplex', () => {
  it('when instances are random, then it reaches the optimum HiGHS finds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(instances, largeInstances), async (instance) => {
        const { listings, candidates } = instance;
        const warnings: string[] = [];
        const logger = { warn: (_details: object, message: string) => warnings.push(message) };
        const network = await allocateOptimal(candidates, listings, { logger });
        const highs = await allocateOptimal(candidates, listings, { solver: 'sifting', logger });
        expect(warnings).toEqual([]);
        expect(network.method).toBe('lp');
        // Both round quantities down to nine digits, so the objectives agree to about that.
        expect(network.objective).toBeCloseTo(highs.objective, 6);
        checkInvariants(network, instance);
      }),
      // No shrinking: 200-edge instances shrink for minutes; the seed reproduces a failure.
      { numRuns: 300, seed: 20261128, endOnFailure: true },
    );
  });

  it('when it gives up, then HiGHS solves the model instead and the reason is logged', async () => {
    await fc.assert(
      fc.asyncProperty(largeInstances, async (instance) => {
        const { listings, candidates } = instance;
        const warnings: string[] = [];
        const result = await allocateOptimal(candidates, listings, {
          maxPivotsPerColumn: 0,
          logger: { warn: (_details, message) => warnings.push(message) },
        });
        expect(result.method).toBe('lp');
        expect(result).toEqual(await allocateOptimal(candidates, listings, { solver: 'sifting' }));
        if (result.entries.length > 1) expect(warnings[0]).toMatch(/network simplex failed/);
      }),
      { numRuns: 30, seed: 20261129, endOnFailure: true },
    );
  });
});

describe('allocation orderings', () => {
  it('when keys repeat, then counting order is the stable ascending order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(7)), (keys) => {
        const expected = keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
        expect([...countingOrder(Int32Array.from(keys), 8)]).toEqual(expected);
      }),
      { seed: 20260106 },
    );
  });

  it('when values repeat, then descending order keeps equal values in index order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0.25, 1 / 3, 0.5, 2, 1e-9)), (values) => {
        const expected = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!);
        expect([...descendingOrder(Float64Array.from(values))]).toEqual(expected);
      }),
      { seed: 20260107 },
    );
  });

  it('when values are negative, signed zeros, infinite or NaN, then descending order still ranks them', () => {
    const special = [0, -0, 1, -1, 0.5, -2.5, 5e-324, -5e-324, 1e300, -1e300, Infinity, -Infinity, NaN];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...special), fc.double())), (values) => {
        // -0 equals 0 and NaN ties with the smallest value, as comparisons on sorted values rank them.
        const numbers = values.filter((v) => !Number.isNaN(v));
        const smallest = numbers.length > 0 ? Math.min(...numbers) : 0;
        const key = (v: number) => (Number.isNaN(v) ? smallest : v);
        const expected = values
          .map((_, i) => i)
          .sort((a, b) => {
            const [x, y] = [key(values[a]!), key(values[b]!)];
            return x === y ? a - b : x > y ? -1 : 1;
          });
        expect([...descendingOrder(Float64Array.from(values))]).toEqual(expected);
      }),
      { seed: 20260109 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENERGY_CARRIERS,
  LAND_FACILITIES,
  LAND_USES,
  WATER_QUALITIES,
  WATER_TYPES,
} from '../../../src/domain/listing-kinds.ts';
import {
  buildMatchIndex,
  candidatesForListing,
  generateCandidates,
  generateCandidatesWithStats,
} from '../../../src/matching/candidates.ts';
import { naiveCandidates } from '../../../src/matching/naive.ts';
import type { MatchInput, MatchListing } from '../../../src/matching/types.ts';
import { CTX, energy, listing, materialNeed, materialOffer, northOfOslo, REFERENCE } from './fixtures.ts';

const snapshot = (listings: MatchListing[], extra: Partial<MatchInput> = {}): MatchInput => ({
  ...CTX,
  listings,
  ...extra,
});

describe('candidate generation on a hand-made snapshot', () => {
  const listings = [
    materialOffer('fgd-gypsum', ['100105'], { amount: 500 }),
    materialOffer('fly-ash', ['100102'], { amount: 300, ...northOfOslo(120) }),
    materialOffer('far-ash', ['100102'], { ...northOfOslo(400) }),
    materialNeed('plasterboard', { wasteCodes: ['100105'] }, { amount: 400, ...northOfOslo(10) }),
    materialNeed('cement-kiln', { category: 'cement-raw-material' }, { amount: 1000, ...northOfOslo(80) }),
    energy('data-centre', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 35 }, { amount: 8000 }),
    energy(
      'district-heat',
      'need',
      { carrier: 'hot-water', supplyTemperatureC: 75 },
      { amount: 20000, ...northOfOslo(4) },
    ),
    energy('far-heat', 'need', { carrier: 'hot-water', supplyTemperatureC: 75 }, { ...northOfOslo(30) }),
  ];

  it('when generated, then the candidates equal the naive all-pairs result', () => {
    expect(generateCandidates(snapshot(listings))).toEqual(naiveCandidates(snapshot(listings)));
  });

  it('when generated, then they are sorted by score, then offer id, then need id', () => {
    const pairs = generateCandidates(snapshot(listings)).map((c) => `${c.offerId}>${c.needId}`);
    expect(pairs.sort()).toEqual(
      [
        'data-centre>district-heat',
        'fgd-gypsum>cement-kiln',
        'fgd-gypsum>plasterboard',
        'fly-ash>cement-kiln',
      ].sort(),
    );
    const scores = generateCandidates(snapshot(listings)).map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('when the listings come in another order, then the output is identical', () => {
    const reversed = [...listings].reverse();
    expect(generateCandidates(snapshot(reversed))).toEqual(generateCandidates(snapshot(listings)));
  });

  it('when far-away listings cannot match, then they are never evaluated', () => {
    const { pairsEvaluated } = generateCandidatesWithStats(snapshot(listings));
    // 3 material offers × 2 needs + 1 energy offer × 2 needs = 8 pairs naively; far-ash, far-heat are pruned.
    expect(pairsEvaluated).toBeLessThan(8);
  });

  it('when one new listing is matched against the index, then it gets exactly its all-pairs candidates', () => {
    const index = buildMatchIndex(snapshot(listings));
    const newcomer = materialNeed(
      'new-kiln',
      { category: 'cement-raw-material' },
      { amount: 50, ...northOfOslo(100) },
    );
    const expected = naiveCandidates(snapshot([...listings, newcomer])).filter(
      (c) => c.needId === 'new-kiln',
    );
    expect(expected.length).toBe(2);
    expect(candidatesForListing(index, newcomer)).toEqual(expected);
  });

  it('when an indexed listing is updated, then its previous version is not matched against it', () => {
    const index = buildMatchIndex(snapshot(listings));
    const moved = { ...listings[0]!, ...northOfOslo(250) };
    const expected = naiveCandidates(snapshot([moved, ...listings.slice(1)])).filter(
      (c) => c.offerId === moved.id,
    );
    expect(candidatesForListing(index, moved)).toEqual(expected);
  });
});

// --- the property: the indexed generator equals the all-pairs matcher on random snapshots ---

const DATES = ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01', '2026-01-01'];
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Undefined three times in four: windows and own limits are the exception, not the rule. */
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
const OFFER_CODES = [...REFERENCE.wasteCodes.keys()];
const NEED_CODES = ['10', '1001', '100105', '100102', '100104', '15', '1705', '170504', '19', '191204'];
const CATEGORY_IDS = [...REFERENCE.materialCategories.keys()];

const common = fc.record({
  direction: fc.constantFrom<'offer' | 'need'>('offer', 'need'),
  companyId: fc.constantFrom('a', 'b', 'c'),
  // About 22 × 28 km: wider than heat and water limits, narrower than the material default.
  lat: fc.double({ min: 59.8, max: 60, noNaN: true }),
  lon: fc.double({ min: 10.5, max: 11, noNaN: true }),
  amount: fc.integer({ min: 1, max: 1000 }),
  maxDistanceKm: rarely(fc.constantFrom(1, 3, 8, 15, 40)),
  availableFrom: rarely(fc.constantFrom(...DATES)),
  availableTo: rarely(fc.constantFrom(...DATES)),
});

const kindDetails = fc.oneof(
  fc
    .record({
      codes: fc.subarray(OFFER_CODES),
      // Needs without codes often, so categories and substitutions carry the match.
      needCodes: fc.oneof(fc.constant<string[]>([]), fc.subarray(NEED_CODES, { maxLength: 3 })),
      category: optional(fc.constantFrom(...CATEGORY_IDS)),
      acceptsHazardous: optional(fc.boolean()),
      purityPct: optional(fc.integer({ min: 50, max: 100 })),
    })
    .map((m) => ({ kind: 'material' as const, m })),
  fc
    .record({
      // Heat carriers half the time, so direct and heat-pump routes both occur often.
      carrier: fc.oneof(fc.constantFrom('hot-water', 'cooling-water'), fc.constantFrom(...ENERGY_CARRIERS)),
      supplyTemperatureC: optional(fc.integer({ min: -10, max: 160 })),
      monthlyProfile: optional(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 })),
      hourlyProfile: optional(fc.constantFrom('p:a', 'p:b')),
    })
    .map((e) => ({ kind: 'energy' as const, e })),
  fc
    .record({
      type: fc.constantFrom(...WATER_TYPES),
      quality: optional(fc.constantFrom(...WATER_QUALITIES)),
      temperatureC: optional(fc.integer({ min: 0, max: 40 })),
    })
    .map((w) => ({ kind: 'water' as const, w })),
  fc
    .record({
      landUse: fc.constantFrom(...LAND_USES),
      facilities: fc.subarray([...LAND_FACILITIES]),
      zoning: optional(fc.constantFrom('A', 'B')),
    })
    .map((l) => ({ kind: 'land' as const, l })),
);

const strip = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const randomListing = fc.tuple(common, kindDetails).map(([c, d]): Omit<MatchListing, 'id'> => {
  const { amount, ...place } = c;
  const base = strip({ ...listing({ id: 'x', direction: c.direction, kind: d.kind, amount }), ...place });
  switch (d.kind) {
    case 'material': {
      const { codes, needCodes, category, acceptsHazardous, purityPct } = d.m;
      const offer = c.direction === 'offer';
      const wasteCodes = offer ? codes : needCodes;
      return {
        ...base,
        material: strip({
          wasteCodes,
          category,
          purityPct,
          acceptsHazardous: offer ? undefined : acceptsHazardous,
          hazardous: wasteCodes.some((code) => REFERENCE.wasteCodes.get(code)?.hazardous === true),
        }),
      };
    }
    case 'energy':
      return { ...base, energy: strip(d.e) };
    case 'water':
      return { ...base, water: strip(d.w) };
    default:
      return { ...base, land: strip(d.l) };
  }
});

const randomSnapshot = fc
  .array(randomListing, { minLength: 1, maxLength: 40, size: 'max' })
  .map((ls) => ls.map((l, i) => ({ ...l, id: `L${String(i).padStart(2, '0')}` }) as MatchListing));

const HOURLY = new Map([
  ['p:a', Float64Array.from({ length: 24 }, (_, h) => (h < 12 ? 2 : 0.5))],
  ['p:b', Float64Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? 0 : 1))],
]);

describe('candidate generation, property-based', () => {
  it('when snapshots are random, then generateCandidates equals naiveCandidates, with and without trees', () => {
    fc.assert(
      fc.property(randomSnapshot, (listings) => {
        const input = snapshot(listings, { hourlyProfiles: HOURLY });
        const naive = naiveCandidates(input);
        expect(generateCandidates(input)).toEqual(naive);
        expect(generateCandidates(input, { linearScanMax: 0 })).toEqual(naive);
      }),
      { numRuns: 300, seed: 20250601 },
    );
  });

  it('when one listing of a random snapshot arrives last, then candidatesForListing finds exactly its pairs', () => {
    fc.assert(
      fc.property(randomSnapshot, fc.nat(), (listings, pick) => {
        const input = snapshot(listings, { hourlyProfiles: HOURLY });
        const newcomer = listings[pick % listings.length]!;
        const index = buildMatchIndex(
          snapshot(
            listings.filter((l) => l.id !== newcomer.id),
            { hourlyProfiles: HOURLY },
          ),
          { linearScanMax: 2 },
        );
        const expected = naiveCandidates(input).filter(
          (c) => c.offerId === newcomer.id || c.needId === newcomer.id,
        );
        expect(candidatesForListing(index, newcomer)).toEqual(expected);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('when a random snapshot is shuffled, then the candidates are identical', () => {
    fc.assert(
      fc.property(
        randomSnapshot.chain((ls) =>
          fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length })),
        ),
        ([listings, shuffled]) => {
          expect(generateCandidates(snapshot(shuffled))).toEqual(generateCandidates(snapshot(listings)));
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });
});

/**
 * Random listings and snapshots for the property tests of the engine (fast-check arbitraries),
 * drawn over the tiny reference data of fixtures.ts within about 22 × 28 km north-east of Oslo.
 */
import fc from 'fast-check';
import {
  ENERGY_CARRIERS,
  LAND_FACILITIES,
  LAND_USES,
  WATER_QUALITIES,
  WATER_TYPES,
} from '../../../src/domain/listing-kinds.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { listing, REFERENCE } from './fixtures.ts';

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
  // Now and then a large one: heat of tens of GWh/yr reaches beyond its carrier's limit (heat-reach.ts).
  amount: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 1000 }), weight: 9 },
    { arbitrary: fc.integer({ min: 10_000, max: 200_000 }), weight: 1 },
  ),
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
      moisturePct: rarely(fc.integer({ min: 0, max: 60 })),
      form: rarely(fc.constantFrom('solid' as const, 'powder' as const)),
      contaminants: rarely(fc.subarray(['Lead', 'chloride', 'oil'], { minLength: 1 })),
      // Regulation (regulation.ts) and a required form: hard constraints both matchers must apply alike.
      formRequired: rarely(fc.constant(true)),
      animalByProductCategory: rarely(fc.constantFrom(1 as const, 2 as const, 3 as const)),
      wasteStatus: rarely(fc.constantFrom('waste' as const, 'by-product' as const, 'end-of-waste' as const)),
      acceptsWaste: rarely(fc.boolean()),
    })
    .map((m) => ({ kind: 'material' as const, m })),
  fc
    .record({
      // Heat carriers half the time, so direct and heat-pump routes both occur often.
      carrier: fc.oneof(fc.constantFrom('hot-water', 'cooling-water'), fc.constantFrom(...ENERGY_CARRIERS)),
      supplyTemperatureC: optional(fc.integer({ min: -10, max: 160 })),
      monthlyProfile: optional(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 })),
      hourlyProfile: optional(fc.constantFrom('p:a', 'p:b')),
      heatPumpSource: rarely(fc.constant(true)),
    })
    .map((e) => ({ kind: 'energy' as const, e })),
  fc
    .record({
      type: fc.constantFrom(...WATER_TYPES),
      quality: optional(fc.constantFrom(...WATER_QUALITIES)),
      temperatureC: optional(fc.integer({ min: 0, max: 40 })),
      treatsOnSite: rarely(fc.constant(true)),
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

export const randomListing = fc.tuple(common, kindDetails).map(([c, d]): Omit<MatchListing, 'id'> => {
  const { amount, ...place } = c;
  const base = strip({ ...listing({ id: 'x', direction: c.direction, kind: d.kind, amount }), ...place });
  switch (d.kind) {
    case 'material': {
      const { codes, needCodes, category, acceptsHazardous, purityPct, moisturePct, form, contaminants } =
        d.m;
      const { formRequired, animalByProductCategory, wasteStatus, acceptsWaste } = d.m;
      const offer = c.direction === 'offer';
      const wasteCodes = offer ? codes : needCodes;
      return {
        ...base,
        material: strip({
          wasteCodes,
          category,
          purityPct,
          moisturePct,
          form,
          // An offer declares what it contains, a need what it cannot take (in either case).
          contaminants: offer ? contaminants : contaminants?.map((c) => c.toLowerCase()),
          acceptsHazardous: offer ? undefined : acceptsHazardous,
          formRequired: offer || form === undefined ? undefined : formRequired,
          animalByProductCategory: offer ? animalByProductCategory : undefined,
          wasteStatus: offer ? wasteStatus : undefined,
          acceptsWaste:
            offer || (acceptsHazardous === true && acceptsWaste === false) ? undefined : acceptsWaste,
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

export const randomSnapshot = fc
  .array(randomListing, { minLength: 1, maxLength: 40, size: 'max' })
  .map((ls) => ls.map((l, i) => ({ ...l, id: `L${String(i).padStart(2, '0')}` }) as MatchListing));

export const HOURLY = new Map([
  ['p:a', Float64Array.from({ length: 24 }, (_, h) => (h < 12 ? 2 : 0.5))],
  ['p:b', Float64Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? 0 : 1))],
]);

/** Snapshots whose listings repeat a few templates, so equal scores (ties) are common. */
export const tiedSnapshot = fc
  .array(fc.tuple(randomListing, fc.integer({ min: 1, max: 4 }), fc.constantFrom('a', 'b', 'c', 'd')), {
    minLength: 1,
    maxLength: 12,
  })
  .map((templates) =>
    templates
      .flatMap(([l, copies, company]) =>
        Array.from({ length: copies }, (_, c) => ({ ...l, companyId: `${company}${c % 2}` })),
      )
      .map((l, i) => ({ ...l, id: `T${String(i).padStart(2, '0')}` }) as MatchListing),
  );

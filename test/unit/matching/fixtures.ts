/**
 * Tiny, hand-made reference data, factors and config for the engine tests: independent of the
 * taxonomy files in data/, with round numbers so expected values can be worked out by hand.
 */
import type {
  MaterialCategory,
  ReferenceData,
  Substitution,
  WasteCodeEntry,
} from '../../../src/domain/reference.ts';
import { EARTH_RADIUS_KM } from '../../../src/matching/distance.ts';
import type { PairContext } from '../../../src/matching/pair.ts';
import type { FactorSet, MatchConfig, MatchListing } from '../../../src/matching/types.ts';

const code = (c: string, hazardous = false): [string, WasteCodeEntry] => [
  c,
  {
    code: c,
    chapter: c.slice(0, 2),
    subchapter: c.slice(0, 4),
    description: `waste ${c}`,
    hazardous,
    entryType: hazardous ? 'Absolute hazardous' : 'Absolute non-hazardous',
  },
];

export const CATEGORIES: MaterialCategory[] = [
  {
    id: 'gypsum',
    name: 'Gypsum',
    description: 'FGD and other gypsum',
    wasteCodePrefixes: ['100105'],
    displaces: 'natural gypsum',
  },
  {
    id: 'cement-raw-material',
    name: 'Cement raw material',
    description: 'inputs to clinker kilns',
    wasteCodePrefixes: [],
    displaces: 'cement clinker',
  },
  {
    id: 'soil-and-stone',
    name: 'Soil and stone',
    description: 'excavated masses',
    wasteCodePrefixes: ['1705'],
    displaces: 'aggregates',
  },
  { id: 'plastics', name: 'Plastics', description: 'plastic waste', wasteCodePrefixes: ['150102', '191204'] },
];

export const SUBSTITUTIONS: Substitution[] = [
  {
    id: 'fly-ash-cement',
    offer: { wasteCodePrefixes: ['100102'] },
    need: { category: 'cement-raw-material' },
    factor: 0.8,
    description: 'coal fly ash as a cement raw material',
    source: 'test source A',
  },
  {
    id: 'gypsum-cement',
    offer: { category: 'gypsum' },
    need: { category: 'cement-raw-material' },
    factor: 0.5,
    description: 'gypsum as set regulator',
    source: 'test source B',
  },
  {
    id: 'fly-ash-cement-weak',
    offer: { wasteCodePrefixes: ['1001'] },
    need: { category: 'cement-raw-material' },
    factor: 0.3,
    description: 'any combustion residue',
    source: 'test source C',
  },
];

export const REFERENCE: ReferenceData = {
  wasteCodes: new Map([
    code('100101'),
    code('100102'),
    code('100104', true),
    code('100105'),
    code('150102'),
    code('170504'),
    code('191204'),
  ]),
  wasteChapters: new Map([
    ['10', 'thermal processes'],
    ['15', 'packaging'],
    ['17', 'construction'],
    ['19', 'waste management'],
  ]),
  wasteSubchapters: new Map([
    ['1001', { title: 'power stations', chapter: '10' }],
    ['1501', { title: 'packaging', chapter: '15' }],
    ['1705', { title: 'soil and stones', chapter: '17' }],
    ['1912', { title: 'mechanical treatment', chapter: '19' }],
  ]),
  industry: new Map(),
  nace: new Map(),
  materialCategories: new Map(CATEGORIES.map((c) => [c.id, c])),
  substitutions: SUBSTITUTIONS,
  hourlyProfiles: new Set(['p:flat', 'p:day']),
};

const f = (value: number, unit: string) => ({ value, unit, source: 'test', year: 2025 });

export const FACTORS: FactorSet = {
  id: 'test-factors',
  version: '1',
  description: 'round numbers for hand calculation',
  factors: {
    'electricity.grid': f(0.1, 'kgCO2e/kWh'),
    'heat.displaced': f(0.2, 'kgCO2e/kWh'),
    'cold.displaced': f(0.05, 'kgCO2e/kWh'),
    'natural-gas.combustion': f(0.2, 'kgCO2e/kWh'),
    'transport.road-freight': f(0.1, 'kgCO2e/tkm'),
    'water.supply': f(0.5, 'kgCO2e/m3'),
    'virgin.cement-raw-material': f(800, 'kgCO2e/t'),
    'virgin.soil-and-stone': f(5, 'kgCO2e/t'),
    'avoided-disposal.default': f(10, 'kgCO2e/t'),
    'avoided-disposal.plastics': f(2000, 'kgCO2e/t'),
  },
};

/** Equal weights (0.2 each after normalising) and no score floor: easy to compute by hand. */
export const CONFIG: MatchConfig = {
  version: 'test',
  weights: { resource: 1, quantity: 1, distance: 1, temporal: 1, quality: 1 },
  distanceLimitsKm: {
    material: 300,
    water: 20,
    land: 50,
    energy: {
      'hot-water': 10,
      steam: 3,
      'flue-gas': 1,
      'cooling-water': 5,
      cold: 5,
      electricity: 30,
      gas: 50,
    },
  },
  minApproachK: 5,
  heatPumpCarnotEfficiency: 0.5,
  maxHeatPumpLiftK: 60,
  maxHeatPumpCop: 8,
  minScore: 0,
};

export const CTX: PairContext = { reference: REFERENCE, factorSet: FACTORS, config: CONFIG };

export const OSLO = { lat: 59.91, lon: 10.75 };
/** Latitude `km` north of Oslo: along a meridian the haversine distance is exactly R·Δφ. */
export const northOfOslo = (km: number): { lat: number; lon: number } => ({
  lat: OSLO.lat + (km / EARTH_RADIUS_KM) * (180 / Math.PI),
  lon: OSLO.lon,
});

const UNITS = { material: 't/yr', energy: 'MWh/yr', water: 'm3/yr', land: 'm2' } as const;

export type ListingSpec = Partial<MatchListing> &
  Pick<MatchListing, 'id' | 'direction' | 'kind'> & { amount?: number };

/** A stored listing with canonical quantity `amount` in its kind's unit, at Oslo unless placed. */
export function listing(spec: ListingSpec): MatchListing {
  const { amount = 100, ...rest } = spec;
  const unit = UNITS[spec.kind];
  return {
    companyId: spec.direction === 'offer' ? 'company-offer' : 'company-need',
    siteId: `site-${spec.id}`,
    title: spec.id,
    quantity: { value: amount, unit },
    canonicalQuantity: { value: amount, unit },
    continuity: 'continuous',
    confidentiality: 'public',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...OSLO,
    ...rest,
  };
}

export const materialOffer = (
  id: string,
  codes: string[],
  extra: Partial<MatchListing> & { amount?: number } = {},
): MatchListing =>
  listing({
    id,
    direction: 'offer',
    kind: 'material',
    material: {
      wasteCodes: codes,
      hazardous: codes.some((c) => REFERENCE.wasteCodes.get(c)?.hazardous === true),
    },
    ...extra,
  });

export const materialNeed = (
  id: string,
  accepts: { wasteCodes?: string[]; category?: string; acceptsHazardous?: boolean },
  extra: Partial<MatchListing> & { amount?: number } = {},
): MatchListing =>
  listing({ id, direction: 'need', kind: 'material', material: { ...accepts, hazardous: false }, ...extra });

export const energy = (
  id: string,
  direction: 'offer' | 'need',
  details: NonNullable<MatchListing['energy']>,
  extra: Partial<MatchListing> & { amount?: number } = {},
): MatchListing => listing({ id, direction, kind: 'energy', energy: details, ...extra });

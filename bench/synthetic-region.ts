/**
 * Seeded synthetic regions for the benchmark: companies clustered around Norwegian industrial
 * towns (norway-towns.ts), each of an archetype (archetypes.ts), with listings that pass the same
 * schema and reference checks as real input.
 *
 * Shape of the data, and why:
 * - Kinds ~55 % material, 25 % energy, 10 % water, 10 % land; offers and needs half each; about
 *   one company per four listings, one or two sites each. The mix follows the share of resource
 *   types in published symbiosis inventories, where by-products dominate.
 * - Sites scatter normally around a town centre, so candidate density is uneven like a real map.
 * - Quantities are log-normal (a few large plants, many small ones) and stated in mixed units
 *   (t/month, GWh/yr, MW with operating hours, l/s, daa) to exercise the canonical conversion.
 * - Random numbers come from mulberry32 (T. Ettinger, 2017, public domain) with Box-Muller normals,
 *   so a seed reproduces a region exactly on any machine.
 */
import type { Company } from '../src/domain/company.ts';
import { type ListingData, ListingInputSchema } from '../src/domain/listing.ts';
import {
  LAND_FACILITIES,
  type LandUse,
  type WaterQuality,
  type WaterType,
} from '../src/domain/listing-kinds.ts';
import { checkListingReference, materialiseListing } from '../src/domain/listing-rules.ts';
import { orgNumberCheckDigit } from '../src/domain/org-number.ts';
import type { ReferenceData } from '../src/domain/reference.ts';
import type { Site } from '../src/domain/site.ts';
import type { MatchListing } from '../src/matching/types.ts';
import { ARCHETYPES, type Archetype, type EnergySpec, type MonthlyShape } from './archetypes.ts';
import { NORWAY_EXTENT, TOWNS } from './norway-towns.ts';

export interface RegionOptions {
  listings: number;
  seed: number;
  /** Mean listings per company. */
  listingsPerCompany: number;
}

export const DEFAULTS: RegionOptions = { listings: 1000, seed: 1, listingsPerCompany: 4 };

export interface SyntheticRegion {
  companies: Company[];
  sites: Site[];
  /** What a client would have sent, parallel to `listings`. */
  inputs: ListingData[];
  listings: MatchListing[];
}

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KIND_MIX: [ListingData['kind'], number][] = [
  ['material', 55],
  ['energy', 25],
  ['water', 10],
  ['land', 10],
];
const WATER_QUALITY: Record<WaterType, WaterQuality> = {
  cooling: 'non-potable',
  process: 'process',
  'treated-wastewater': 'non-potable',
  grey: 'non-potable',
  potable: 'potable',
  surface: 'non-potable',
  seawater: 'saline',
  rainwater: 'non-potable',
  'industrial-waste-water': 'non-potable',
};
/** Relative monthly load, January first. */
const SHAPES: Record<MonthlyShape, number[]> = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  'summer-dip': [1, 1, 1, 1, 1, 0.9, 0.5, 0.8, 1, 1, 1, 1],
  heating: [1.8, 1.6, 1.4, 1.0, 0.6, 0.35, 0.3, 0.35, 0.6, 1.0, 1.4, 1.7],
  'growing-season': [1.6, 1.5, 1.3, 1.0, 0.7, 0.4, 0.3, 0.4, 0.7, 1.0, 1.3, 1.5],
};
const MAX_DISTANCE_KM: Record<ListingData['kind'], number[]> = {
  material: [25, 50, 100, 200, 500],
  energy: [2, 5, 10, 20],
  water: [5, 10, 30],
  land: [10, 25, 50],
};
/**
 * Typical road haul, km, of low-value bulk by-products, which their owners tend to state as a
 * maximum distance: aggregates and excavated soil rarely travel beyond 30-50 km by road, manure
 * and sludge less (transport soon costs more than the material is worth).
 */
const BULK_HAUL_KM: [string, [number, number]][] = [
  ['0104', [20, 60]],
  ['1701', [20, 60]],
  ['1705', [15, 50]],
  ['191209', [20, 60]],
  ['020106', [10, 40]],
  ['190805', [20, 80]],
  ['1906', [20, 80]],
];
const TIMESTAMP = '2026-01-01T00:00:00.000Z';

export function generateRegion(
  reference: ReferenceData,
  options: Partial<RegionOptions> = {},
): SyntheticRegion {
  const { listings: target, seed, listingsPerCompany } = { ...DEFAULTS, ...options };
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = random() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const logNormal = (median: number, sigma: number): number => median * Math.exp(sigma * normal());
  const between = (lo: number, hi: number): number => lo + (hi - lo) * random();
  const chance = (p: number): boolean => random() < p;

  const towns = TOWNS.map((t) => [t, t.weight] as const);
  const archetypes = ARCHETYPES.map((a) => [a, a.weight] as const);
  const byId = new Map(ARCHETYPES.map((a) => [a.id, a]));
  const knownCodes = [...reference.wasteCodes.keys()].sort();
  const categoriesFor = categoryIndex(reference);
  const region: SyntheticRegion = { companies: [], sites: [], inputs: [], listings: [] };

  while (region.listings.length < target) {
    const town = weighted(towns);
    const archetype = chance(0.5) ? byId.get(pick(town.leans))! : weighted(archetypes);
    const companyId = `c-${String(region.companies.length + 1).padStart(6, '0')}`;
    region.companies.push({
      id: companyId,
      name: `${town.name} ${archetype.id} ${region.companies.length + 1} AS`,
      orgNumber: orgNumber(random),
      country: 'NO',
      industry: archetype.industry,
      industryDivision: archetype.industry.slice(0, 2),
      createdAt: TIMESTAMP,
      updatedAt: TIMESTAMP,
      version: 1,
    });
    const sites: Site[] = [];
    for (let s = chance(0.25) ? 2 : 1; s > 0; s--) {
      const lat = clamp(
        town.lat + (normal() * town.spreadKm) / 111.2,
        NORWAY_EXTENT.minLat,
        NORWAY_EXTENT.maxLat,
      );
      const lonKm = 111.2 * Math.cos((lat * Math.PI) / 180);
      const lon = clamp(
        town.lon + (normal() * town.spreadKm) / lonKm,
        NORWAY_EXTENT.minLon,
        NORWAY_EXTENT.maxLon,
      );
      const site: Site = {
        id: `s-${String(region.sites.length + 1).padStart(6, '0')}`,
        companyId,
        name: `${town.name} site ${sites.length + 1}`,
        lat: round(lat, 5),
        lon: round(lon, 5),
        municipality: town.name,
        createdAt: TIMESTAMP,
        updatedAt: TIMESTAMP,
        version: 1,
      };
      sites.push(site);
      region.sites.push(site);
    }
    const count = Math.min(
      target - region.listings.length,
      1 + Math.floor(-Math.log(1 - random()) * (listingsPerCompany - 1)),
    );
    for (let i = 0; i < count; i++) {
      const site = pick(sites);
      const data = listingData(site.id, weighted(KIND_MIX), chance(0.5) ? 'offer' : 'need', archetype);
      const id = `l-${String(region.listings.length + 1).padStart(7, '0')}`;
      const stored = materialiseListing(
        data,
        reference,
        { id, companyId },
        { createdAt: TIMESTAMP, updatedAt: TIMESTAMP },
      );
      region.inputs.push(data);
      region.listings.push({ ...stored, lat: site.lat, lon: site.lon });
    }
  }
  return region;

  function listingData(
    siteId: string,
    kind: ListingData['kind'],
    direction: 'offer' | 'need',
    a: Archetype,
  ): ListingData {
    const base = {
      siteId,
      direction,
      kind,
      continuity: weighted([
        ['continuous', 75],
        ['batch', kind === 'material' ? 20 : 3],
        ['one-off', 5],
      ] as const),
      confidentiality: weighted([
        ['public', 80],
        ['anonymous', 15],
        ['private', 5],
      ] as const),
      ...(chance(0.15) ? { maxDistanceKm: pick(MAX_DISTANCE_KM[kind]) } : {}),
      ...window(kind === 'land' ? 0.5 : 0.2),
    };
    if (kind === 'material') {
      const details = material(direction, a);
      const code = details.material.wasteCodes?.[0];
      const haul = code === undefined ? undefined : BULK_HAUL_KM.find(([prefix]) => code.startsWith(prefix));
      if (haul && chance(0.6)) return { ...base, ...details, maxDistanceKm: Math.round(between(...haul[1])) };
      return { ...base, ...details };
    }
    if (kind === 'energy') return { ...base, ...energy(direction, a) };
    if (kind === 'water') return { ...base, ...water(direction, a) };
    return { ...base, ...land(direction) };
  }

  function material(direction: 'offer' | 'need', a: Archetype) {
    const source = direction === 'offer' ? a : withFallback(a, (x) => x.needsCodes.length > 0);
    let codes: string[];
    if (direction === 'offer') {
      const first = chance(0.9) ? weighted(source.offersCodes) : pick(knownCodes);
      codes = chance(0.15) ? [...new Set([first, weighted(source.offersCodes)])] : [first];
    } else {
      const n = 1 + Math.floor(random() * Math.min(3, source.needsCodes.length));
      const wanted = Array.from({ length: n }, () => {
        const code = pick(source.needsCodes);
        if (code.length === 6 && chance(0.25)) return code.slice(0, 4);
        return code.length > 2 && chance(0.05) ? code.slice(0, 2) : code;
      });
      codes = [...new Set(wanted)];
    }
    const byUse = (source.needsCategories ?? []).filter((c) => reference.materialCategories.has(c));
    const categories =
      direction === 'need' && byUse.length > 0 && chance(0.5) ? byUse : categoriesFor(codes[0]!);
    const category =
      categories.length > 0 && chance(direction === 'need' ? 0.3 : 0.15) ? pick(categories) : undefined;
    const onlyCategory = direction === 'need' && category !== undefined && chance(0.4);
    const description = reference.wasteCodes.get(codes[0]!)?.description ?? `${a.id} by-products`;
    const unit = weighted([
      ['t/yr', 70],
      ['t/month', 20],
      ['kg/day', 5],
      ['kt/yr', 5],
    ] as const);
    return {
      title: `${direction === 'offer' ? 'Surplus' : 'Wanted'}: ${description}`.slice(0, 200),
      quantity: { value: inUnit(logNormal(400, 1.4), unit), unit },
      material: {
        ...(onlyCategory ? {} : { wasteCodes: codes }),
        ...(category ? { category } : {}),
        form: pick(['solid', 'granular', 'powder', 'sludge', 'liquid', 'mixed'] as const),
        ...(chance(0.3) ? { purityPct: round(between(60, 99.5), 1) } : {}),
        ...(chance(0.2) ? { moisturePct: round(between(2, 80), 1) } : {}),
        ...(direction === 'need' && chance(0.08) ? { acceptsHazardous: true } : {}),
      },
    };
  }

  function energy(direction: 'offer' | 'need', a: Archetype) {
    const list = (x: Archetype) => (direction === 'offer' ? x.energyOffers : x.energyNeeds);
    const spec: EnergySpec = pick(list(withFallback(a, (x) => list(x).length > 0)));
    const supply = spec.supplyC ? Math.round(between(...spec.supplyC)) : undefined;
    const delta = spec.deltaK ? Math.round(between(...spec.deltaK)) : 0;
    const heat = spec.carrier !== 'cold' && spec.carrier !== 'electricity' && spec.carrier !== 'gas';
    const mwh = logNormal(4000, 1.4);
    const hours = spec.shape === 'heating' ? 5000 : 8000;
    const byPower = chance(0.3);
    const unit = byPower ? (mwh / hours > 2 ? 'MW' : 'kW') : mwh > 20_000 ? 'GWh/yr' : 'MWh/yr';
    const profile = a.hourlyProfile && direction === 'offer' && reference.hourlyProfiles.has(a.hourlyProfile);
    return {
      title: `${direction === 'offer' ? 'Excess' : 'Needed'} ${spec.carrier}${supply !== undefined ? ` at ${supply} °C` : ''}`,
      quantity: byPower
        ? { value: inUnit(mwh / hours, unit), unit, operatingHours: hours }
        : { value: inUnit(mwh, unit), unit },
      energy: {
        carrier: spec.carrier,
        ...(supply !== undefined ? { supplyTemperatureC: supply } : {}),
        ...(supply !== undefined && delta > 0
          ? { returnTemperatureC: heat ? supply - delta : supply + delta }
          : {}),
        ...(chance(0.7)
          ? { monthlyProfile: SHAPES[spec.shape].map((f) => round(f * between(0.9, 1.1), 2)) }
          : {}),
        ...(profile && chance(0.25) ? { hourlyProfile: a.hourlyProfile } : {}),
      },
    };
  }

  function water(direction: 'offer' | 'need', a: Archetype) {
    const list = (x: Archetype) => (direction === 'offer' ? x.waterOffers : x.waterNeeds);
    const type = pick(list(withFallback(a, (x) => list(x).length > 0)));
    const m3 = logNormal(60_000, 1.3);
    const unit = weighted([
      ['m3/day', 40],
      ['m3/yr', 40],
      ['l/s', 20],
    ] as const);
    const temperatureC =
      type === 'cooling'
        ? Math.round(between(20, 40))
        : type === 'seawater'
          ? Math.round(between(5, 12))
          : undefined;
    return {
      title: `${direction === 'offer' ? 'Available' : 'Needed'} ${type} water`,
      quantity: { value: inUnit(m3, unit), unit },
      water: { type, quality: WATER_QUALITY[type], ...(temperatureC !== undefined ? { temperatureC } : {}) },
    };
  }

  function land(direction: 'offer' | 'need') {
    const landUse = weighted<LandUse>([
      ['industrial', 50],
      ['storage', 20],
      ['commercial', 10],
      ['agricultural', 10],
      ['mixed', 10],
    ]);
    const unit = weighted([
      ['m2', 50],
      ['daa', 35],
      ['ha', 15],
    ] as const);
    const facilities = LAND_FACILITIES.filter(() => chance(0.3));
    return {
      title: `${direction === 'offer' ? 'Vacant' : 'Wanted'} ${landUse} area`,
      quantity: { value: inUnit(logNormal(8000, 1.0), unit), unit },
      land: {
        landUse,
        ...(chance(0.6) ? { zoning: pick(['Næring', 'Industri', 'Lager', 'LNF', 'Kombinert formål']) } : {}),
        ...(facilities.length > 0 ? { facilities } : {}),
      },
    };
  }

  function withFallback(a: Archetype, has: (x: Archetype) => boolean): Archetype {
    return has(a) ? a : weighted(archetypes.filter(([x]) => has(x)));
  }

  function window(p: number): { availableFrom?: string; availableTo?: string } {
    if (!chance(p)) return {};
    const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(between(0, 730)) * 86_400_000);
    if (!chance(0.6)) return { availableFrom: isoDate(from) };
    const to = new Date(from.getTime() + Math.floor(between(180, 1825)) * 86_400_000);
    return { availableFrom: isoDate(from), availableTo: isoDate(to) };
  }
}

/** Categories from the taxonomy whose code prefixes overlap a code or prefix. */
function categoryIndex(reference: ReferenceData): (code: string) => string[] {
  const categories = [...reference.materialCategories.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const cache = new Map<string, string[]>();
  return (code) => {
    let ids = cache.get(code);
    if (!ids) {
      ids = categories
        .filter((c) => c.wasteCodePrefixes.some((p) => code.startsWith(p) || p.startsWith(code)))
        .map((c) => c.id);
      cache.set(code, ids);
    }
    return ids;
  };
}

const UNIT_FACTOR: Record<string, number> = {
  't/yr': 1,
  't/month': 12,
  'kg/day': 0.365,
  'kt/yr': 1000,
  'MWh/yr': 1,
  'GWh/yr': 1000,
  MW: 1,
  kW: 0.001,
  'm3/day': 365,
  'm3/yr': 1,
  'l/s': 3.6 * 8760,
  m2: 1,
  daa: 1000,
  ha: 10_000,
};

/** A canonical amount in a unit, to three significant digits, as people state quantities. */
function inUnit(canonical: number, unit: string): number {
  const value = canonical / UNIT_FACTOR[unit]!;
  return Math.max(Number(value.toPrecision(3)), 0.01);
}

function orgNumber(random: Random): string {
  for (;;) {
    const first = `${8 + Math.floor(random() * 2)}${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
    const check = orgNumberCheckDigit(first);
    if (check !== null) return `${first}${check}`;
  }
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Runs every `stride`-th listing through the input schema and the reference checks, as the API
 * would; returns the problems found (empty when the sample is valid).
 */
export function checkRegionSample(region: SyntheticRegion, reference: ReferenceData, stride = 1): string[] {
  const problems: string[] = [];
  for (let i = 0; i < region.inputs.length; i += stride) {
    const parsed = ListingInputSchema.safeParse(region.inputs[i]);
    if (!parsed.success) {
      problems.push(
        `${region.listings[i]!.id}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
      );
      continue;
    }
    for (const p of checkListingReference(parsed.data, reference))
      problems.push(`${region.listings[i]!.id}: ${p.path} ${p.message}`);
  }
  return problems;
}

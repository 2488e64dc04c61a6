/**
 * A listing as pair evaluation reads it: the fields the numeric phase touches copied into one flat
 * record, cos(latitude) for the haversine, and memos the kind's fit fills on first use (the
 * material categories of an offer and the substitution it makes into each need category, the time
 * shape of an energy listing).
 *
 * Why a copy: at 10^5 listings the numeric phase meets tens of millions of pairs, and its cost is
 * the memory it touches, not its arithmetic. A stored listing spreads what a pair needs over half
 * a dozen objects (the listing, its quantity, its details, their arrays and strings); the record
 * keeps it in a few adjacent cache lines, and the candidate index allocates the records in spatial
 * order with shared strings and numbered companies (a Numbering), so neighbours in a k-d tree are
 * neighbours in memory and a company check compares two numbers.
 *
 * A prepared listing belongs to one snapshot context (reference data, config, profiles) and one
 * numbering: two records are compared only when prepared with the same numbering or either
 * without one. The candidate index prepares each listing once, evaluatePair prepares afresh on
 * every call.
 */
import { cosLatitude } from './distance.ts';
import type { CompiledFeedback } from './feedback.ts';
import type { MaterialMemo } from './material-fit.ts';
import type { TimeShape } from './temporal.ts';
import type { MatchConfig, MatchListing } from './types.ts';

export interface PreparedListing {
  /** The stored listing, for what only the explain phase reads (ids, units, names). */
  readonly listing: MatchListing;
  readonly companyId: string;
  /** The company's number in the numbering the listing was prepared with, −1 without one. */
  readonly company: number;
  readonly direction: MatchListing['direction'];
  readonly kind: MatchListing['kind'];
  readonly lat: number;
  readonly lon: number;
  readonly cosLat: number;
  readonly maxDistanceKm: number | undefined;
  /**
   * A need's distance limits under `limitConfig` (distance.ts, needLimits), on first use: the
   * default limit of its pairs (the reach at its whole quantity for heat), the configured limit
   * and whether its pairs' reach follows the heat they deliver. Next to maxDistanceKm, which a
   * pair reads with them.
   */
  limitConfig: MatchConfig | undefined;
  defaultLimitKm: number;
  configuredLimitKm: number;
  heatReach: boolean;
  readonly availableFrom: string | undefined;
  readonly availableTo: string | undefined;
  /** The canonical quantity per year and its unit (listing.canonicalQuantity). */
  readonly quantity: number;
  readonly unit: string;
  readonly material: MatchListing['material'];
  readonly energy: MatchListing['energy'];
  readonly water: MatchListing['water'];
  readonly land: MatchListing['land'];
  materialMemo: MaterialMemo | undefined;
  shape: TimeShape | undefined;
  /** The number of its resource family in a compiled feedback table (feedback.ts), on first use. */
  familyTable: CompiledFeedback | undefined;
  familyId: number;
}

/**
 * Shared instances of the strings the numeric phase compares, and numbers for companies, for the
 * listings of one index: two records prepared with the same numbering compare companies as numbers.
 */
export interface Numbering {
  intern(s: string): string;
  company(id: string): number;
}

export function newNumbering(): Numbering {
  const strings = new Map<string, string>();
  const companies = new Map<string, number>();
  return {
    intern: (s) => {
      const hit = strings.get(s);
      if (hit !== undefined) return hit;
      strings.set(s, s);
      return s;
    },
    company: (id) => {
      let n = companies.get(id);
      if (n === undefined) {
        n = companies.size;
        companies.set(id, n);
      }
      return n;
    },
  };
}

const same = (s: string): string => s;

/**
 * The flat record of `listing`. With a numbering, strings the numeric phase compares (waste codes,
 * categories) are replaced by one shared instance each, the company gets its number and the
 * details are copied next to the record; without one the details are the listing's own.
 */
export function prepareListing(listing: MatchListing, numbering?: Numbering): PreparedListing {
  const at = numbering?.intern ?? same;
  const m = listing.material;
  const copy = numbering !== undefined;
  return {
    listing,
    companyId: listing.companyId,
    company: numbering ? numbering.company(listing.companyId) : -1,
    direction: listing.direction,
    kind: listing.kind,
    lat: listing.lat,
    lon: listing.lon,
    cosLat: cosLatitude(listing.lat),
    maxDistanceKm: listing.maxDistanceKm,
    // NaN, not 0: the fields hold doubles from the start, so that filling them in (needLimits)
    // changes no record's hidden class.
    limitConfig: undefined,
    defaultLimitKm: Number.NaN,
    configuredLimitKm: Number.NaN,
    heatReach: false,
    availableFrom: listing.availableFrom,
    availableTo: listing.availableTo,
    quantity: listing.canonicalQuantity.value,
    unit: listing.canonicalQuantity.unit,
    material: m && copy ? materialRecord(m, at) : m,
    energy: listing.energy && copy ? energyRecord(listing.energy) : listing.energy,
    water: listing.water && copy ? waterRecord(listing.water) : listing.water,
    land: listing.land && copy ? landRecord(listing.land) : listing.land,
    materialMemo: undefined,
    shape: undefined,
    familyTable: undefined,
    familyId: -1,
  };
}

/*
 * The details copied into a record always have every field, in one order, present even when
 * undefined: all records of a kind then share one hidden class, and the fits' property reads stay
 * monomorphic (V8 inline caches; with the optional fields of stored listings a fit met dozens of
 * shapes and fell back to slow lookups).
 */
type Details<K extends 'material' | 'energy' | 'water' | 'land'> = NonNullable<MatchListing[K]>;

function materialRecord(m: Details<'material'>, at: (s: string) => string): Details<'material'> {
  return {
    wasteCodes: m.wasteCodes?.map(at),
    category: m.category === undefined ? undefined : at(m.category),
    form: m.form,
    purityPct: m.purityPct,
    moisturePct: m.moisturePct,
    contaminants: m.contaminants,
    acceptsHazardous: m.acceptsHazardous,
    formRequired: m.formRequired,
    animalByProductCategory: m.animalByProductCategory,
    wasteStatus: m.wasteStatus,
    acceptsWaste: m.acceptsWaste,
    hazardous: m.hazardous,
  };
}

function energyRecord(e: Details<'energy'>): Details<'energy'> {
  return {
    carrier: e.carrier,
    supplyTemperatureC: e.supplyTemperatureC,
    returnTemperatureC: e.returnTemperatureC,
    powerKw: e.powerKw,
    monthlyProfile: e.monthlyProfile,
    hourlyProfile: e.hourlyProfile,
    heatPumpSource: e.heatPumpSource,
  };
}

const waterRecord = (w: Details<'water'>): Details<'water'> => ({
  type: w.type,
  quality: w.quality,
  temperatureC: w.temperatureC,
  treatsOnSite: w.treatsOnSite,
});

const landRecord = (l: Details<'land'>): Details<'land'> => ({
  landUse: l.landUse,
  zoning: l.zoning,
  facilities: l.facilities,
});

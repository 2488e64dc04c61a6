/**
 * A tight, cheap upper bound of a pair's score, for pruning (candidates.ts).
 *
 * The coarse bound of candidates.ts knows a counterpart only by its position and quantity, so it
 * takes the temporal and quality terms as 1. In a crowded region that admits most counterparts
 * within reach: at 10^5 listings nine in ten pairs the numeric phase scored could never enter a
 * K best. This bound reads a few numbers per listing, kept in a flat typed array (a BoundTable, one
 * row per listing of the index), and computes
 *
 *   temporal  the window share exactly as windowShareValue does; energy: times the quantity term,
 *             as the profile coverage (deliverable hours over needed ones) is at most the share
 *             of the need deliverable over the year
 *   quality   materials: purity, moisture and form exactly as materialQuality does, a declared or
 *             excluded contaminant counted as a perfect part; land: zoning exactly as fitLand does;
 *             energy: exactly as fitEnergy does (temperatures, heat pump, the grade of direct heat,
 *             a need's heat-pump source); water: 1
 *   resource  land: the land-use fit exactly; energy: the route's value exactly (fitEnergy); other
 *             kinds: the index key's bound
 *   quantity  energy: exactly, with the route's offer use (a heat pump's COP); other kinds: the
 *             coarse bound's
 *
 * and rejects outright what scorePair would reject: the same company, windows that do not overlap,
 * a hazardous offer for a need that takes none, a plot without a required facility, heat no route
 * delivers. Every number is computed by the expression scorePair uses, or is at least as large, so
 * the bound never falls below the score (the candidates equal the naive matcher's; property tests
 * and the benchmark check it). Where a listing's values cannot be read as numbers (a date that is
 * not an ISO day, a facility or form outside the known lists) the bound falls back to the coarse one.
 *
 * Energy needs its route bounded most: the coarse bound knows neither route nor COP (energy's
 * lowest offer use is 0). At 10^5 listings energy pairs scored 0.21 below the bound without it on
 * average (materials 0.004 below theirs); with it the search scored a quarter fewer pairs.
 */

import { ENERGY_CARRIERS, LAND_FACILITIES, LAND_USES } from '../domain/listing-kinds.ts';
import { isHazardous } from '../domain/listing-rules.ts';
import type { ReferenceData } from '../domain/reference.ts';
import {
  COLD_NEEDS,
  DIRECT_SERVES,
  ENERGY_FIT,
  HEAT_NEEDS,
  HEAT_PUMP_SOURCES,
  HEAT_SOURCES,
  temperature,
} from './energy-fit.ts';
import { heatGrade } from './heat-grade.ts';
import { routeHeat } from './heat-pump.ts';
import { LAND_USE_FIT, ZONING_FIT, zoningValue } from './land-fit.ts';
import { formPart, moisturePart, purityPart } from './material-fit.ts';
import type { PreparedListing } from './prepared-listing.ts';
import { dayNumber } from './temporal.ts';
import type { MatchConfig } from './types.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Flags of a row. */
const DATES_EXACT = 1;
const HAZARDOUS = 2;
const ACCEPTS_HAZARDOUS = 4;
const CONTAMINANTS = 8;
const FACILITIES_EXACT = 16;
const TEMPERATURE_ASSUMED = 32;
/** An energy need for a heat-pump source (energy-fit.ts, fitHeatPumpSource). */
const HEAT_PUMP_SOURCE = 64;
/** Sentinel of a missing number (an open date, an unstated purity). */
const NONE = Number.NaN;

/** Fields of a row: where each number sits in it. */
const COMPANY = 0;
const FROM_DAY = 1;
const TO_DAY = 2;
const FLAGS = 3;
/**
 * Material: form (numbered by the dictionary); land: position in LAND_USES; energy: carrier's
 * position in ENERGY_CARRIERS; −1 when unstated.
 */
const CODE = 4;
/** Material: purity and moisture (NaN when unstated). */
const PURITY = 5;
const MOISTURE = 6;
/** Land: zoning (trimmed, lower case) numbered, −1 when unstated; facilities as bits of LAND_FACILITIES order. */
const ZONING = 5;
const FACILITIES = 6;
/** Energy: supply temperature, °C, stated or assumed (energy-fit.ts, temperature). */
const TEMPERATURE = 5;
/** The canonical quantity per year. */
const QUANTITY = 7;
/**
 * Numbers per row: a row is one 64-byte cache line. The bound is computed for millions of pairs and
 * costs the memory it reads: with a typed array per field a pair read up to seven cache lines, with
 * rows one, and the candidate index copies each group's rows in the order its search reads them
 * (select). At 10^5 listings boundShortfall then took about half the time it took with one array
 * per field in the index's order.
 */
const STRIDE = 8;

/**
 * Per-listing numbers of the bound, row i for listing i of an index, in one flat array of STRIDE
 * numbers per row (the kinds share the places of the fields other kinds have not).
 * Strings (forms, land uses, zonings) are numbered by the table's dictionary, shared with the
 * one-row tables made for listings matched against the index (`forListing`) and with `select`ed ones.
 */
export class BoundTable {
  readonly rows: Float64Array;
  /** The snapshot's configuration: assumed temperatures and heat pumps. */
  readonly config: MatchConfig;
  private readonly dictionary: Map<string, number>;

  constructor(rows: number, config: MatchConfig, dictionary: Map<string, number> = new Map()) {
    this.rows = new Float64Array(rows * STRIDE);
    this.config = config;
    this.dictionary = dictionary;
  }

  /** A table whose row k is row from[k] of this one. */
  select(from: Int32Array): BoundTable {
    const table = new BoundTable(from.length, this.config, this.dictionary);
    for (let k = 0; k < from.length; k++) {
      for (let c = 0; c < STRIDE; c++) table.rows[k * STRIDE + c] = this.rows[from[k]! * STRIDE + c]!;
    }
    return table;
  }

  /** A one-row table for a listing matched against the index this table belongs to. */
  forListing(listing: PreparedListing, reference: ReferenceData): BoundTable {
    const table = new BoundTable(1, this.config, this.dictionary);
    table.write(0, listing, reference);
    return table;
  }

  private number(s: string | undefined): number {
    if (s === undefined || s === '') return -1;
    let n = this.dictionary.get(s);
    if (n === undefined) {
      n = this.dictionary.size;
      this.dictionary.set(s, n);
    }
    return n;
  }

  write(i: number, l: PreparedListing, reference: ReferenceData): void {
    const row = this.rows.subarray(i * STRIDE, (i + 1) * STRIDE);
    row.fill(0);
    row[COMPANY] = l.company;
    let flags = 0;
    const exactDay = (iso: string | undefined): boolean =>
      iso === undefined || (ISO_DAY.test(iso) && Number.isFinite(dayNumber(iso)));
    if (exactDay(l.availableFrom) && exactDay(l.availableTo)) flags |= DATES_EXACT;
    row[FROM_DAY] = l.availableFrom === undefined ? NONE : dayNumber(l.availableFrom);
    row[TO_DAY] = l.availableTo === undefined ? NONE : dayNumber(l.availableTo);
    row[CODE] = -1;
    row[QUANTITY] = l.quantity;
    // By kind: the kinds' fields share places in the row.
    const m = l.kind === 'material' ? l.material : undefined;
    if (m) {
      if (m.hazardous === true || isHazardous(m.wasteCodes, reference)) flags |= HAZARDOUS;
      if (m.acceptsHazardous === true) flags |= ACCEPTS_HAZARDOUS;
      if ((m.contaminants?.length ?? 0) > 0) flags |= CONTAMINANTS;
      row[PURITY] = m.purityPct ?? NONE;
      row[MOISTURE] = m.moisturePct ?? NONE;
      row[CODE] = this.number(m.form);
    }
    const land = l.kind === 'land' ? l.land : undefined;
    if (land) {
      row[CODE] = LAND_USES.indexOf(land.landUse);
      let bits = 0;
      let exact = true;
      for (const f of land.facilities ?? []) {
        const bit = FACILITY_BIT.get(f);
        if (bit === undefined) exact = false;
        else bits |= bit;
      }
      if (exact) flags |= FACILITIES_EXACT;
      row[FACILITIES] = bits;
      const z = land.zoning?.trim().toLowerCase();
      row[ZONING] = z ? this.number(z) : -1;
    }
    const energy = l.kind === 'energy' ? l.energy : undefined;
    if (energy) {
      row[CODE] = ENERGY_CARRIERS.indexOf(energy.carrier);
      const { c, assumed } = temperature(l, l.direction, this.config);
      row[TEMPERATURE] = c;
      if (assumed) flags |= TEMPERATURE_ASSUMED;
      if (energy.heatPumpSource === true && l.direction === 'need') flags |= HEAT_PUMP_SOURCE;
    }
    row[FLAGS] = flags;
  }
}

const FACILITY_BIT = new Map<string, number>(LAND_FACILITIES.map((f, k) => [f, 1 << k]));

/** The terms' weights the bound needs (normalised, pair.ts). */
export interface BoundWeights {
  resource: number;
  quantity: number;
  temporal: number;
  quality: number;
}

/**
 * How far the pair's score lies below a bound that took its temporal and quality terms as 1, its
 * resource term as `resourceBound` and its quantity term as `quantityBound`: a non-negative amount
 * to subtract, or −1 when scorePair would reject the pair. Offer in row `o` of `offers`, need in
 * row `n` of `needs`.
 */
export function boundShortfall(
  kind: PreparedListing['kind'],
  offers: BoundTable,
  o: number,
  needs: BoundTable,
  n: number,
  resourceBound: number,
  quantityBound: number,
  w: BoundWeights,
): number {
  const or = offers.rows;
  const nr = needs.rows;
  const oAt = o * STRIDE;
  const nAt = n * STRIDE;
  const oc = or[oAt + COMPANY]!;
  const nc = nr[nAt + COMPANY]!;
  if (oc >= 0 && oc === nc) return -1;
  const of = or[oAt + FLAGS]!;
  const nf = nr[nAt + FLAGS]!;
  let temporal = 1;
  if (of & nf & DATES_EXACT) {
    const oFrom = or[oAt + FROM_DAY]!;
    const oTo = or[oAt + TO_DAY]!;
    const nFrom = nr[nAt + FROM_DAY]!;
    const nTo = nr[nAt + TO_DAY]!;
    // windowsOverlap and windowShareValue with day numbers for ISO strings (same order), NaN open.
    if (oFrom > nTo || nFrom > oTo) return -1;
    const startsInTime = Number.isNaN(oFrom) || (!Number.isNaN(nFrom) && oFrom <= nFrom);
    const lastsLongEnough = Number.isNaN(oTo) || (!Number.isNaN(nTo) && oTo >= nTo);
    if (!(startsInTime && lastsLongEnough)) {
      if (!Number.isNaN(nFrom) && !Number.isNaN(nTo)) {
        const from = Math.max(nFrom, Number.isNaN(oFrom) ? -Infinity : oFrom);
        const to = Math.min(nTo, Number.isNaN(oTo) ? Infinity : oTo);
        temporal = (to - from + 1) / (nTo - nFrom + 1);
      } else temporal = 0.5;
      temporal = Math.min(1, Math.max(0, temporal));
    }
  }
  let quality = 1;
  let resource = resourceBound;
  let shortfall = 0;
  if (kind === 'material') {
    if (of & HAZARDOUS && !(nf & ACCEPTS_HAZARDOUS)) return -1;
    let sum = 0;
    let parts = 0;
    const nPurity = nr[nAt + PURITY]!;
    if (!Number.isNaN(nPurity)) {
      parts++;
      const oPurity = or[oAt + PURITY]!;
      sum += purityPart(nPurity, Number.isNaN(oPurity) ? undefined : oPurity);
    }
    const nMoisture = nr[nAt + MOISTURE]!;
    if (!Number.isNaN(nMoisture)) {
      parts++;
      const oMoisture = or[oAt + MOISTURE]!;
      sum += moisturePart(nMoisture, Number.isNaN(oMoisture) ? undefined : oMoisture);
    }
    // A contaminant part is at most 1: counted as 1.
    if ((of | nf) & CONTAMINANTS) {
      parts++;
      sum += 1;
    }
    const nForm = nr[nAt + CODE]!;
    const oForm = or[oAt + CODE]!;
    if (nForm >= 0 && oForm >= 0) {
      parts++;
      sum += formPart(oForm === nForm);
    }
    quality = parts === 0 ? 1 : Math.min(1, Math.max(0, sum / parts));
  } else if (kind === 'land') {
    if (of & nf & FACILITIES_EXACT && (nr[nAt + FACILITIES]! & ~or[oAt + FACILITIES]!) !== 0) return -1;
    // A use outside LAND_USES is left to scorePair: the bound neither rejects nor lowers it.
    const fit = LAND_FIT[or[oAt + CODE]!]?.[nr[nAt + CODE]!] ?? resource;
    if (fit < 0) return -1;
    resource = Math.min(resource, fit);
    const nz = nr[nAt + ZONING]!;
    const oz = or[oAt + ZONING]!;
    quality = ZONING_FIT[zoningValue(nz >= 0, oz >= 0, oz === nz)];
  } else if (kind === 'energy') {
    // fitEnergy's route, resource, quality and offer use, from the rows' carriers and temperatures.
    const from = ENERGY_CARRIERS[or[oAt + CODE]!];
    const to = ENERGY_CARRIERS[nr[nAt + CODE]!];
    if (from === undefined || to === undefined) return -1;
    const direct = DIRECT_SERVES[from].includes(to);
    const pumpable = HEAT_PUMP_SOURCES.has(from) && HEAT_NEEDS.has(to);
    const pumpSource = (nf & HEAT_PUMP_SOURCE) !== 0;
    if (pumpSource ? !HEAT_SOURCES.has(from) : !direct && !pumpable) return -1;
    let fit: number = ENERGY_FIT.sameCarrier;
    let offerUse = 1;
    if (pumpSource) {
      // fitHeatPumpSource: direct when warm enough by the approach, graded.
      const src = or[oAt + TEMPERATURE]!;
      const sink = nr[nAt + TEMPERATURE]!;
      const approach = offers.config.minApproachK;
      if (!(src - sink >= approach)) return -1;
      quality = ((of | nf) & TEMPERATURE_ASSUMED ? 0.8 : 1) * heatGrade(src, sink + approach);
      quality = Number.isNaN(quality) ? 1 : Math.min(1, Math.max(0, quality));
      fit = from === to ? ENERGY_FIT.sameCarrier : ENERGY_FIT.converted;
    } else if (from !== 'electricity' && from !== 'gas') {
      const src = or[oAt + TEMPERATURE]!;
      const sink = nr[nAt + TEMPERATURE]!;
      const config = offers.config;
      quality = (of | nf) & TEMPERATURE_ASSUMED ? 0.8 : 1;
      const sameOrConverted = from === to ? ENERGY_FIT.sameCarrier : ENERGY_FIT.converted;
      if (COLD_NEEDS.has(to)) {
        if (sink - src < config.minApproachK) return -1;
        fit = sameOrConverted;
      } else {
        const heat = routeHeat(src, sink, config, pumpable);
        if (heat.type === 'rejected' || (heat.type === 'direct' && !direct)) return -1;
        if (heat.type === 'direct') {
          fit = sameOrConverted;
          quality *= heatGrade(src, sink + config.minApproachK);
        } else {
          fit = ENERGY_FIT.heatPump;
          quality *= 1 - (0.5 * heat.liftK) / config.maxHeatPumpLiftK;
          offerUse = (heat.cop - 1) / heat.cop;
        }
      }
      // A temperature that is not a number leaves the quality to scorePair.
      quality = Number.isNaN(quality) ? 1 : Math.min(1, Math.max(0, quality));
    }
    resource = Math.min(resource, fit);
    // scorePair's quantity term; the profile coverage is at most the deliverable share of the need.
    const needAnnual = nr[nAt + QUANTITY]!;
    const deliverable = or[oAt + QUANTITY]! / offerUse;
    const quantity = Math.min(1, Math.max(0, needAnnual > 0 ? deliverable / needAnnual : 0));
    if (!Number.isNaN(quantity)) {
      temporal *= quantity;
      shortfall += w.quantity * Math.max(0, quantityBound - quantity);
    }
  }
  return (
    shortfall +
    w.temporal * (1 - temporal) +
    w.quality * (1 - quality) +
    w.resource * (resourceBound - resource)
  );
}

/** LAND_USE_FIT by position in LAND_USES: LAND_FIT[offer][need], −1 where a use cannot serve another. */
const LAND_FIT: readonly (readonly number[])[] = LAND_USES.map((o) =>
  LAND_USES.map((n) => LAND_USE_FIT[o][n] ?? -1),
);

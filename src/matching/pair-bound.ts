/**
 * A tight, cheap upper bound of a pair's score, for pruning (candidates.ts).
 *
 * The coarse bound of candidates.ts knows a counterpart only by its position and quantity, so it
 * takes the temporal and quality terms as 1. In a crowded region that admits most counterparts
 * within reach: at 10^5 listings nine in ten pairs the numeric phase scored could never enter a
 * K best. This bound reads a few numbers per listing, kept in flat typed arrays (a BoundTable, one
 * row per listing of the index), and computes
 *
 *   temporal  the window share exactly as windowShareValue does (energy: an upper bound, its profile
 *             coverage is at most 1)
 *   quality   materials: purity, moisture and form exactly as materialQuality does, a declared or
 *             excluded contaminant counted as a perfect part; land: zoning exactly as fitLand does;
 *             energy and water: 1
 *   resource  land: the land-use fit exactly; other kinds: the index key's bound
 *
 * and rejects outright what scorePair would reject: the same company, windows that do not overlap,
 * a hazardous offer for a need that takes none, a plot without a required facility. Every number
 * is computed by the expression scorePair uses, or is at least as large, so the bound never falls
 * below the score (the candidates equal the naive matcher's; property tests and the benchmark
 * check it). Where a listing's values cannot be read as numbers (a date that is not an ISO day, a
 * facility or form outside the known lists) the bound falls back to the coarse one.
 */

import { LAND_FACILITIES, LAND_USES } from '../domain/listing-kinds.ts';
import { isHazardous } from '../domain/listing-rules.ts';
import type { ReferenceData } from '../domain/reference.ts';
import { LAND_USE_FIT, ZONING_FIT, zoningValue } from './land-fit.ts';
import { formPart, moisturePart, purityPart } from './material-fit.ts';
import type { PreparedListing } from './prepared-listing.ts';
import { dayNumber } from './temporal.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Flags of a row. */
const DATES_EXACT = 1;
const HAZARDOUS = 2;
const ACCEPTS_HAZARDOUS = 4;
const CONTAMINANTS = 8;
const FACILITIES_EXACT = 16;
/** Sentinel of a missing number (an open date, an unstated purity). */
const NONE = Number.NaN;

/**
 * Per-listing numbers of the bound, row i for listing i of an index. Strings (forms, land uses,
 * zonings) are numbered by the table's dictionary, shared with the one-row tables made for
 * listings matched against the index (`forListing`).
 */
export class BoundTable {
  readonly company: Int32Array;
  readonly fromDay: Float64Array;
  readonly toDay: Float64Array;
  readonly flags: Int32Array;
  /** Material: purity and moisture (NaN when unstated). */
  readonly purity: Float64Array;
  readonly moisture: Float64Array;
  /** Material: form (numbered by the dictionary); land: position in LAND_USES; −1 when unstated. */
  readonly code: Int32Array;
  /** Land: facilities as bits of LAND_FACILITIES order; zoning (trimmed, lower case) numbered, −1 when unstated. */
  readonly facilities: Int32Array;
  readonly zoning: Int32Array;
  private readonly dictionary: Map<string, number>;

  constructor(rows: number, dictionary: Map<string, number> = new Map()) {
    this.company = new Int32Array(rows);
    this.fromDay = new Float64Array(rows);
    this.toDay = new Float64Array(rows);
    this.flags = new Int32Array(rows);
    this.purity = new Float64Array(rows);
    this.moisture = new Float64Array(rows);
    this.code = new Int32Array(rows);
    this.facilities = new Int32Array(rows);
    this.zoning = new Int32Array(rows);
    this.dictionary = dictionary;
  }

  /** A one-row table for a listing matched against the index this table belongs to. */
  forListing(listing: PreparedListing, reference: ReferenceData): BoundTable {
    const table = new BoundTable(1, this.dictionary);
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
    this.company[i] = l.company;
    let flags = 0;
    const exactDay = (iso: string | undefined): boolean =>
      iso === undefined || (ISO_DAY.test(iso) && Number.isFinite(dayNumber(iso)));
    if (exactDay(l.availableFrom) && exactDay(l.availableTo)) flags |= DATES_EXACT;
    this.fromDay[i] = l.availableFrom === undefined ? NONE : dayNumber(l.availableFrom);
    this.toDay[i] = l.availableTo === undefined ? NONE : dayNumber(l.availableTo);
    this.purity[i] = NONE;
    this.moisture[i] = NONE;
    this.code[i] = -1;
    this.facilities[i] = 0;
    this.zoning[i] = -1;
    const m = l.material;
    if (m) {
      if (m.hazardous === true || isHazardous(m.wasteCodes, reference)) flags |= HAZARDOUS;
      if (m.acceptsHazardous === true) flags |= ACCEPTS_HAZARDOUS;
      if ((m.contaminants?.length ?? 0) > 0) flags |= CONTAMINANTS;
      if (m.purityPct !== undefined) this.purity[i] = m.purityPct;
      if (m.moisturePct !== undefined) this.moisture[i] = m.moisturePct;
      this.code[i] = this.number(m.form);
    }
    const land = l.land;
    if (land) {
      this.code[i] = LAND_USES.indexOf(land.landUse);
      let bits = 0;
      let exact = true;
      for (const f of land.facilities ?? []) {
        const bit = FACILITY_BIT.get(f);
        if (bit === undefined) exact = false;
        else bits |= bit;
      }
      if (exact) flags |= FACILITIES_EXACT;
      this.facilities[i] = bits;
      const z = land.zoning?.trim().toLowerCase();
      this.zoning[i] = z ? this.number(z) : -1;
    }
    this.flags[i] = flags;
  }
}

const FACILITY_BIT = new Map<string, number>(LAND_FACILITIES.map((f, k) => [f, 1 << k]));

/** The terms' weights the bound needs (normalised, pair.ts). */
export interface BoundWeights {
  resource: number;
  temporal: number;
  quality: number;
}

/**
 * How far the pair's score lies below a bound that took its temporal and quality terms as 1 and
 * its resource term as `resourceBound`: a non-negative amount to subtract, or −1 when scorePair
 * would reject the pair. Offer in row `o` of `offers`, need in row `n` of `needs`.
 */
export function boundShortfall(
  kind: PreparedListing['kind'],
  offers: BoundTable,
  o: number,
  needs: BoundTable,
  n: number,
  resourceBound: number,
  w: BoundWeights,
): number {
  const oc = offers.company[o]!;
  const nc = needs.company[n]!;
  if (oc >= 0 && oc === nc) return -1;
  const of = offers.flags[o]!;
  const nf = needs.flags[n]!;
  let temporal = 1;
  if (of & nf & DATES_EXACT) {
    const oFrom = offers.fromDay[o]!;
    const oTo = offers.toDay[o]!;
    const nFrom = needs.fromDay[n]!;
    const nTo = needs.toDay[n]!;
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
  if (kind === 'material') {
    if (of & HAZARDOUS && !(nf & ACCEPTS_HAZARDOUS)) return -1;
    let sum = 0;
    let parts = 0;
    const nPurity = needs.purity[n]!;
    if (!Number.isNaN(nPurity)) {
      parts++;
      const oPurity = offers.purity[o]!;
      sum += purityPart(nPurity, Number.isNaN(oPurity) ? undefined : oPurity);
    }
    const nMoisture = needs.moisture[n]!;
    if (!Number.isNaN(nMoisture)) {
      parts++;
      const oMoisture = offers.moisture[o]!;
      sum += moisturePart(nMoisture, Number.isNaN(oMoisture) ? undefined : oMoisture);
    }
    // A contaminant part is at most 1: counted as 1.
    if ((of | nf) & CONTAMINANTS) {
      parts++;
      sum += 1;
    }
    const nForm = needs.code[n]!;
    const oForm = offers.code[o]!;
    if (nForm >= 0 && oForm >= 0) {
      parts++;
      sum += formPart(oForm === nForm);
    }
    quality = parts === 0 ? 1 : Math.min(1, Math.max(0, sum / parts));
  } else if (kind === 'land') {
    if (of & nf & FACILITIES_EXACT && (needs.facilities[n]! & ~offers.facilities[o]!) !== 0) return -1;
    // A use outside LAND_USES is left to scorePair: the bound neither rejects nor lowers it.
    const fit = LAND_FIT[offers.code[o]!]?.[needs.code[n]!] ?? resource;
    if (fit < 0) return -1;
    resource = Math.min(resource, fit);
    const nz = needs.zoning[n]!;
    const oz = offers.zoning[o]!;
    quality = ZONING_FIT[zoningValue(nz >= 0, oz >= 0, oz === nz)];
  }
  return w.temporal * (1 - temporal) + w.quality * (1 - quality) + w.resource * (resourceBound - resource);
}

/** LAND_USE_FIT by position in LAND_USES: LAND_FIT[offer][need], −1 where a use cannot serve another. */
const LAND_FIT: readonly (readonly number[])[] = LAND_USES.map((o) =>
  LAND_USES.map((n) => LAND_USE_FIT[o][n] ?? -1),
);

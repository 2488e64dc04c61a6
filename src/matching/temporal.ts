/**
 * When an offer can serve a need: availability windows, and for energy the share of the need
 * covered period by period.
 *
 * Profile coverage spreads each annual total over its profile and sums what the offer can cover:
 *
 *   coverage = Σ_t min(O · p_t, N · q_t) / N,   p, q = the two profiles normalised to sum 1
 *
 * hour by hour when both listings name an hourly profile the snapshot holds, otherwise month by
 * month (a monthly profile, an hourly one summed per month, or flat). This is the "matched load"
 * or self-consumption share used to size heat recovery against a demand profile.
 *
 * References:
 *   J. Widén, E. Wäckelgård, P. Lund (2009), "Options for improving the load matching capability of
 *     distributed photovoltaics", Solar Energy 83(11), 1953–1966 (load-matching indicators).
 *   Hotmaps project, hourly industrial load profiles per NUTS0 (data/reference/load-profiles-no).
 */
import type { Judgement } from './fit-result.ts';
import { pct } from './format.ts';
import type { MatchListing } from './types.ts';

/** Hours per month of a non-leap year, January first: how an 8,760-hour profile is cut into months. */
const HOURS_PER_MONTH = [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744];
const FLAT_MONTHS: readonly number[] = new Array(12).fill(1 / 12);

type Window = Pick<MatchListing, 'availableFrom' | 'availableTo'>;

/** Inclusive overlap of two windows of ISO dates; a missing bound is open. */
export function windowsOverlap(a: Window, b: Window): boolean {
  if (a.availableFrom !== undefined && b.availableTo !== undefined && a.availableFrom > b.availableTo)
    return false;
  if (b.availableFrom !== undefined && a.availableTo !== undefined && b.availableFrom > a.availableTo)
    return false;
  return true;
}

export const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * Share of the need's window the offer covers. Without a reference date an open-ended need that
 * outlasts a bounded offer has no finite share: it gets 0.5 and says so.
 */
export function windowShare(offer: Window, need: Window): Judgement {
  const why = { reason: '' };
  const value = windowShareValue(offer, need, why);
  return { value, reason: why.reason };
}

/** windowShare's value alone; `why`, when given, receives its reason. */
export function windowShareValue(offer: Window, need: Window, why?: { reason: string }): number {
  const startsInTime =
    offer.availableFrom === undefined ||
    (need.availableFrom !== undefined && offer.availableFrom <= need.availableFrom);
  const lastsLongEnough =
    offer.availableTo === undefined ||
    (need.availableTo !== undefined && offer.availableTo >= need.availableTo);
  if (startsInTime && lastsLongEnough) {
    if (why) why.reason = "the offer's availability covers the need's whole period";
    return 1;
  }
  if (need.availableFrom !== undefined && need.availableTo !== undefined) {
    const from = Math.max(
      dayNumber(need.availableFrom),
      offer.availableFrom ? dayNumber(offer.availableFrom) : -Infinity,
    );
    const to = Math.min(
      dayNumber(need.availableTo),
      offer.availableTo ? dayNumber(offer.availableTo) : Infinity,
    );
    const share = (to - from + 1) / (dayNumber(need.availableTo) - dayNumber(need.availableFrom) + 1);
    if (why) why.reason = `the offer is available for ${pct(share)} of the need's period`;
    return share;
  }
  if (why) {
    why.reason = `the offer is available ${offer.availableFrom ?? 'now'}–${offer.availableTo ?? 'onwards'}, only part of the open-ended need`;
  }
  return 0.5;
}

const monthlyCache = new WeakMap<Float64Array, number[]>();

/** An hourly profile summed per month and normalised to sum 1. */
export function monthlyFromHourly(hourly: Float64Array): number[] {
  const cached = monthlyCache.get(hourly);
  if (cached) return cached;
  const months = new Array<number>(12).fill(0);
  let hour = 0;
  for (let m = 0; m < 12; m++) {
    const end = hour + HOURS_PER_MONTH[m]!;
    for (; hour < end && hour < hourly.length; hour++) months[m]! += hourly[hour]!;
  }
  const out = normalise(months) ?? [...FLAT_MONTHS];
  monthlyCache.set(hourly, out);
  return out;
}

function normalise(values: readonly number[]): number[] | undefined {
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((v) => v / sum) : undefined;
}

export interface ProfileCoverage {
  /** Σ_t min(offer_t, need_t) / Σ_t need_t, in [0, 1]. */
  value: number;
  resolution: 'hourly' | 'monthly' | 'flat';
  reason: string;
}

/** The time profile of an energy listing as coverage reads it, derived once per listing. */
export interface TimeShape {
  hourly: Float64Array | undefined;
  /** Normalised to sum 1; undefined when the listing has no profile (flat). */
  months: readonly number[] | undefined;
}

export function timeShapeOf(
  listing: Pick<MatchListing, 'energy'>,
  hourlyProfiles?: ReadonlyMap<string, Float64Array>,
): TimeShape {
  const hourly = lookup(hourlyProfiles, listing.energy?.hourlyProfile);
  return { hourly, months: monthsOf(listing.energy?.monthlyProfile, hourly) };
}

/**
 * Coverage of `needAnnual` by `offerAnnual` (both in the need's unit per year) with the listings'
 * time profiles. Profiles are looked up in `hourlyProfiles` by name.
 */
export function profileCoverage(
  offer: MatchListing,
  need: MatchListing,
  offerAnnual: number,
  needAnnual: number,
  hourlyProfiles?: ReadonlyMap<string, Float64Array>,
): ProfileCoverage {
  const why: Omit<ProfileCoverage, 'value'> = { resolution: 'flat', reason: '' };
  const value = shapeCoverage(
    offer,
    need,
    timeShapeOf(offer, hourlyProfiles),
    timeShapeOf(need, hourlyProfiles),
    offerAnnual,
    needAnnual,
    why,
  );
  return { value, ...why };
}

/** profileCoverage's value from shapes derived beforehand; `why`, when given, receives the rest. */
export function shapeCoverage(
  offer: Pick<MatchListing, 'energy'>,
  need: Pick<MatchListing, 'energy'>,
  offerShape: TimeShape,
  needShape: TimeShape,
  offerAnnual: number,
  needAnnual: number,
  why?: Omit<ProfileCoverage, 'value'>,
): number {
  if (needAnnual <= 0) {
    if (why) Object.assign(why, { resolution: 'flat', reason: 'the need states no quantity' });
    return 0;
  }
  const offerHourly = offerShape.hourly;
  const needHourly = needShape.hourly;
  if (offerHourly && needHourly && offerHourly.length === needHourly.length) {
    const value = coverage(offerHourly, needHourly, offerAnnual, needAnnual);
    if (why) {
      why.resolution = 'hourly';
      why.reason = `hour by hour (${offer.energy?.hourlyProfile} against ${need.energy?.hourlyProfile}) the offer covers ${pct(value)} of the need`;
    }
    return value;
  }
  const offerMonths = offerShape.months;
  const needMonths = needShape.months;
  const value = coverage(offerMonths ?? FLAT_MONTHS, needMonths ?? FLAT_MONTHS, offerAnnual, needAnnual);
  if (why) {
    const flat = !offerMonths && !needMonths;
    why.resolution = flat ? 'flat' : 'monthly';
    why.reason = flat
      ? `with flat profiles the offer covers ${pct(value)} of the need`
      : `month by month the offer covers ${pct(value)} of the need`;
  }
  return value;
}

function lookup(profiles: ReadonlyMap<string, Float64Array> | undefined, name: string | undefined) {
  return name === undefined ? undefined : profiles?.get(name);
}

function monthsOf(
  monthly: readonly number[] | undefined,
  hourly: Float64Array | undefined,
): readonly number[] | undefined {
  if (monthly) return normalise(monthly);
  return hourly ? monthlyFromHourly(hourly) : undefined;
}

function coverage(
  offerShape: ArrayLike<number>,
  needShape: ArrayLike<number>,
  offerAnnual: number,
  needAnnual: number,
): number {
  let offerSum = 0;
  let needSum = 0;
  for (let t = 0; t < needShape.length; t++) {
    offerSum += offerShape[t]!;
    needSum += needShape[t]!;
  }
  if (needSum <= 0) return 0;
  if (offerSum <= 0) return 0;
  const o = offerAnnual / offerSum;
  const n = needAnnual / needSum;
  let covered = 0;
  for (let t = 0; t < needShape.length; t++) covered += Math.min(o * offerShape[t]!, n * needShape[t]!);
  return Math.min(1, covered / needAnnual);
}

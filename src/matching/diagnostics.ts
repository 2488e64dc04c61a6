/**
 * Why a listing has no suggestion, or a low one: its closest counterparts, and for each the rules
 * that block the pair or lower its score, in words and as a stable code.
 *
 * A counterpart is a listing of the same kind and the other direction, of another company. Each
 * pair goes through the engine's own checks, every one of them rather than the first that fails:
 * the availability windows (temporal.ts), the distance limit (distance.ts), the resource fit of its
 * kind (resource-fit.ts; the material, energy, water and land fits say why they refuse), something
 * to transfer and the minimum score (pair.ts, scorePair). A pair whose resource fits is scored as if
 * its window and distance allowed it (the windows opened, the limit set at the distance, so its
 * distance term is 0), which ranks a near miss by the score it would get; its terms below 1 say what
 * lowered it. A compatible pair that is not suggested was outranked: each listing keeps its K best.
 *
 * Closest first: pairs whose resource fits, by the number of rules blocking them, then score, then
 * distance; after them pairs the fit refuses, those refused by degree (temperature, water class,
 * hazard, facilities) before those refused by kind (category, carrier, land use), then by the
 * number of other rules, then distance. Ties by counterpart id.
 *
 * Pure, as the engine is: the caller gives the index it matches against (match-index.ts, built from
 * the counterparts) and what it may show (`include`), so that no count reveals a listing the caller
 * may not see.
 */
import { candidatesForListing } from './candidates.ts';
import { haversineWithCosKm, pairLimitKm } from './distance.ts';
import { clearFitReasons, newFitReasons, newFitValues } from './fit-result.ts';
import { fmt } from './format.ts';
import type { MatchIndex } from './match-index.ts';
import { explainPair, newPairScore, type PairContext, type PairWords, scorePair } from './pair.ts';
import { type PreparedListing, prepareListing } from './prepared-listing.ts';
import { fitValues } from './resource-fit.ts';
import { maxCandidatesPerListing } from './selection.ts';
import { windowsOverlap } from './temporal.ts';
import type { Candidate, MatchConfig, MatchListing, ScoreTerm } from './types.ts';

/** Every rule a diagnosis names: the fits' refusals (fit-result.ts FitBlockCode), then the pair's own rules and terms. */
export const DIAGNOSTIC_CODES = [
  'category',
  'hazardous',
  'carrier',
  'temperature-lift',
  'temperature-approach',
  'quality-class',
  'land-use',
  'facilities',
  'form',
  'animal-by-product',
  'waste-status',
  'incomplete',
  'window',
  'distance',
  'quantity',
  'score',
  'outranked',
  'availability',
  'temperature',
  'material-quality',
  'water-type',
  'zoning',
  'feedback',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface DiagnosticRule {
  code: DiagnosticCode;
  /** `blocks`: the pair is not suggested because of it; `lowers`: it costs the pair score. */
  effect: 'blocks' | 'lowers';
  reason: string;
}

/** suggested; compatible but outranked; compatible but below the minimum score; blocked by a rule. */
export const COUNTERPART_STATUSES = ['suggested', 'outranked', 'below-minimum', 'blocked'] as const;
export type CounterpartStatus = (typeof COUNTERPART_STATUSES)[number];

export interface CounterpartDiagnosis {
  listing: MatchListing;
  status: CounterpartStatus;
  /** The pair's score, for a blocked pair with its window and distance set aside; null when nothing can be scored. */
  score: number | null;
  distanceKm: number;
  limitKm: number;
  route: Candidate['route'] | null;
  /** The explained terms of the score (empty when there is none). */
  terms: ScoreTerm[];
  /** What blocks the pair, then what lowers it, most costly first. */
  rules: DiagnosticRule[];
}

export interface ListingDiagnosis {
  listingId: string;
  /** Counterparts looked at (those `include` lets through). */
  counterparts: number;
  /** Of them, pairs passing every rule and the minimum score. */
  compatible: number;
  /** How many counterparts each rule blocks (a pair blocked by two rules counts under both). */
  blockedBy: Partial<Record<DiagnosticCode, number>>;
  closest: CounterpartDiagnosis[];
}

export const DEFAULTS = {
  /** Counterparts described. */
  limit: 5,
  /** A term below this value is reported as lowering the score. */
  loweredBelow: 0.999,
};

export interface DiagnosisOptions extends Partial<typeof DEFAULTS> {
  /** Counterparts the caller may see; others are neither described nor counted. */
  include?: (counterpart: MatchListing) => boolean;
  /** Ids of the counterparts the listing has a suggestion with; by default its own K best. */
  suggested?: ReadonlySet<string>;
}

/** Fit refusals about degree (a near miss) rather than about what the resource is. */
const DEGREE_CODES: ReadonlySet<DiagnosticCode> = new Set([
  'hazardous',
  'temperature-lift',
  'temperature-approach',
  'quality-class',
  'facilities',
  'form',
  'animal-by-product',
  'waste-status',
]);

interface Draft {
  other: PreparedListing;
  offer: PreparedListing;
  need: PreparedListing;
  distanceKm: number;
  limitKm: number;
  blocks: DiagnosticRule[];
  fits: boolean;
  score: number | null;
  status: CounterpartStatus;
  windowBlocked: boolean;
  distanceBlocked: boolean;
}

type Window = Pick<MatchListing, 'availableFrom' | 'availableTo'>;
const period = (w: Window) => `${w.availableFrom ?? 'now'}–${w.availableTo ?? 'onwards'}`;

/** The words of a distance block, from the distance the caller is shown. */
export function distanceBlockReason(
  distanceKm: number,
  limitKm: number,
  how: { own?: boolean; anonymised?: boolean } = {},
): string {
  const limit = `${fmt(limitKm)} km limit${how.own ? " (the listings' own)" : ''}`;
  return how.anonymised
    ? `about ${fmt(distanceKm)} km apart, measured from an anonymised location; beyond the ${limit}`
    : `${fmt(distanceKm)} km apart, beyond the ${limit}`;
}

const scoreBlockReason = (score: number, minScore: number, setAside: boolean) =>
  `scores ${fmt(score, 2)}${setAside ? ' even with the rules above set aside' : ''}, below the minimum of ${fmt(minScore, 2)}`;

const outrankedReason = (score: number, K: number) =>
  `compatible (score ${fmt(score, 2)}), but not among the ${K} best pairs of either listing`;

/**
 * A counterpart's blocking rules worded from the distance and score the caller is shown (for a
 * counterpart shown at an anonymised location); the other rules say nothing of where it is.
 */
export function blocksAsShown(
  c: Pick<CounterpartDiagnosis, 'rules' | 'limitKm'>,
  shown: { distanceKm: number; score: number | null },
  config: Pick<MatchConfig, 'minScore' | 'maxCandidatesPerListing'>,
  ownLimit: boolean,
): DiagnosticRule[] {
  const blocks = c.rules.filter((r) => r.effect === 'blocks');
  return blocks.map((r) => {
    switch (r.code) {
      case 'distance':
        return {
          ...r,
          reason: distanceBlockReason(shown.distanceKm, c.limitKm, { own: ownLimit, anonymised: true }),
        };
      case 'score':
        return { ...r, reason: scoreBlockReason(shown.score ?? 0, config.minScore, blocks.length > 1) };
      case 'outranked':
        return { ...r, reason: outrankedReason(shown.score ?? 0, maxCandidatesPerListing(config)) };
      default:
        return r;
    }
  });
}

/** The rule a term stands for when it lowers a pair of this kind and route. */
export function termCode(
  kind: MatchListing['kind'],
  term: ScoreTerm['name'],
  route: Candidate['route'] | null,
): DiagnosticCode {
  const pumped = route?.type === 'heat-pump';
  switch (term) {
    case 'quantity':
      return 'quantity';
    case 'distance':
      return 'distance';
    case 'temporal':
      // The share of the need's period and profile the offer covers; `window` is the hard rule.
      return 'availability';
    case 'feedback':
      return 'feedback';
    case 'resource':
      return {
        material: 'category',
        energy: pumped ? 'temperature-lift' : 'carrier',
        water: 'water-type',
        land: 'land-use',
      }[kind] as DiagnosticCode;
    case 'quality':
      return {
        material: 'material-quality',
        energy: pumped ? 'temperature-lift' : 'temperature',
        water: 'quality-class',
        land: 'zoning',
      }[kind] as DiagnosticCode;
  }
}

/**
 * The terms that cost a pair score, most costly first, as rules; `skip` names terms whose rule
 * already blocks the pair (their value then says nothing).
 */
export function loweringRules(
  kind: MatchListing['kind'],
  terms: readonly ScoreTerm[],
  route: Candidate['route'] | null,
  skip: ReadonlySet<ScoreTerm['name']> = new Set(),
  loweredBelow = DEFAULTS.loweredBelow,
): DiagnosticRule[] {
  return terms
    .filter(
      (t) =>
        !skip.has(t.name) && (t.name === 'feedback' ? t.value < 0 : t.weight > 0 && t.value < loweredBelow),
    )
    .map((t) => ({ t, loss: t.name === 'feedback' ? -t.value : t.weight * (1 - t.value) }))
    .sort((a, b) => b.loss - a.loss)
    .map(({ t }) => ({ code: termCode(kind, t.name, route), effect: 'lowers' as const, reason: t.reason }));
}

/** A copy of a prepared listing with the rules that block its pair set aside. */
function relaxed(p: PreparedListing, openWindow: boolean, limitKm: number | undefined): PreparedListing {
  if (!openWindow && limitKm === undefined) return p;
  return {
    ...p,
    ...(openWindow ? { availableFrom: undefined, availableTo: undefined } : {}),
    ...(limitKm === undefined ? {} : { maxDistanceKm: limitKm }),
  };
}

function draftOf(
  side: PreparedListing,
  other: PreparedListing,
  ctx: PairContext,
  scoring: PairContext,
  suggested: ReadonlySet<string>,
  K: number,
): Draft | null {
  if (other.kind !== side.kind || other.direction === side.direction) return null;
  if (other.listing.id === side.listing.id || other.companyId === side.companyId) return null;
  const offer = side.direction === 'offer' ? side : other;
  const need = side.direction === 'offer' ? other : side;
  const distanceKm = haversineWithCosKm(offer.lat, offer.lon, offer.cosLat, need.lat, need.lon, need.cosLat);
  if (!Number.isFinite(distanceKm)) return null;
  const limitKm = pairLimitKm(ctx.config, offer, need);
  const blocks: DiagnosticRule[] = [];
  const windowBlocked = !windowsOverlap(offer, need);
  if (windowBlocked) {
    blocks.push({
      code: 'window',
      effect: 'blocks',
      reason: `the offer is available ${period(offer)}, the need ${period(need)}: the periods do not overlap`,
    });
  }
  const distanceBlocked = !(distanceKm <= limitKm);
  if (distanceBlocked) {
    const own = offer.maxDistanceKm !== undefined || need.maxDistanceKm !== undefined;
    blocks.push({
      code: 'distance',
      effect: 'blocks',
      reason: distanceBlockReason(distanceKm, limitKm, { own }),
    });
  }
  const draft: Draft = {
    other,
    offer,
    need,
    distanceKm,
    limitKm,
    blocks,
    fits: false,
    score: null,
    status: 'blocked',
    windowBlocked,
    distanceBlocked,
  };
  const why = clearFitReasons(words.fit);
  if (!fitValues(offer, need, ctx.reference, ctx.config, fitScratch, why)) {
    blocks.push({
      code: why.blocked?.code ?? 'category',
      effect: 'blocks',
      reason: why.blocked?.reason ?? 'the offered resource does not serve the need',
    });
    return draft;
  }
  draft.fits = true;
  const limit = distanceBlocked ? distanceKm : undefined;
  draft.offer = relaxed(offer, windowBlocked, limit);
  draft.need = relaxed(need, windowBlocked, limit);
  if (!scorePair(draft.offer, draft.need, scoring, pairScratch, words)) {
    blocks.push({
      code: 'quantity',
      effect: 'blocks',
      reason:
        need.kind === 'energy'
          ? `nothing to transfer: ${words.coverage.reason}`
          : 'nothing to transfer: the offer or the need states no quantity',
    });
    return draft;
  }
  const score = pairScratch.score;
  draft.score = score;
  if (score < ctx.config.minScore) {
    blocks.push({
      code: 'score',
      effect: 'blocks',
      reason: scoreBlockReason(score, ctx.config.minScore, blocks.length > 0),
    });
  }
  if (blocks.length === 0) {
    draft.status = suggested.has(other.listing.id) ? 'suggested' : 'outranked';
    if (draft.status === 'outranked') {
      blocks.push({ code: 'outranked', effect: 'blocks', reason: outrankedReason(score, K) });
    }
  } else if (blocks.length === 1 && blocks[0]!.code === 'score') draft.status = 'below-minimum';
  return draft;
}

// Scratch of the numeric checks: what a diagnosis keeps is copied out.
const fitScratch = newFitValues();
const pairScratch = newPairScore();
const words: PairWords = {
  fit: newFitReasons(),
  window: { reason: '' },
  coverage: { resolution: 'flat', reason: '' },
};

function closer(a: Draft, b: Draft): number {
  if (a.fits !== b.fits) return a.fits ? -1 : 1;
  if (!a.fits) {
    const degree = (d: Draft) => (DEGREE_CODES.has(d.blocks[d.blocks.length - 1]!.code) ? 0 : 1);
    if (degree(a) !== degree(b)) return degree(a) - degree(b);
  }
  if (a.blocks.length !== b.blocks.length) return a.blocks.length - b.blocks.length;
  if (a.fits && a.score !== b.score) return (b.score ?? -1) - (a.score ?? -1);
  if (a.distanceKm !== b.distanceKm) return a.distanceKm - b.distanceKm;
  const x = a.other.listing.id;
  const y = b.other.listing.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

function describe(d: Draft, scoring: PairContext, loweredBelow: number): CounterpartDiagnosis {
  const explained = d.score === null ? null : explainPair(d.offer, d.need, scoring);
  const skip = new Set<ScoreTerm['name']>();
  if (d.distanceBlocked) skip.add('distance');
  if (d.windowBlocked) skip.add('temporal');
  const terms = explained?.terms ?? [];
  const route = explained?.route ?? null;
  return {
    listing: d.other.listing,
    status: d.status,
    score: d.score,
    distanceKm: d.distanceKm,
    limitKm: d.limitKm,
    route,
    terms: terms.filter((t) => !skip.has(t.name)),
    rules: [...d.blocks, ...loweringRules(d.need.kind, terms, route, skip, loweredBelow)],
  };
}

/** The listing's closest counterparts in `index` and what blocks or lowers each pair. */
export function diagnoseListing(
  index: MatchIndex,
  listing: MatchListing,
  options: DiagnosisOptions = {},
): ListingDiagnosis {
  const { limit, loweredBelow } = { ...DEFAULTS, ...options };
  const { ctx } = index;
  const scoring: PairContext = { ...ctx, config: { ...ctx.config, minScore: 0 } };
  const K = maxCandidatesPerListing(ctx.config);
  const suggested =
    options.suggested ??
    new Set(
      candidatesForListing(index, listing).map((c) => (listing.direction === 'offer' ? c.needId : c.offerId)),
    );
  const side = prepareListing(listing, index.numbering);
  const drafts: Draft[] = [];
  for (const other of index.prepared) {
    if (options.include && !options.include(other.listing)) continue;
    const d = draftOf(side, other, ctx, scoring, suggested, K);
    if (d) drafts.push(d);
  }
  const blockedBy: Partial<Record<DiagnosticCode, number>> = {};
  let compatible = 0;
  for (const d of drafts) {
    const codes = new Set(d.blocks.filter((b) => b.code !== 'outranked').map((b) => b.code));
    if (codes.size === 0) compatible++;
    for (const code of codes) blockedBy[code] = (blockedBy[code] ?? 0) + 1;
  }
  drafts.sort(closer);
  return {
    listingId: listing.id,
    counterparts: drafts.length,
    compatible,
    blockedBy,
    closest: drafts.slice(0, limit).map((d) => describe(d, scoring, loweredBelow)),
  };
}

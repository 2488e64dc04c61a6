/**
 * The one compatibility predicate of the engine: can this offer serve this need, how well, and
 * what would it achieve. Candidate generation, the naive all-pairs baseline and the incremental
 * path all go through it, so they cannot disagree.
 *
 * Hard constraints, cheapest first: direction and kind, different companies, overlapping
 * availability windows, distance within the pair's limit, a compatible resource (fitValues).
 * A pair passing them is scored as a weighted mean of five explained terms in [0, 1]:
 *
 *   resource  how the offer is named by the need (exact code 1 … substitution 0.8 × factor)
 *   quantity  share of the need the offer can cover: min(1, offer / offerUse / need)
 *   distance  1 − d / limit (for a heat network's need, the limit its delivered heat pays a pipe
 *             for: heat-reach.ts)
 *   temporal  window share, times for energy the profile coverage Σ min(o_t, n_t) / Σ n_t
 *   quality   temperature, purity / moisture / contaminants / form, water class, facilities
 *
 * with the configured weights normalised to sum 1 (a weighted-sum multi-criteria score). Pairs
 * below config.minScore are dropped.
 *
 * Evaluation has two phases. The numeric phase (scorePair) decides compatibility and computes the
 * score with no strings, no impact and no allocation; the explain phase (explainPair) runs the
 * same code with somewhere to put its words, then estimates the impact. So a score found by the
 * numeric phase alone is bit for bit the score of the explained candidate: the candidate generator
 * scores every pair it meets and explains only the ones it keeps.
 *
 * References:
 *   R. L. Keeney, H. Raiffa (1976), Decisions with Multiple Objectives (additive value functions).
 */
import { haversineWithCosKm, needLimits } from './distance.ts';
import { estimateEconomics } from './economics.ts';
import { adjustmentOf, compileFeedback, familyIdOf, feedbackReasonOf, resourceFamily } from './feedback.ts';
import {
  clearFitReasons,
  type FitReasons,
  type FitValues,
  newFitReasons,
  newFitValues,
} from './fit-result.ts';
import { flatten, fmt, pct } from './format.ts';
import { heatReachKm } from './heat-reach.ts';
import { estimateImpact, type ImpactInput } from './impact.ts';
import { type PreparedListing, prepareListing } from './prepared-listing.ts';
import { fitValues } from './resource-fit.ts';
import {
  type ProfileCoverage,
  shapeCoverage,
  type TimeShape,
  timeShapeOf,
  windowShareValue,
  windowsOverlap,
} from './temporal.ts';
import type {
  Candidate,
  Impact,
  MatchConfig,
  MatchInput,
  MatchListing,
  ScoreTerm,
  ScoreTermName,
} from './types.ts';

/** Everything of a snapshot but its listings: what a pair is judged against. */
export type PairContext = Omit<MatchInput, 'listings'>;

const TERM_ORDER: readonly ScoreTermName[] = ['resource', 'quantity', 'distance', 'temporal', 'quality'];

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

const weightCache = new WeakMap<MatchConfig, Record<ScoreTermName, number>>();
let lastConfig: MatchConfig | undefined;
let lastWeights: Record<ScoreTermName, number> | undefined;

/** The configured weights scaled to sum 1 (equal when all are 0), once per config object. */
export function normalisedWeights(config: MatchConfig): Record<ScoreTermName, number> {
  // The last config asked about first: scorePair asks once per pair, always about the same one.
  if (config === lastConfig) return lastWeights!;
  const cached = weightCache.get(config);
  if (cached) {
    lastConfig = config;
    lastWeights = cached;
    return cached;
  }
  const total = TERM_ORDER.reduce((sum, name) => sum + config.weights[name], 0);
  const out = Object.fromEntries(
    TERM_ORDER.map((name) => [name, total > 0 ? config.weights[name] / total : 1 / TERM_ORDER.length]),
  ) as Record<ScoreTermName, number>;
  weightCache.set(config, out);
  return out;
}

/**
 * What the numeric phase finds for a pair it accepts: the score, the five term values (clamped to
 * [0, 1]) and every intermediate number the explain phase words. One object is reused for many
 * pairs; its contents are those of the last accepted pair.
 */
export interface PairScore {
  score: number;
  resource: number;
  quantity: number;
  distance: number;
  temporal: number;
  quality: number;
  /** The learned adjustment added to the weighted score (≤ 0; 0 without feedback). */
  feedback: number;
  distanceKm: number;
  limitKm: number;
  /** The heat whose pipe's reach set limitKm beyond the configured limit, MWh/yr; 0 otherwise. */
  reachMWh: number;
  /** The offer's quantity after conversion, in the need's unit per year. */
  deliverable: number;
  /** Share of the need's availability window the offer covers. */
  windowShare: number;
  maxQuantity: number;
  offerUse: number;
  /** Scratch for the fit's values. */
  readonly fit: FitValues;
}

export const newPairScore = (): PairScore => ({
  score: 0,
  resource: 0,
  quantity: 0,
  distance: 0,
  temporal: 0,
  quality: 0,
  feedback: 0,
  distanceKm: 0,
  limitKm: 0,
  reachMWh: 0,
  deliverable: 0,
  windowShare: 0,
  maxQuantity: 0,
  offerUse: 1,
  fit: newFitValues(),
});

type PairFields = Pick<MatchListing, 'direction' | 'kind' | 'companyId' | 'availableFrom' | 'availableTo'>;

/** The constraints that need nothing derived: direction, kind, different companies, windows. */
export function mayPair(offer: PairFields, need: PairFields): boolean {
  if (offer.direction !== 'offer' || need.direction !== 'need' || offer.kind !== need.kind) return false;
  if (offer.companyId === need.companyId) return false;
  return windowsOverlap(offer, need);
}

/** mayPair on prepared listings, comparing company numbers when both have one. */
function mayPairPrepared(offer: PreparedListing, need: PreparedListing): boolean {
  if (offer.direction !== 'offer' || need.direction !== 'need' || offer.kind !== need.kind) return false;
  const numbered = offer.company >= 0 && need.company >= 0;
  if (numbered ? offer.company === need.company : offer.companyId === need.companyId) return false;
  return windowsOverlap(offer, need);
}

function shapeOf(side: PreparedListing, ctx: PairContext): TimeShape {
  side.shape ??= timeShapeOf(side, ctx.hourlyProfiles);
  return side.shape;
}

/** Where the explain phase has scorePair put its words: the fit's, the window's, the profiles'. */
export interface PairWords {
  readonly fit: FitReasons;
  readonly window: { reason: string };
  readonly coverage: Omit<ProfileCoverage, 'value'>;
}

/**
 * The numeric phase: true when the offer can serve the need with a score of at least
 * config.minScore, with the score and its parts written into `s`, and the reasons behind them into
 * `words` when given (the explain phase).
 */
export function scorePair(
  offer: PreparedListing,
  need: PreparedListing,
  ctx: PairContext,
  s: PairScore,
  words?: PairWords,
): boolean {
  if (!mayPairPrepared(offer, need)) return false;
  const { config } = ctx;
  // The need's limit at its whole quantity: a bound of the pair's own (pairLimitKm), checked first;
  // the need's limits are memoised on it (needLimits), so a pair costs no lookups for them.
  needLimits(need, config);
  const ownOffer = offer.maxDistanceKm;
  const ownNeed = need.maxDistanceKm;
  let limitKm =
    ownOffer !== undefined
      ? ownNeed === undefined
        ? ownOffer
        : Math.min(ownOffer, ownNeed)
      : ownNeed !== undefined
        ? ownNeed
        : need.defaultLimitKm;
  const distanceKm = haversineWithCosKm(offer.lat, offer.lon, offer.cosLat, need.lat, need.lon, need.cosLat);
  // Written so that a NaN coordinate rejects the pair, as the spatial index would.
  if (!(distanceKm <= limitKm)) return false;
  const fit = s.fit;
  if (!fitValues(offer, need, ctx.reference, config, fit, words?.fit)) return false;

  const needAnnual = need.quantity;
  const deliverable = offer.quantity / fit.offerUse;
  const window = windowShareValue(offer, need, words?.window);
  let temporal = window;
  let maxQuantity = Math.min(needAnnual, deliverable);
  if (need.kind === 'energy') {
    const coverage = shapeCoverage(
      offer,
      need,
      shapeOf(offer, ctx),
      shapeOf(need, ctx),
      deliverable,
      needAnnual,
      words?.coverage,
    );
    temporal = window * coverage;
    // What the profiles let through, not the annual minimum: heat cannot wait for winter.
    maxQuantity = coverage * needAnnual;
  }
  if (!(maxQuantity > 0)) return false;
  // Heat reaches as far as the heat the pair delivers pays for its pipe (heat-reach.ts).
  // (reachesByHeat and pairLimitKm with the delivered heat, from the memoised limits.)
  let reachMWh = 0;
  if (ownOffer === undefined && ownNeed === undefined && need.heatReach) {
    limitKm = heatReachKm(need.configuredLimitKm, Math.min(maxQuantity, needAnnual));
    if (!(distanceKm <= limitKm)) return false;
    if (limitKm > need.configuredLimitKm) reachMWh = Math.min(maxQuantity, needAnnual);
  }

  const w = normalisedWeights(config);
  const resource = clamp01(fit.resource);
  const quantity = clamp01(needAnnual > 0 ? deliverable / needAnnual : 0);
  const distance = clamp01(limitKm > 0 ? 1 - distanceKm / limitKm : 1);
  const temporalValue = clamp01(temporal);
  const quality = clamp01(fit.quality);
  // Summed from 0 in TERM_ORDER, the order of the explained terms.
  let score = 0;
  score += w.resource * resource;
  score += w.quantity * quantity;
  score += w.distance * distance;
  score += w.temporal * temporalValue;
  score += w.quality * quality;
  // The learning loop (feedback.ts): bounded, never positive, looked up only when there is a table.
  let feedback = 0;
  const table = ctx.feedback;
  if (table !== undefined && config.feedback?.enabled && (table.pairings.size > 0 || table.bands.size > 0)) {
    const c = compileFeedback(table);
    feedback = adjustmentOf(c, need.kind, familyIdOf(offer, c), familyIdOf(need, c), distanceKm);
    if (feedback !== 0) score = Math.max(0, score + feedback);
  }
  if (score < config.minScore) return false;

  s.score = score;
  s.resource = resource;
  s.quantity = quantity;
  s.distance = distance;
  s.temporal = temporalValue;
  s.quality = quality;
  s.feedback = feedback;
  s.distanceKm = distanceKm;
  s.limitKm = limitKm;
  s.reachMWh = reachMWh;
  s.deliverable = deliverable;
  s.windowShare = window;
  s.maxQuantity = maxQuantity;
  s.offerUse = fit.offerUse;
  return true;
}

/**
 * The explain phase: the candidate of a pair, with the reasons of its terms, its route and its
 * impact; null when scorePair rejects the pair. Its score and term values are scorePair's.
 */
export function explainPair(
  offer: PreparedListing,
  need: PreparedListing,
  ctx: PairContext,
): Candidate | null {
  const s = explainScore;
  const words = explainWords;
  clearFitReasons(words.fit);
  if (!scorePair(offer, need, ctx, s, words)) return null;
  const why = words.fit;

  const needAnnual = need.quantity;
  const unit = need.unit;
  const temporalReason =
    need.kind !== 'energy'
      ? words.window.reason
      : s.windowShare < 1
        ? `${words.coverage.reason}; ${words.window.reason}`
        : words.coverage.reason;
  const ownLimit = offer.maxDistanceKm !== undefined || need.maxDistanceKm !== undefined;
  const converted = s.offerUse === 1 ? '' : `(${fmt(s.deliverable)} ${unit} after conversion) `;
  const w = normalisedWeights(ctx.config);
  // Economics for kept pairs only: the open-water test samples the line (economics.ts).
  const economics =
    ctx.costSet === undefined
      ? undefined
      : estimateEconomics({
          offer: offer.listing,
          need: need.listing,
          straightKm: s.distanceKm,
          maxQuantity: s.maxQuantity,
          offerUse: s.offerUse,
          costSet: ctx.costSet,
          land: ctx.land,
        });
  const limitWhy = ownLimit
    ? " (the listings' own)"
    : s.reachMWh > 0
      ? ` (the reach of a heat pipe carrying ${fmt(s.reachMWh)} MWh/yr)`
      : '';
  const distanceReason =
    economics === undefined
      ? `${fmt(s.distanceKm)} km of a ${fmt(s.limitKm)} km limit${limitWhy}`
      : `${fmt(s.distanceKm)} km straight, ${
          economics.crossesOpenWater
            ? `crosses open water (ferry or ship), about ${fmt(economics.routeKm, 0)} km by road and sea`
            : `about ${fmt(economics.routeKm, 0)} km by road`
        }; within a ${fmt(s.limitKm)} km limit${limitWhy}`;
  const terms: ScoreTerm[] = [
    { name: 'resource', weight: w.resource, value: s.resource, reason: flatten(why.resource) },
    {
      name: 'quantity',
      weight: w.quantity,
      value: s.quantity,
      reason: flatten(
        `the offer ${converted}covers ${pct(s.quantity)} of the need's ${fmt(needAnnual)} ${unit}`,
      ),
    },
    {
      name: 'distance',
      weight: w.distance,
      value: s.distance,
      reason: flatten(distanceReason),
    },
    { name: 'temporal', weight: w.temporal, value: s.temporal, reason: flatten(temporalReason) },
    { name: 'quality', weight: w.quality, value: s.quality, reason: flatten(why.quality) },
  ];
  if (s.feedback !== 0 && ctx.feedback) {
    // Added, not weighted: its weight is 1 and its value the adjustment itself.
    terms.push({
      name: 'feedback',
      weight: 1,
      value: s.feedback,
      reason: feedbackReasonOf(
        ctx.feedback,
        s.feedback,
        need.kind,
        resourceFamily(offer),
        resourceFamily(need),
        s.distanceKm,
      ),
    });
  }
  if (why.route.detail !== undefined) flatten(why.route.detail);

  return {
    offerId: offer.listing.id,
    needId: need.listing.id,
    kind: need.kind,
    distanceKm: s.distanceKm,
    route: why.route,
    score: s.score,
    terms,
    maxQuantity: s.maxQuantity,
    offerUse: s.offerUse,
    impact: impactOf(
      {
        need: { kind: need.kind, energy: need.energy, unit },
        fit: {
          offerUse: s.offerUse,
          heatPump: why.heatPump,
          substitution: why.substitution,
          displacedCategory: why.displacedCategory,
          offerCategory: why.offerCategory,
        },
        maxQuantity: s.maxQuantity,
        distanceKm: s.distanceKm,
        factorSet: ctx.factorSet,
        reference: ctx.reference,
      },
      ctx.comparedFactorSets,
    ),
    // Always present (undefined without a cost set): one shape for every candidate.
    economics,
  };
}

/** A factor set as suggestions and runs name it: its id and version. */
export const factorSetLabel = (set: { id: string; version: string }): string => `${set.id}@${set.version}`;

/** The estimate under the run's factor set, with its CO2e under every compared set beside it. */
function impactOf(input: ImpactInput, compared: PairContext['comparedFactorSets']): Impact {
  const impact = estimateImpact(input);
  if (compared === undefined || compared.length === 0) return impact;
  const own = factorSetLabel(input.factorSet);
  const bySet: Record<string, number | null> = { [own]: impact.co2eAvoidedT };
  for (const set of compared) {
    const label = factorSetLabel(set);
    if (label !== own) bySet[label] = estimateImpact({ ...input, factorSet: set }).co2eAvoidedT;
  }
  impact.co2eBySet = bySet;
  return impact;
}

// Scratch of the explain phase: what a candidate keeps is copied out (strings) or made afresh.
const explainScore = newPairScore();
const explainWords: PairWords = {
  fit: newFitReasons(),
  window: { reason: '' },
  coverage: { resolution: 'flat', reason: '' },
};

/** A pair through both phases: its explained candidate, or null when the offer cannot serve the need. */
export function evaluatePair(offer: MatchListing, need: MatchListing, ctx: PairContext): Candidate | null {
  // The cheap constraints first, so that pairs of different kinds cost no preparation.
  if (!mayPair(offer, need)) return null;
  return explainPair(prepareListing(offer), prepareListing(need), ctx);
}

/** Score descending, then offer id, then need id: a total order, so every run sorts alike. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.offerId !== b.offerId) return a.offerId < b.offerId ? -1 : 1;
  if (a.needId !== b.needId) return a.needId < b.needId ? -1 : 1;
  return 0;
}

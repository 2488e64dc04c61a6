/**
 * The one compatibility predicate of the engine: can this offer serve this need, how well, and
 * what would it achieve. Candidate generation, the naive all-pairs baseline and the incremental
 * path all call it, so they cannot disagree.
 *
 * Hard constraints, cheapest first: direction and kind, different companies, overlapping
 * availability windows, distance within the pair's limit, a compatible resource (fitResource).
 * A pair passing them is scored as a weighted mean of five explained terms in [0, 1]:
 *
 *   resource  how the offer is named by the need (exact code 1 … substitution 0.8 × factor)
 *   quantity  share of the need the offer can cover: min(1, offer / offerUse / need)
 *   distance  1 − d / limit
 *   temporal  window share, times for energy the profile coverage Σ min(o_t, n_t) / Σ n_t
 *   quality   temperature, purity / moisture / contaminants / form, water class, facilities
 *
 * with the configured weights normalised to sum 1 (a weighted-sum multi-criteria score). Pairs
 * below config.minScore are dropped.
 *
 * References:
 *   R. L. Keeney, H. Raiffa (1976), Decisions with Multiple Objectives (additive value functions).
 */
import { haversineKm, pairLimitKm } from './distance.ts';
import type { Judgement } from './fit-result.ts';
import { fmt, pct } from './format.ts';
import { estimateImpact } from './impact.ts';
import { fitResource } from './resource-fit.ts';
import { profileCoverage, windowShare, windowsOverlap } from './temporal.ts';
import type { Candidate, MatchConfig, MatchInput, MatchListing, ScoreTerm, ScoreTermName } from './types.ts';

/** Everything of a snapshot but its listings: what a pair is judged against. */
export type PairContext = Omit<MatchInput, 'listings'>;

const TERM_ORDER: readonly ScoreTermName[] = ['resource', 'quantity', 'distance', 'temporal', 'quality'];

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

const term = (name: ScoreTermName, weight: number, value: number, reason: string): ScoreTerm => ({
  name,
  weight,
  value: clamp01(value),
  reason,
});

const weightCache = new WeakMap<MatchConfig, Record<ScoreTermName, number>>();

/** The configured weights scaled to sum 1 (equal when all are 0), once per config object. */
export function normalisedWeights(config: MatchConfig): Record<ScoreTermName, number> {
  const cached = weightCache.get(config);
  if (cached) return cached;
  const total = TERM_ORDER.reduce((sum, name) => sum + config.weights[name], 0);
  const out = Object.fromEntries(
    TERM_ORDER.map((name) => [name, total > 0 ? config.weights[name] / total : 1 / TERM_ORDER.length]),
  ) as Record<ScoreTermName, number>;
  weightCache.set(config, out);
  return out;
}

export function evaluatePair(offer: MatchListing, need: MatchListing, ctx: PairContext): Candidate | null {
  if (offer.direction !== 'offer' || need.direction !== 'need' || offer.kind !== need.kind) return null;
  if (offer.companyId === need.companyId) return null;
  if (!windowsOverlap(offer, need)) return null;
  const { config } = ctx;
  const limitKm = pairLimitKm(config, offer, need);
  const distanceKm = haversineKm(offer.lat, offer.lon, need.lat, need.lon);
  // Written so that a NaN coordinate rejects the pair, as the spatial index would.
  if (!(distanceKm <= limitKm)) return null;
  const fit = fitResource(offer, need, ctx.reference, config);
  if (!fit) return null;

  const needAnnual = need.canonicalQuantity.value;
  const unit = need.canonicalQuantity.unit;
  const deliverable = offer.canonicalQuantity.value / fit.offerUse;
  const window = windowShare(offer, need);
  let temporal: Judgement = window;
  let maxQuantity = Math.min(needAnnual, deliverable);
  if (need.kind === 'energy') {
    const coverage = profileCoverage(offer, need, deliverable, needAnnual, ctx.hourlyProfiles);
    temporal = {
      value: window.value * coverage.value,
      reason: window.value < 1 ? `${coverage.reason}; ${window.reason}` : coverage.reason,
    };
    // What the profiles let through, not the annual minimum: heat cannot wait for winter.
    maxQuantity = coverage.value * needAnnual;
  }
  if (!(maxQuantity > 0)) return null;

  const ownLimit = offer.maxDistanceKm !== undefined || need.maxDistanceKm !== undefined;
  const coverage = needAnnual > 0 ? deliverable / needAnnual : 0;
  const converted = fit.offerUse === 1 ? '' : `(${fmt(deliverable)} ${unit} after conversion) `;
  const w = normalisedWeights(config);
  const terms: ScoreTerm[] = [
    term('resource', w.resource, fit.resource.value, fit.resource.reason),
    term(
      'quantity',
      w.quantity,
      coverage,
      `the offer ${converted}covers ${pct(clamp01(coverage))} of the need's ${fmt(needAnnual)} ${unit}`,
    ),
    term(
      'distance',
      w.distance,
      limitKm > 0 ? 1 - distanceKm / limitKm : 1,
      `${fmt(distanceKm)} km of a ${fmt(limitKm)} km limit${ownLimit ? " (the listings' own)" : ''}`,
    ),
    term('temporal', w.temporal, temporal.value, temporal.reason),
    term('quality', w.quality, fit.quality.value, fit.quality.reason),
  ];
  let score = 0;
  for (const t of terms) score += t.weight * t.value;
  if (score < config.minScore) return null;

  return {
    offerId: offer.id,
    needId: need.id,
    kind: need.kind,
    distanceKm,
    route: fit.route,
    score,
    terms,
    maxQuantity,
    offerUse: fit.offerUse,
    impact: estimateImpact({
      offer,
      need,
      fit,
      maxQuantity,
      distanceKm,
      factorSet: ctx.factorSet,
      reference: ctx.reference,
    }),
  };
}

/** Score descending, then offer id, then need id: a total order, so every run sorts alike. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.offerId !== b.offerId) return a.offerId < b.offerId ? -1 : 1;
  if (a.needId !== b.needId) return a.needId < b.needId ? -1 : 1;
  return 0;
}

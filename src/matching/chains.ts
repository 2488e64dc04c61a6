/**
 * Chains through processors: a residue that no need takes as it is reaches one through a company
 * that takes X and gives Y (a biogas plant takes food waste and gives digestate). From a run's
 * candidates, a chain is
 *
 *   A's offer O_A → processor's need N_P   (link 1, a candidate)
 *   processor's offer O_P → C's need N_C   (link 2, a candidate)
 *
 * with N_P and O_P at one site of the processor P, A, P and C three different companies, and no
 * candidate O_A → N_C: where A serves C directly the direct pair is the suggestion (two parties, no
 * processing loss, one transport), so the chain is not suggested for that need.
 *
 * A processor is a site with a material need whose category is used for processing
 * (`processorUses`, the taxonomy's `use` of the need's category: `digestion` by default, the
 * biogas and composting feedstocks) and a material offer of another category. Its yield y is what
 * it gives per unit it takes, from its own listings: y = min(maxYield, Q(O_P) / Q(N_P)). A material
 * process gives no more mass than it takes (maxYield 1); a biogas plant loses the mass of its
 * biogas, about 0.1 t per t of wet food waste (100-150 Nm³ of biogas per t at about 1.2 kg/Nm³), so
 * about 0.9 t of digestate per t, against which a listing's ratio can be read.
 *
 * Quantities (q1 delivered to N_P, q2 delivered to N_C, each link's maxQuantity its largest): the
 * processor makes y·q1 of O_P from A's share, and link 2 uses offerUse₂ of O_P per unit delivered:
 *
 *   q2 = min(max₂, y · max₁ / offerUse₂),   q1 = q2 · offerUse₂ / y   (≤ max₁)
 *
 * so the chain is limited by its weaker link and by the yield; A gives q1 · offerUse₁, and the
 * chain's offerUse (A's offer per unit C receives) is offerUse₁ · offerUse₂ / y.
 * Distance: the sum of the links'. Score: the product of the links' scores — both exchanges must
 * be agreed for the chain to exist, so it ranks below either link, and a weak link weighs more
 * than in a minimum.
 * Impact: each link's estimate scaled to its chain quantity (q / max), then summed, except that
 * link 2's avoided disposal is not credited: the processor's output made from A's residue exists
 * only because of link 1, whose avoided disposal already counts that matter once. Tonnes diverted
 * are link 1's (A's residue); virgin material displaced is both links' (what the processor would
 * otherwise take, and what C would otherwise buy); transport is both links'. The processor's own
 * process emissions and its other products (biogas) are outside the chain's estimate.
 *
 * Cost: one pass over the candidates indexes the links of processors by need and by offer, a
 * second the direct needs of the offers feeding them; each processor combines at most
 * `maxLinksPerProcessor` links on each side. No loop over pairs of candidates.
 *
 * References:
 *   Chertow (2000), Industrial symbiosis: literature and taxonomy, Annu. Rev. Energy Environ. 25:313
 *     (exchanges among three or more parties); Al Seadi et al. (2013), Biogas digestate quality and
 *     utilization, in The Biogas Handbook (digestate from co-digestion); GHG Protocol Product
 *     Standard (2011) on attributing avoided emissions once.
 */
import type { ReferenceData } from '../domain/reference.ts';
import { fmt } from './format.ts';
import type { Candidate, FactorSet, Impact, MatchListing, ScoreTerm } from './types.ts';

export const DEFAULTS = {
  /** The `use` of a need's category that makes its site a processor. */
  processorUses: ['digestion'] as readonly string[],
  /** The largest yield a processor is credited with (mass does not grow in a process). */
  maxYield: 1,
  /** Best links into, and out of, one processor's need and offer that are combined. */
  maxLinksPerProcessor: 10,
  /** Chains kept per processor (need, offer), best first. */
  maxChainsPerProcessor: 10,
  /** Chains kept per offer of A, best first. */
  maxChainsPerOffer: 3,
};

export type ChainOptions = Partial<typeof DEFAULTS>;

/** A run's candidates as chains read them, by position; explained only for the chains found. */
export interface LinkTable {
  readonly length: number;
  offerId(k: number): string;
  needId(k: number): string;
  score(k: number): number;
  maxQuantity(k: number): number;
  offerUse(k: number): number;
}

/** Explained candidates as a link table (tests, the naive path). */
export function linksOf(candidates: readonly Candidate[]): LinkTable {
  return {
    length: candidates.length,
    offerId: (k) => candidates[k]!.offerId,
    needId: (k) => candidates[k]!.needId,
    score: (k) => candidates[k]!.score,
    maxQuantity: (k) => candidates[k]!.maxQuantity,
    offerUse: (k) => candidates[k]!.offerUse,
  };
}

/** A chain found: its two links by position in the link table, and its numbers. */
export interface ChainPlan {
  first: number;
  second: number;
  offerId: string;
  needId: string;
  processorNeedId: string;
  processorOfferId: string;
  processorCompanyId: string;
  yield: number;
  /** Delivered to the processor's need, and to C's need, per year (each need's unit). */
  q1: number;
  q2: number;
  score: number;
  offerUse: number;
}

interface Processor {
  need: MatchListing;
  offer: MatchListing;
  yield: number;
}

/** The processors of a snapshot: (need, offer) at one site, the need's category used for processing. */
export function findProcessors(
  listings: readonly MatchListing[],
  reference: ReferenceData,
  options: ChainOptions = {},
): Processor[] {
  const o = { ...DEFAULTS, ...options };
  const bySite = new Map<string, { needs: MatchListing[]; offers: MatchListing[] }>();
  for (const l of listings) {
    if (l.kind !== 'material') continue;
    let site = bySite.get(l.siteId);
    if (!site) {
      site = { needs: [], offers: [] };
      bySite.set(l.siteId, site);
    }
    (l.direction === 'need' ? site.needs : site.offers).push(l);
  }
  const out: Processor[] = [];
  for (const { needs, offers } of bySite.values()) {
    if (needs.length === 0 || offers.length === 0) continue;
    for (const need of needs) {
      const use = reference.materialCategories.get(need.material?.category ?? '')?.use;
      if (use === undefined || !o.processorUses.includes(use)) continue;
      const taken = need.canonicalQuantity;
      for (const offer of offers) {
        const given = offer.canonicalQuantity;
        // What it gives must be something else than what it takes, measured alike.
        if (offer.material?.category === need.material?.category || given.unit !== taken.unit) continue;
        if (!(taken.value > 0 && given.value > 0)) continue;
        out.push({ need, offer, yield: Math.min(o.maxYield, given.value / taken.value) });
      }
    }
  }
  return out;
}

/** Best first: score, then the links' positions (candidate order), so every run finds the same. */
const byScore = (a: ChainPlan, b: ChainPlan) => b.score - a.score || a.first - b.first || a.second - b.second;

/** The chains of a run's candidates, best first (see the title block for each figure). */
export function findChains(
  links: LinkTable,
  listings: readonly MatchListing[],
  reference: ReferenceData,
  options: ChainOptions = {},
): ChainPlan[] {
  const o = { ...DEFAULTS, ...options };
  const processors = findProcessors(listings, reference, o);
  if (processors.length === 0 || links.length === 0) return [];
  const byId = new Map(listings.map((l) => [l.id, l]));
  const intoNeed = new Map<string, number[]>();
  const outOfOffer = new Map<string, number[]>();
  for (const p of processors) {
    intoNeed.set(p.need.id, []);
    outOfOffer.set(p.offer.id, []);
  }
  // Candidate order is score order: the first links met are each listing's best.
  for (let k = 0; k < links.length; k++) {
    const into = intoNeed.get(links.needId(k));
    if (into && into.length < o.maxLinksPerProcessor) into.push(k);
    const out = outOfOffer.get(links.offerId(k));
    if (out && out.length < o.maxLinksPerProcessor) out.push(k);
  }
  const feeding = new Map<string, Set<string>>();
  for (const ks of intoNeed.values()) for (const k of ks) feeding.set(links.offerId(k), new Set());
  for (let k = 0; k < links.length; k++) feeding.get(links.offerId(k))?.add(links.needId(k));

  const perOffer = new Map<string, number>();
  const all: ChainPlan[] = [];
  for (const p of processors) {
    const found: ChainPlan[] = [];
    for (const first of intoNeed.get(p.need.id)!) {
      const offerId = links.offerId(first);
      const a = byId.get(offerId)?.companyId;
      const direct = feeding.get(offerId)!;
      for (const second of outOfOffer.get(p.offer.id)!) {
        const needId = links.needId(second);
        const c = byId.get(needId)?.companyId;
        if (a === undefined || c === undefined || a === c || a === p.need.companyId) continue;
        if (c === p.need.companyId || direct.has(needId)) continue;
        const max1 = links.maxQuantity(first);
        const max2 = links.maxQuantity(second);
        const use2 = links.offerUse(second);
        const q2 = Math.min(max2, (p.yield * max1) / use2);
        if (!(q2 > 0)) continue;
        found.push({
          first,
          second,
          offerId,
          needId,
          processorNeedId: p.need.id,
          processorOfferId: p.offer.id,
          processorCompanyId: p.need.companyId,
          yield: p.yield,
          q1: Math.min(max1, (q2 * use2) / p.yield),
          q2,
          score: links.score(first) * links.score(second),
          offerUse: (links.offerUse(first) * use2) / p.yield,
        });
      }
    }
    found.sort(byScore);
    all.push(...found.slice(0, o.maxChainsPerProcessor));
  }
  all.sort(byScore);
  return all.filter((c) => {
    const n = perOffer.get(c.offerId) ?? 0;
    perOffer.set(c.offerId, n + 1);
    return n < o.maxChainsPerOffer;
  });
}

/** One link of a chain: its candidate's explanation, with its figures at the chain's quantity. */
export interface ChainLink {
  offerId: string;
  needId: string;
  distanceKm: number;
  score: number;
  /** The link's own largest quantity, and what the chain moves over it, per year. */
  maxQuantity: number;
  quantity: number;
  unit: string;
  route: Candidate['route'];
  terms: ScoreTerm[];
  /** The link's estimate at `quantity`. */
  impact: Impact;
}

/** A chain as a suggestion holds it. */
export interface Chain {
  offerId: string;
  needId: string;
  processorNeedId: string;
  processorOfferId: string;
  processorCompanyId: string;
  kind: Candidate['kind'];
  score: number;
  distanceKm: number;
  yield: number;
  /** Delivered to C's need per year, in its unit. */
  maxQuantity: number;
  unit: string;
  offerUse: number;
  /** The chain's own score term: how the links' scores make its score. */
  terms: { name: 'chain'; weight: number; value: number; reason: string }[];
  links: [ChainLink, ChainLink];
  impact: Impact;
}

function scaled(impact: Impact, s: number): Impact {
  const times = (v: number | null | undefined) => (v === null || v === undefined ? v : v * s);
  const out: Impact = {
    ...impact,
    quantity: impact.quantity * s,
    co2eAvoidedT: times(impact.co2eAvoidedT) as number | null,
    co2eBreakdown: {
      avoidedT: times(impact.co2eBreakdown.avoidedT) as number | null,
      transportT: times(impact.co2eBreakdown.transportT) as number | null,
      electricityT: times(impact.co2eBreakdown.electricityT) as number | null,
    },
  };
  for (const key of ['tonnesDiverted', 'virginMaterialDisplacedT'] as const)
    if (impact[key] !== undefined) out[key] = impact[key]! * s;
  if (impact.co2eBySet !== undefined)
    out.co2eBySet = Object.fromEntries(
      Object.entries(impact.co2eBySet).map(([k, v]) => [k, times(v) as number | null]),
    );
  return out;
}

function linkOf(c: Candidate, quantity: number): ChainLink {
  return {
    offerId: c.offerId,
    needId: c.needId,
    distanceKm: c.distanceKm,
    score: c.score,
    maxQuantity: c.maxQuantity,
    quantity,
    unit: c.impact.unit,
    route: c.route,
    terms: c.terms,
    impact: scaled(c.impact, c.maxQuantity > 0 ? quantity / c.maxQuantity : 0),
  };
}

const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/**
 * The chain of a plan, from its two links explained: each link's reasons and figures at the
 * chain's quantity, the chain's total impact (link 2's avoided disposal not credited; `factorSet`
 * prices it as impact.ts does) and the term that says how its score is made.
 */
export function explainChain(
  plan: ChainPlan,
  first: Candidate,
  second: Candidate,
  processorOffer: Pick<MatchListing, 'material'>,
  factorSet: FactorSet,
): Chain {
  const l1 = linkOf(first, plan.q1);
  const l2 = linkOf(second, plan.q2);
  const category = processorOffer.material?.category;
  const disposal =
    (category === undefined ? undefined : factorSet.factors[`avoided-disposal.${category}`]?.value) ??
    factorSet.factors['avoided-disposal.default']?.value;
  const diverted2 = l2.impact.tonnesDiverted ?? 0;
  const notCredited = disposal === undefined ? 0 : (diverted2 * disposal) / 1000;
  const link2Avoided = l2.impact.co2eBreakdown.avoidedT;
  const avoidedT = sum(
    l1.impact.co2eBreakdown.avoidedT,
    link2Avoided === null ? null : link2Avoided - notCredited,
  );
  const transportT = sum(l1.impact.co2eBreakdown.transportT, l2.impact.co2eBreakdown.transportT);
  const missing = [...new Set([...(l1.impact.missingFactors ?? []), ...(l2.impact.missingFactors ?? [])])];
  const unknown = [...new Set([...(l1.impact.notQuantified ?? []), ...(l2.impact.notQuantified ?? [])])];
  const impact: Impact = {
    quantity: plan.q2,
    unit: l2.unit,
    co2eAvoidedT: avoidedT === null || transportT === null ? null : avoidedT - transportT,
    co2eBreakdown: { avoidedT, transportT, electricityT: 0 },
    factorSet: factorSet.id,
    tonnesDiverted: l1.impact.tonnesDiverted ?? 0,
    virginMaterialDisplacedT:
      (l1.impact.virginMaterialDisplacedT ?? 0) + (l2.impact.virginMaterialDisplacedT ?? 0),
  };
  if (missing.length > 0) impact.missingFactors = missing.sort();
  if (unknown.length > 0) impact.notQuantified = unknown;
  return {
    offerId: plan.offerId,
    needId: plan.needId,
    processorNeedId: plan.processorNeedId,
    processorOfferId: plan.processorOfferId,
    processorCompanyId: plan.processorCompanyId,
    kind: second.kind,
    score: plan.score,
    distanceKm: first.distanceKm + second.distanceKm,
    yield: plan.yield,
    maxQuantity: plan.q2,
    unit: l2.unit,
    offerUse: plan.offerUse,
    terms: [
      {
        name: 'chain',
        weight: 1,
        value: plan.score,
        reason:
          `through a processor that gives ${fmt(plan.yield, 2)} of what it offers per unit it takes; ` +
          `the chain scores the product of its links' scores, ${fmt(first.score, 2)} × ${fmt(second.score, 2)}`,
      },
    ],
    links: [l1, l2],
    impact,
  };
}

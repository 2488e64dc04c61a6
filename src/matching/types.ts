/**
 * The contract of the pure matching engine: a snapshot goes in, scored candidates and an
 * allocation come out. No I/O anywhere under matching/.
 */
import type { CostSet } from '../domain/cost-set.ts';
import type { Economics } from '../domain/economics.ts';
import type { FactorSet } from '../domain/factor-set.ts';
import type { LandIndex } from '../domain/geo-water.ts';
import type { Listing } from '../domain/listing.ts';
import type { MatchConfig, ScoreTermName } from '../domain/match-config.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import type { ReferenceData } from '../domain/reference.ts';
import type { FeedbackTable } from './feedback.ts';
import type { ImpactPart } from './impact.ts';

export type { FactorSet, MatchConfig, MatchListing, ScoreTermName };

export interface ScoreTerm {
  /** One of the five weighted terms, or `feedback`: the learned adjustment (weight 1, value ≤ 0). */
  name: ScoreTermName | 'feedback';
  /** Normalised weight (the five weighted terms sum to 1). */
  weight: number;
  /** The term's value in [0, 1]. */
  value: number;
  /** One sentence a facilitator can read, e.g. "offer code 100105 is accepted by the need's sub-chapter 1001". */
  reason: string;
}

export interface Impact {
  /** Per year at the candidate's maximum transferable quantity, in the kind's canonical unit. */
  quantity: number;
  unit: string;
  tonnesDiverted?: number;
  virginMaterialDisplacedT?: number;
  mwhDelivered?: number;
  heatPumpElectricityMWh?: number;
  m3Supplied?: number;
  m2Used?: number;
  /**
   * CO2e avoided, tonnes/yr = avoided production/disposal − transport − heat-pump electricity; null
   * when a part is not quantified (notQuantified): a total with an unknown part is unknown.
   */
  co2eAvoidedT: number | null;
  /** The parts; a part whose factor the set lacks is null. */
  co2eBreakdown: { avoidedT: number | null; transportT: number | null; electricityT: number | null };
  factorSet: string;
  /**
   * CO2e avoided (t/yr) under each factor set the run compared (MatchInput.comparedFactorSets),
   * keyed `id@version` as suggestions name their set; the estimate's own set among them: the same pair, quantity and route, other factors. Absent
   * when the run compared none.
   */
  co2eBySet?: Record<string, number | null>;
  /** Factors the estimate wanted but the factor set lacks. */
  missingFactors?: string[];
  /**
   * The parts of the estimate a missing factor leaves unknown (avoided-production,
   * avoided-disposal, transport, electricity), in the order met; absent when all are quantified.
   */
  notQuantified?: ImpactPart[];
}

export interface Candidate {
  offerId: string;
  needId: string;
  kind: Listing['kind'];
  distanceKm: number;
  /** How the offer serves the need: direct, via a heat pump, or via a documented substitution. */
  route: { type: 'direct' | 'heat-pump' | 'substitution'; detail?: string };
  score: number;
  terms: ScoreTerm[];
  /** Largest quantity per year the pair could transfer, canonical unit of the kind (need side). */
  maxQuantity: number;
  /**
   * Offer quantity consumed per unit delivered to the need: 1 when direct; (COP − 1)/COP for heat
   * lifted by a heat pump (the rest is electricity); 1/factor for a partial substitution.
   */
  offerUse: number;
  impact: Impact;
  /**
   * Route, transport mode and cost, a pipe's payback and the saving against stated current costs
   * (economics.ts), from MatchInput.costSet; absent when the input has no cost set.
   */
  economics?: Economics;
}

export interface AllocationEntry {
  offerId: string;
  needId: string;
  quantity: number;
}

export interface AllocationResult {
  method: 'lp' | 'greedy';
  entries: AllocationEntry[];
  objective: number;
}

export interface MatchInput {
  listings: MatchListing[];
  reference: ReferenceData;
  factorSet: FactorSet;
  config: MatchConfig;
  /** Hourly profiles by name (8,760 values, mean 1) for the temporal term. */
  hourlyProfiles?: ReadonlyMap<string, Float64Array>;
  /** Learned adjustments (feedback.ts), used when config.feedback.enabled. */
  feedback?: FeedbackTable;
  /** Other named factor sets to estimate each explained candidate's CO2e under (Impact.co2eBySet). */
  comparedFactorSets?: readonly FactorSet[];
  /** The cost set each explained candidate's economics are estimated with (Candidate.economics). */
  costSet?: CostSet;
  /** The land outline that tells a pair across open water (domain/geo-water.ts), with costSet. */
  land?: LandIndex;
}

export interface MatchOutput {
  candidates: Candidate[];
  allocation: AllocationResult;
  stats: { listings: number; pairsEvaluated: number; candidates: number };
}

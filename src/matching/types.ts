/**
 * The contract of the pure matching engine: a snapshot goes in, scored candidates and an
 * allocation come out. No I/O anywhere under matching/.
 */
import type { Listing } from '../domain/listing.ts';
import type { ReferenceData } from '../domain/reference.ts';

/** A listing as the engine sees it: the stored listing plus its site's coordinates. */
export type MatchListing = Listing & { lat: number; lon: number };

/** Versioned weights and limits (data/matching/config-<version>.json). */
export interface MatchConfig {
  version: string;
  /** Weight of each score term; they are normalised to sum 1. */
  weights: Record<ScoreTermName, number>;
  /** Default distance limit per kind / energy carrier, km. A listing's own maxDistanceKm wins. */
  distanceLimitsKm: {
    material: number;
    water: number;
    land: number;
    energy: Record<string, number>;
  };
  /** Minimum temperature difference between a heat source and the need's supply temperature, K. */
  minApproachK: number;
  /** Fraction of the Carnot COP a real heat pump reaches (Lorenz/Carnot efficiency). */
  heatPumpCarnotEfficiency: number;
  /** Largest lift a single-stage heat pump is allowed to make, K. */
  maxHeatPumpLiftK: number;
  /** Candidates scoring below this are dropped. */
  minScore: number;
  /**
   * K: a compatible pair is a candidate only when it is among the K best pairs of its need or of
   * its offer (selection.ts). Default 10.
   */
  maxCandidatesPerListing?: number;
  /** Upper bound on an estimated heat-pump COP (the Carnot formula explodes at small lifts). Default 8. */
  maxHeatPumpCop?: number;
  /** Temperatures assumed per carrier when a listing states none, °C, per side of the exchange. */
  assumedTemperatureC?: { offer: Partial<Record<string, number>>; need: Partial<Record<string, number>> };
}

export type ScoreTermName = 'resource' | 'quantity' | 'distance' | 'temporal' | 'quality';

export interface ScoreTerm {
  name: ScoreTermName;
  /** Normalised weight (all terms of a candidate sum to 1). */
  weight: number;
  /** The term's value in [0, 1]. */
  value: number;
  /** One sentence a facilitator can read, e.g. "offer code 100105 is accepted by the need's sub-chapter 1001". */
  reason: string;
}

/** Emission and substitution factors, each with its source and year (data/factors/<id>.json). */
export interface FactorSet {
  id: string;
  version: string;
  description: string;
  factors: Record<string, { value: number; unit: string; source: string; year: number }>;
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
  /** CO2e avoided, tonnes/yr = avoided production/disposal − transport − heat-pump electricity. */
  co2eAvoidedT: number;
  co2eBreakdown: { avoidedT: number; transportT: number; electricityT: number };
  factorSet: string;
  /** Factors the estimate wanted but the factor set lacks; each counted as 0. */
  missingFactors?: string[];
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
}

export interface MatchOutput {
  candidates: Candidate[];
  allocation: AllocationResult;
  stats: { listings: number; pairsEvaluated: number; candidates: number };
}

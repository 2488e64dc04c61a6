/** The versioned matching configuration (data/matching/config-<version>.json), as the engine reads it. */

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
  /**
   * Largest lift of two heat pump stages in cascade (heat-pump.ts), K; lifts above
   * maxHeatPumpLiftK up to it take two stages at their lower COP. Default 100; set it to
   * maxHeatPumpLiftK for single stages only.
   */
  maxTwoStageHeatPumpLiftK?: number;
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
  /**
   * The learning loop (matching/feedback.ts): adjustments learned from people's decisions. Absent
   * or `enabled: false`, scores are those of the weights alone.
   */
  feedback?: { enabled: boolean; maxPenalty: number; prior: number; minRejections: number };
}

export type ScoreTermName = 'resource' | 'quantity' | 'distance' | 'temporal' | 'quality';

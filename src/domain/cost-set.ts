/**
 * Named, versioned cost sets (data/costs/<id>.json): what moving a resource costs and what money
 * is worth over time, each value with its unit, source and year, like the emission factor sets
 * (factor-set.ts). The heat pipe's cost per metre by capacity is not repeated here: it is
 * Hotmaps' table in matching/heat-reach.ts (PIPE_COST_EUR_PER_M), priced in euro, which a cost
 * set turns into kroner with its exchange rate.
 */

export interface CostFactor {
  value: number;
  unit: string;
  source: string;
  year: number;
}

export interface CostSet {
  id: string;
  version: string;
  description: string;
  factors: Record<CostFactorName, CostFactor>;
}

/** The factors a cost set must give, each in the unit the engine computes with. */
export const COST_FACTOR_UNITS = {
  /** Road distance over great-circle distance (circuity). */
  'detour.road': 'ratio',
  'transport.truck': 'NOK/tkm',
  'transport.ship': 'NOK/tkm',
  /** A buried water pipe, laid, per metre of trench. */
  'pipe.water': 'NOK/m',
  /** Heat exchanger at the source, per MW of peak capacity (Hotmaps). */
  'heat.source-exchanger': 'EUR/MW',
  /** Heat exchanger at the sink, per MW, below and from 1 MW (Hotmaps). */
  'heat.sink-exchanger-small': 'EUR/MW',
  'heat.sink-exchanger': 'EUR/MW',
  /** Pump, per MW, below and from 1 MW (Hotmaps). */
  'heat.pump-small': 'EUR/MW',
  'heat.pump': 'EUR/MW',
  /** What a MWh of delivered heat is worth when the need states no current cost. */
  'heat.value': 'NOK/MWh',
  'exchange.eur': 'NOK/EUR',
  'finance.discount-rate': 'fraction',
  'finance.lifetime': 'yr',
} as const;

export type CostFactorName = keyof typeof COST_FACTOR_UNITS;

export const COST_FACTOR_NAMES = Object.keys(COST_FACTOR_UNITS) as CostFactorName[];

/** A cost set as suggestions name it: its id and version. */
export const costSetLabel = (set: { id: string; version: string }): string => `${set.id}@${set.version}`;

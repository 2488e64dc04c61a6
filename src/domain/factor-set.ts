/** Named, versioned emission and substitution factor sets (data/factors/<id>.json). */

/** Emission and substitution factors, each with its source and year (data/factors/<id>.json). */
export interface FactorSet {
  id: string;
  version: string;
  description: string;
  factors: Record<string, { value: number; unit: string; source: string; year: number }>;
}

/** Factor names the engine reads and the unit each must be given in. */
export const FACTOR_UNITS: Record<string, string> = {
  'electricity.grid': 'kgCO2e/kWh',
  'heat.displaced': 'kgCO2e/kWh',
  'cold.displaced': 'kgCO2e/kWh',
  'natural-gas.combustion': 'kgCO2e/kWh',
  'transport.road-freight': 'kgCO2e/tkm',
  'water.supply': 'kgCO2e/m3',
};
/** Families of factor names keyed by a material category id, with their unit. */
export const FACTOR_FAMILY_UNITS: Record<string, string> = {
  'virgin.': 'kgCO2e/t',
  'avoided-disposal.': 'kgCO2e/t',
};

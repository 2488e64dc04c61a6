/**
 * What a candidate would achieve per year at its maximum quantity, with the factor set named.
 *
 *   CO2e avoided = avoided production + avoided disposal − transport − heat-pump electricity
 *
 *   material  production  = virgin t displaced (= t diverted × substitution factor) × virgin.<category>
 *             disposal    = t diverted × avoided-disposal.<offer category> (or .default)
 *             transport   = t diverted × great-circle km × transport.road-freight   (tonne-km)
 *   energy    production  = MWh delivered × heat.displaced | cold.displaced | electricity.grid
 *                           | natural-gas.combustion, by the need's carrier
 *             electricity = MWh delivered / COP × electricity.grid                  (heat pumps)
 *   water     production  = m³ supplied × water.supply
 *   land      m² used; no emission factor
 *
 * Great-circle distance understates road distance, so transport is a lower bound; a factor the set
 * lacks counts as 0 and is listed in `missingFactors` rather than guessed.
 *
 * References:
 *   GHG Protocol Product Standard (2011): avoided emissions as the difference to a reference
 *     product system; EN 15804+A2 module D for the credit of displaced virgin material.
 */
import type { ReferenceData } from '../domain/reference.ts';
import type { FitReasons } from './fit-result.ts';
import type { FactorSet, Impact, MatchListing } from './types.ts';

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

/**
 * kg CO2e per tonne of virgin material displaced, read as virgin.<category id>: first the category
 * the need is served in (what it would otherwise buy), then the offered residue's own. A category
 * that says it displaces something but has no factor in the set is reported missing.
 */
function virginFactor(
  fit: ImpactFit,
  factorSet: FactorSet,
  reference: ReferenceData,
  missing: string[],
): number {
  const first = fit.displacedCategory;
  const second = fit.offerCategory;
  const hit =
    (first === undefined ? undefined : factorSet.factors[`virgin.${first}`]) ??
    (second === undefined ? undefined : factorSet.factors[`virgin.${second}`]);
  if (hit !== undefined) return hit.value;
  const wanted = displaces(reference, first) ? first : displaces(reference, second) ? second : undefined;
  if (wanted !== undefined) missing.push(`virgin.${wanted}`);
  return 0;
}

const displaces = (reference: ReferenceData, id: string | undefined): boolean =>
  id !== undefined && reference.materialCategories.get(id)?.displaces !== undefined;

/** The value of factor `name` of the set; 0, noted in `missing`, when the set has none. */
function factorValue(factorSet: FactorSet, name: string, missing: string[]): number {
  const f = factorSet.factors[name];
  if (f !== undefined) return f.value;
  missing.push(name);
  return 0;
}

/** What the estimate reads of a pair's fit: its offer use and what the fit's reasons name. */
export type ImpactFit = Pick<
  FitReasons,
  'heatPump' | 'substitution' | 'displacedCategory' | 'offerCategory'
> & {
  offerUse: number;
};

export interface ImpactInput {
  need: Pick<MatchListing, 'kind' | 'energy'> & { unit: string };
  fit: ImpactFit;
  /** Delivered to the need per year, need's canonical unit. */
  maxQuantity: number;
  distanceKm: number;
  factorSet: FactorSet;
  reference: ReferenceData;
}

export function estimateImpact({
  need,
  fit,
  maxQuantity,
  distanceKm,
  factorSet,
  reference,
}: ImpactInput): Impact {
  const missing: string[] = [];
  const impact: Impact = {
    quantity: maxQuantity,
    unit: need.unit,
    co2eAvoidedT: 0,
    co2eBreakdown: { avoidedT: 0, transportT: 0, electricityT: 0 },
    factorSet: factorSet.id,
  };
  const breakdown = impact.co2eBreakdown;

  switch (need.kind) {
    case 'material': {
      const diverted = maxQuantity * fit.offerUse;
      const virgin = diverted * (fit.substitution?.factor ?? 1);
      const ownDisposal =
        fit.offerCategory === undefined ? undefined : `avoided-disposal.${fit.offerCategory}`;
      const disposal =
        ownDisposal !== undefined && factorSet.factors[ownDisposal] !== undefined
          ? ownDisposal
          : 'avoided-disposal.default';
      breakdown.avoidedT =
        (virgin * virginFactor(fit, factorSet, reference, missing) +
          diverted * factorValue(factorSet, disposal, missing)) /
        1000;
      breakdown.transportT =
        (diverted * distanceKm * factorValue(factorSet, 'transport.road-freight', missing)) / 1000;
      impact.tonnesDiverted = diverted;
      impact.virginMaterialDisplacedT = virgin;
      break;
    }
    case 'energy': {
      breakdown.avoidedT =
        maxQuantity * factorValue(factorSet, displacedEnergyFactor(need.energy?.carrier), missing);
      impact.mwhDelivered = maxQuantity;
      if (fit.heatPump) {
        const electricity = maxQuantity / fit.heatPump.cop;
        breakdown.electricityT = electricity * factorValue(factorSet, 'electricity.grid', missing);
        impact.heatPumpElectricityMWh = electricity;
      }
      break;
    }
    case 'water':
      breakdown.avoidedT = (maxQuantity * factorValue(factorSet, 'water.supply', missing)) / 1000;
      impact.m3Supplied = maxQuantity;
      break;
    case 'land':
      impact.m2Used = maxQuantity;
      break;
  }
  impact.co2eAvoidedT = breakdown.avoidedT - breakdown.transportT - breakdown.electricityT;
  if (missing.length > 0) impact.missingFactors = [...new Set(missing)].sort();
  return impact;
}

/** What an energy need would otherwise buy, by its carrier. */
function displacedEnergyFactor(carrier: string | undefined): string {
  if (carrier === 'hot-water' || carrier === 'steam') return 'heat.displaced';
  if (carrier === 'cold' || carrier === 'cooling-water') return 'cold.displaced';
  if (carrier === 'gas') return 'natural-gas.combustion';
  return 'electricity.grid';
}

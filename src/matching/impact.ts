/**
 * What a candidate would achieve per year at its maximum quantity, with the factor set named.
 *
 *   CO2e avoided = avoided production + avoided disposal − transport − heat-pump electricity
 *
 *   material  production  = virgin t displaced (= t diverted × substitution factor) × virgin.<displaces>
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
import type { ResourceFit } from './fit-result.ts';
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
/** Families of factor names keyed by a material id or category id, with their unit. */
export const FACTOR_FAMILY_UNITS: Record<string, string> = {
  'virgin.': 'kgCO2e/t',
  'avoided-disposal.': 'kgCO2e/t',
};

export const virginFactorName = (displaces: string): string =>
  `virgin.${displaces
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

export interface ImpactInput {
  offer: MatchListing;
  need: MatchListing;
  fit: ResourceFit;
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
  const factor = (name: string): number => {
    const f = factorSet.factors[name];
    if (f === undefined) {
      missing.push(name);
      return 0;
    }
    return f.value;
  };
  let avoidedT = 0;
  let transportT = 0;
  let electricityT = 0;
  const unit = need.canonicalQuantity.unit;
  const base = { quantity: maxQuantity, unit };
  let extra: Partial<Impact> = {};

  switch (need.kind) {
    case 'material': {
      const diverted = maxQuantity * fit.offerUse;
      const virgin = diverted * (fit.substitution?.factor ?? 1);
      const displaces =
        fit.displacedCategory === undefined
          ? undefined
          : reference.materialCategories.get(fit.displacedCategory)?.displaces;
      const production = displaces === undefined ? 0 : (virgin * factor(virginFactorName(displaces))) / 1000;
      const disposalName =
        fit.offerCategory !== undefined &&
        factorSet.factors[`avoided-disposal.${fit.offerCategory}`] !== undefined
          ? `avoided-disposal.${fit.offerCategory}`
          : 'avoided-disposal.default';
      avoidedT = production + (diverted * factor(disposalName)) / 1000;
      transportT = (diverted * distanceKm * factor('transport.road-freight')) / 1000;
      extra = { tonnesDiverted: diverted, virginMaterialDisplacedT: virgin };
      break;
    }
    case 'energy': {
      const carrier = need.energy?.carrier;
      const displacedName =
        carrier === 'hot-water' || carrier === 'steam'
          ? 'heat.displaced'
          : carrier === 'cold' || carrier === 'cooling-water'
            ? 'cold.displaced'
            : carrier === 'gas'
              ? 'natural-gas.combustion'
              : 'electricity.grid';
      avoidedT = maxQuantity * factor(displacedName);
      extra = { mwhDelivered: maxQuantity };
      if (fit.heatPump) {
        const electricity = maxQuantity / fit.heatPump.cop;
        electricityT = electricity * factor('electricity.grid');
        extra.heatPumpElectricityMWh = electricity;
      }
      break;
    }
    case 'water':
      avoidedT = (maxQuantity * factor('water.supply')) / 1000;
      extra = { m3Supplied: maxQuantity };
      break;
    case 'land':
      extra = { m2Used: maxQuantity };
      break;
  }
  return {
    ...base,
    ...extra,
    co2eAvoidedT: avoidedT - transportT - electricityT,
    co2eBreakdown: { avoidedT, transportT, electricityT },
    factorSet: factorSet.id,
    ...(missing.length > 0 ? { missingFactors: [...new Set(missing)].sort() } : {}),
  };
}

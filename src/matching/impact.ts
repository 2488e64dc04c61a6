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
 * Great-circle distance understates road distance, so transport is a lower bound. A factor the set
 * lacks is listed in `missingFactors` rather than guessed, and the part of the estimate it prices
 * is not quantified: that part of `co2eBreakdown` is null, its name is in `notQuantified`
 * (avoided-production, avoided-disposal, transport, electricity), and `co2eAvoidedT` is null, since
 * a total with an unknown part is unknown. So a missing credit never shows as a negative CO2e made
 * of transport alone. Quantities (tonnes, MWh, m³) do not depend on factors and are always given.
 *
 * References:
 *   GHG Protocol Product Standard (2011): avoided emissions as the difference to a reference
 *     product system; EN 15804+A2 module D for the credit of displaced virgin material.
 */
import type { ReferenceData } from '../domain/reference.ts';
import type { FitReasons } from './fit-result.ts';
import type { FactorSet, Impact, MatchListing } from './types.ts';

/**
 * kg CO2e per tonne of virgin material displaced, read as virgin.<category id>: first the category
 * the need is served in (what it would otherwise buy), then the offered residue's own. A category
 * that says it displaces something but has no factor in the set is reported missing (NaN); one
 * that displaces nothing credits 0.
 */
function virginFactor(
  fit: ImpactFit,
  factorSet: FactorSet,
  reference: ReferenceData,
  missing: string[],
): number {
  const found = virginOf(factorSet, reference, fit.displacedCategory, fit.offerCategory);
  if (found.missing === undefined) return found.value;
  missing.push(found.missing);
  return Number.NaN;
}

interface VirginFactor {
  value: number;
  missing?: string;
}

/**
 * virginFactor's answer per factor set, reference data and pair of categories, worked out once:
 * building the factor names and looking them up cost a fifth of a candidate's explanation.
 */
const virginCache = new WeakMap<FactorSet, WeakMap<ReferenceData, Map<string, Map<string, VirginFactor>>>>();

function virginOf(
  factorSet: FactorSet,
  reference: ReferenceData,
  first: string | undefined,
  second: string | undefined,
): VirginFactor {
  let byReference = virginCache.get(factorSet);
  if (byReference === undefined) {
    byReference = new WeakMap();
    virginCache.set(factorSet, byReference);
  }
  let byFirst = byReference.get(reference);
  if (byFirst === undefined) {
    byFirst = new Map();
    byReference.set(reference, byFirst);
  }
  // Category ids are never empty (taxonomy schema), so '' stands for none.
  let bySecond = byFirst.get(first ?? '');
  if (bySecond === undefined) {
    bySecond = new Map();
    byFirst.set(first ?? '', bySecond);
  }
  let found = bySecond.get(second ?? '');
  if (found === undefined) {
    const hit =
      (first === undefined ? undefined : factorSet.factors[`virgin.${first}`]) ??
      (second === undefined ? undefined : factorSet.factors[`virgin.${second}`]);
    const wanted = displaces(reference, first) ? first : displaces(reference, second) ? second : undefined;
    found =
      hit !== undefined
        ? { value: hit.value }
        : wanted !== undefined
          ? { value: 0, missing: `virgin.${wanted}` }
          : { value: 0 };
    bySecond.set(second ?? '', found);
  }
  return found;
}

const displaces = (reference: ReferenceData, id: string | undefined): boolean =>
  id !== undefined && reference.materialCategories.get(id)?.displaces !== undefined;

/** The value of factor `name` of the set; NaN, noted in `missing`, when the set has none. */
function factorValue(factorSet: FactorSet, name: string, missing: string[]): number {
  const f = factorSet.factors[name];
  if (f !== undefined) return f.value;
  missing.push(name);
  return Number.NaN;
}

/** The parts of an estimate a factor prices, as `Impact.notQuantified` names them. */
export type ImpactPart = 'avoided-production' | 'avoided-disposal' | 'transport' | 'electricity';

/** A part's value, or null (named in `unknown`) when a factor it needs is missing (NaN). */
function part(value: number, name: ImpactPart, unknown: ImpactPart[]): number | null {
  if (!Number.isNaN(value)) return value;
  unknown.push(name);
  return null;
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
  const unknown: ImpactPart[] = [];
  // Each kind builds its object in one literal, fields in one order: one shape per kind.
  switch (need.kind) {
    case 'material': {
      const diverted = maxQuantity * fit.offerUse;
      const virgin = diverted * (fit.substitution?.factor ?? 1);
      const own = fit.offerCategory === undefined ? undefined : disposalOf(factorSet, fit.offerCategory);
      const disposal = own ?? factorValue(factorSet, 'avoided-disposal.default', missing);
      const production = part(
        virginFactor(fit, factorSet, reference, missing),
        'avoided-production',
        unknown,
      );
      const disposed = part(disposal, 'avoided-disposal', unknown);
      const avoidedT =
        production === null || disposed === null ? null : (virgin * production + diverted * disposed) / 1000;
      const perTkm = part(factorValue(factorSet, 'transport.road-freight', missing), 'transport', unknown);
      const transportT = perTkm === null ? null : (diverted * distanceKm * perTkm) / 1000;
      return withUnknowns(
        {
          quantity: maxQuantity,
          unit: need.unit,
          co2eAvoidedT: avoidedT === null || transportT === null ? null : avoidedT - transportT,
          co2eBreakdown: { avoidedT, transportT, electricityT: 0 },
          factorSet: factorSet.id,
          tonnesDiverted: diverted,
          virginMaterialDisplacedT: virgin,
        },
        missing,
        unknown,
      );
    }
    case 'energy': {
      const displaced = part(
        factorValue(factorSet, displacedEnergyFactor(need.energy?.carrier), missing),
        'avoided-production',
        unknown,
      );
      const avoidedT = displaced === null ? null : maxQuantity * displaced;
      const breakdown: Impact['co2eBreakdown'] = { avoidedT, transportT: 0, electricityT: 0 };
      const impact: Impact = {
        quantity: maxQuantity,
        unit: need.unit,
        co2eAvoidedT: avoidedT,
        co2eBreakdown: breakdown,
        factorSet: factorSet.id,
        mwhDelivered: maxQuantity,
      };
      if (fit.heatPump) {
        const electricity = maxQuantity / fit.heatPump.cop;
        const grid = part(factorValue(factorSet, 'electricity.grid', missing), 'electricity', unknown);
        breakdown.electricityT = grid === null ? null : electricity * grid;
        impact.heatPumpElectricityMWh = electricity;
        impact.co2eAvoidedT =
          avoidedT === null || breakdown.electricityT === null ? null : avoidedT - breakdown.electricityT;
      }
      return withUnknowns(impact, missing, unknown);
    }
    case 'water': {
      const supply = part(factorValue(factorSet, 'water.supply', missing), 'avoided-production', unknown);
      const avoidedT = supply === null ? null : (maxQuantity * supply) / 1000;
      return withUnknowns(
        {
          quantity: maxQuantity,
          unit: need.unit,
          co2eAvoidedT: avoidedT,
          co2eBreakdown: { avoidedT, transportT: 0, electricityT: 0 },
          factorSet: factorSet.id,
          m3Supplied: maxQuantity,
        },
        missing,
        unknown,
      );
    }
    case 'land':
      return withUnknowns(
        {
          quantity: maxQuantity,
          unit: need.unit,
          co2eAvoidedT: 0,
          co2eBreakdown: { avoidedT: 0, transportT: 0, electricityT: 0 },
          factorSet: factorSet.id,
          m2Used: maxQuantity,
        },
        missing,
        unknown,
      );
  }
}

function withUnknowns(impact: Impact, missing: string[], unknown: ImpactPart[]): Impact {
  if (missing.length > 0)
    impact.missingFactors = missing.length === 1 ? missing : [...new Set(missing)].sort();
  if (unknown.length > 0) impact.notQuantified = unknown;
  return impact;
}

/** The set's avoided-disposal.<category> value, undefined when it has none; looked up once per category. */
const disposalCache = new WeakMap<FactorSet, Map<string, number | undefined>>();

function disposalOf(factorSet: FactorSet, category: string): number | undefined {
  let byCategory = disposalCache.get(factorSet);
  if (byCategory === undefined) {
    byCategory = new Map();
    disposalCache.set(factorSet, byCategory);
  }
  if (!byCategory.has(category)) {
    byCategory.set(category, factorSet.factors[`avoided-disposal.${category}`]?.value);
  }
  return byCategory.get(category);
}

/** What an energy need would otherwise buy, by its carrier. */
function displacedEnergyFactor(carrier: string | undefined): string {
  if (carrier === 'hot-water' || carrier === 'steam') return 'heat.displaced';
  if (carrier === 'cold' || carrier === 'cooling-water') return 'cold.displaced';
  if (carrier === 'gas') return 'natural-gas.combustion';
  return 'electricity.grid';
}

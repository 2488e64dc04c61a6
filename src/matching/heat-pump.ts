/**
 * Heat usable directly, or lifted by a heat pump, from a source temperature to a need's.
 *
 * Direct use needs the source at least `minApproachK` above the need's supply temperature (a heat
 * exchanger needs a driving temperature difference). Otherwise a heat pump evaporates against the
 * source and condenses against the sink, each across the same approach:
 *
 *   T_sink   = T_need + approach                       (K)
 *   T_source = T_offer − approach                      (K)
 *   lift     = T_sink − T_source
 *   COP      = η × T_sink / lift,  capped at maxCop    (η = heatPumpCarnotEfficiency)
 *
 * The Carnot COP times a second-law efficiency η is the usual first estimate; market-available
 * large heat pumps reach η ≈ 0.4–0.6 of Carnot, and single-stage units are limited to lifts of
 * roughly 50–70 K, which `maxHeatPumpLiftK` encodes.
 *
 * References:
 *   M. Jesper, F. Schlosser, F. Pag, T. G. Walmsley, B. Schmitt, K. Vajen (2021), "Large-scale heat
 *     pumps: Uptake and performance modelling of market-available devices", Renewable and
 *     Sustainable Energy Reviews 137, 110646.
 *   C. Arpagaus, F. Bless, M. Uhlmann, J. Schiffmann, S. S. Bertsch (2018), "High temperature heat
 *     pumps: Market overview, state of the art, research status, refrigerants, and application
 *     potentials", Energy 152, 985–1010.
 *   IEA Heat Pumping Technologies, Annex 48 "Industrial Heat Pumps, Second Phase" (2019).
 */
import type { MatchConfig } from './types.ts';

export const DEFAULT_MAX_COP = 8;
const KELVIN = 273.15;

export type HeatRoute =
  | { type: 'direct'; marginK: number }
  | { type: 'heat-pump'; cop: number; liftK: number; sourceK: number; sinkK: number }
  | { type: 'rejected'; reason: string };

export function routeHeat(
  offerTemperatureC: number,
  needTemperatureC: number,
  config: Pick<
    MatchConfig,
    'minApproachK' | 'heatPumpCarnotEfficiency' | 'maxHeatPumpLiftK' | 'maxHeatPumpCop'
  >,
  allowHeatPump = true,
): HeatRoute {
  const approach = config.minApproachK;
  const marginK = offerTemperatureC - needTemperatureC;
  if (marginK >= approach) return { type: 'direct', marginK };
  if (!allowHeatPump) {
    return {
      type: 'rejected',
      reason: `source is ${marginK.toFixed(1)} K from the need, below the ${approach} K approach`,
    };
  }
  const sinkK = needTemperatureC + approach + KELVIN;
  const sourceK = offerTemperatureC - approach + KELVIN;
  const liftK = sinkK - sourceK;
  if (sourceK <= 0) return { type: 'rejected', reason: 'source temperature below absolute zero' };
  if (liftK > config.maxHeatPumpLiftK) {
    return { type: 'rejected', reason: `lift ${liftK.toFixed(1)} K exceeds ${config.maxHeatPumpLiftK} K` };
  }
  const cop = Math.min(
    config.maxHeatPumpCop ?? DEFAULT_MAX_COP,
    (config.heatPumpCarnotEfficiency * sinkK) / liftK,
  );
  // A COP at or below 1 delivers no more heat than the electricity put in: nothing recovered.
  if (cop <= 1) return { type: 'rejected', reason: `estimated COP ${cop.toFixed(2)} recovers no heat` };
  return { type: 'heat-pump', cop, liftK, sourceK, sinkK };
}

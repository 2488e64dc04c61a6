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
 * Above that lift, up to `maxTwoStageHeatPumpLiftK` (default 100 K), two stages in cascade: the
 * lower stage condenses into an intermediate heat exchanger from which the upper stage evaporates,
 * across the same approach, so each stage lifts (lift + approach) / 2 around the mean temperature
 * T_mid = (T_source + T_sink) / 2, at its own Carnot-fraction COP:
 *
 *   COP_low  = η × (T_mid + approach/2) / ((lift + approach) / 2)
 *   COP_high = η × T_sink               / ((lift + approach) / 2)
 *   COP      = COP_low × COP_high / (COP_low + COP_high − 1)
 *
 * the cascade's COP (the upper stage's electricity W_high = Q / COP_high; the lower stage delivers
 * Q − W_high, for (Q − W_high) / COP_low more). It is lower than one stage's η × T_sink / lift
 * would be, by the intermediate exchanger's approach; a single stage cannot make such a lift at
 * that η at all (its pressure ratio and discharge temperature run out).
 *
 * References:
 *   M. Jesper, F. Schlosser, F. Pag, T. G. Walmsley, B. Schmitt, K. Vajen (2021), "Large-scale heat
 *     pumps: Uptake and performance modelling of market-available devices", Renewable and
 *     Sustainable Energy Reviews 137, 110646.
 *   C. Arpagaus, F. Bless, M. Uhlmann, J. Schiffmann, S. S. Bertsch (2018), "High temperature heat
 *     pumps: Market overview, state of the art, research status, refrigerants, and application
 *     potentials", Energy 152, 985–1010.
 *   IEA Heat Pumping Technologies, Annex 48 "Industrial Heat Pumps, Second Phase" (2019).
 *   IEA Heat Pumping Technologies, Annex 58 "High-Temperature Heat Pumps" (2023): two-stage and
 *     cascade cycles for lifts beyond one stage's, up to about 100 K.
 *   Y. A. Çengel, M. A. Boles, Thermodynamics: An Engineering Approach, ch. 11 (cascade
 *     refrigeration and heat pump systems).
 */
import type { MatchConfig } from './types.ts';

export const DEFAULT_MAX_COP = 8;
/** Largest lift of two stages in cascade when the config names none, K. */
export const DEFAULT_MAX_TWO_STAGE_LIFT_K = 100;
const KELVIN = 273.15;

export type HeatRoute =
  | { type: 'direct'; marginK: number }
  | { type: 'heat-pump'; cop: number; liftK: number; sourceK: number; sinkK: number; stages: 1 | 2 }
  | { type: 'rejected'; reason: string };

export function routeHeat(
  offerTemperatureC: number,
  needTemperatureC: number,
  config: Pick<
    MatchConfig,
    | 'minApproachK'
    | 'heatPumpCarnotEfficiency'
    | 'maxHeatPumpLiftK'
    | 'maxHeatPumpCop'
    | 'maxTwoStageHeatPumpLiftK'
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
  const maxCop = config.maxHeatPumpCop ?? DEFAULT_MAX_COP;
  const eta = config.heatPumpCarnotEfficiency;
  let cop: number;
  let stages: 1 | 2 = 1;
  if (!(liftK > config.maxHeatPumpLiftK)) cop = Math.min(maxCop, (eta * sinkK) / liftK);
  else {
    const maxTwoStage = Math.max(
      config.maxHeatPumpLiftK,
      config.maxTwoStageHeatPumpLiftK ?? DEFAULT_MAX_TWO_STAGE_LIFT_K,
    );
    if (liftK > maxTwoStage) {
      return { type: 'rejected', reason: `lift ${liftK.toFixed(1)} K exceeds ${maxTwoStage} K` };
    }
    const stageLift = (liftK + approach) / 2;
    const low = Math.min(maxCop, (eta * ((sourceK + sinkK) / 2 + approach / 2)) / stageLift);
    const high = Math.min(maxCop, (eta * sinkK) / stageLift);
    cop = (low * high) / (low + high - 1);
    stages = 2;
  }
  // A COP at or below 1 delivers no more heat than the electricity put in: nothing recovered.
  if (cop <= 1) return { type: 'rejected', reason: `estimated COP ${cop.toFixed(2)} recovers no heat` };
  return { type: 'heat-pump', cop, liftK, sourceK, sinkK, stages };
}

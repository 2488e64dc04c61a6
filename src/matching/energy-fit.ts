/**
 * Energy compatibility: same or convertible carrier, with temperatures.
 *
 * Surplus heat (steam, flue gas, hot water, warm cooling water) serves a hot-water or steam need
 * directly through a heat exchanger when it is hot enough, or through a heat pump when it is not
 * (see heat-pump.ts). Steam is only used directly. Surplus cold serves cold and cooling-water needs
 * when it is colder than the need by the approach. Electricity and gas serve their own kind only.
 * A listing without a temperature gets the one assumed for its carrier, and the reason says so.
 *
 * A need may ask for a heat-pump source (`heatPumpSource`): low-temperature heat for its own heat
 * pump, at least its supplyTemperatureC, which any heat carrier serves directly when it is warm
 * enough by the approach. It is not a cooling demand (a cooling-water need wants the water cold),
 * and no heat pump of the engine's lifts heat to it: the need is one.
 *
 * Among sources that serve a need directly, the lowest adequate grade ranks first: the quality of
 * a direct heat route is multiplied by the grade of heat-grade.ts (the exergy a hotter source than
 * needed loses), so 500 °C flue gas is not the first suggestion for a 20 °C fish pond.
 */
import type { EnergyCarrier } from '../domain/listing-kinds.ts';
import { type FitReasons, type FitValues, INCOMPLETE } from './fit-result.ts';
import { fmt } from './format.ts';
import { exergyLoss, heatGrade } from './heat-grade.ts';
import { routeHeat } from './heat-pump.ts';
import type { PreparedListing } from './prepared-listing.ts';
import type { MatchConfig, MatchListing } from './types.ts';

/** Carriers each offered carrier can serve without a heat pump. */
export const DIRECT_SERVES: Record<EnergyCarrier, readonly EnergyCarrier[]> = {
  steam: ['steam', 'hot-water'],
  'flue-gas': ['steam', 'hot-water'],
  'hot-water': ['hot-water'],
  'cooling-water': ['hot-water'],
  cold: ['cold', 'cooling-water'],
  electricity: ['electricity'],
  gas: ['gas'],
};

/** Heat sources a heat pump can lift, and the needs it can lift them to. */
export const HEAT_PUMP_SOURCES: ReadonlySet<EnergyCarrier> = new Set([
  'hot-water',
  'cooling-water',
  'flue-gas',
]);
export const HEAT_NEEDS: ReadonlySet<EnergyCarrier> = new Set(['hot-water', 'steam']);
export const COLD_NEEDS: ReadonlySet<EnergyCarrier> = new Set(['cold', 'cooling-water']);
/** Offers that can feed a need's heat pump (heatPumpSource): any surplus heat. */
export const HEAT_SOURCES: ReadonlySet<EnergyCarrier> = new Set([
  'hot-water',
  'cooling-water',
  'flue-gas',
  'steam',
]);
/** The index key of needs for a heat-pump source, apart from the carriers' own. */
const HEAT_PUMP_SOURCE_KEY = 'e:heat-pump-source';
/** The lowest source temperature a need's heat pump is assumed to take when it states none, °C. */
export const ASSUMED_HEAT_PUMP_SOURCE_C = 10;

/** Typical temperatures when a listing states none, °C (overridable in the versioned config). */
export const ASSUMED_TEMPERATURE_C: {
  offer: Record<EnergyCarrier, number>;
  need: Record<EnergyCarrier, number>;
} = {
  offer: {
    steam: 180,
    'flue-gas': 150,
    'hot-water': 80,
    'cooling-water': 30,
    cold: 5,
    electricity: 0,
    gas: 0,
  },
  need: {
    steam: 150,
    'flue-gas': 150,
    'hot-water': 70,
    'cooling-water': 15,
    cold: 10,
    electricity: 0,
    gas: 0,
  },
};

/** Resource-term values by route. */
export const ENERGY_FIT = { sameCarrier: 1, converted: 0.9, heatPump: 0.75 };

export function servesCarriers(carrier: EnergyCarrier): EnergyCarrier[] {
  const out = new Set<EnergyCarrier>(DIRECT_SERVES[carrier]);
  if (HEAT_PUMP_SOURCES.has(carrier)) for (const c of HEAT_NEEDS) out.add(c);
  return [...out];
}

/** The listing's supply temperature, °C: the stated one, or the one assumed for its carrier. */
export function temperature(
  l: Pick<MatchListing, 'energy'>,
  side: 'offer' | 'need',
  config: MatchConfig,
): { c: number; assumed: boolean } {
  const stated = l.energy?.supplyTemperatureC;
  if (stated !== undefined) return { c: stated, assumed: false };
  if (side === 'need' && l.energy?.heatPumpSource === true) {
    return { c: ASSUMED_HEAT_PUMP_SOURCE_C, assumed: true };
  }
  const carrier = l.energy!.carrier;
  return {
    c: config.assumedTemperatureC?.[side][carrier] ?? ASSUMED_TEMPERATURE_C[side][carrier],
    assumed: true,
  };
}

/**
 * Writes the pair's resource and quality values and offer use into `fit` and returns true when the
 * offer can serve the need; `why`, when given, receives the route and the reasons, or why not.
 */
export function fitEnergy(
  offer: PreparedListing,
  need: PreparedListing,
  config: MatchConfig,
  fit: FitValues,
  why?: FitReasons,
): boolean {
  const from = offer.energy?.carrier;
  const to = need.energy?.carrier;
  if (from === undefined || to === undefined) {
    if (why) why.blocked = INCOMPLETE;
    return false;
  }
  if (need.energy?.heatPumpSource === true) return fitHeatPumpSource(offer, need, config, fit, why);
  const direct = DIRECT_SERVES[from].includes(to);
  const pumpable = HEAT_PUMP_SOURCES.has(from) && HEAT_NEEDS.has(to);
  if (!direct && !pumpable) {
    if (why) {
      why.blocked = {
        code: 'carrier',
        reason: `${from} cannot serve a ${to} need, directly or through a heat pump`,
      };
    }
    return false;
  }

  if (from === 'electricity' || from === 'gas') {
    fit.resource = ENERGY_FIT.sameCarrier;
    fit.quality = 1;
    fit.offerUse = 1;
    if (why) {
      why.route = { type: 'direct', detail: from === to ? from : `${from} → ${to}` };
      why.resource = `${from} offered for a ${to} need`;
      why.quality = `${from} needs no temperature match`;
    }
    return true;
  }

  const src = temperature(offer, 'offer', config);
  const sink = temperature(need, 'need', config);
  const assumedNote = src.assumed || sink.assumed ? ' (temperature assumed typical for the carrier)' : '';
  const assumedFactor = src.assumed || sink.assumed ? 0.8 : 1;

  if (COLD_NEEDS.has(to)) {
    const margin = sink.c - src.c;
    if (margin < config.minApproachK) {
      if (why) {
        why.blocked = {
          code: 'temperature-approach',
          reason: `cold at ${src.c} °C is ${fmt(margin)} K below the ${sink.c} °C need, less than the ${config.minApproachK} K approach${assumedNote}`,
        };
      }
      return false;
    }
    fit.resource = from === to ? ENERGY_FIT.sameCarrier : ENERGY_FIT.converted;
    fit.quality = assumedFactor;
    fit.offerUse = 1;
    if (why) {
      why.route = { type: 'direct', detail: from === to ? from : `${from} → ${to}` };
      why.resource = `${from} offered for a ${to} need`;
      why.quality = `cold at ${src.c} °C serves the ${sink.c} °C need with ${fmt(margin)} K to spare${assumedNote}`;
    }
    return true;
  }

  const heat = routeHeat(src.c, sink.c, config, pumpable);
  if (heat.type === 'rejected') {
    if (why) {
      why.blocked = pumpable
        ? {
            code: 'temperature-lift',
            reason: `a heat pump cannot lift ${from} at ${src.c} °C to the ${sink.c} °C need: ${heat.reason}${assumedNote}`,
          }
        : {
            code: 'temperature-approach',
            reason: `${from} at ${src.c} °C is too cold for the ${sink.c} °C need: ${heat.reason}${assumedNote}`,
          };
    }
    return false;
  }
  if (heat.type === 'direct') {
    if (!direct) {
      if (why) {
        why.blocked = {
          code: 'carrier',
          reason: `${from} at ${src.c} °C cannot serve a ${to} need directly, and is too hot to need a heat pump`,
        };
      }
      return false;
    }
    const adequate = sink.c + config.minApproachK;
    fit.resource = from === to ? ENERGY_FIT.sameCarrier : ENERGY_FIT.converted;
    fit.quality = assumedFactor * heatGrade(src.c, adequate);
    fit.offerUse = 1;
    if (why) {
      why.route = { type: 'direct', detail: from === to ? from : `${from} → ${to}` };
      why.resource =
        from === to
          ? `${from} offered for a ${to} need`
          : `${from} serves a ${to} need through a heat exchanger`;
      why.quality = `source at ${src.c} °C serves the ${sink.c} °C need directly (${fmt(heat.marginK)} K ≥ ${config.minApproachK} K approach)${assumedNote}${gradeNote(exergyLoss(src.c, adequate))}`;
    }
    return true;
  }
  const { cop, liftK, stages } = heat;
  fit.resource = ENERGY_FIT.heatPump;
  fit.quality = assumedFactor * (1 - (0.5 * liftK) / config.maxHeatPumpLiftK);
  fit.offerUse = (cop - 1) / cop;
  if (why) {
    const twoStage = stages === 2;
    why.route = {
      type: 'heat-pump',
      detail: `COP ${fmt(cop, 2)}, lift ${fmt(liftK)} K${twoStage ? ', two stages' : ''}`,
    };
    why.resource = `${from} at ${src.c} °C lifted by a ${twoStage ? 'two-stage ' : ''}heat pump to a ${to} need`;
    why.quality = `a ${twoStage ? 'two-stage ' : ''}heat pump lifts ${src.c} °C to ${sink.c} °C (lift ${fmt(liftK)} K incl. approach, COP ${fmt(cop, 2)})${assumedNote}`;
    why.heatPump = { cop, liftK };
  }
  return true;
}

/** The grade of a direct route in words, when a cooler source would lose less (heat-grade.ts). */
function gradeNote(loss: number): string {
  return loss >= 0.005 ? `; exergy lost: ${fmt(loss, 2)} per unit of heat (a cooler source would do)` : '';
}

/** A need's heat pump takes surplus heat at least as warm as it asks, by the approach. */
function fitHeatPumpSource(
  offer: PreparedListing,
  need: PreparedListing,
  config: MatchConfig,
  fit: FitValues,
  why: FitReasons | undefined,
): boolean {
  const from = offer.energy!.carrier;
  const to = need.energy!.carrier;
  if (!HEAT_SOURCES.has(from)) {
    if (why) {
      why.blocked = { code: 'carrier', reason: `${from} cannot feed a heat pump as its heat source` };
    }
    return false;
  }
  const src = temperature(offer, 'offer', config);
  const sink = temperature(need, 'need', config);
  const assumedNote = src.assumed || sink.assumed ? ' (temperature assumed typical for the carrier)' : '';
  const margin = src.c - sink.c;
  if (!(margin >= config.minApproachK)) {
    if (why) {
      why.blocked = {
        code: 'temperature-approach',
        reason: `${from} at ${src.c} °C is too cold for a heat pump that takes at least ${sink.c} °C: ${fmt(margin)} K, below the ${config.minApproachK} K approach${assumedNote}`,
      };
    }
    return false;
  }
  const adequate = sink.c + config.minApproachK;
  fit.resource = from === to ? ENERGY_FIT.sameCarrier : ENERGY_FIT.converted;
  fit.quality = (src.assumed || sink.assumed ? 0.8 : 1) * heatGrade(src.c, adequate);
  fit.offerUse = 1;
  if (why) {
    why.route = { type: 'direct', detail: from === to ? from : `${from} → ${to}` };
    why.resource = `${from} at ${src.c} °C offered as the heat source of a heat pump`;
    why.quality = `source at ${src.c} °C feeds a heat pump that takes at least ${sink.c} °C (${fmt(margin)} K ≥ ${config.minApproachK} K approach)${assumedNote}${gradeNote(exergyLoss(src.c, adequate))}`;
  }
  return true;
}

export function energyOfferKeys(offer: MatchListing): string[] {
  const carrier = offer.energy?.carrier;
  if (carrier === undefined) return [];
  const keys = servesCarriers(carrier).map((c) => `e:${c}`);
  if (HEAT_SOURCES.has(carrier)) keys.push(HEAT_PUMP_SOURCE_KEY);
  return keys;
}

export function energyNeedKeys(need: MatchListing): string[] {
  const carrier = need.energy?.carrier;
  if (carrier === undefined) return [];
  return need.energy?.heatPumpSource === true ? [HEAT_PUMP_SOURCE_KEY] : [`e:${carrier}`];
}

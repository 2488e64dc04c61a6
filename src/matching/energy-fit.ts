/**
 * Energy compatibility: same or convertible carrier, with temperatures.
 *
 * Surplus heat (steam, flue gas, hot water, warm cooling water) serves a hot-water or steam need
 * directly through a heat exchanger when it is hot enough, or through a heat pump when it is not
 * (see heat-pump.ts). Steam is only used directly. Surplus cold serves cold and cooling-water needs
 * when it is colder than the need by the approach. Electricity and gas serve their own kind only.
 * A listing without a temperature gets the one assumed for its carrier, and the reason says so.
 */
import type { EnergyCarrier } from '../domain/listing-kinds.ts';
import type { FitReasons, FitValues } from './fit-result.ts';
import { fmt } from './format.ts';
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
  const carrier = l.energy!.carrier;
  return {
    c: config.assumedTemperatureC?.[side][carrier] ?? ASSUMED_TEMPERATURE_C[side][carrier],
    assumed: true,
  };
}

/**
 * Writes the pair's resource and quality values and offer use into `fit` and returns true when the
 * offer can serve the need; `why`, when given, receives the route and the reasons.
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
  if (from === undefined || to === undefined) return false;
  const direct = DIRECT_SERVES[from].includes(to);
  const pumpable = HEAT_PUMP_SOURCES.has(from) && HEAT_NEEDS.has(to);
  if (!direct && !pumpable) return false;

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
    if (margin < config.minApproachK) return false;
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
  if (heat.type === 'rejected') return false;
  if (heat.type === 'direct') {
    if (!direct) return false;
    fit.resource = from === to ? ENERGY_FIT.sameCarrier : ENERGY_FIT.converted;
    fit.quality = assumedFactor;
    fit.offerUse = 1;
    if (why) {
      why.route = { type: 'direct', detail: from === to ? from : `${from} → ${to}` };
      why.resource =
        from === to
          ? `${from} offered for a ${to} need`
          : `${from} serves a ${to} need through a heat exchanger`;
      why.quality = `source at ${src.c} °C serves the ${sink.c} °C need directly (${fmt(heat.marginK)} K ≥ ${config.minApproachK} K approach)${assumedNote}`;
    }
    return true;
  }
  const { cop, liftK } = heat;
  fit.resource = ENERGY_FIT.heatPump;
  fit.quality = assumedFactor * (1 - (0.5 * liftK) / config.maxHeatPumpLiftK);
  fit.offerUse = (cop - 1) / cop;
  if (why) {
    why.route = { type: 'heat-pump', detail: `COP ${fmt(cop, 2)}, lift ${fmt(liftK)} K` };
    why.resource = `${from} at ${src.c} °C lifted by a heat pump to a ${to} need`;
    why.quality = `a heat pump lifts ${src.c} °C to ${sink.c} °C (lift ${fmt(liftK)} K incl. approach, COP ${fmt(cop, 2)})${assumedNote}`;
    why.heatPump = { cop, liftK };
  }
  return true;
}

export function energyOfferKeys(offer: MatchListing): string[] {
  const carrier = offer.energy?.carrier;
  return carrier === undefined ? [] : servesCarriers(carrier).map((c) => `e:${c}`);
}

export function energyNeedKeys(need: MatchListing): string[] {
  const carrier = need.energy?.carrier;
  return carrier === undefined ? [] : [`e:${carrier}`];
}

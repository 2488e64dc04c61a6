/**
 * How far heat can travel: the reach of a heat pipe follows its economics, not one fixed radius.
 * A transmission line costs per metre by its capacity, and it pays for itself over the heat it
 * carries each year, so the length a pair can afford grows with its delivered heat:
 *
 *   P        = Q / fullLoadHours                                    (MW, from Q in MWh/yr)
 *   c(P)     = cost per metre of a line of capacity P               (€/m, Hotmaps' table below)
 *   a        = r / (1 − (1 + r)^−n)                                 (annuity, r = 4 %, n = 30 yr)
 *   reach(Q) = t × Q / (a × c(P) × 1000)                            (km; t = 10 €/MWh, 1 ct/kWh)
 *
 * the length whose annualised cost is t per MWh delivered. c(P) is interpolated linearly between
 * the table's capacities (constant beyond its ends); every segment meets the axis above zero, so
 * reach grows with Q everywhere. 2 GWh/yr affords about 1.6 km, 20 GWh/yr 12 km, 50 GWh/yr 24 km,
 * and from about 60 GWh/yr the cap of 30 km applies: a large source feeding a district-heating
 * network justifies a transmission line of 20-30 km, a small one does not.
 *
 * It applies to the needs a hot-water network serves (the carrier the need asks for decides
 * limits, distance.ts). The configured limit of the carrier stays the floor: a nearby pair is
 * still shown when its pipe alone would not pay, and its distance term lowers its score; the
 * economics only extend the reach of large flows beyond it. Steam, flue gas and cold keep their
 * fixed limits (steam loses pressure and heat within a few km). A pair's reach is that of the heat
 * it can deliver (its maxQuantity), at most the need's whole quantity, so the need's reach bounds
 * every pair of it: the candidate index searches within it.
 *
 * References:
 *   Hotmaps project, "CM Excess heat transport potential" (A. Aydemir, D. Schilling, Fraunhofer
 *     ISI, 2016-2018, CC BY 4.0): specific costs of transmission lines by capacity, < 150 °C, and
 *     a threshold on the cost of transport per kWh (its Aalborg example: 185 GWh/yr, 0.74 ct/kWh).
 *   U. Persson, B. Möller, S. Werner (2014), "Heat Roadmap Europe: Identifying strategic heat
 *     synergy regions", Energy Policy 74, 663–681 (excess heat reaches district heating over
 *     transmission distances that grow with the heat available).
 *   Danish Energy Agency, Technology Data for Energy Transport (2017-): district heating
 *     transmission lines, 30-40 year lifetimes; a 4 % real discount rate as in its socio-economic
 *     calculation guidance.
 */

export const DEFAULTS = {
  /** Need carriers whose limit follows the pipe economics. */
  carriers: ['hot-water'] as readonly string[],
  /** No transmission line longer than this, km. */
  maxKm: 30,
  /** Hours per year at full capacity: the line is sized for Q / fullLoadHours. */
  fullLoadHours: 5000,
  /** What transport may cost per MWh delivered, €/MWh (1 ct/kWh). */
  thresholdEurPerMWh: 10,
  discountRate: 0.04,
  lifetimeYears: 30,
};

/** Hotmaps' transmission lines: [capacity MW, cost €/m], below 150 °C. */
export const PIPE_COST_EUR_PER_M: readonly (readonly [number, number])[] = [
  [0.2, 195],
  [0.3, 206],
  [0.6, 220],
  [1.2, 240],
  [1.9, 261],
  [3.6, 288],
  [6.1, 323],
  [9.8, 357],
  [20, 426],
  [45, 564],
  [75, 701],
  [125, 839],
  [190, 976],
];

const ANNUITY = DEFAULTS.discountRate / (1 - (1 + DEFAULTS.discountRate) ** -DEFAULTS.lifetimeYears);

/** Cost per metre of a line of `mw` capacity, interpolated in the table, constant beyond it. */
export function pipeCostEurPerM(mw: number): number {
  const table = PIPE_COST_EUR_PER_M;
  const first = table[0]!;
  if (!(mw > first[0])) return first[1];
  for (let i = 1; i < table.length; i++) {
    const [p1, c1] = table[i]!;
    if (mw <= p1) {
      const [p0, c0] = table[i - 1]!;
      return c0 + ((c1 - c0) * (mw - p0)) / (p1 - p0);
    }
  }
  return table[table.length - 1]![1];
}

/** The length a line carrying `mwhPerYear` can afford, km, before the cap. */
export function economicReachKm(mwhPerYear: number): number {
  if (!(mwhPerYear > 0)) return 0;
  const mw = mwhPerYear / DEFAULTS.fullLoadHours;
  return (DEFAULTS.thresholdEurPerMWh * mwhPerYear) / (ANNUITY * pipeCostEurPerM(mw) * 1000);
}

/** Whether the need's carrier gets an economic reach. */
export const hasHeatReach = (carrier: string | undefined): boolean =>
  carrier !== undefined && DEFAULTS.carriers.includes(carrier);

/**
 * The distance limit of heat delivered at `mwhPerYear`, km: the economic reach, at least
 * `floorKm` (the carrier's configured limit) and at most maxKm unless the floor is larger. A
 * quantity that is not a number gets the largest reach (a bound must never be too short).
 */
export function heatReachKm(floorKm: number, mwhPerYear: number): number {
  const cap = Math.max(floorKm, DEFAULTS.maxKm);
  if (Number.isNaN(mwhPerYear)) return cap;
  // Most pairs carry too little heat to reach past the floor: found without the table.
  if (floorKm !== floorOf) {
    floorOf = floorKm;
    floorMWh = quantityReaching(floorKm);
  }
  if (mwhPerYear <= floorMWh) return floorKm;
  return Math.min(cap, Math.max(floorKm, economicReachKm(mwhPerYear)));
}

/** The floor the cached quantity was found for, and the heat whose reach is just below it. */
let floorOf = Number.NaN;
let floorMWh = 0;

/**
 * The largest quantity (to a relative 1e-12, rounded down) whose economic reach is at most `km`:
 * a bisection on the increasing reach, done once per floor.
 */
function quantityReaching(km: number): number {
  if (!(km > 0)) return 0;
  let low = 0;
  let high = 1;
  while (economicReachKm(high) <= km && high < 1e15) high *= 2;
  for (let i = 0; i < 200 && high - low > high * 1e-12; i++) {
    const mid = (low + high) / 2;
    if (economicReachKm(mid) <= km) low = mid;
    else high = mid;
  }
  return low;
}

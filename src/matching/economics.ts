/**
 * What a kept candidate would cost and save per year, from a named cost set (data/costs/): run
 * where its impact is estimated, on explained candidates only, never in the search loop.
 *
 *   route km   = great-circle km × detour.road                   (road, or road and sea)
 *   open water = the straight line runs over ≥ 1 km of sea or fjord (domain/geo-water.ts)
 *   mode       material: truck, or ship (ferry or ship) when the line crosses open water;
 *              heat and cold (need carrier hot-water, steam, cooling-water, cold) and water: pipe;
 *              land, electricity, gas and flue gas: none (not modelled)
 *   truck/ship cost/yr = t moved × route km × transport.<mode>   (t moved = maxQuantity × offerUse)
 *   heat pipe  P = MWh/yr / 5,000 full-load hours (heat-reach.ts); line = route m × c(P) (Hotmaps'
 *              table of heat-reach.ts, € → NOK); stations = heat exchangers at both ends and a pump
 *              per MW (Hotmaps); capital = line + stations
 *   water pipe capital = route m × pipe.water
 *   annual     = capital × r / (1 − (1 + r)^−n)                  (finance.discount-rate, .lifetime)
 *   payback    = capital / value per year, undiscounted; value = delivered quantity × the need's
 *              current cost, or for heat (hot-water, steam) the set's heat.value when it states none
 *   saving     offer side = its current cost × quantity it gives; need side = its current cost ×
 *              quantity it gets; net = both − transport cost. Absent when neither side states one.
 *
 * Distance-dependent costs only: loading, unloading, ferries, port handling, the pipe's operation
 * and pumping energy and a heat pump's electricity are left out, so costs are lower bounds and a
 * payback is optimistic; the cost set's sources say how rough each figure is.
 *
 * References:
 *   Hotmaps project, "CM Excess heat transport potential" (Fraunhofer ISI, CC BY 4.0): costs of
 *     transmission lines by capacity, heat exchangers and pumps.
 *   R. H. Ballou, H. Rahardja, N. Sakai (2002), Transportation Research Part A 36(9), 843-848
 *     (circuity factors for road distance estimation).
 */
import { type CostSet, costSetLabel } from '../domain/cost-set.ts';
import type { Economics, PipeEconomics, TransportMode } from '../domain/economics.ts';
import { crossesOpenWater, type LandIndex } from '../domain/geo-water.ts';
import { DEFAULTS as HEAT_REACH, pipeCostEurPerM } from './heat-reach.ts';
import type { MatchListing } from './types.ts';

/** Need carriers that travel in a pipe of Hotmaps' kind (a hot-water table, applied to cold too). */
const PIPED_CARRIERS: readonly string[] = ['hot-water', 'steam', 'cooling-water', 'cold'];
/** Carriers whose delivered MWh take the set's heat value when the need states no cost. */
const HEAT_CARRIERS: readonly string[] = ['hot-water', 'steam'];

export interface EconomicsInput {
  offer: Pick<MatchListing, 'lat' | 'lon' | 'currentCost'>;
  need: Pick<MatchListing, 'lat' | 'lon' | 'kind' | 'energy' | 'currentCost'>;
  straightKm: number;
  /** Delivered to the need per year, its canonical unit. */
  maxQuantity: number;
  /** Offer quantity per unit delivered (Candidate.offerUse). */
  offerUse: number;
  costSet: CostSet;
  /** The land outline; without it, open water is not checked (crossesOpenWater null). */
  land?: LandIndex;
}

/** The transport mode of a pair: by kind, the need's carrier, and whether it crosses open water. */
export function transportModeOf(need: EconomicsInput['need'], water: boolean | null): TransportMode {
  switch (need.kind) {
    case 'material':
      return water === true ? 'ship' : 'truck';
    case 'water':
      return 'pipe';
    case 'energy':
      return PIPED_CARRIERS.includes(need.energy?.carrier ?? '') ? 'pipe' : 'none';
    case 'land':
      return 'none';
  }
}

/** The annuity factor: the share of a capital cost paid each year over `years` at rate `r`. */
export const annuityFactor = (r: number, years: number): number =>
  r > 0 ? r / (1 - (1 + r) ** -years) : 1 / years;

/** Heat exchangers at both ends and the pump of a line carrying `mw` at peak, € (Hotmaps). */
function stationsEur(mw: number, costs: CostSet['factors']): number {
  const small = mw < 1;
  return (
    mw *
    (costs['heat.source-exchanger'].value +
      (small ? costs['heat.sink-exchanger-small'].value : costs['heat.sink-exchanger'].value) +
      (small ? costs['heat.pump-small'].value : costs['heat.pump'].value))
  );
}

let labelled: CostSet | undefined;
let label = '';
/** The set's label, made once per set rather than once per candidate. */
function labelOf(set: CostSet): string {
  if (set !== labelled) {
    labelled = set;
    label = costSetLabel(set);
  }
  return label;
}

export function estimateEconomics(input: EconomicsInput): Economics {
  const { offer, need, straightKm, maxQuantity, offerUse, costSet, land } = input;
  const f = costSet.factors;
  const detourFactor = f['detour.road'].value;
  const routeKm = straightKm * detourFactor;
  const water =
    land === undefined ? null : crossesOpenWater(land, offer.lat, offer.lon, need.lat, need.lon, straightKm);
  const mode = transportModeOf(need, water);
  const moved = maxQuantity * offerUse;

  let transport: number | null = null;
  let pipe: PipeEconomics | undefined;
  if (mode === 'truck' || mode === 'ship') {
    transport = moved * routeKm * f[mode === 'truck' ? 'transport.truck' : 'transport.ship'].value;
  } else if (mode === 'pipe') {
    pipe = pipeOf(input, routeKm);
    transport = pipe.annualCostNok;
  }

  const economics: Economics = {
    costSet: labelOf(costSet),
    straightKm,
    routeKm,
    detourFactor,
    crossesOpenWater: water,
    mode,
    transportCostNokPerYear: transport,
  };
  if (pipe) economics.pipe = pipe;
  const offerCost = offer.currentCost?.nokPerUnit;
  const needCost = need.currentCost?.nokPerUnit;
  if (offerCost !== undefined || needCost !== undefined) {
    const offerSide = offerCost === undefined ? undefined : offerCost * moved;
    const needSide = needCost === undefined ? undefined : needCost * maxQuantity;
    economics.saving = {
      ...(offerSide === undefined ? {} : { offerSideNokPerYear: offerSide }),
      ...(needSide === undefined ? {} : { needSideNokPerYear: needSide }),
      netNokPerYear: (offerSide ?? 0) + (needSide ?? 0) - (transport ?? 0),
    };
  }
  return economics;
}

function pipeOf(input: EconomicsInput, routeKm: number): PipeEconomics {
  const { need, maxQuantity, costSet } = input;
  const f = costSet.factors;
  const eur = f['exchange.eur'].value;
  const heat = need.kind === 'energy';
  const capacityMW = heat ? maxQuantity / HEAT_REACH.fullLoadHours : null;
  const costNokPerM = capacityMW === null ? f['pipe.water'].value : pipeCostEurPerM(capacityMW) * eur;
  const lineCostNok = routeKm * 1000 * costNokPerM;
  const stationsCostNok = capacityMW === null ? 0 : stationsEur(capacityMW, f) * eur;
  const capitalCostNok = lineCostNok + stationsCostNok;
  const annualCostNok =
    capitalCostNok * annuityFactor(f['finance.discount-rate'].value, f['finance.lifetime'].value);
  const perUnit =
    need.currentCost?.nokPerUnit ??
    (heat && HEAT_CARRIERS.includes(need.energy?.carrier ?? '') ? f['heat.value'].value : undefined);
  const valueNokPerYear = perUnit === undefined ? null : perUnit * maxQuantity;
  return {
    lengthKm: routeKm,
    capacityMW,
    costNokPerM,
    lineCostNok,
    stationsCostNok,
    capitalCostNok,
    annualCostNok,
    valueNokPerYear,
    paybackYears: valueNokPerYear !== null && valueNokPerYear > 0 ? capitalCostNok / valueNokPerYear : null,
  };
}

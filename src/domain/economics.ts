/**
 * What a suggested exchange would cost and save per year, as the engine estimates it for a kept
 * candidate (matching/economics.ts) and a suggestion stores it: the distances, how the resource
 * travels, what moving it costs, a heat or water pipe's capital cost and payback, and the saving
 * against what each side states it pays today. The schema documents it in the OpenAPI document;
 * rescaleEconomics redoes the distance-dependent figures for a pair shown from an anonymised
 * location (presentation.ts), so that no figure reveals an exact position.
 */
import { z } from 'zod';

export const TRANSPORT_MODES = ['truck', 'ship', 'pipe', 'none'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const PipeEconomicsSchema = z
  .object({
    lengthKm: z.number().meta({ description: 'the route estimate the pipe follows, km' }),
    capacityMW: z.number().nullable().meta({
      description:
        'a heat or cold line sized for the delivered heat over 5,000 full-load hours; null for water',
    }),
    costNokPerM: z
      .number()
      .meta({ description: "the line's cost per metre (Hotmaps' table by capacity for heat)" }),
    lineCostNok: z.number(),
    stationsCostNok: z
      .number()
      .meta({ description: 'heat exchangers at both ends and the pump (Hotmaps); 0 for water' }),
    capitalCostNok: z.number(),
    annualCostNok: z
      .number()
      .meta({ description: 'the capital cost as an annuity (discount rate, lifetime)' }),
    valueNokPerYear: z.number().nullable().meta({
      description:
        "what the delivered resource is worth per year: the need's current cost when it states one, otherwise the set's heat value for heat; null when unknown",
    }),
    paybackYears: z.number().nullable().meta({
      description: 'capital cost / value per year, undiscounted; null when the value is unknown or nil',
    }),
  })
  .meta({ id: 'PipeEconomics' });
export type PipeEconomics = z.infer<typeof PipeEconomicsSchema>;

export const SavingSchema = z
  .object({
    offerSideNokPerYear: z.number().optional().meta({
      description: "the offer's stated current cost (disposal) per unit × the quantity it gives",
    }),
    needSideNokPerYear: z.number().optional().meta({
      description: "the need's stated current cost (purchase) per unit × the quantity it gets",
    }),
    netNokPerYear: z.number().meta({ description: 'the sides shown together less the transport cost' }),
  })
  .meta({ id: 'Saving' });

export const EconomicsSchema = z
  .object({
    costSet: z.string().meta({ description: 'the cost set used, id@version (data/costs/)' }),
    straightKm: z.number(),
    routeKm: z.number().meta({
      description:
        'straight-line km × the detour factor: by road, or by road and sea when crossing open water',
    }),
    detourFactor: z.number(),
    crossesOpenWater: z.boolean().nullable().meta({
      description:
        'the straight line crosses at least 1 km of sea or fjord (ferry or ship); null: not checked',
    }),
    mode: z.enum(TRANSPORT_MODES),
    transportCostNokPerYear: z.number().nullable().meta({
      description:
        "truck or ship: tonnes × route km × the mode's cost per tonne-km; pipe: its annualised cost; null when not modelled",
    }),
    pipe: PipeEconomicsSchema.optional(),
    saving: SavingSchema.optional().meta({
      description: 'present when a listing of the pair states its current cost',
    }),
  })
  .meta({ id: 'Economics' });
export type Economics = z.infer<typeof EconomicsSchema>;

/**
 * The economics of a pair whose distance is shown as `shownKm` instead (an anonymised location):
 * the distances, a truck's or ship's cost, a pipe's line cost and what follows from it scaled to
 * the distance shown; the rest (stations, value, stated costs) does not depend on it.
 */
export function rescaleEconomics(e: Economics, shownKm: number): Economics {
  const ratio = e.straightKm > 0 ? shownKm / e.straightKm : 1;
  const routeKm = shownKm * e.detourFactor;
  let transport = e.transportCostNokPerYear;
  let pipe: PipeEconomics | undefined;
  if (e.pipe) {
    const p = e.pipe;
    const lineCostNok = p.lineCostNok * ratio;
    const capitalCostNok = lineCostNok + p.stationsCostNok;
    const annualCostNok = p.capitalCostNok > 0 ? (p.annualCostNok * capitalCostNok) / p.capitalCostNok : 0;
    pipe = {
      ...p,
      lengthKm: routeKm,
      lineCostNok,
      capitalCostNok,
      annualCostNok,
      paybackYears:
        p.valueNokPerYear !== null && p.valueNokPerYear > 0 ? capitalCostNok / p.valueNokPerYear : null,
    };
    transport = annualCostNok;
  } else if (transport !== null) {
    transport *= ratio;
  }
  const out: Economics = { ...e, straightKm: shownKm, routeKm, transportCostNokPerYear: transport };
  if (pipe) out.pipe = pipe;
  if (e.saving) {
    const { offerSideNokPerYear = 0, needSideNokPerYear = 0 } = e.saving;
    out.saving = { ...e.saving, netNokPerYear: offerSideNokPerYear + needSideNokPerYear - (transport ?? 0) };
  }
  return out;
}

/**
 * The economics as a caller may see them when it may not read a side's stated current cost
 * (`costs.offer` / `costs.need` false; access.ts seesCosts): that side's saving goes, the net
 * counts the sides left, and a pipe valued at the need's stated cost loses its value and payback.
 * Nothing shown is made of a cost the caller may not read.
 */
export function withoutHiddenCosts(e: Economics, costs: { offer: boolean; need: boolean }): Economics {
  if (costs.offer && costs.need) return e;
  const out: Economics = { ...e };
  if (!costs.need && e.pipe) out.pipe = { ...e.pipe, valueNokPerYear: null, paybackYears: null };
  if (e.saving) {
    const { offerSideNokPerYear, needSideNokPerYear } = e.saving;
    const offerSide = costs.offer ? offerSideNokPerYear : undefined;
    const needSide = costs.need ? needSideNokPerYear : undefined;
    delete out.saving;
    if (offerSide !== undefined || needSide !== undefined) {
      out.saving = {
        ...(offerSide === undefined ? {} : { offerSideNokPerYear: offerSide }),
        ...(needSide === undefined ? {} : { needSideNokPerYear: needSide }),
        netNokPerYear: (offerSide ?? 0) + (needSide ?? 0) - (e.transportCostNokPerYear ?? 0),
      };
    }
  }
  return out;
}

/**
 * The listing form's values and the API's ListingInput: what the form starts from (empty, or a
 * listing to change), the body it sends, and the typed numbers it cannot read. Units are offered
 * per kind from the domain's own unit table, which also tells rates (kW, l/s) from amounts. Pure, so it is tested without a browser.
 */
import { isRateUnit, knownUnits, type Period, periodOf } from '../../../../src/domain/units.ts';
import type { components } from '../../api/schema.d.ts';
import { parseNumber } from './form-errors.ts';

type Schemas = components['schemas'];
export type Kind = Schemas['ListingInput']['kind'];
export type Listing = Schemas['VisibleListing'];
export type Site = Schemas['Site'];

/** Milli units the domain knows only to tell them from mega ones; not offered. */
const UNOFFERED = new Set(['mg', 'mWh', 'mW', 'mL', 'g', 'Wh']);
/** The periods offered, longest first as a user reads them. */
export const PERIODS = ['year', 'month', 'week', 'day', 'hour', 'once'] as const satisfies readonly Period[];

/** The needs that may ask for a heat-pump source: low-temperature heat carried as water. */
export const HEAT_PUMP_SOURCE_CARRIERS: ReadonlySet<string> = new Set(['hot-water', 'cooling-water']);

export const unitsFor = (kind: Kind) => knownUnits(kind).filter((u) => !UNOFFERED.has(u));
export const needsPeriod = (kind: Kind, unit: string) => kind !== 'land' && !isRateUnit(kind, unit);

export interface State {
  siteId: string;
  direction: 'offer' | 'need';
  kind: Kind;
  title: string;
  description: string;
  value: string;
  unit: string;
  period: string;
  operatingHours: string;
  availableFrom: string;
  availableTo: string;
  continuity: string;
  maxDistanceKm: string;
  /** NOK per canonical unit the listing pays today (a need's price, an offer's disposal). */
  currentCost: string;
  confidentiality: string;
  wasteCodes: string[];
  category: string;
  form: string;
  purityPct: string;
  moisturePct: string;
  contaminants: string;
  acceptsHazardous: boolean;
  /** Need: the form is a requirement. */
  formRequired: boolean;
  heatPumpSource: boolean;
  treatsOnSite: boolean;
  /** Offer: '', or the animal by-product category '1', '2' or '3'. */
  animalByProductCategory: string;
  /** Offer: '', or waste, by-product or end-of-waste. */
  wasteStatus: string;
  /** Need: '' (not stated), 'true' (a waste permit) or 'false' (by-products and end-of-waste only). */
  acceptsWaste: string;
  carrier: string;
  supplyTemperatureC: string;
  returnTemperatureC: string;
  powerKw: string;
  monthly: string[];
  hourlyProfile: string;
  waterType: string;
  quality: string;
  temperatureC: string;
  landUse: string;
  zoning: string;
  facilities: string[];
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function initialState(sites: readonly Site[], listing: Listing | undefined): State {
  const kind = listing?.kind ?? 'material';
  let unit = unitsFor(kind)[0]!;
  let period = kind === 'land' ? '' : 'year';
  if (listing) {
    const [amount, per] = listing.quantity.unit.split('/');
    if (isRateUnit(kind, listing.quantity.unit) || per === undefined) {
      unit = listing.quantity.unit;
      period = listing.quantity.period ?? '';
    } else {
      unit = amount!;
      period = periodOf(per) ?? listing.quantity.period ?? '';
    }
  }
  const m = listing?.material;
  const e = listing?.energy;
  const w = listing?.water;
  const l = listing?.land;
  return {
    siteId: listing?.siteId ?? sites[0]?.id ?? '',
    direction: listing?.direction ?? 'offer',
    kind,
    title: listing?.title ?? '',
    description: listing?.description ?? '',
    value: text(listing?.quantity.value),
    unit,
    period,
    operatingHours: text(listing?.quantity.operatingHours),
    availableFrom: listing?.availableFrom?.slice(0, 10) ?? '',
    availableTo: listing?.availableTo?.slice(0, 10) ?? '',
    continuity: listing?.continuity ?? 'continuous',
    maxDistanceKm: text(listing?.maxDistanceKm),
    currentCost: text(listing?.currentCost?.nokPerUnit),
    confidentiality: listing?.confidentiality ?? 'public',
    wasteCodes: m?.wasteCodes ?? [],
    category: m?.category ?? '',
    form: m?.form ?? '',
    purityPct: text(m?.purityPct),
    moisturePct: text(m?.moisturePct),
    contaminants: (m?.contaminants ?? []).join(', '),
    acceptsHazardous: m?.acceptsHazardous ?? false,
    formRequired: m?.formRequired ?? false,
    heatPumpSource: e?.heatPumpSource ?? false,
    treatsOnSite: w?.treatsOnSite ?? false,
    animalByProductCategory: text(m?.animalByProductCategory),
    wasteStatus: m?.wasteStatus ?? '',
    acceptsWaste: m?.acceptsWaste === undefined ? '' : String(m.acceptsWaste),
    carrier: e?.carrier ?? 'hot-water',
    supplyTemperatureC: text(e?.supplyTemperatureC),
    returnTemperatureC: text(e?.returnTemperatureC),
    powerKw: text(e?.powerKw),
    monthly: e?.monthlyProfile?.map(String) ?? Array.from({ length: 12 }, () => ''),
    hourlyProfile: e?.hourlyProfile ?? '',
    waterType: w?.type ?? 'cooling',
    quality: w?.quality ?? '',
    temperatureC: text(w?.temperatureC),
    landUse: l?.landUse ?? 'industrial',
    zoning: l?.zoning ?? '',
    facilities: l?.facilities ?? [],
  };
}

export type Draft = Schemas['ListingDraft'];

/**
 * A new listing's form filled in from a prompt's draft (GET /companies/{id}/prompts): its kind,
 * direction, codes or category, carrier and temperature and unit, under a title in the reader's
 * language; the site is the first, the quantity the user's own.
 */
export function draftState(sites: readonly Site[], draft: Draft, title: string): State {
  const empty = initialState(sites, undefined);
  const [amount, per] = draft.quantity.unit.split('/');
  const rate = isRateUnit(draft.kind, draft.quantity.unit) || per === undefined;
  return {
    ...empty,
    kind: draft.kind,
    direction: draft.direction,
    title,
    unit: rate ? draft.quantity.unit : amount!,
    period: rate ? '' : (periodOf(per!) ?? 'year'),
    wasteCodes: draft.material?.wasteCodes ?? [],
    category: draft.material?.category ?? '',
    carrier: draft.energy?.carrier ?? empty.carrier,
    supplyTemperatureC: text(draft.energy?.supplyTemperatureC),
  };
}

const num = (typed: string) => {
  const n = parseNumber(typed);
  return n === undefined || Number.isNaN(n) ? undefined : n;
};

/** The fields a typed value could not be read from, before anything is sent. */
export function unreadable(s: State): { path: string; message: string }[] {
  const fields: [string, string][] = [
    ['quantity.value', s.value],
    ['quantity.operatingHours', s.operatingHours],
    ['maxDistanceKm', s.maxDistanceKm],
    ['currentCost.nokPerUnit', s.currentCost],
  ];
  if (s.kind === 'material')
    fields.push(['material.purityPct', s.purityPct], ['material.moisturePct', s.moisturePct]);
  if (s.kind === 'energy')
    fields.push(
      ['energy.supplyTemperatureC', s.supplyTemperatureC],
      ['energy.returnTemperatureC', s.returnTemperatureC],
      ['energy.powerKw', s.powerKw],
      ...s.monthly.map((m): [string, string] => ['energy.monthlyProfile', m]),
    );
  if (s.kind === 'water') fields.push(['water.temperatureC', s.temperatureC]);
  return fields
    .filter(([, typed]) => Number.isNaN(parseNumber(typed) ?? 0))
    .map(([path]) => ({ path, message: 'NUMBER' }));
}

/** The body of POST /listings from the form (the same fields, less kind, go to PATCH). */
export function toInput(s: State): Schemas['ListingInput'] {
  const rate = !needsPeriod(s.kind, s.unit);
  const quantity: Schemas['Quantity'] = {
    value: parseNumber(s.value) ?? 0,
    unit: s.unit,
    ...(!rate && s.period !== '' ? { period: s.period as Schemas['Quantity']['period'] } : {}),
    ...(rate && num(s.operatingHours) !== undefined ? { operatingHours: num(s.operatingHours)! } : {}),
  };
  const input: Schemas['ListingInput'] = {
    siteId: s.siteId,
    direction: s.direction,
    kind: s.kind,
    title: s.title,
    quantity,
    continuity: s.continuity as Schemas['ListingInput']['continuity'],
    confidentiality: s.confidentiality as Schemas['ListingInput']['confidentiality'],
    ...(s.description.trim() !== '' ? { description: s.description } : {}),
    ...(s.availableFrom !== '' ? { availableFrom: s.availableFrom } : {}),
    ...(s.availableTo !== '' ? { availableTo: s.availableTo } : {}),
    ...(num(s.maxDistanceKm) !== undefined ? { maxDistanceKm: num(s.maxDistanceKm)! } : {}),
    ...(num(s.currentCost) !== undefined ? { currentCost: { nokPerUnit: num(s.currentCost)! } } : {}),
  };
  switch (s.kind) {
    case 'material': {
      const contaminants = s.contaminants
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      input.material = {
        ...(s.wasteCodes.length > 0 ? { wasteCodes: s.wasteCodes } : {}),
        ...(s.category !== '' ? { category: s.category } : {}),
        ...(s.form !== '' ? { form: s.form as NonNullable<Schemas['MaterialDetails']['form']> } : {}),
        ...(num(s.purityPct) !== undefined ? { purityPct: num(s.purityPct)! } : {}),
        ...(num(s.moisturePct) !== undefined ? { moisturePct: num(s.moisturePct)! } : {}),
        ...(contaminants.length > 0 ? { contaminants } : {}),
        ...(s.direction === 'need' && s.acceptsHazardous ? { acceptsHazardous: true } : {}),
        ...(s.direction === 'need' && s.formRequired ? { formRequired: true } : {}),
        ...(s.direction === 'need' && s.acceptsWaste !== ''
          ? { acceptsWaste: s.acceptsWaste === 'true' }
          : {}),
        ...(s.direction === 'offer' && s.animalByProductCategory !== ''
          ? { animalByProductCategory: Number(s.animalByProductCategory) as 1 | 2 | 3 }
          : {}),
        ...(s.direction === 'offer' && s.wasteStatus !== ''
          ? { wasteStatus: s.wasteStatus as NonNullable<Schemas['MaterialDetails']['wasteStatus']> }
          : {}),
      };
      break;
    }
    case 'energy': {
      const filled = s.monthly.filter((m) => m.trim() !== '');
      input.energy = {
        carrier: s.carrier as Schemas['EnergyDetails']['carrier'],
        ...(num(s.supplyTemperatureC) !== undefined
          ? { supplyTemperatureC: num(s.supplyTemperatureC)! }
          : {}),
        ...(num(s.returnTemperatureC) !== undefined
          ? { returnTemperatureC: num(s.returnTemperatureC)! }
          : {}),
        ...(num(s.powerKw) !== undefined ? { powerKw: num(s.powerKw)! } : {}),
        ...(s.direction === 'need' && s.heatPumpSource && HEAT_PUMP_SOURCE_CARRIERS.has(s.carrier)
          ? { heatPumpSource: true }
          : {}),
        ...(filled.length > 0 ? { monthlyProfile: filled.map((m) => num(m) ?? 0) } : {}),
        ...(s.hourlyProfile !== '' ? { hourlyProfile: s.hourlyProfile } : {}),
      };
      break;
    }
    case 'water':
      input.water = {
        type: s.waterType as Schemas['WaterDetails']['type'],
        ...(s.quality !== ''
          ? { quality: s.quality as NonNullable<Schemas['WaterDetails']['quality']> }
          : {}),
        ...(num(s.temperatureC) !== undefined ? { temperatureC: num(s.temperatureC)! } : {}),
        ...(s.direction === 'need' && s.treatsOnSite ? { treatsOnSite: true } : {}),
      };
      break;
    case 'land':
      input.land = {
        landUse: s.landUse as Schemas['LandDetails']['landUse'],
        ...(s.zoning.trim() !== '' ? { zoning: s.zoning } : {}),
        ...(s.facilities.length > 0
          ? { facilities: s.facilities as NonNullable<Schemas['LandDetails']['facilities']> }
          : {}),
      };
      break;
  }
  return input;
}

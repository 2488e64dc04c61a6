/**
 * The forms check their input with the API's own zod schemas before sending it: what the form
 * would send is judged as the API judges it, field by field, in the API's words.
 */
import { describe, expect, it } from 'vitest';
import { CompanyInputSchema } from '../../../src/domain/company.ts';
import { ListingInputSchema } from '../../../src/domain/listing.ts';
import { SiteInputSchema } from '../../../src/domain/site.ts';
import { isRateUnit, periodOf } from '../../../src/domain/units.ts';
import { schemaProblems } from '../../../web/src/forms/schema-check.ts';
import {
  initialState,
  type Listing,
  needsPeriod,
  type Site,
  toInput,
} from '../../../web/src/workspaces/business/listing-input.ts';

const site = { id: 'site-1', name: 'Quay', lat: 60.3, lon: 5.3 } as unknown as Site;
const filled = { ...initialState([site], undefined), title: 'Slag', value: '12', wasteCodes: ['100316'] };

describe('a form checked with the API’s schema', () => {
  it('when the form is filled in well, then the body it sends passes the API’s schema', () => {
    expect(schemaProblems(ListingInputSchema, toInput(filled))).toEqual([]);
    const energy = {
      ...filled,
      kind: 'energy' as const,
      unit: 'MW',
      operatingHours: '8000',
      supplyTemperatureC: '80',
      returnTemperatureC: '40',
    };
    expect(schemaProblems(ListingInputSchema, toInput(energy))).toEqual([]);
  });

  it('when the quantity is 0 and the title blank, then each is named with the API’s own message', () => {
    const problems = schemaProblems(ListingInputSchema, toInput({ ...filled, value: '0', title: '' }));
    expect(problems.map((p) => p.path).sort()).toEqual(['quantity.value', 'title']);
    expect(problems.find((p) => p.path === 'quantity.value')?.message).toBe('must be greater than 0');
  });

  it('when a heat offer returns warmer than it supplies, then the cross-field rule names the return temperature', () => {
    const energy = {
      ...filled,
      kind: 'energy' as const,
      unit: 'MW',
      supplyTemperatureC: '40',
      returnTemperatureC: '80',
    };
    expect(schemaProblems(ListingInputSchema, toInput(energy))).toEqual([
      { path: 'energy.returnTemperatureC', message: 'must be below supplyTemperatureC for a heat carrier' },
    ]);
  });

  it('when a listing is changed, then the form’s body for it passes the same schema', () => {
    const listing = {
      id: 'l-1',
      siteId: 'site-1',
      direction: 'need',
      kind: 'water',
      title: 'Cooling water',
      quantity: { value: 20, unit: 'l/s', operatingHours: 6000 },
      continuity: 'continuous',
      confidentiality: 'public',
      water: { type: 'cooling' },
    } as unknown as Listing;
    const s = initialState([site], listing);
    expect([s.unit, s.period, s.operatingHours]).toEqual(['l/s', '', '6000']);
    expect(schemaProblems(ListingInputSchema, toInput(s))).toEqual([]);
  });

  it('when a need asks for a heat-pump source or treats water on site, then the body says so and passes; an offer never sends either', () => {
    const heatNeed = {
      ...filled,
      direction: 'need' as const,
      kind: 'energy' as const,
      unit: 'MWh',
      carrier: 'cooling-water',
      supplyTemperatureC: '25',
      returnTemperatureC: '15',
      heatPumpSource: true,
    };
    expect(toInput(heatNeed).energy?.heatPumpSource).toBe(true);
    expect(schemaProblems(ListingInputSchema, toInput(heatNeed))).toEqual([]);
    // Steam cannot be a heat-pump source: the box is not offered, and nothing is sent.
    expect(toInput({ ...heatNeed, carrier: 'steam' }).energy?.heatPumpSource).toBeUndefined();
    const waterNeed = {
      ...filled,
      direction: 'need' as const,
      kind: 'water' as const,
      unit: 'm3',
      treatsOnSite: true,
    };
    expect(toInput(waterNeed).water?.treatsOnSite).toBe(true);
    expect(schemaProblems(ListingInputSchema, toInput(waterNeed))).toEqual([]);
    expect(toInput({ ...waterNeed, direction: 'offer' as const }).water?.treatsOnSite).toBeUndefined();
  });

  it('when a Norwegian company has no organisation number, then the company schema names that field', () => {
    const problems = schemaProblems(CompanyInputSchema, {
      name: 'Fjordtre AS',
      country: 'NO',
      industry: '16.100',
    });
    expect(problems.map((p) => p.path)).toEqual(['orgNumber']);
  });

  it('when a site lies off the globe, then the site schema names the coordinate', () => {
    expect(schemaProblems(SiteInputSchema, { lat: 95, lon: 5 }).map((p) => p.path)).toEqual(['lat']);
    expect(schemaProblems(SiteInputSchema, { lat: 60, lon: 5 })).toEqual([]);
  });
});

describe('units the form offers, from the domain’s table', () => {
  it('when a unit is a rate, then it takes operating hours and no period', () => {
    expect(isRateUnit('energy', 'kW')).toBe(true);
    expect(isRateUnit('water', 'l/s')).toBe(true);
    expect(isRateUnit('water', 'm3')).toBe(false);
    expect(isRateUnit('material', 't')).toBe(false);
    expect(needsPeriod('energy', 'MW')).toBe(false);
    expect(needsPeriod('energy', 'MWh')).toBe(true);
    expect(needsPeriod('land', 'daa')).toBe(false);
  });

  it('when a period is spelt in English or Norwegian, in any case, then it is read', () => {
    expect(['yr', 'År', 'døgn', 'MND', 'wk'].map(periodOf)).toEqual(['year', 'year', 'day', 'month', 'week']);
    expect(periodOf('fortnight')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { type ListingInput, ListingInputSchema } from '../../../src/domain/listing.ts';

function violations(input: unknown): { path: PropertyKey[]; message: string }[] {
  const r = ListingInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

const energy = (direction: 'offer' | 'need', e: ListingInput['energy']): ListingInput => ({
  siteId: 'site-1',
  direction,
  kind: 'energy',
  title: 'Heat-pump source',
  quantity: { value: 2000, unit: 'MWh/yr' },
  energy: e,
});

const water = (direction: 'offer' | 'need', w: ListingInput['water']): ListingInput => ({
  siteId: 'site-1',
  direction,
  kind: 'water',
  title: 'Process waste water with organic load',
  quantity: { value: 200, unit: 'm3/day' },
  water: w,
});

describe('a heat-pump source and water treated on site', () => {
  it('when a need asks for a heat-pump source of low-temperature water, then it parses', () => {
    expect(
      violations(energy('need', { carrier: 'cooling-water', supplyTemperatureC: 12, heatPumpSource: true })),
    ).toEqual([]);
    expect(violations(energy('need', { carrier: 'hot-water', heatPumpSource: true }))).toEqual([]);
  });

  it('when an offer says heatPumpSource, or a need of steam does, then it is refused', () => {
    expect(violations(energy('offer', { carrier: 'cooling-water', heatPumpSource: true }))).toEqual([
      { path: ['energy', 'heatPumpSource'], message: 'applies to needs only' },
    ]);
    expect(violations(energy('need', { carrier: 'steam', heatPumpSource: true }))).toEqual([
      {
        path: ['energy', 'heatPumpSource'],
        message: 'a heat-pump source is low-temperature water: carrier hot-water or cooling-water',
      },
    ]);
  });

  it('when untreated industrial waste water is offered, then it parses; treatsOnSite is for needs only', () => {
    expect(violations(water('offer', { type: 'industrial-waste-water', temperatureC: 35 }))).toEqual([]);
    expect(violations(water('need', { type: 'process', treatsOnSite: true }))).toEqual([]);
    expect(violations(water('offer', { type: 'industrial-waste-water', treatsOnSite: true }))).toEqual([
      { path: ['water', 'treatsOnSite'], message: 'applies to needs only' },
    ]);
  });
});

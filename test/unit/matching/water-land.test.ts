import { describe, expect, it } from 'vitest';
import { evaluatePair } from '../../../src/matching/pair.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { CTX, listing } from './fixtures.ts';

const water = (
  id: string,
  direction: 'offer' | 'need',
  details: NonNullable<MatchListing['water']>,
  amount = 1000,
) => listing({ id, direction, kind: 'water', water: details, amount });
const land = (
  id: string,
  direction: 'offer' | 'need',
  details: NonNullable<MatchListing['land']>,
  amount = 1000,
) => listing({ id, direction, kind: 'land', land: details, amount });
const quality = (c: ReturnType<typeof evaluatePair>) => c?.terms.find((t) => t.name === 'quality');

describe('water compatibility', () => {
  it('when treated wastewater is offered for a process need of non-potable quality, then it matches', () => {
    const c = evaluatePair(
      water('o', 'offer', { type: 'treated-wastewater' }),
      water('n', 'need', { type: 'process', quality: 'non-potable' }),
      CTX,
    );
    expect(c?.route).toEqual({ type: 'direct', detail: 'treated-wastewater → process' });
    expect(c?.terms.find((t) => t.name === 'resource')?.value).toBe(0.8);
  });

  it('when a process need states no quality, then it requires process quality and treated wastewater does not fit', () => {
    expect(
      evaluatePair(
        water('o', 'offer', { type: 'treated-wastewater' }),
        water('n', 'need', { type: 'process' }),
        CTX,
      ),
    ).toBeNull();
  });

  it('when the need is potable, then only potable water serves it', () => {
    const need = water('n', 'need', { type: 'potable' });
    expect(evaluatePair(water('o', 'offer', { type: 'process' }), need, CTX)).toBeNull();
    expect(
      evaluatePair(water('o', 'offer', { type: 'surface', quality: 'potable' }), need, CTX),
    ).not.toBeNull();
  });

  it('when seawater is offered, then only a saline-tolerant need takes it', () => {
    const sea = water('o', 'offer', { type: 'seawater' });
    expect(evaluatePair(sea, water('n', 'need', { type: 'cooling' }), CTX)).toBeNull();
    expect(
      quality(evaluatePair(sea, water('n', 'need', { type: 'cooling', quality: 'saline' }), CTX))?.value,
    ).toBe(1);
  });

  it('when better water than needed is offered, then it matches with a lower quality term', () => {
    const c = evaluatePair(
      water('o', 'offer', { type: 'potable' }),
      water('n', 'need', { type: 'grey' }),
      CTX,
    );
    // potable is two classes above non-potable: 1 − 2 × 0.15.
    expect(quality(c)).toMatchObject({ value: 0.7, reason: 'potable water used where non-potable suffices' });
  });

  it('when cooling water is warmer than the need wants, then the temperature lowers quality', () => {
    const c = evaluatePair(
      water('o', 'offer', { type: 'cooling', temperatureC: 18 }),
      water('n', 'need', { type: 'cooling', temperatureC: 14 }),
      CTX,
    );
    // class 1 (same), temperature 1 − 4/10 = 0.6 → mean 0.8.
    expect(quality(c)?.value).toBeCloseTo(0.8, 12);
  });
});

describe('land compatibility', () => {
  it('when industrial land is offered for a storage need, then it matches with resource fit 0.9', () => {
    const c = evaluatePair(
      land('o', 'offer', { landUse: 'industrial' }),
      land('n', 'need', { landUse: 'storage' }),
      CTX,
    );
    expect(c?.terms.find((t) => t.name === 'resource')?.value).toBe(0.9);
  });

  it('when agricultural land is offered for an industrial need, then there is no candidate', () => {
    expect(
      evaluatePair(
        land('o', 'offer', { landUse: 'agricultural' }),
        land('n', 'need', { landUse: 'industrial' }),
        CTX,
      ),
    ).toBeNull();
  });

  it('when a facility the need requires is missing on the plot, then there is no candidate', () => {
    const offer = land('o', 'offer', { landUse: 'industrial', facilities: ['road', 'quay'] });
    expect(
      evaluatePair(offer, land('n', 'need', { landUse: 'industrial', facilities: ['rail'] }), CTX),
    ).toBeNull();
    const c = evaluatePair(offer, land('n', 'need', { landUse: 'industrial', facilities: ['quay'] }), CTX);
    expect(quality(c)?.reason).toBe('all required facilities present (quay)');
  });

  it('when the plot is smaller than the area needed, then it is a partial match on the quantity term', () => {
    const c = evaluatePair(
      land('o', 'offer', { landUse: 'industrial' }, 3000),
      land('n', 'need', { landUse: 'industrial' }, 4000),
      CTX,
    );
    expect(c?.maxQuantity).toBe(3000);
    expect(c?.terms.find((t) => t.name === 'quantity')?.value).toBe(0.75);
    expect(c?.impact).toMatchObject({ m2Used: 3000, unit: 'm2', co2eAvoidedT: 0 });
  });

  it('when both state zoning and it differs, then quality is halved and says why', () => {
    const c = evaluatePair(
      land('o', 'offer', { landUse: 'industrial', zoning: 'Næring' }),
      land('n', 'need', { landUse: 'industrial', zoning: 'Industri' }),
      CTX,
    );
    expect(quality(c)).toMatchObject({
      value: 0.5,
      reason: 'the need requires no facilities; zoned Næring where Industri is wanted',
    });
  });

  it('when the periods do not overlap, then there is no candidate', () => {
    const offer = land('o', 'offer', { landUse: 'storage' });
    offer.availableTo = '2025-06-30';
    const need = land('n', 'need', { landUse: 'storage' });
    need.availableFrom = '2025-07-01';
    expect(evaluatePair(offer, need, CTX)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { generateCandidates } from '../../../src/matching/candidates.ts';
import { naiveCandidates } from '../../../src/matching/naive.ts';
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

describe('untreated industrial waste water', () => {
  const waste = (extra: Partial<NonNullable<MatchListing['water']>> = {}) =>
    listing({
      id: 'o',
      direction: 'offer',
      kind: 'water',
      title: 'Process waste water with organic load',
      water: { type: 'industrial-waste-water', ...extra },
      amount: 1000,
    });

  it('when waste water is offered to an irrigation need, then there is no match, whatever quality it claims', () => {
    // An irrigation need: non-potable water for the fields, no treatment of its own.
    const irrigation = water('n', 'need', { type: 'surface', quality: 'non-potable' });
    expect(evaluatePair(waste(), irrigation, CTX)).toBeNull();
    expect(evaluatePair(waste({ quality: 'process' }), irrigation, CTX)).toBeNull();
    expect(evaluatePair(waste(), water('n', 'need', { type: 'process' }), CTX)).toBeNull();
    expect(evaluatePair(waste(), water('n', 'need', { type: 'cooling' }), CTX)).toBeNull();
  });

  it('when the need treats water on site, then waste water serves it, and the explanation names what is offered', () => {
    const c = evaluatePair(waste(), water('n', 'need', { type: 'process', treatsOnSite: true }), CTX);
    expect(c?.route).toEqual({ type: 'direct', detail: 'industrial-waste-water → process' });
    expect(c?.terms.find((t) => t.name === 'resource')).toMatchObject({
      value: 0.8,
      reason:
        'untreated industrial waste water ("Process waste water with organic load") offered for a process need that treats water on site',
    });
    expect(quality(c)).toMatchObject({
      value: 0.5,
      reason: 'untreated waste water, treated on site by the need to process quality',
    });
  });

  it('when a need treats water on site, then clean water still serves it, and ranks above waste water', () => {
    const need = water('n', 'need', { type: 'process', treatsOnSite: true });
    const clean = evaluatePair(water('o', 'offer', { type: 'process' }), need, CTX);
    const dirty = evaluatePair(waste(), need, CTX);
    expect(clean!.score).toBeGreaterThan(dirty!.score);
  });

  it('when a need asks for waste water itself, then only waste water serves it', () => {
    const need = water('n', 'need', { type: 'industrial-waste-water' });
    const c = evaluatePair(waste(), need, CTX);
    expect(c?.terms.find((t) => t.name === 'resource')).toMatchObject({
      value: 1,
      reason:
        'untreated industrial waste water ("Process waste water with organic load") offered for an industrial-waste-water need',
    });
    expect(quality(c)?.value).toBe(1);
    expect(evaluatePair(water('o', 'offer', { type: 'process' }), need, CTX)).toBeNull();
  });

  it('when the index files waste water, then it meets only needs that treat on site or want it', () => {
    const candidates = naiveCandidates({
      ...CTX,
      listings: [
        waste(),
        { ...water('irrigation', 'need', { type: 'surface' }), id: 'irrigation' },
        { ...water('treats', 'need', { type: 'cooling', treatsOnSite: true }), id: 'treats' },
      ],
    });
    expect(candidates.map((c) => c.needId)).toEqual(['treats']);
    expect(
      generateCandidates({
        ...CTX,
        listings: [waste(), water('t', 'need', { type: 'grey', treatsOnSite: true })],
      }),
    ).toHaveLength(1);
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

import { describe, expect, it } from 'vitest';
import { evaluatePair } from '../../../src/matching/pair.ts';
import {
  monthlyFromHourly,
  profileCoverage,
  windowShare,
  windowsOverlap,
} from '../../../src/matching/temporal.ts';
import { CTX, energy, materialNeed, materialOffer } from './fixtures.ts';

describe('availability windows', () => {
  it('when the windows do not overlap, then the pair is no candidate', () => {
    const offer = materialOffer('o', ['100105'], { availableFrom: '2025-01-01', availableTo: '2025-03-31' });
    const need = materialNeed('n', { wasteCodes: ['100105'] }, { availableFrom: '2025-04-01' });
    expect(windowsOverlap(offer, need)).toBe(false);
    expect(evaluatePair(offer, need, CTX)).toBeNull();
  });

  it('when windows touch on one day, then they overlap (bounds are inclusive)', () => {
    expect(windowsOverlap({ availableTo: '2025-04-01' }, { availableFrom: '2025-04-01' })).toBe(true);
  });

  it('when a bound is missing, then that side is open', () => {
    expect(windowsOverlap({}, { availableFrom: '2030-01-01', availableTo: '2030-02-01' })).toBe(true);
  });

  it("when the offer covers 31 of the need's 59 days, then the window share is 31/59", () => {
    const share = windowShare(
      { availableFrom: '2025-01-01', availableTo: '2025-01-31' },
      { availableFrom: '2025-01-01', availableTo: '2025-02-28' },
    );
    expect(share.value).toBeCloseTo(31 / 59, 12);
    expect(share.reason).toBe("the offer is available for 53% of the need's period");
  });

  it("when the offer's window contains the need's, then the share is 1", () => {
    expect(windowShare({}, { availableFrom: '2025-01-01', availableTo: '2025-02-28' }).value).toBe(1);
  });

  it('when the need is open-ended and the offer stops, then the share is 0.5 and says so', () => {
    expect(windowShare({ availableTo: '2026-12-31' }, {})).toEqual({
      value: 0.5,
      reason: 'the offer is available now–2026-12-31, only part of the open-ended need',
    });
  });
});

describe('energy profile coverage', () => {
  it('when a flat 1,200 MWh offer meets a need that peaks in winter, then coverage is Σ min / Σ need = 900/1,200', () => {
    // Need per month: 200 200 200 100 100 0 0 0 100 100 100 100; the offer gives 100 each month.
    const offer = energy('o', 'offer', { carrier: 'hot-water', supplyTemperatureC: 90 }, { amount: 1200 });
    const need = energy(
      'n',
      'need',
      { carrier: 'hot-water', supplyTemperatureC: 70, monthlyProfile: [2, 2, 2, 1, 1, 0, 0, 0, 1, 1, 1, 1] },
      { amount: 1200 },
    );
    const cov = profileCoverage(offer, need, 1200, 1200);
    expect(cov.resolution).toBe('monthly');
    expect(cov.value).toBeCloseTo(0.75, 12);

    const c = evaluatePair(offer, need, CTX);
    expect(c?.terms.find((t) => t.name === 'temporal')).toMatchObject({
      value: 0.75,
      reason: 'month by month the offer covers 75% of the need',
    });
    // Only what the profiles let through is transferable: 900 MWh, not min(1,200, 1,200).
    expect(c?.maxQuantity).toBeCloseTo(900, 9);
  });

  it('when neither side has a profile, then coverage is flat: min(1, offer / need)', () => {
    const offer = energy('o', 'offer', { carrier: 'electricity' }, { amount: 300 });
    const need = energy('n', 'need', { carrier: 'electricity' }, { amount: 400 });
    expect(profileCoverage(offer, need, 300, 400)).toMatchObject({ value: 0.75, resolution: 'flat' });
  });

  it('when both have hourly profiles in the snapshot, then coverage is computed hour by hour', () => {
    // Four "hours": the offer runs at night, the need by day.
    const profiles = new Map([
      ['p:night', Float64Array.from([2, 2, 0, 0])],
      ['p:day', Float64Array.from([0, 1, 2, 1])],
    ]);
    const offer = energy('o', 'offer', { carrier: 'electricity', hourlyProfile: 'p:night' }, { amount: 400 });
    const need = energy('n', 'need', { carrier: 'electricity', hourlyProfile: 'p:day' }, { amount: 400 });
    // offer 200 200 0 0, need 0 100 200 100 → Σ min = 100 → 100 / 400.
    const cov = profileCoverage(offer, need, 400, 400, profiles);
    expect(cov).toMatchObject({ value: 0.25, resolution: 'hourly' });
    expect(cov.reason).toBe('hour by hour (p:night against p:day) the offer covers 25% of the need');
  });

  it('when only one side has an hourly profile, then it is summed per month and compared month by month', () => {
    const hourly = new Float64Array(8760);
    hourly.fill(1, 0, 744); // all load in January
    const months = monthlyFromHourly(hourly);
    expect(months[0]).toBe(1);
    expect(months.slice(1).every((m) => m === 0)).toBe(true);

    const profiles = new Map([['p:january', hourly]]);
    const offer = energy(
      'o',
      'offer',
      { carrier: 'electricity', hourlyProfile: 'p:january' },
      { amount: 1200 },
    );
    const need = energy('n', 'need', { carrier: 'electricity' }, { amount: 1200 });
    // The offer gives 1,200 in January against a flat need of 100 a month: Σ min = 100.
    expect(profileCoverage(offer, need, 1200, 1200, profiles)).toMatchObject({
      value: 100 / 1200,
      resolution: 'monthly',
    });
  });

  it('when offer and need never run in the same month, then there is no candidate', () => {
    const summer = [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0];
    const winter = [1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    const offer = energy('o', 'offer', { carrier: 'electricity', monthlyProfile: summer });
    const need = energy('n', 'need', { carrier: 'electricity', monthlyProfile: winter });
    expect(evaluatePair(offer, need, CTX)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { toCanonical } from '../../../src/domain/units.ts';

describe('toCanonical: material to t/yr', () => {
  it('when 2 t/month, then 24 t/yr', () => {
    expect(toCanonical('material', { value: 2, unit: 't/month' })).toEqual({
      ok: true,
      value: 24,
      unit: 't/yr',
    });
  });

  it('when 500 kg/day, then 182.5 t/yr', () => {
    const c = toCanonical('material', { value: 500, unit: 'kg/day' });
    expect(c.ok && c.value).toBeCloseTo(182.5, 9);
  });

  it('when 10 t/week, then 521.775 t/yr (52.1775 weeks in a year)', () => {
    const c = toCanonical('material', { value: 10, unit: 't/week' });
    expect(c.ok && c.value).toBeCloseTo(521.775, 9);
  });

  it('when 3 kt/yr, then 3,000 t/yr', () => {
    expect(toCanonical('material', { value: 3, unit: 'kt/yr' })).toMatchObject({ ok: true, value: 3000 });
  });

  it('when the unit has no period but the period field says once, then the amount counts once', () => {
    expect(toCanonical('material', { value: 800, unit: 't', period: 'once' })).toMatchObject({
      ok: true,
      value: 800,
    });
  });

  it('when the period field repeats the period of the unit, then it is accepted', () => {
    expect(toCanonical('material', { value: 2, unit: 't/month', period: 'month' })).toMatchObject({
      ok: true,
      value: 24,
    });
  });

  it('when case and spaces differ ("T / Month"), then the unit is still understood', () => {
    expect(toCanonical('material', { value: 2, unit: ' T / Month ' })).toMatchObject({ ok: true, value: 24 });
  });
});

describe('toCanonical: energy to MWh/yr', () => {
  it('when 9 GWh/yr, then 9,000 MWh/yr', () => {
    expect(toCanonical('energy', { value: 9, unit: 'GWh/yr' })).toEqual({
      ok: true,
      value: 9000,
      unit: 'MWh/yr',
    });
  });

  it('when 3,600 GJ per year, then 1,000 MWh/yr (1 MWh = 3.6 GJ)', () => {
    const c = toCanonical('energy', { value: 3600, unit: 'GJ', period: 'year' });
    expect(c.ok && c.value).toBeCloseTo(1000, 9);
  });

  it('when 500 kW over 4,000 operating hours, then 2,000 MWh/yr', () => {
    expect(toCanonical('energy', { value: 500, unit: 'kW' }, 4000)).toMatchObject({ ok: true, value: 2000 });
  });

  it('when 2 MW without operating hours, then it runs all 8,760 hours: 17,520 MWh/yr', () => {
    expect(toCanonical('energy', { value: 2, unit: 'MW' })).toMatchObject({ ok: true, value: 17_520 });
  });
});

describe('toCanonical: water to m3/yr and land to m2', () => {
  it('when 2 l/s over 2,500 hours, then 2 × 3.6 × 2,500 = 18,000 m3/yr', () => {
    const c = toCanonical('water', { value: 2, unit: 'l/s' }, 2500);
    expect(c.ok && c.value).toBeCloseTo(18_000, 9);
    expect(c.ok && c.unit).toBe('m3/yr');
  });

  it('when 80 m3/day, then 29,200 m3/yr', () => {
    expect(toCanonical('water', { value: 80, unit: 'm3/day' })).toMatchObject({ ok: true, value: 29_200 });
  });

  it('when 15 daa, then 15,000 m2', () => {
    expect(toCanonical('land', { value: 15, unit: 'daa' })).toEqual({ ok: true, value: 15_000, unit: 'm2' });
  });

  it('when 2 ha, then 20,000 m2', () => {
    expect(toCanonical('land', { value: 2, unit: 'ha' })).toMatchObject({ ok: true, value: 20_000 });
  });

  it('when a land area is given per year, then it is refused on the unit', () => {
    expect(toCanonical('land', { value: 2, unit: 'ha/yr' })).toMatchObject({ ok: false, field: 'unit' });
  });
});

describe('toCanonical: refusals', () => {
  it('when a rate unit has no period anywhere, then the unit is refused with a suggestion', () => {
    const c = toCanonical('material', { value: 10, unit: 't' });
    expect(c).toMatchObject({ ok: false, field: 'unit' });
    expect(!c.ok && c.reason).toContain("'t/yr'");
  });

  it('when the period field contradicts the unit, then the period is named', () => {
    expect(toCanonical('material', { value: 2, unit: 't/month', period: 'year' })).toMatchObject({
      ok: false,
      field: 'period',
    });
  });

  it('when the unit is not one of the kind, then the unit is named and the known units listed', () => {
    const c = toCanonical('energy', { value: 5, unit: 'barrels/yr' });
    expect(c).toMatchObject({ ok: false, field: 'unit' });
    expect(!c.ok && c.reason).toContain("'barrels/yr'");
    expect(!c.ok && c.reason).toContain('gwh');
  });

  it('when a unit of another kind is used (t/yr for energy, kW for material), then the unit is refused', () => {
    expect(toCanonical('energy', { value: 5, unit: 't/yr' })).toMatchObject({ ok: false, field: 'unit' });
    expect(toCanonical('material', { value: 5, unit: 'kW' })).toMatchObject({ ok: false, field: 'unit' });
  });

  it('when the period part is unknown (t/fortnight), then the unit is refused', () => {
    expect(toCanonical('material', { value: 5, unit: 't/fortnight' })).toMatchObject({
      ok: false,
      field: 'unit',
    });
  });

  it('when the unit has two slashes, then it is refused', () => {
    expect(toCanonical('energy', { value: 5, unit: 'MWh/yr/site' })).toMatchObject({
      ok: false,
      field: 'unit',
    });
  });
});

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
    expect(!c.ok && c.reason).toContain('GWh');
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

describe('toCanonical: prefix case (milli is m, mega is M)', () => {
  const value = (kind: Parameters<typeof toCanonical>[0], v: number, unit: string) => {
    const c = toCanonical(kind, { value: v, unit });
    if (!c.ok) throw new Error(c.reason);
    return c.value;
  };

  it('when 1,000 mL/day, then 0.365 m3/yr (millilitres, not megalitres)', () => {
    expect(value('water', 1000, 'mL/day')).toBeCloseTo(0.365, 12);
    expect(value('water', 1000, 'ml/day')).toBeCloseTo(0.365, 12);
  });

  it('when 1 ML/day or 1 Ml/day, then 365,000 m3/yr (megalitres)', () => {
    expect(value('water', 1, 'ML/day')).toBeCloseTo(365_000, 6);
    expect(value('water', 1, 'Ml/day')).toBeCloseTo(365_000, 6);
  });

  it('when 1 Mg/day, then 365 t/yr (a megagram is a tonne)', () => {
    expect(value('material', 1, 'Mg/day')).toBeCloseTo(365, 9);
  });

  it('when 1,000,000 mg/day, then 0.365 t/yr (milligrams)', () => {
    expect(value('material', 1_000_000, 'mg/day')).toBeCloseTo(0.365, 12);
  });

  it('when 1 MWh/yr or 1 mWh/yr, then a million million times apart', () => {
    expect(value('energy', 1, 'MWh/yr')).toBe(1);
    expect(value('energy', 1, 'mWh/yr')).toBeCloseTo(1e-9, 20);
  });

  it('when 1 MW or 1 mW runs 1,000 h, then 1,000 MWh/yr or a millionth of a MWh', () => {
    expect(toCanonical('energy', { value: 1, unit: 'MW' }, 1000)).toMatchObject({ ok: true, value: 1000 });
    const milli = toCanonical('energy', { value: 1, unit: 'mW' }, 1000);
    expect(milli.ok && milli.value).toBeCloseTo(1e-6, 18);
  });

  it.each([
    ['kwh/yr', 0.001],
    ['KWH/YR', 0.001],
    ['Kwh/Yr', 0.001],
    ['gwh/yr', 1000],
    ['twh/yr', 1_000_000],
    ['gj/yr', 1 / 3.6],
  ])(
    'when energy is typed %s in another case and only one unit spells so, then it is understood',
    (unit, factor) => {
      expect(value('energy', 1, unit)).toBeCloseTo(factor, 12);
    },
  );

  it.each([
    ['T/YR', 'material', 1],
    ['KG/day', 'material', 0.365],
    ['Tonnes/Month', 'material', 12],
    ['M3/DAY', 'water', 365],
    ['HA', 'land', 10_000],
    ['kw', 'energy', 8.76],
    ['L/S', 'water', 3.6 * 8760],
  ] as const)(
    'when %s (%s) is typed in another case, then it is still understood',
    (unit, kind, expected) => {
      expect(value(kind, 1, unit)).toBeCloseTo(expected, 9);
    },
  );

  it('when mwh is typed in lower case, then it is refused as ambiguous with MWh suggested first', () => {
    const c = toCanonical('energy', { value: 5, unit: 'mwh/yr' });
    expect(c).toEqual({
      ok: false,
      field: 'unit',
      reason: "'mwh' is ambiguous: write MWh/yr (megawatt-hours) or mWh/yr (milliwatt-hours)",
    });
  });

  it('when mw is typed in lower case, then it is refused as ambiguous between MW and mW', () => {
    const c = toCanonical('energy', { value: 5, unit: 'mw' });
    expect(c).toMatchObject({ ok: false, field: 'unit' });
    expect(!c.ok && c.reason).toBe("'mw' is ambiguous: write MW (megawatts) or mW (milliwatts)");
  });

  it('when MG is typed, then it is refused as ambiguous between megagrams and milligrams', () => {
    const c = toCanonical('material', { value: 5, unit: 'MG/yr' });
    expect(!c.ok && c.reason).toContain('write Mg/yr (megagrams, i.e. tonnes) or mg/yr (milligrams)');
  });

  it('when the Norwegian forms tonn, dekar, døgn, uke, mnd, måned and år are used, then they still convert', () => {
    expect(value('material', 2, 'tonn/døgn')).toBe(730);
    expect(value('material', 1, 'tonn/uke')).toBeCloseTo(52.1775, 9);
    expect(value('material', 1, 'tonn/mnd')).toBe(12);
    expect(value('material', 1, 'tonn/måned')).toBe(12);
    expect(value('material', 1, 'tonn/år')).toBe(1);
    expect(value('material', 1, 'Tonn/ÅR')).toBe(1);
    expect(value('land', 3, 'dekar')).toBe(3000);
  });
});

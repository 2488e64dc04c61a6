/**
 * The facilitator workspace's pure parts: the API's error details placed on the fields they
 * name, numbers read as each language writes them, the suggestion's impact under each factor
 * set, the workspace's routes in the fragment, and what a later change of the realised exchange
 * sends.
 */
import { describe, expect, it } from 'vitest';
import { fieldId, parseNumber, placeErrors } from '../../../web/src/workspaces/facilitator/field-errors.ts';
import { impactFigures } from '../../../web/src/workspaces/facilitator/impact.ts';
import { en, nb } from '../../../web/src/workspaces/facilitator/messages.ts';
import {
  fieldsOf,
  outcomeChange,
  writtenNumber,
} from '../../../web/src/workspaces/facilitator/outcome-change.ts';
import { suggestionHref, suggestionIdIn } from '../../../web/src/workspaces/facilitator/routes.ts';

describe('placeErrors', () => {
  const fields = ['to', 'reason.code', 'reason.text', 'outcome.quantityPerYear', 'outcome.startDate', 'note'];

  it('when a detail names a field, then the field shows its message', () => {
    const placed = placeErrors(
      [{ path: 'outcome.quantityPerYear', message: 'Too small: expected number to be >0' }],
      fields,
    );
    expect(placed.byField).toEqual({ 'outcome.quantityPerYear': ['Too small: expected number to be >0'] });
    expect(placed.rest).toEqual([]);
  });

  it('when a detail names an object of fields, then its first field shows it', () => {
    const placed = placeErrors(
      [
        { path: 'reason', message: "'rejected' needs a reason code" },
        { path: 'outcome', message: 'outcome is required' },
      ],
      fields,
    );
    expect(placed.byField).toEqual({
      'reason.code': ["'rejected' needs a reason code"],
      'outcome.quantityPerYear': ['outcome is required'],
    });
  });

  it('when a detail names a part of a field, then that field shows it', () => {
    const placed = placeErrors([{ path: 'note[0]', message: 'bad' }], fields);
    expect(placed.byField).toEqual({ note: ['bad'] });
  });

  it('when no field takes a detail, then it stays with the form; two on one field are both kept', () => {
    const placed = placeErrors(
      [
        { path: 'version', message: 'stale' },
        { path: 'to', message: 'a' },
        { path: 'to', message: 'b' },
      ],
      fields,
    );
    expect(placed.rest).toEqual([{ path: 'version', message: 'stale' }]);
    expect(placed.byField).toEqual({ to: ['a', 'b'] });
  });

  it('when a path has dots, then the field id is a valid id', () => {
    expect(fieldId('transition', 'outcome.benefits.jobs.value')).toBe(
      'transition-outcome-benefits-jobs-value',
    );
  });
});

describe('parseNumber', () => {
  it('when a number is written as bokmål or English writes it, then it is read', () => {
    expect(parseNumber('1 234,5', 'nb')).toBe(1234.5);
    expect(parseNumber('1\u00a0234,5', 'nb')).toBe(1234.5);
    expect(parseNumber('1,234.5', 'en')).toBe(1234.5);
    expect(parseNumber('-5', 'en')).toBe(-5);
    expect(parseNumber('\u22125', 'nb')).toBe(-5);
  });

  it('when the text is empty, then the number is absent; when it is not a number, then it goes as typed', () => {
    expect(parseNumber('  ', 'en')).toBeUndefined();
    expect(parseNumber('twelve', 'en')).toBe('twelve');
    expect(parseNumber('1,2,3', 'nb')).toBe('1,2,3');
  });
});

describe('impactFigures', () => {
  it('when the run compared factor sets, then each shows beside the suggestion’s own, its own first', () => {
    const figures = impactFigures(
      {
        quantity: 1200,
        unit: 't/yr',
        tonnesDiverted: 1200,
        co2eAvoidedT: 1799.8,
        factorSet: 'no-physical-2025',
        co2eBySet: { 'eu-mix-2025@2025.2': 1500, 'no-physical-2025@2025.2': 1799.8 },
      },
      'no-physical-2025@2025.2',
    );
    expect(figures.bySet).toEqual([
      { set: 'no-physical-2025@2025.2', co2eAvoidedT: 1799.8, own: true },
      { set: 'eu-mix-2025@2025.2', co2eAvoidedT: 1500, own: false },
    ]);
    expect(figures.amounts).toEqual([{ key: 'tonnesDiverted', value: 1200, unit: 't/yr' }]);
  });

  it('when the suggestion names its set by id alone, then the compared set of that id is its own', () => {
    const figures = impactFigures(
      { co2eAvoidedT: 10, factorSet: 'a', co2eBySet: { 'a@1': 10, 'b@1': 8 } },
      'a',
    );
    expect(figures.bySet.map((b) => [b.set, b.own])).toEqual([
      ['a@1', true],
      ['b@1', false],
    ]);
  });

  it('when no set was compared, then the own estimate is the only one; junk is left out', () => {
    const figures = impactFigures(
      { co2eAvoidedT: 3, co2eBySet: { x: 'many' }, mwhDelivered: Number.NaN },
      'own@1',
    );
    expect(figures.bySet).toEqual([{ set: 'own@1', co2eAvoidedT: 3, own: true }]);
    expect(figures.amounts).toEqual([]);
  });
});

describe('impactFigures when a factor is missing', () => {
  it('when the CO₂e is not quantified, then it is null, not 0, and the parts a factor leaves unknown are named', () => {
    const figures = impactFigures(
      {
        quantity: 4000,
        unit: 'm3/yr',
        m3Supplied: 4000,
        co2eAvoidedT: null,
        notQuantified: ['avoided-production', 'something-else'],
        co2eBySet: { 'no-physical-2025@1': null, 'eu-mix-2025@1': 0.8 },
      },
      'no-physical-2025@1',
    );
    expect(figures.co2eAvoidedT).toBeNull();
    expect(figures.notQuantified).toEqual(['avoided-production']);
    expect(figures.bySet).toEqual([
      { set: 'no-physical-2025@1', co2eAvoidedT: null, own: true },
      { set: 'eu-mix-2025@1', co2eAvoidedT: 0.8, own: false },
    ]);
  });
});

describe('routes', () => {
  it('when a suggestion id is put in the fragment, then it is read back as it was', () => {
    const id = 'sg_a/b c';
    expect(suggestionIdIn(suggestionHref(id))).toBe(id);
    expect(suggestionIdIn('#/facilitator')).toBeNull();
    expect(suggestionIdIn('#/facilitator/suggestions/%E0%A4%A')).toBeNull();
  });
});

describe('messages', () => {
  it('when a text has value marks, then bokmål has the same marks', () => {
    const marks = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of Object.entries(en)) {
      expect(marks(nb[key as keyof typeof en]), key).toEqual(marks(value));
    }
  });
});

describe('outcomeChange', () => {
  const recorded = {
    quantityPerYear: 1234.5,
    quantityBasis: 'estimated' as const,
    startDate: '2026-01-15',
    benefits: { costSavedNokPerYear: { value: 50000, basis: 'estimated' as const } },
  };

  it('when the form opens, then it holds what is recorded, numbers as the language writes them', () => {
    expect(fieldsOf(recorded, 'nb')).toEqual({
      quantity: '1234,5',
      basis: 'estimated',
      endDate: '',
      benefits: {
        costSavedNokPerYear: { value: '50000', basis: 'estimated' },
        revenueNokPerYear: { value: '', basis: 'estimated' },
        jobs: { value: '', basis: 'estimated' },
      },
    });
    expect(writtenNumber(0.25, 'en')).toBe('0.25');
  });

  it('when nothing is changed, then there is nothing to send, in either language', () => {
    expect(outcomeChange(recorded, fieldsOf(recorded, 'nb'), 'nb')).toBeNull();
    expect(outcomeChange(recorded, fieldsOf(recorded, 'en'), 'en')).toBeNull();
  });

  it('when the quantity, its basis and the end date change, then only they are sent', () => {
    const fields = {
      ...fieldsOf(recorded, 'en'),
      quantity: '1,300',
      basis: 'measured' as const,
      endDate: '2027-06-30',
    };
    expect(outcomeChange(recorded, fields, 'en')).toEqual({
      quantityPerYear: 1300,
      quantityBasis: 'measured',
      endDate: '2027-06-30',
    });
  });

  it('when a benefit is added or one emptied, then the benefits go whole, without the empty ones', () => {
    const fields = fieldsOf(recorded, 'en');
    fields.benefits.jobs = { value: '3', basis: 'measured' };
    expect(outcomeChange(recorded, fields, 'en')).toEqual({
      benefits: {
        costSavedNokPerYear: { value: 50000, basis: 'estimated' },
        jobs: { value: 3, basis: 'measured' },
      },
    });
    const emptied = fieldsOf(recorded, 'en');
    emptied.benefits.costSavedNokPerYear.value = '';
    expect(outcomeChange(recorded, emptied, 'en')).toEqual({ benefits: {} });
  });

  it('when the quantity is emptied or not a number, then it is sent so that the API names the field', () => {
    expect(outcomeChange(recorded, { ...fieldsOf(recorded, 'en'), quantity: '' }, 'en')).toEqual({
      quantityPerYear: null,
    });
    expect(outcomeChange(recorded, { ...fieldsOf(recorded, 'en'), quantity: 'lots' }, 'en')).toEqual({
      quantityPerYear: 'lots',
    });
  });

  it('when a recorded end date is emptied, then it is no change (the API keeps it)', () => {
    const ended = { ...recorded, endDate: '2027-01-01' };
    expect(outcomeChange(ended, { ...fieldsOf(ended, 'en'), endDate: '' }, 'en')).toBeNull();
  });
});

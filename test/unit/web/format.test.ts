import { describe, expect, it } from 'vitest';
import { createFormat, unitLabel } from '../../../web/src/i18n/format.ts';
import { en, nb } from '../../../web/src/i18n/messages.ts';

const NBSP = '\u00a0';

describe('the web app’s formats', () => {
  it('when a quantity is written in bokmål, then it has a space for thousands, a decimal comma and per år', () => {
    expect(createFormat('nb').quantity(1234.5, 't/yr')).toBe(`1${NBSP}234,5 t/år`);
  });

  it('when a quantity is written in English, then it has a thousands comma and a decimal point', () => {
    expect(createFormat('en').quantity(1234.5, 't/yr')).toBe('1,234.5 t/yr');
  });

  it('when a score is written with fixed decimals, then a whole one keeps them', () => {
    expect(createFormat('en').decimal(1, 2)).toBe('1.00');
    expect(createFormat('nb').decimal(0.987, 2)).toBe('0,99');
  });

  it('when a unit names cubic or square metres, then it is written with superscripts', () => {
    expect(unitLabel('m3/yr', 'nb')).toBe('m³/år');
    expect(unitLabel('m2', 'en')).toBe('m²');
  });

  it('when a date is written, then it follows the language', () => {
    expect(createFormat('nb').date('2026-03-05')).toBe('5. mars 2026');
    expect(createFormat('en').date('2026-03-05')).toBe('5 Mar 2026');
  });

  it('when a text has marks, then they are filled in and numbers formatted', () => {
    expect(createFormat('nb').t('business.firstListings', { count: 1500 })).toBe(
      `De første 1${NBSP}500 oppføringene vises.`,
    );
  });

  it('when the dictionaries are compared, then bokmål has every key of English and no text left empty', () => {
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(nb)) expect(text.trim(), key).not.toBe('');
  });
});

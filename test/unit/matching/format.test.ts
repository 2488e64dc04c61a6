import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmt, pct } from '../../../src/matching/format.ts';

/** The plain definition fmt's fast path must match: round to `digits` decimals, print. */
const plain = (value: number, digits = 1) => String(Math.round(value * 10 ** digits) / 10 ** digits);

describe('numbers in reasons', () => {
  it('when any number is printed with one decimal, then the text is the rounded value as JavaScript prints it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (value) => {
        expect(fmt(value)).toBe(plain(value));
      }),
      { numRuns: 5000, seed: 1128 },
    );
    for (const value of [0, -0, 0.04, 0.05, 0.15, 2.25, 99.95, 214748364.6, 214748364.8, 1e21, -3.45])
      expect(fmt(value)).toBe(plain(value));
  });

  it('when other precisions are asked for, then they round as asked', () => {
    expect(fmt(12.345, 2)).toBe('12.35');
    expect(fmt(12.5, 0)).toBe('13');
    expect(fmt(7, 2)).toBe('7');
  });

  it('when a share is printed, then it is a whole percent', () => {
    expect(pct(0.456)).toBe('46%');
    expect(pct(1)).toBe('100%');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsafeTextDetails, unsafeTextReason } from '../../../src/domain/text-safety.ts';

describe('unsafeTextReason', () => {
  it('when a string holds U+0000, then the NUL and its 1-based position are named', () => {
    expect(unsafeTextReason('ab\u0000c')).toBe('holds a NUL character (U+0000) at position 3');
  });

  it('when a high surrogate has no low one after it, then it is named as unpaired', () => {
    expect(unsafeTextReason('x\ud800')).toBe('holds an unpaired UTF-16 surrogate (U+D800) at position 2');
    expect(unsafeTextReason('\ud83dA')).toBe('holds an unpaired UTF-16 surrogate (U+D83D) at position 1');
  });

  it('when a low surrogate stands alone or before its high one, then it is named as unpaired', () => {
    expect(unsafeTextReason('\udc00')).toBe('holds an unpaired UTF-16 surrogate (U+DC00) at position 1');
    expect(unsafeTextReason('\ude00\ud83d')).toContain('(U+DE00) at position 1');
  });

  it('when text is Norwegian, emoji, CJK or other control characters, then it is accepted', () => {
    for (const s of ['Kvernfjord Ålesund æøå', 'heat 🔥 from 😀', '熱回収', 'tab\tand\nline', '']) {
      expect(unsafeTextReason(s), s).toBeUndefined();
    }
  });

  it('when any well-formed string is given, then it is accepted; with one NUL inserted, it is not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), (s, at) => {
        expect(unsafeTextReason(s)).toBeUndefined();
        const chars = [...s];
        chars.splice(at % (chars.length + 1), 0, '\u0000');
        expect(unsafeTextReason(chars.join(''))).toContain('U+0000');
      }),
    );
  });
});

describe('unsafeTextDetails', () => {
  it('when strings deep in objects and arrays are bad, then each is named by its a.b[2].c path', () => {
    const body = {
      title: 'ok',
      quantity: { unit: 't\u0000/yr', value: 3 },
      material: { contaminants: ['lead', 'zinc', 'x\ud800'] },
    };
    expect(unsafeTextDetails(body)).toEqual([
      { path: 'quantity.unit', message: 'holds a NUL character (U+0000) at position 2' },
      {
        path: 'material.contaminants[2]',
        message: 'holds an unpaired UTF-16 surrogate (U+D800) at position 2',
      },
    ]);
  });

  it('when a key holds a NUL, then the key is named with the character escaped', () => {
    expect(unsafeTextDetails({ a: { 'b\u0000c': 1 } })).toEqual([
      { path: 'a.b\\u0000c', message: 'the field name holds a NUL character (U+0000) at position 2' },
    ]);
  });

  it('when a prefix is given, then paths start with it; a bad top-level string is (body) without one', () => {
    expect(unsafeTextDetails({ ref: '\u0000' }, ['listings', 4])[0]?.path).toBe('listings[4].ref');
    expect(unsafeTextDetails('\u0000')[0]?.path).toBe('(body)');
  });

  it('when numbers, booleans and null are met, then they are not text and pass', () => {
    expect(unsafeTextDetails({ a: 1, b: true, c: null, d: [1.5, false] })).toEqual([]);
  });

  it('when many strings are bad, then the findings stop at the limit', () => {
    expect(
      unsafeTextDetails(
        Array.from({ length: 500 }, () => '\u0000'),
        [],
        20,
      ),
    ).toHaveLength(20);
  });

  it('when the value is nested 100,000 deep, then the walk does not exhaust the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeTextDetails(deep)).toHaveLength(1);
  });

  it('when any JSON value without bad text is walked, then nothing is reported', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(unsafeTextDetails(v)).toEqual([]);
      }),
    );
  });
});

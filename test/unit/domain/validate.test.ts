import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesToDetails, parseOrThrow } from '../../../src/domain/validate.ts';
import type { AppError } from '../../../src/errors.ts';

const Item = z.strictObject({ c: z.number() });
const Doc = z.strictObject({
  name: z.string(),
  a: z.strictObject({ b: z.array(Item) }).optional(),
});

const details = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected the input to be invalid');
  return issuesToDetails(r.error.issues);
};

describe('issuesToDetails', () => {
  it('when two unknown keys are sent, then each is named on its own', () => {
    expect(details(Doc, { name: 'x', colour: 1, size: 2 })).toEqual([
      { path: 'colour', message: 'is not a known field' },
      { path: 'size', message: 'is not a known field' },
    ]);
  });

  it('when an unknown key sits in a nested array item, then its full path is given', () => {
    expect(details(Doc, { name: 'x', a: { b: [{ c: 1 }, { c: 2, d: 3 }] } })).toEqual([
      { path: 'a.b[1].d', message: 'is not a known field' },
    ]);
  });

  it('when a field deep in an array is missing, then the path reads a.b[2].c', () => {
    expect(details(Doc, { name: 'x', a: { b: [{ c: 1 }, { c: 2 }, {}] } })).toEqual([
      { path: 'a.b[2].c', message: 'is required (number)' },
    ]);
  });

  it('when a required top-level field is missing, then it is called required with its type', () => {
    expect(details(Doc, {})).toEqual([{ path: 'name', message: 'is required (string)' }]);
  });

  it('when the whole body is missing, then the detail points at (body)', () => {
    expect(details(Doc, undefined)).toEqual([{ path: '(body)', message: 'is required (object)' }]);
  });

  it('when a refinement fails, then its own message is passed through', () => {
    const Positive = z.strictObject({ n: z.number().positive('must be greater than 0') });
    expect(details(Positive, { n: -1 })).toEqual([{ path: 'n', message: 'must be greater than 0' }]);
  });

  it('when no union branch fits, then the first branch is reported under the union field', () => {
    const U = z.strictObject({ q: z.union([z.strictObject({ a: z.number() }), z.string()]) });
    expect(details(U, { q: {} })).toEqual([{ path: 'q.a', message: 'is required (number)' }]);
  });

  it('when a prefix is given, then paths are placed under it', () => {
    const r = Item.safeParse({});
    expect(issuesToDetails(r.error!.issues, ['rows', 3])).toEqual([
      { path: 'rows[3].c', message: 'is required (number)' },
    ]);
  });
});

describe('wrong types through parseOrThrow', () => {
  it('when a number field holds a string, then the detail says what was expected and what was given', () => {
    try {
      parseOrThrow(z.strictObject({ v: z.number() }), { v: 'abc' }, 'thing');
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).details).toEqual([{ path: 'v', message: 'must be number, got string' }]);
    }
  });
});

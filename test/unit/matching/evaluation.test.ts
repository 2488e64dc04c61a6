import { describe, expect, it } from 'vitest';
import { evaluateSuggestions, type RankedSuggestion } from '../../../src/matching/evaluation.ts';

const s = (offerId: string, needId: string, score: number): RankedSuggestion => ({
  offerId,
  needId,
  offerCompany: offerId.slice(0, 1).toUpperCase(),
  needCompany: needId.slice(0, 1).toUpperCase(),
  score,
});

// Offers of companies A, B, C; needs of companies X, Y and Z (Z is not a receiver in any
// expected exchange, so its list is ignored). Listed out of order on purpose.
//   need x1 (X): a1 0.9 and b1 0.9 tie -> a1 first by offer id; then c1 0.5  => A, B, C
//   need y1 (Y): c1 0.8, b1 0.6                                               => C, B
//   need z1 (Z): a1 0.99
const SUGGESTIONS = [
  s('c1', 'x1', 0.5),
  s('b1', 'y1', 0.6),
  s('a1', 'z1', 0.99),
  s('b1', 'x1', 0.9),
  s('c1', 'y1', 0.8),
  s('a1', 'x1', 0.9),
];

// Best ranks: B->X 2 (after a1 on the tie), B->Y 2, C->X 3, A->Y none.
const EXPECTED = [
  { from: 'B', to: 'X', resource: 'slag' },
  { from: 'B', to: 'Y', resource: 'slag' },
  { from: 'C', to: 'X', resource: 'heat' },
  { from: 'A', to: 'Y', resource: 'ash' },
];

describe('evaluateSuggestions', () => {
  it('when scores tie, then the offer id breaks the tie, so B only counts from k = 2', () => {
    const { atK } = evaluateSuggestions(SUGGESTIONS, EXPECTED, { ks: [1, 2, 3] });
    expect(atK).toEqual([
      // top-1 of x1 and y1: a1 (A->X), c1 (C->Y); neither is expected.
      { k: 1, recall: 0, precision: 0, found: 0, expected: 4, relevantRetrieved: 0, retrieved: 2 },
      // top-2: A->X, B->X | C->Y, B->Y -> 2 of 4 retrieved are expected; B->X and B->Y found.
      { k: 2, recall: 0.5, precision: 0.5, found: 2, expected: 4, relevantRetrieved: 2, retrieved: 4 },
      // top-3: x1 adds C->X -> 3 of 5 retrieved; 3 of 4 found.
      { k: 3, recall: 0.75, precision: 0.6, found: 3, expected: 4, relevantRetrieved: 3, retrieved: 5 },
    ]);
  });

  it('when the largest k is 2, then a pair ranked 3rd and a pair never suggested are misses with their best rank', () => {
    const { misses } = evaluateSuggestions(SUGGESTIONS, EXPECTED, { ks: [1, 2] });
    expect(misses).toEqual([
      { from: 'C', to: 'X', resource: 'heat', bestRank: 3 },
      { from: 'A', to: 'Y', resource: 'ash', bestRank: null },
    ]);
  });

  it('when the largest k reaches rank 3, then only the pair never suggested is a miss', () => {
    const { misses } = evaluateSuggestions(SUGGESTIONS, EXPECTED, { ks: [1, 3] });
    expect(misses.map((m) => `${m.from}->${m.to}`)).toEqual(['A->Y']);
  });

  it('when a receiver has two needs, then the best rank over both counts', () => {
    const extra = [...SUGGESTIONS, s('c2', 'x2', 0.1)];
    const { atK, misses } = evaluateSuggestions(extra, [{ from: 'C', to: 'X', resource: 'heat' }], {
      ks: [1],
    });
    expect(atK[0]).toMatchObject({ found: 1, recall: 1 });
    expect(misses).toEqual([]);
  });

  it('when no k is given, then recall and precision are reported at 1, 3 and 5', () => {
    expect(evaluateSuggestions(SUGGESTIONS, EXPECTED).atK.map((a) => a.k)).toEqual([1, 3, 5]);
  });

  it('when nothing is expected or nothing retrieved, then the measures are 0, not NaN', () => {
    expect(evaluateSuggestions(SUGGESTIONS, [], { ks: [1] }).atK[0]).toMatchObject({
      recall: 0,
      precision: 0,
    });
    expect(evaluateSuggestions([], EXPECTED, { ks: [1] }).atK[0]).toMatchObject({
      recall: 0,
      precision: 0,
      retrieved: 0,
    });
  });
});

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

describe('evaluateSuggestions at company level', () => {
  it('when scores tie, then the offer id breaks the tie, so B only counts from k = 2, and the tie is counted', () => {
    const { company, stream } = evaluateSuggestions(SUGGESTIONS, EXPECTED, { ks: [1, 2, 3] });
    expect(company.atK).toEqual([
      // top-1 of x1 and y1: a1 (A->X), c1 (C->Y); neither is expected. B->X would be found at 1
      // had the tie of a1 and b1 gone the other way.
      { k: 1, recall: 0, precision: 0, found: 0, expected: 4, relevantRetrieved: 0, retrieved: 2, ties: 1 },
      // top-2: A->X, B->X | C->Y, B->Y -> 2 of 4 retrieved are expected; B->X and B->Y found.
      {
        k: 2,
        recall: 0.5,
        precision: 0.5,
        found: 2,
        expected: 4,
        relevantRetrieved: 2,
        retrieved: 4,
        ties: 0,
      },
      // top-3: x1 adds C->X -> 3 of 5 retrieved; 3 of 4 found.
      {
        k: 3,
        recall: 0.75,
        precision: 0.6,
        found: 3,
        expected: 4,
        relevantRetrieved: 3,
        retrieved: 5,
        ties: 0,
      },
    ]);
    // a1 and b1 at the head of x1 share their score.
    expect(company.tiedRanks).toBe(2);
    // No exchange names its streams: the stream level judges them as the company level does.
    expect(stream.atK).toEqual(company.atK);
  });

  it('when the largest k is 2, then a pair ranked 3rd and a pair never suggested are misses with their best rank', () => {
    const { misses } = evaluateSuggestions(SUGGESTIONS, EXPECTED, { ks: [1, 2] }).company;
    expect(misses).toEqual([
      { from: 'C', to: 'X', resource: 'heat', bestRank: 3 },
      { from: 'A', to: 'Y', resource: 'ash', bestRank: null },
    ]);
  });

  it('when the largest k reaches rank 3, then only the pair never suggested is a miss', () => {
    const { misses } = evaluateSuggestions(SUGGESTIONS, EXPECTED, { ks: [1, 3] }).company;
    expect(misses.map((m) => `${m.from}->${m.to}`)).toEqual(['A->Y']);
  });

  it('when a receiver has two needs, then the best rank over both counts', () => {
    const extra = [...SUGGESTIONS, s('c2', 'x2', 0.1)];
    const { atK, misses } = evaluateSuggestions(extra, [{ from: 'C', to: 'X', resource: 'heat' }], {
      ks: [1],
    }).company;
    expect(atK[0]).toMatchObject({ found: 1, recall: 1 });
    expect(misses).toEqual([]);
  });

  it('when no k is given, then recall and precision are reported at 1, 3 and 5', () => {
    expect(evaluateSuggestions(SUGGESTIONS, EXPECTED).company.atK.map((a) => a.k)).toEqual([1, 3, 5]);
  });

  it('when nothing is expected or nothing retrieved, then the measures are 0, not NaN', () => {
    expect(evaluateSuggestions(SUGGESTIONS, [], { ks: [1] }).company.atK[0]).toMatchObject({
      recall: 0,
      precision: 0,
    });
    expect(evaluateSuggestions([], EXPECTED, { ks: [1] }).stream.atK[0]).toMatchObject({
      recall: 0,
      precision: 0,
      retrieved: 0,
    });
  });
});

/** A suggestion with listing refs: offer `a2` belongs to company A, need `x1` to company X. */
const r = (offerRef: string, needRef: string, score: number): RankedSuggestion => ({
  ...s(offerRef, needRef, score),
  offerRef,
  needRef,
});

describe('evaluateSuggestions at stream level', () => {
  // A offers slag (a1) and heat (a2); X needs slag (x1) and heat (x2). The documented stream is
  // A's slag to X's slag need, but the engine ranks A's heat first in X's slag list.
  //   x1: a2 0.9, b1 0.8, a1 0.7        x2: a2 0.95
  const RANKING = [r('a2', 'x1', 0.9), r('b1', 'x1', 0.8), r('a1', 'x1', 0.7), r('a2', 'x2', 0.95)];
  const SLAG = [{ from: 'A', to: 'X', resource: 'slag', offer: 'a1', need: 'x1' }];

  it('when a wrong stream of the right company pair ranks first, then it counts at company level but not at stream level', () => {
    const { company, stream } = evaluateSuggestions(RANKING, SLAG, { ks: [1, 3] });
    // Company level: a2 heads both of X's lists, so A->X is found at 1 and every top-1 is "right".
    expect(company.atK[0]).toMatchObject({ found: 1, recall: 1, relevantRetrieved: 2, retrieved: 2 });
    // Stream level: only a1 in x1 counts, third in its list; neither top-1 is the slag stream.
    expect(stream.atK[0]).toMatchObject({ found: 0, recall: 0, relevantRetrieved: 0, retrieved: 2 });
    expect(stream.atK[1]).toMatchObject({ found: 1, recall: 1, relevantRetrieved: 1, retrieved: 4 });
    expect(stream.misses).toEqual([]);
    expect(evaluateSuggestions(RANKING, SLAG, { ks: [1] }).stream.misses).toEqual([
      { ...SLAG[0], bestRank: 3 },
    ]);
  });

  it('when the named stream ties with another offer, then the tie is counted at the k it decides', () => {
    const tied = [r('b1', 'x1', 0.8), r('a1', 'x1', 0.8), r('c1', 'x1', 0.5)];
    const { stream } = evaluateSuggestions(tied, SLAG, { ks: [1, 2] });
    // a1 comes first by offer id, but b1 has the same score: found at 1 only by the tie-break.
    expect(stream.atK.map((a) => [a.k, a.found, a.ties])).toEqual([
      [1, 1, 1],
      [2, 1, 0],
    ]);
    expect(stream.tiedRanks).toBe(2);
  });

  it('when several documented suppliers serve one need, then the ceiling of recall@1 says how many one top suggestion can find', () => {
    // Y's need y1 takes B's and C's residues; Y's other need y2 is not documented as served.
    const ranking = [r('b1', 'y1', 0.9), r('c1', 'y1', 0.8), r('b1', 'y2', 0.6)];
    const expected = [
      { from: 'B', to: 'Y', resource: 'residues', offer: 'b1', need: 'y1' },
      { from: 'C', to: 'Y', resource: 'residues', offer: 'c1', need: 'y1' },
    ];
    const { company, stream } = evaluateSuggestions(ranking, expected, { ks: [1] });
    expect(stream.ceiling).toEqual({ found: 1, expected: 2, recallAt1: 0.5 });
    // At company level C could head y2 as well, so both could be found at 1.
    expect(company.ceiling).toEqual({ found: 2, expected: 2, recallAt1: 1 });
    expect(stream.atK[0]).toMatchObject({ found: 1, recall: 0.5 });
  });

  it('when a need got no suggestion, then the needs given still count for the ceiling', () => {
    const expected = [
      { from: 'B', to: 'Y', resource: 'residues', offer: 'b1', need: 'y1' },
      { from: 'C', to: 'Y', resource: 'residues', offer: 'c1', need: 'y2' },
    ];
    const ranking = [r('b1', 'y1', 0.9)];
    expect(evaluateSuggestions(ranking, expected, { ks: [1] }).stream.ceiling.found).toBe(1);
    const needs = [
      { id: 'y1', company: 'Y', ref: 'y1' },
      { id: 'y2', company: 'Y', ref: 'y2' },
    ];
    expect(evaluateSuggestions(ranking, expected, { ks: [1], needs }).stream.ceiling.found).toBe(2);
  });

  it('when an exchange names no stream, then the stream level judges it by company pair', () => {
    const { company, stream } = evaluateSuggestions(RANKING, [{ from: 'A', to: 'X', resource: 'slag' }], {
      ks: [1],
    });
    expect(stream.atK).toEqual(company.atK);
  });
});

import { describe, expect, it } from 'vitest';
import { type DecisionRow, evaluateDecisions } from '../../../src/matching/decision-evaluation.ts';

type Values = [resource: number, quantity: number, distance: number, temporal: number, quality: number];
const NAMES = ['resource', 'quantity', 'distance', 'temporal', 'quality'] as const;

const row = (
  id: string,
  needId: string,
  state: string,
  score: number,
  values: Values,
  reasonCode: string | null = null,
): DecisionRow => ({
  id,
  needId,
  state,
  reasonCode,
  score,
  terms: values.map((value, i) => ({ name: NAMES[i]!, value })),
});

// Need n1: s1 0.9 introduced; s2 and s3 tie at 0.8 -> s2 first by id (rejected, distance), then s3
// (agreed); s4 0.5 declined (quality); s5 0.95 under-review is no decision and ranks nowhere.
//   ranking A R A R.
// Need n2: t1 and t2 tie at 0.7 -> t1 first (rejected, distance), then t2 (implemented); t3
// withdrawn is no decision.   ranking R A.
// Need n3: suggested and expired only: not a need with decisions.
// Listed out of order on purpose; s2 carries a feedback term, which is not one of the five.
const ROWS: DecisionRow[] = [
  row('t2', 'n2', 'implemented', 0.7, [0.6, 1.0, 0.8, 0.5, 0.6]),
  row('s3', 'n1', 'agreed', 0.8, [0.8, 0.6, 0.7, 1.0, 0.8]),
  row('s5', 'n1', 'under-review', 0.95, [1, 1, 1, 1, 1]),
  row('s4', 'n1', 'declined', 0.5, [0.8, 0.4, 0.5, 0.5, 0.2], 'quality'),
  {
    ...row('s2', 'n1', 'rejected', 0.8, [1.0, 0.6, 0.2, 1.0, 0.8], 'distance'),
    terms: [
      ...row('s2', 'n1', 'rejected', 0.8, [1.0, 0.6, 0.2, 1.0, 0.8]).terms,
      { name: 'feedback', value: -0.05 },
    ],
  },
  row('t3', 'n2', 'withdrawn', 0.65, [1, 1, 1, 1, 1]),
  row('s1', 'n1', 'introduced', 0.9, [1.0, 0.8, 0.9, 1.0, 1.0]),
  row('u1', 'n3', 'suggested', 0.9, [1, 1, 1, 1, 1]),
  row('u2', 'n3', 'expired', 0.4, [0, 0, 0, 0, 0]),
  row('t1', 'n2', 'rejected', 0.7, [0.6, 1.0, 0.1, 1.0, 0.6], 'distance'),
];

describe('evaluateDecisions', () => {
  it('when two needs have decided suggestions, then precision@k pools the top min(k, n) of each', () => {
    const r = evaluateDecisions(ROWS);
    expect(r).toMatchObject({
      needs: 2,
      decisions: 6,
      accepted: 3,
      turnedDown: 3,
      baseRate: 0.5,
      ignored: 4,
    });
    expect(r.atK).toEqual([
      // n1 top-1 s1 (A), n2 top-1 t1 (R, first of the tie by id): 1 of 2.
      { k: 1, precision: 0.5, accepted: 1, ranked: 2 },
      // n1 s1 s2 s3 (A R A), n2 t1 t2 (R A; min(3, 2) = 2): 3 of 5.
      { k: 3, precision: 0.6, accepted: 3, ranked: 5 },
      // n1 all 4 (2 A), n2 both (1 A): 3 of 6.
      { k: 5, precision: 0.5, accepted: 3, ranked: 6 },
    ]);
  });

  it('when scores tie, then the suggestion id breaks the tie', () => {
    // top-2: n1 s1 s2 (A R), n2 t1 t2 (R A): 2 of 4; s3 before s2 would give 3 of 4.
    expect(evaluateDecisions(ROWS, { ks: [2] }).atK).toEqual([
      { k: 2, precision: 0.5, accepted: 2, ranked: 4 },
    ]);
  });

  it('when terms are compared, then each of the five has its mean per side and the gap', () => {
    const { terms } = evaluateDecisions(ROWS);
    // accepted s1 s3 t2; turned down s2 s4 t1.
    const expected = {
      resource: [(1.0 + 0.8 + 0.6) / 3, (1.0 + 0.8 + 0.6) / 3],
      quantity: [(0.8 + 0.6 + 1.0) / 3, (0.6 + 0.4 + 1.0) / 3],
      distance: [(0.9 + 0.7 + 0.8) / 3, (0.2 + 0.5 + 0.1) / 3],
      temporal: [(1.0 + 1.0 + 0.5) / 3, (1.0 + 0.5 + 1.0) / 3],
      quality: [(1.0 + 0.8 + 0.6) / 3, (0.8 + 0.2 + 0.6) / 3],
    };
    expect(terms.map((t) => t.name)).toEqual(NAMES);
    for (const t of terms) {
      const [a, d] = expected[t.name];
      expect(t.acceptedMean).toBeCloseTo(a!, 10);
      expect(t.turnedDownMean).toBeCloseTo(d!, 10);
      expect(t.gap).toBeCloseTo(a! - d!, 10);
    }
    expect(terms.find((t) => t.name === 'distance')!.gap).toBeCloseTo(0.8 - 0.8 / 3, 10);
  });

  it('when rejections give a reason, then it points to the term furthest below the accepted mean', () => {
    const { reasons } = evaluateDecisions(ROWS);
    expect(reasons.map((x) => [x.reasonCode, x.count, x.term])).toEqual([
      // s2 t1: distance mean 0.15 against 0.8 accepted (0.65 below); quality 0.7 (0.1 below).
      ['distance', 2, 'distance'],
      // s4: quality 0.2 against 0.8 (0.6 below); quantity 0.4 (0.4), temporal 0.5 (0.333), distance 0.5 (0.3).
      ['quality', 1, 'quality'],
    ]);
    expect(reasons[0]!.below).toBeCloseTo(0.65, 10);
    expect(reasons[0]!.means.temporal).toBeCloseTo(1.0, 10);
    expect(reasons[1]!.below).toBeCloseTo(0.6, 10);
  });

  it('when nothing was accepted, then no reason points to a term and precision is 0', () => {
    const r = evaluateDecisions([
      row('a', 'n1', 'rejected', 0.9, [0.1, 0.1, 0.1, 0.1, 0.1], 'price'),
      row('b', 'n1', 'declined', 0.8, [0.2, 0.2, 0.2, 0.2, 0.2], 'price'),
      row('c', 'n2', 'declined', 0.8, [0.2, 0.2, 0.2, 0.2, 0.2], null),
    ]);
    expect(r).toMatchObject({ needs: 2, decisions: 3, accepted: 0, turnedDown: 3, baseRate: 0 });
    expect(r.atK[0]).toEqual({ k: 1, precision: 0, accepted: 0, ranked: 2 });
    expect(r.terms[0]).toMatchObject({ name: 'resource', acceptedMean: null, gap: null });
    expect(r.reasons.map((x) => [x.reasonCode, x.count, x.term, x.below])).toEqual([
      ['price', 2, null, null],
      ['(none)', 1, null, null],
    ]);
  });

  it('when every term of a reason lies at or above the accepted means, then it points to none', () => {
    const r = evaluateDecisions([
      row('a', 'n1', 'introduced', 0.5, [0.5, 0.5, 0.5, 0.5, 0.5]),
      row('b', 'n1', 'declined', 0.9, [0.9, 0.5, 0.9, 0.9, 0.9], 'trust'),
    ]);
    expect(r.reasons).toMatchObject([{ reasonCode: 'trust', count: 1, term: null, below: null }]);
    expect(r.atK.map((a) => a.precision)).toEqual([0, 0.5, 0.5]);
  });

  it('when there are no decisions, then the counts are 0 and the rates are absent', () => {
    const r = evaluateDecisions([row('a', 'n1', 'suggested', 0.5, [1, 1, 1, 1, 1])]);
    expect(r).toMatchObject({ needs: 0, decisions: 0, baseRate: null, ignored: 1, reasons: [] });
    expect(r.atK).toEqual([
      { k: 1, precision: null, accepted: 0, ranked: 0 },
      { k: 3, precision: null, accepted: 0, ranked: 0 },
      { k: 5, precision: null, accepted: 0, ranked: 0 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  evaluationDocument,
  formatEvaluation,
  type NamedResult,
} from '../../../src/cli/evaluation-report.ts';
import { evaluateSuggestions, type RankedSuggestion } from '../../../src/matching/evaluation.ts';

const r = (offerRef: string, needRef: string, score: number): RankedSuggestion => ({
  offerId: offerRef,
  needId: needRef,
  offerRef,
  needRef,
  offerCompany: offerRef.slice(0, 1).toUpperCase(),
  needCompany: needRef.slice(0, 1).toUpperCase(),
  score,
});

/** A case result from a ranking, as evaluateCase returns it. */
function kase(
  name: string,
  ranking: RankedSuggestion[],
  expected: Parameters<typeof evaluateSuggestions>[1],
) {
  const { company, stream } = evaluateSuggestions(ranking, expected, { ks: [1, 5] });
  return { name, result: { companies: 2, listings: 4, suggestions: ranking.length, company, stream } };
}

// Case one: A's heat (a2) heads X's slag need (x1) where A's slag (a1) is documented; case two:
// B's residues (b1) head Y's need (y1) as documented.
const RESULTS: NamedResult[] = [
  kase(
    'one',
    [r('a2', 'x1', 0.9), r('a1', 'x1', 0.8)],
    [{ from: 'A', to: 'X', resource: 'slag', offer: 'a1', need: 'x1' }],
  ),
  kase('two', [r('b1', 'y1', 0.9)], [{ from: 'B', to: 'Y', resource: 'residues', offer: 'b1', need: 'y1' }]),
];

describe('the evaluation report', () => {
  it('when cases are reported as JSON, then each has its company and stream figures keyed by k, and the pool adds their counts', () => {
    const doc = evaluationDocument(RESULTS);
    expect(doc.cases.map((c) => c.name)).toEqual(['one', 'two']);
    expect(doc.cases[0]!.company).toMatchObject({ 'recall@1': 1, 'precision@1': 1, 'recall@5': 1 });
    expect(doc.cases[0]!.stream).toMatchObject({
      'recall@1': 0,
      'precision@1': 0,
      'recall@5': 1,
      'precision@5': 0.5,
      expected: 1,
      'found@1': 0,
      'ties@1': 0,
      tiedRanks: 0,
      'ceiling@1': 1,
    });
    // Pooled: 1 of 2 streams found at 1, 1 of 2 top suggestions right; at 5, 2 of 3 retrieved.
    expect(doc.pooled.stream).toMatchObject({
      'recall@1': 0.5,
      'precision@1': 0.5,
      'recall@5': 1,
      'precision@5': 2 / 3,
      expected: 2,
    });
    expect(doc.pooled.company).toMatchObject({ 'recall@1': 1, 'precision@1': 1, 'precision@5': 1 });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('when cases are reported as text, then a row per case and level and the pooled rows follow one header', () => {
    const text = formatEvaluation(RESULTS);
    expect(text).toContain(
      '| case | level | expected | recall@1 | precision@1 | recall@5 | precision@5 | ceiling recall@1 | ties@1/5 | tied ranks |',
    );
    expect(text).toContain('| one | stream | 1 | 0 % | 0 % | 100 % | 50 % | 100 % | 0 / 0 | 0 |');
    expect(text).toContain('| all (pooled) | stream | 2 | 50 % | 50 % | 100 % | 67 % | 100 % | 0 / 0 | 0 |');
  });
});

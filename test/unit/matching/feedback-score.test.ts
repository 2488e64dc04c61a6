/**
 * The feedback term in the engine (pair.ts): a learned adjustment is added to a pair's weighted
 * score only when the snapshot carries a table and the config switches the rule on.
 */
import { describe, expect, it } from 'vitest';
import {
  buildFeedback,
  type Decision,
  type FeedbackRule,
  type FeedbackTable,
} from '../../../src/matching/feedback.ts';
import { evaluatePair, newPairScore, type PairContext, scorePair } from '../../../src/matching/pair.ts';
import { prepareListing } from '../../../src/matching/prepared-listing.ts';
import type { Candidate, MatchConfig } from '../../../src/matching/types.ts';
import { CONFIG, CTX, materialNeed, materialOffer, northOfOslo } from './fixtures.ts';

const RULE: FeedbackRule = { enabled: true, maxPenalty: 0.15, prior: 2, minRejections: 3 };
const ON: MatchConfig = { ...CONFIG, feedback: RULE };
const OFF: MatchConfig = { ...CONFIG, feedback: { ...RULE, enabled: false } };

// A material pair 30 km apart (band 2, 20-50 km): offer LoW 10 → need LoW 10.
const offer = materialOffer('o1', ['100105']);
const need = materialNeed('n1', { wasteCodes: ['1001'] }, { ...northOfOslo(30), amount: 150 });

const decisions = (n: number, reasonCode: string, spec: Partial<Decision> = {}): Decision[] =>
  Array.from({ length: n }, () => ({
    kind: 'material',
    offerFamily: 'LoW 10',
    needFamily: 'LoW 10',
    band: 2,
    outcome: 'turned-down',
    reasonCode,
    ...spec,
  }));

/** 5 quality rejections of LoW 10 → LoW 10: −0.15 × 5 / 7 = −0.107. */
const PAIRING_TABLE = buildFeedback(decisions(5, 'quality'), RULE);
const ADJ = -0.107;

const ctx = (config: MatchConfig, feedback?: FeedbackTable): PairContext => ({
  ...CTX,
  config,
  ...(feedback ? { feedback } : {}),
});

function evaluate(c: PairContext): Candidate {
  const candidate = evaluatePair(offer, need, c);
  if (!candidate) throw new Error('the pair should be compatible');
  return candidate;
}

const plain = evaluate(CTX);

describe('the feedback term', () => {
  it('when the fixture pair is scored without feedback, then it has the five weighted terms and room below it', () => {
    expect(plain.terms.map((t) => t.name)).toEqual([
      'resource',
      'quantity',
      'distance',
      'temporal',
      'quality',
    ]);
    expect(plain.score).toBeGreaterThan(0.3);
    expect(PAIRING_TABLE.pairings.get('material')?.get('LoW 10')?.get('LoW 10')?.value).toBe(ADJ);
  });

  it("when the table penalises the pair's pairing, then the score is lowered by exactly the adjustment", () => {
    const c = evaluate(ctx(ON, PAIRING_TABLE));
    expect(c.score).toBe(Math.max(0, plain.score + ADJ));
    expect(c.score).toBeCloseTo(plain.score - 0.107, 12);
    expect(c.terms.slice(0, 5)).toEqual(plain.terms);
    expect(c.terms).toHaveLength(6);
    const term = c.terms[5]!;
    expect(term).toMatchObject({ name: 'feedback', weight: 1, value: ADJ });
    expect(term.reason.startsWith('facilitator feedback: −')).toBe(true);
    expect(term.reason).toBe(
      'facilitator feedback: −0.11 from 5 quality rejections of material LoW 10 → LoW 10',
    );
    // Everything else of the candidate is as without feedback.
    expect({ ...c, score: plain.score, terms: plain.terms }).toEqual(plain);
  });

  it("when the table penalises the pair's distance band too, then both are added and the term names both", () => {
    const table = buildFeedback([...decisions(5, 'quality'), ...decisions(4, 'distance')], RULE);
    // Band: −0.15 × 4 / 6 = −0.1.
    const c = evaluate(ctx(ON, table));
    const total = ADJ + -0.1;
    expect(c.score).toBe(Math.max(0, plain.score + total));
    const term = c.terms.find((t) => t.name === 'feedback');
    expect(term).toMatchObject({ name: 'feedback', weight: 1, value: total });
    expect(term?.reason).toMatch(
      /^facilitator feedback: −0\.21 \(−0\.11 from .*; −0\.10 from .* 20-50 km apart\)$/,
    );
  });

  it('when only another band or another pairing is penalised, then the candidate is the one without feedback', () => {
    const table = buildFeedback(
      [
        ...decisions(5, 'distance', { band: 3 }),
        ...decisions(5, 'quality', { needFamily: 'LoW 17' }),
        ...decisions(5, 'quality', { kind: 'energy' }),
      ],
      RULE,
    );
    expect(table.version).not.toBe('none');
    expect(evaluate(ctx(ON, table))).toEqual(plain);
  });

  it('when the adjustment exceeds the score, then the score is clamped at 0', () => {
    // Both groups at −maxPenalty (0.5, no prior): −1 in all.
    const rule = { ...RULE, maxPenalty: 0.5, prior: 0 };
    const table = buildFeedback([...decisions(10, 'price'), ...decisions(10, 'distance')], rule);
    const c = evaluate(ctx({ ...CONFIG, feedback: rule }, table));
    expect(plain.score).toBeLessThan(1);
    expect(c.score).toBe(0);
    expect(c.terms.find((t) => t.name === 'feedback')).toMatchObject({ weight: 1, value: -1 });
  });

  it('when the rule is switched off, then the candidate is identical to the one without feedback', () => {
    expect(evaluate(ctx(OFF, PAIRING_TABLE))).toEqual(plain);
  });

  it('when the rule is on but there is no table, or an empty one, then the candidate is identical to the one without feedback', () => {
    expect(evaluate(ctx(ON))).toEqual(plain);
    expect(evaluate(ctx(ON, buildFeedback([], RULE)))).toEqual(plain);
  });

  it('when the config has no feedback rule at all, then a table changes nothing', () => {
    expect(evaluate(ctx(CONFIG, PAIRING_TABLE))).toEqual(plain);
  });

  it('when the adjusted score falls below minScore, then the pair is dropped', () => {
    const minScore = plain.score - 0.05;
    expect(evaluatePair(offer, need, ctx({ ...CONFIG, minScore }))).not.toBeNull();
    expect(evaluatePair(offer, need, ctx({ ...OFF, minScore }, PAIRING_TABLE))).not.toBeNull();
    expect(evaluatePair(offer, need, ctx({ ...ON, minScore }, PAIRING_TABLE))).toBeNull();
    // Just at the adjusted score it is kept.
    const kept = evaluatePair(offer, need, ctx({ ...ON, minScore: plain.score + ADJ }, PAIRING_TABLE));
    expect(kept?.score).toBe(plain.score + ADJ);
  });

  it('when the numeric phase scores the pair alone, then it finds the explained score and the adjustment', () => {
    const s = newPairScore();
    expect(scorePair(prepareListing(offer), prepareListing(need), ctx(ON, PAIRING_TABLE), s)).toBe(true);
    expect(s.score).toBe(evaluate(ctx(ON, PAIRING_TABLE)).score);
    expect(s.feedback).toBe(ADJ);
    expect(scorePair(prepareListing(offer), prepareListing(need), ctx(OFF, PAIRING_TABLE), s)).toBe(true);
    expect(s.score).toBe(plain.score);
    expect(s.feedback).toBe(0);
  });
});

/**
 * The learning loop's rule (matching/feedback.ts), pure: which decisions feed which table, the
 * bounded formula, the version of a table and the sentence a candidate shows.
 *
 *   adjustment = −maxPenalty × max(0, r − a) / (r + a + prior),  only when r ≥ minRejections,
 *   rounded to 0.001, never below −maxPenalty, never positive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Adjustment,
  adjustmentsOf,
  bandLabel,
  buildFeedback,
  type Decision,
  distanceBand,
  type FeedbackRule,
  type FeedbackTable,
  feedbackReason,
  isEmpty,
  NO_FEEDBACK,
  resourceFamily,
} from '../../../src/matching/feedback.ts';

const RULE: FeedbackRule = { enabled: true, maxPenalty: 0.15, prior: 2, minRejections: 3 };

type Spec = Partial<Decision>;
const decision = (outcome: Decision['outcome'], reasonCode?: string, spec: Spec = {}): Decision => ({
  kind: 'material',
  offerFamily: 'LoW 10',
  needFamily: 'LoW 10',
  band: 2,
  outcome,
  ...(reasonCode !== undefined ? { reasonCode } : {}),
  ...spec,
});
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
const rejections = (n: number, reasonCode: string, spec: Spec = {}) =>
  times(n, () => decision('turned-down', reasonCode, spec));
const accepted = (n: number, spec: Spec = {}) => times(n, () => decision('accepted', undefined, spec));

const pairing = (t: FeedbackTable, kind = 'material', offer = 'LoW 10', need = 'LoW 10') =>
  t.pairings.get(kind)?.get(offer)?.get(need);
const band = (t: FeedbackTable, b = 2, kind = 'material') => t.bands.get(kind)?.get(b);
const allAdjustments = (t: FeedbackTable): Adjustment[] => [
  ...[...t.pairings.values()].flatMap((byOffer) => [...byOffer.values()].flatMap((m) => [...m.values()])),
  ...[...t.bands.values()].flatMap((m) => [...m.values()]),
];

/** The formula, written out here: the same arithmetic as the rule's text. */
function formula(r: number, a: number, rule: FeedbackRule): number | undefined {
  if (r < rule.minRejections) return undefined;
  const raw = (-rule.maxPenalty * Math.max(0, r - a)) / (r + a + rule.prior);
  const value = Math.max(-rule.maxPenalty, Math.round(raw * 1000) / 1000);
  return value === 0 ? undefined : value;
}

describe('the formula', () => {
  it('when a pairing has 5 quality rejections (maxPenalty 0.15, prior 2), then it is −0.15 × 5/7 rounded: −0.107', () => {
    const t = buildFeedback(rejections(5, 'quality'), RULE);
    expect(pairing(t)).toEqual({ value: -0.107, rejections: 5, accepted: 0, reasons: { quality: 5 } });
  });

  it('when a group has fewer than minRejections rejections, then it adjusts nothing', () => {
    const t = buildFeedback(rejections(2, 'quality'), RULE);
    expect(pairing(t)).toBeUndefined();
    expect(isEmpty(t)).toBe(true);
    expect(buildFeedback(rejections(3, 'quality'), RULE).pairings.size).toBe(1);
    expect(pairing(buildFeedback(rejections(3, 'quality'), { ...RULE, minRejections: 4 }))).toBeUndefined();
  });

  it('when suggestions of the group were taken forward, then they damp the penalty, to nothing at r ≤ a', () => {
    // −0.15 × (5 − 1) / (5 + 1 + 2) = −0.075
    expect(pairing(buildFeedback([...rejections(5, 'price'), ...accepted(1)], RULE))?.value).toBe(-0.075);
    // −0.15 × (5 − 3) / (5 + 3 + 2) = −0.03
    expect(pairing(buildFeedback([...rejections(5, 'price'), ...accepted(3)], RULE))?.value).toBe(-0.03);
    expect(pairing(buildFeedback([...rejections(5, 'price'), ...accepted(5)], RULE))).toBeUndefined();
    expect(pairing(buildFeedback([...rejections(5, 'price'), ...accepted(9)], RULE))).toBeUndefined();
  });

  it('when there are many rejections and no prior, then the penalty reaches −maxPenalty and no further', () => {
    const rule = { ...RULE, prior: 0 };
    expect(pairing(buildFeedback(rejections(50, 'regulation'), rule))?.value).toBe(-0.15);
    expect(pairing(buildFeedback(rejections(500, 'regulation'), { ...RULE, prior: 1 }))?.value).toBe(-0.15);
  });

  it('when the raw value rounds to zero, then there is no adjustment (not a −0 entry)', () => {
    // −0.001 × 3 / 10 = −0.0003 → 0
    const t = buildFeedback(rejections(3, 'quality'), { ...RULE, maxPenalty: 0.001, prior: 7 });
    expect(isEmpty(t)).toBe(true);
    expect(t.version).toBe('none');
  });

  it('when decisions and rules are arbitrary, then each adjustment is the formula, in [−maxPenalty, 0), on the 0.001 grid', () => {
    const reason = fc.constantFrom('quality', 'regulation', 'price');
    fc.assert(
      fc.property(
        fc.array(reason, { maxLength: 60 }),
        fc.nat({ max: 60 }),
        fc.record({
          enabled: fc.constant(true),
          maxPenalty: fc.double({ min: 0, max: 0.5, noNaN: true }),
          prior: fc.double({ min: 0, max: 100, noNaN: true }),
          minRejections: fc.integer({ min: 1, max: 20 }),
        }),
        (codes, a, rule) => {
          const r = codes.length;
          const t = buildFeedback([...codes.map((c) => decision('turned-down', c)), ...accepted(a)], rule);
          const adj = pairing(t);
          expect(adj?.value).toBe(formula(r, a, rule));
          for (const x of allAdjustments(t)) {
            expect(x.value).toBeLessThan(0);
            expect(x.value).toBeGreaterThanOrEqual(-rule.maxPenalty);
            // On the 0.001 grid, or exactly −maxPenalty when the clamp cut a rounding below it.
            const onGrid = Math.abs(x.value * 1000 - Math.round(x.value * 1000)) < 1e-9;
            expect(onGrid || x.value === -rule.maxPenalty).toBe(true);
          }
          if (adj) {
            expect(adj.rejections).toBe(r);
            expect(adj.accepted).toBe(a);
          }
        },
      ),
      { numRuns: 1000, seed: 11 },
    );
  });

  it('when one more suggestion is taken forward, then the penalty never grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (r, a, maxPenalty, prior) => {
          const rule = { ...RULE, maxPenalty, prior };
          const before =
            pairing(buildFeedback([...rejections(r, 'quality'), ...accepted(a)], rule))?.value ?? 0;
          const after =
            pairing(buildFeedback([...rejections(r, 'quality'), ...accepted(a + 1)], rule))?.value ?? 0;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 500, seed: 5 },
    );
  });
});

describe('which decisions feed which table', () => {
  it.each(['quality', 'regulation', 'price'])(
    'when pairs are turned down for %s, then the pairing table learns it and the band table does not',
    (code) => {
      const t = buildFeedback(rejections(4, code), RULE);
      expect(pairing(t)).toMatchObject({ rejections: 4, reasons: { [code]: 4 } });
      expect(t.bands.size).toBe(0);
    },
  );

  it('when pairs are turned down for distance, then the band table learns it, by kind and band, and the pairing table does not', () => {
    const t = buildFeedback(rejections(4, 'distance', { band: 3 }), RULE);
    expect(t.pairings.size).toBe(0);
    expect(band(t, 3)).toEqual({ value: -0.1, rejections: 4, accepted: 0, reasons: { distance: 4 } });
    expect(band(t, 2)).toBeUndefined();
    expect(band(t, 3, 'energy')).toBeUndefined();
  });

  it.each(['quantity', 'timing', 'trust', 'other', undefined])(
    'when pairs are turned down for %s, then nothing is learned',
    (code) => {
      const t = buildFeedback(
        times(10, () => decision('turned-down', code)),
        RULE,
      );
      expect(isEmpty(t)).toBe(true);
      expect(t.version).toBe('none');
    },
  );

  it('when reasons mix, then only the learned ones count towards a group and its minRejections', () => {
    const t = buildFeedback(
      [...rejections(2, 'quality'), ...rejections(5, 'trust'), ...rejections(2, 'distance')],
      RULE,
    );
    expect(isEmpty(t)).toBe(true);
    const u = buildFeedback(
      [...rejections(2, 'quality'), ...rejections(1, 'price'), ...rejections(5, 'timing')],
      RULE,
    );
    expect(pairing(u)).toEqual({
      value: -0.09,
      rejections: 3,
      accepted: 0,
      reasons: { quality: 2, price: 1 },
    });
  });

  it('when suggestions are taken forward, then they damp both their pairing and their band', () => {
    const t = buildFeedback(
      [
        ...rejections(5, 'quality'),
        ...rejections(5, 'distance'),
        ...accepted(1),
        ...accepted(1, { band: 0 }),
      ],
      RULE,
    );
    // Pairing: both acceptances, −0.15 × 3 / 9 = −0.05. Band 2: only its own, −0.15 × 4 / 8 = −0.075.
    expect(pairing(t)).toMatchObject({ value: -0.05, rejections: 5, accepted: 2 });
    expect(band(t, 2)).toMatchObject({ value: -0.075, rejections: 5, accepted: 1 });
    expect(band(t, 0)).toBeUndefined();
  });

  it('when groups differ in kind or families, then they are learned apart', () => {
    const t = buildFeedback(
      [
        ...rejections(3, 'quality'),
        ...rejections(2, 'quality', { needFamily: 'category cement-raw-material' }),
        ...rejections(3, 'quality', { kind: 'water', offerFamily: 'grey', needFamily: 'process' }),
      ],
      RULE,
    );
    expect(pairing(t)?.rejections).toBe(3);
    expect(pairing(t, 'material', 'LoW 10', 'category cement-raw-material')).toBeUndefined();
    expect(pairing(t, 'water', 'grey', 'process')?.rejections).toBe(3);
    expect(pairing(t, 'energy', 'LoW 10', 'LoW 10')).toBeUndefined();
  });
});

describe('the version', () => {
  it('when nothing is learned, then the version is none', () => {
    expect(buildFeedback([], RULE).version).toBe('none');
    expect(buildFeedback([...rejections(2, 'quality'), ...accepted(10)], RULE).version).toBe('none');
    expect(NO_FEEDBACK.version).toBe('none');
    expect(isEmpty(NO_FEEDBACK)).toBe(true);
    expect(isEmpty(undefined)).toBe(true);
  });

  it('when something is learned, then the version is fb- and 8 hex digits', () => {
    expect(buildFeedback(rejections(5, 'quality'), RULE).version).toMatch(/^fb-[0-9a-f]{8}$/);
  });

  it('when the same decisions come in any order, then the table and its version are the same', () => {
    const arbitraryDecision = fc.record({
      kind: fc.constantFrom('material', 'energy', 'water', 'land') as fc.Arbitrary<Decision['kind']>,
      offerFamily: fc.constantFrom('LoW 10', 'LoW 17'),
      needFamily: fc.constantFrom('LoW 10', 'category gypsum'),
      band: fc.integer({ min: 0, max: 4 }),
      outcome: fc.constantFrom('accepted', 'turned-down') as fc.Arbitrary<Decision['outcome']>,
      reasonCode: fc.constantFrom('quality', 'regulation', 'price', 'distance', 'trust', 'other'),
    });
    fc.assert(
      fc.property(
        fc
          .array(arbitraryDecision, { maxLength: 80 })
          .chain((ds) => fc.tuple(fc.constant(ds), fc.shuffledSubarray(ds, { minLength: ds.length }))),
        ([ds, shuffled]) => {
          const a = buildFeedback(ds, { ...RULE, minRejections: 1 });
          const b = buildFeedback(shuffled, { ...RULE, minRejections: 1 });
          expect(b.version).toBe(a.version);
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it('when a decision that is not learned from is added, then the version stays', () => {
    const base = [...rejections(5, 'quality'), ...accepted(1)];
    const v = buildFeedback(base, RULE).version;
    expect(buildFeedback([...base, ...rejections(3, 'trust')], RULE).version).toBe(v);
    expect(buildFeedback([...base, ...rejections(2, 'distance')], RULE).version).toBe(v);
  });

  it('when an adjustment changes, then the version changes', () => {
    const base = [...rejections(5, 'quality'), ...rejections(4, 'distance')];
    const v = buildFeedback(base, RULE).version;
    const versions = [
      buildFeedback([...base, ...rejections(1, 'quality')], RULE).version,
      buildFeedback([...base, ...rejections(1, 'distance')], RULE).version,
      buildFeedback([...base, ...accepted(1)], RULE).version,
      buildFeedback([...base, ...accepted(1, { offerFamily: 'LoW 17' })], RULE).version,
      buildFeedback(base, { ...RULE, maxPenalty: 0.2 }).version,
      buildFeedback(
        rejections(5, 'quality', { needFamily: 'LoW 17' }).concat(rejections(4, 'distance')),
        RULE,
      ).version,
    ];
    for (const other of versions) expect(other).not.toBe(v);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('when the same count of rejections has other reasons, then the version changes with the sentence', () => {
    const quality = buildFeedback(rejections(3, 'quality'), RULE);
    const price = buildFeedback(rejections(3, 'price'), RULE);
    expect(pairing(quality)?.value).toBe(pairing(price)?.value);
    expect(price.version).not.toBe(quality.version);
  });
});

describe('distance bands and resource families', () => {
  it.each([
    [0, 0],
    [4.999, 0],
    [5, 1],
    [19.99, 1],
    [20, 2],
    [49.9, 2],
    [50, 3],
    [149.99, 3],
    [150, 4],
    [2000, 4],
  ])('when a pair is %s km apart, then it is in band %s', (km, b) => {
    expect(distanceBand(km)).toBe(b);
  });

  it('when a band is labelled, then the label names its bounds, the last open', () => {
    expect([0, 1, 2, 3, 4].map(bandLabel)).toEqual(['0-5 km', '5-20 km', '20-50 km', '50-150 km', '150+ km']);
  });

  it('when a listing is grouped, then material goes by LoW chapter, else category, and the other kinds by their type', () => {
    expect(
      resourceFamily({ kind: 'material', material: { wasteCodes: ['100105', '170504'], hazardous: false } }),
    ).toBe('LoW 10');
    expect(resourceFamily({ kind: 'material', material: { wasteCodes: ['1705'], hazardous: false } })).toBe(
      'LoW 17',
    );
    expect(resourceFamily({ kind: 'material', material: { category: 'gypsum', hazardous: false } })).toBe(
      'category gypsum',
    );
    expect(resourceFamily({ kind: 'material', material: { wasteCodes: [], hazardous: false } })).toBe(
      'material',
    );
    expect(resourceFamily({ kind: 'material' })).toBe('material');
    expect(resourceFamily({ kind: 'energy', energy: { carrier: 'steam' } })).toBe('steam');
    expect(resourceFamily({ kind: 'energy' })).toBe('energy');
    expect(resourceFamily({ kind: 'water', water: { type: 'cooling' } } as never)).toBe('cooling');
    expect(resourceFamily({ kind: 'water' })).toBe('water');
    expect(resourceFamily({ kind: 'land', land: { landUse: 'storage' } } as never)).toBe('storage');
    expect(resourceFamily({ kind: 'land' })).toBe('land');
  });
});

describe('adjustmentsOf', () => {
  const t = buildFeedback([...rejections(5, 'quality'), ...rejections(4, 'distance', { band: 2 })], RULE);

  it('when a pair has a learned pairing and lies in a learned band, then both come back with the band index', () => {
    expect(adjustmentsOf(t, 'material', 'LoW 10', 'LoW 10', 30)).toEqual({
      pairing: pairing(t),
      band: band(t, 2),
      bandIndex: 2,
    });
  });

  it('when the pair is in another band, of another kind or families, then the missing parts are undefined', () => {
    expect(adjustmentsOf(t, 'material', 'LoW 10', 'LoW 10', 60)).toEqual({
      pairing: pairing(t),
      band: undefined,
      bandIndex: 3,
    });
    expect(adjustmentsOf(t, 'material', 'LoW 17', 'LoW 10', 30)).toEqual({
      pairing: undefined,
      band: band(t, 2),
      bandIndex: 2,
    });
    expect(adjustmentsOf(t, 'energy', 'LoW 10', 'LoW 10', 30)).toEqual({
      pairing: undefined,
      band: undefined,
      bandIndex: 2,
    });
  });
});

describe('feedbackReason', () => {
  it('when 5 quality rejections penalise a pairing (maxPenalty 0.15, prior 2, minRejections 3), then the sentence is exact', () => {
    const t = buildFeedback(rejections(5, 'quality'), RULE);
    const parts = adjustmentsOf(t, 'material', 'LoW 10', 'LoW 10', 30);
    expect(feedbackReason(parts.pairing!.value, parts, 'material', 'LoW 10', 'LoW 10')).toBe(
      'facilitator feedback: −0.11 from 5 quality rejections of material LoW 10 → LoW 10',
    );
  });

  it('when the reasons mix and some were taken forward, then they are counted in code order, singular for one', () => {
    const t = buildFeedback([...rejections(4, 'quality'), ...rejections(1, 'price'), ...accepted(2)], RULE);
    const parts = adjustmentsOf(t, 'material', 'LoW 10', 'LoW 10', 100);
    // −0.15 × 3 / 9 = −0.05
    expect(feedbackReason(-0.05, parts, 'material', 'LoW 10', 'LoW 10')).toBe(
      'facilitator feedback: −0.05 from 1 price rejection and 4 quality rejections, 2 taken forward of material LoW 10 → LoW 10',
    );
  });

  it('when only the band penalises, then the sentence names the band', () => {
    const t = buildFeedback(rejections(5, 'distance', { band: 2 }), RULE);
    const parts = adjustmentsOf(t, 'material', 'LoW 10', 'LoW 10', 30);
    expect(feedbackReason(parts.band!.value, parts, 'material', 'LoW 10', 'LoW 10')).toBe(
      'facilitator feedback: −0.11 from 5 distance rejections of material pairs 20-50 km apart',
    );
  });

  it('when both penalise, then the total comes first and the parts follow', () => {
    const t = buildFeedback([...rejections(5, 'quality'), ...rejections(5, 'distance', { band: 4 })], RULE);
    const parts = adjustmentsOf(t, 'material', 'LoW 10', 'LoW 10', 200);
    expect(feedbackReason(-0.214, parts, 'material', 'LoW 10', 'LoW 10')).toBe(
      'facilitator feedback: −0.21 (−0.11 from 5 quality rejections of material LoW 10 → LoW 10; ' +
        '−0.11 from 5 distance rejections of material pairs 150+ km apart)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { hashContent, type SuggestionContent, suggestionRow } from '../../../src/store/match-store.ts';

/** A published pair as a run would hash it; every field here is something a reader sees or a version. */
const content = (): SuggestionContent => ({
  pairKey: 'li_offer|li_need',
  offerId: 'li_offer',
  needId: 'li_need',
  kind: 'material',
  score: 0.91,
  distanceKm: 12.5,
  route: { type: 'direct', detail: 'code 191210' },
  terms: [
    { name: 'resource', weight: 0.3, value: 1, reason: "offer code 191210 is accepted by the need's code" },
  ],
  impact: { quantity: 12.2, unit: 't/yr', co2eAvoidedT: 3.1 },
  co2eAvoidedT: 3.1,
  economics: {
    costSet: 'costs-no-2025@2025.1',
    straightKm: 12.5,
    routeKm: 16.3,
    detourFactor: 1.3,
    crossesOpenWater: false,
    mode: 'truck',
    transportCostNokPerYear: 47.7,
  },
  maxQuantity: 12.2,
  offerUse: 1,
  allocatedQuantity: 4,
  unit: 't/yr',
  source: 'run',
  lastRunId: 'run_1',
  engineVersion: '2.2.0',
  factorSet: 'no-physical-2025@2025.2',
  configVersion: '2',
});

describe('hashContent (what decides whether a run rewrites a published suggestion)', () => {
  it('when any value a reader sees or any version changes, then the hash changes', () => {
    const base = content();
    const changes: [string, Partial<SuggestionContent>][] = [
      ['pair', { pairKey: 'li_offer|li_other' }],
      ['kind', { kind: 'energy' }],
      ['score', { score: 0.92 }],
      ['distance', { distanceKm: 12.6 }],
      ['route', { route: { type: 'direct', detail: 'code 191212' } }],
      ['reason', { terms: [{ ...base.terms[0]!, reason: 'another reason' }] }],
      ['impact', { impact: { ...base.impact, quantity: 12.3 } }],
      ['CO2e', { co2eAvoidedT: 3.2 }],
      ['economics', { economics: null }],
      ['quantity', { maxQuantity: 12.3 }],
      ['offer use', { offerUse: 0.5 }],
      ['unit', { unit: 'm3/yr' }],
      ['engine', { engineVersion: '2.3.0' }],
      ['factor set', { factorSet: 'eu-mix-2025@2025.2' }],
      ['config', { configVersion: '3' }],
      [
        'chain',
        {
          chain: {
            processorNeedId: 'li_pn',
            processorOfferId: 'li_po',
            processorCompanyId: 'co_p',
          } as SuggestionContent['chain'],
        },
      ],
    ];
    const hash = hashContent(base);
    for (const [what, change] of changes)
      expect(hashContent({ ...content(), ...change }), what).not.toBe(hash);
  });

  it('when only the allocation, the run or the source differ, then the hash is the same (they are compared or written apart)', () => {
    const c = content();
    c.allocatedQuantity = 9;
    c.lastRunId = 'run_2';
    c.source = 'incremental';
    expect(hashContent(c)).toBe(hashContent(content()));
  });

  it('when a row is built, then it carries the content hash, given or computed', () => {
    const c = content();
    const hash = hashContent(c);
    expect(suggestionRow({ ...c, id: 'sg_1' }).hash).toBe(hash);
    expect(suggestionRow({ ...c, id: 'sg_1' }, hash).props.contentHash).toBe(hash);
  });
});

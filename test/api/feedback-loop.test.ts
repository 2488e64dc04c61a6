/**
 * The learning loop over HTTP against Neo4j: rejections with reasons change the next run's scores
 * as the feedback rule says (README "The feedback rule"), the adjustment is shown among the score
 * terms, and switching the rule off (match config 1) restores the old scores exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateDecisions } from '../../src/services/evaluate.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let fac = '';
const pairs = new Map<string, string>();

type Term = { name: string; weight: number; value: number; reason: string };

async function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, unknown>;
}

async function run(): Promise<Record<string, unknown>> {
  const started = await ok(await app.request('POST', '/match-runs', {}), 202);
  await settleMatchRuns();
  return ok(await app.request('GET', `/match-runs/${started['id']}`));
}

async function suggestion(key: string): Promise<{ score: number; terms: Term[] }> {
  const r = await ok(await app.as(fac).request('GET', `/suggestions/${pairs.get(key)}`));
  return r['suggestion'] as { score: number; terms: Term[] };
}

beforeAll(async () => {
  app = await startTestApp();
  fac = await app.user({ name: 'Facilitator', role: 'facilitator', regions: ['4617'] });
  const listings: Record<string, string> = {};
  const make = async (name: string, lat: number, body: Record<string, unknown>) => {
    const c = await ok(
      await app.request('POST', '/companies', { name, country: 'SE', industry: '24.420' }),
      201,
    );
    const s = await ok(
      await app.request('POST', `/companies/${c['id']}/sites`, { name: 'Works', lat, lon: 5.77 }),
      201,
    );
    const l = await ok(
      await app.request('POST', '/listings', { siteId: s['id'], kind: 'material', ...body }),
      201,
    );
    listings[name] = l['id'] as string;
  };
  const offer = {
    direction: 'offer',
    title: 'Anode scraps',
    quantity: { value: 400, unit: 't/yr' },
    material: { wasteCodes: ['100302'] },
  };
  const need = {
    direction: 'need',
    title: 'Carbon for recovery',
    quantity: { value: 300, unit: 't/yr' },
    material: { wasteCodes: ['1003'] },
  };
  await make('O1', 59.87, offer);
  await make('O2', 59.88, offer);
  await make('N1', 59.89, need);
  await make('N2', 59.9, need);
  const all = await ok(await app.request('GET', '/suggestions?limit=50'));
  for (const s of all['items'] as { id: string; offer: { id: string }; need: { id: string } }[]) {
    const o = Object.keys(listings).find((k) => listings[k] === s.offer.id);
    const n = Object.keys(listings).find((k) => listings[k] === s.need.id);
    pairs.set(`${o}-${n}`, s.id);
  }
  expect([...pairs.keys()].sort()).toEqual(['O1-N1', 'O1-N2', 'O2-N1', 'O2-N2']);
});
afterAll(async () => {
  app.runtime.deps.settings.matchConfig = '2';
  await app?.close();
});

describe('the learning loop', () => {
  let before: { score: number; terms: Term[] };

  it('when nothing has been decided, then a run scores with the weights alone', async () => {
    const first = await run();
    expect(first).toMatchObject({ status: 'finished', configVersion: '2', feedback: 'none' });
    before = await suggestion('O2-N2');
    expect(before.terms.map((t) => t.name)).not.toContain('feedback');
  });

  it('when reasons other than quality, regulation, price or distance are given, then nothing is learned', async () => {
    const move = async (key: string, code: string) =>
      ok(
        await app.as(fac).request('POST', `/suggestions/${pairs.get(key)}/transitions`, {
          to: 'rejected',
          version: 0,
          reason: { code, text: 'seen on site' },
        }),
      );
    await move('O1-N1', 'trust');
    const table = await ok(await app.as(fac).request('GET', '/feedback'));
    expect(table).toMatchObject({ enabled: true, configVersion: '2', version: 'none', adjustments: [] });
    // Two more, for quality: with the trust one, only two quality rejections (fewer than 3).
    await move('O1-N2', 'quality');
    await move('O2-N1', 'quality');
    expect((await ok(await app.as(fac).request('GET', '/feedback')))['adjustments']).toEqual([]);
  });

  it('when a pairing has 3 quality rejections, then the next run lowers its scores by 0.15 × 3 / (3 + 2), shown as a term', async () => {
    // The trust rejection stays what it was: rejections are final.
    const o1n1 = await ok(await app.as(fac).request('GET', `/suggestions/${pairs.get('O1-N1')}`));
    expect(o1n1['state']).toBe('rejected');
    // The third quality rejection comes from a new pair of the same families.
    const c = await ok(
      await app.request('POST', '/companies', { name: 'O3', country: 'SE', industry: '24.420' }),
      201,
    );
    const s = await ok(
      await app.request('POST', `/companies/${c['id']}/sites`, { name: 'Works', lat: 59.86, lon: 5.77 }),
      201,
    );
    const l = await ok(
      await app.request('POST', '/listings', {
        siteId: s['id'],
        kind: 'material',
        direction: 'offer',
        title: 'Anode scraps',
        quantity: { value: 50, unit: 't/yr' },
        material: { wasteCodes: ['100302'] },
      }),
      201,
    );
    const third = (l['suggestions'] as { id: string }[])[0]!.id;
    await ok(
      await app.as(fac).request('POST', `/suggestions/${third}/transitions`, {
        to: 'rejected',
        version: 0,
        reason: { code: 'quality' },
      }),
    );
    const table = await ok(await app.as(fac).request('GET', '/feedback'));
    expect(table['adjustments']).toEqual([
      {
        group: 'pairing',
        kind: 'material',
        offerFamily: 'LoW 10',
        needFamily: 'LoW 10',
        value: -0.09,
        rejections: 3,
        accepted: 0,
        reasons: { quality: 3 },
      },
    ]);

    const second = await run();
    expect(second['feedback']).toBe(table['version']);
    const after = await suggestion('O2-N2');
    expect(after.score).toBeCloseTo(before.score - 0.09, 12);
    const feedback = after.terms.find((t) => t.name === 'feedback');
    expect(feedback).toEqual({
      name: 'feedback',
      weight: 1,
      value: -0.09,
      reason: 'facilitator feedback: −0.09 from 3 quality rejections of material LoW 10 → LoW 10',
    });
    // The weighted terms are those of before.
    expect(after.terms.filter((t) => t.name !== 'feedback')).toEqual(before.terms);
  });

  it('when the rule is switched off in the match config, then the old scores come back', async () => {
    app.runtime.deps.settings.matchConfig = '1';
    const third = await run();
    expect(third['configVersion']).toBe('1');
    expect(third['feedback']).toBeUndefined();
    const restored = await suggestion('O2-N2');
    expect(restored.score).toBe(before.score);
    expect(restored.terms).toEqual(before.terms);
  });
});

describe('evaluate --decisions', () => {
  it('when people have decided, then the evaluation ranks their decisions by score and names the reasons', async () => {
    await ok(
      await app.as(fac).request('POST', `/suggestions/${pairs.get('O2-N2')}/transitions`, {
        to: 'introduced',
        version: 0,
      }),
    );
    const result = await evaluateDecisions(app.runtime.deps);
    expect(result).toMatchObject({ decisions: 5, accepted: 1, turnedDown: 4 });
    expect(result.baseRate).toBeCloseTo(0.2, 12);
    expect(Object.fromEntries(result.reasons.map((r) => [r.reasonCode, r.count]))).toEqual({
      quality: 3,
      trust: 1,
    });
    const at5 = result.atK.find((a) => a.k === 5)!;
    expect(at5.accepted).toBe(1);
  });
});

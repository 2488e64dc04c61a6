/**
 * The mission's indicators over HTTP on the demo region: a few suggestions carried through the
 * review workflow to implemented, one rejected; realised figures come from the recorded quantities
 * only, potential ones from allocated quantities of the suggestions still open, the funnel from the
 * review events, and no company is named to an analyst.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let analyst = '';

interface QueueItem {
  id: string;
  version: number;
  kind: string;
  suggestion: { allocatedQuantity: number | null; unit: string };
}

async function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  // biome-ignore lint/suspicious/noExplicitAny: the tests read the JSON answers
  return res.body as any;
}

async function step(id: string, to: string, extra: object = {}) {
  const now = await ok(await app.request('GET', `/suggestions/${id}`));
  return ok(
    await app.request('POST', `/suggestions/${id}/transitions`, { to, version: now.version, ...extra }),
  );
}

/** Realised figure of a kind, in the unit of the indicators (GWh for energy). */
const figureOf: Record<string, [string, number]> = {
  material: ['materialsT', 1],
  energy: ['energyGWh', 1 / 1000],
  water: ['waterM3', 1],
  land: ['landM2', 1],
};

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  await app.request('POST', '/match-runs', {});
  await settleMatchRuns();
  analyst = await app.user({ name: 'County analyst', role: 'analyst' });
});
afterAll(async () => {
  await app?.close();
});

describe('indicators', () => {
  let before: Awaited<ReturnType<typeof ok>>;
  const implemented: { item: QueueItem; quantity: number }[] = [];

  it('when nothing has been decided, then nothing is realised and the potential counts allocated suggestions', async () => {
    before = await ok(await app.as(analyst).request('GET', '/indicators?region=4617'));
    expect(before.realised.activeSymbioses.value).toBe(0);
    expect(before.potential.suggestions.value).toBeGreaterThan(0);
    const stages = Object.fromEntries(
      before.funnel.stages.map((s: { stage: string; count: number }) => [s.stage, s.count]),
    );
    expect(stages['listings']).toBeGreaterThan(0);
    expect(stages['implemented']).toBe(0);
  });

  it('when two suggestions are implemented and one rejected, then realised figures are the recorded quantities and the potential loses them', async () => {
    const queue = (await ok(await app.request('GET', '/review-queue?limit=50'))).items as QueueItem[];
    // Two allocated suggestions of different kinds where the demo has them, else any two.
    const allocated = queue.filter((q) => (q.suggestion.allocatedQuantity ?? 0) > 0);
    const picks = [allocated[0]!, allocated.find((q) => q.kind !== allocated[0]!.kind) ?? allocated[1]!];
    const quantities = [120, 45];
    for (const [i, item] of picks.entries()) {
      for (const to of ['under-review', 'introduced', 'negotiating', 'agreed']) await step(item.id, to);
      await step(item.id, 'implemented', {
        outcome: {
          quantityPerYear: quantities[i],
          quantityBasis: i === 0 ? 'measured' : 'estimated',
          startDate: '2026-01-15',
          benefits: { costSavedNokPerYear: { value: 100000 * (i + 1), basis: 'estimated' } },
        },
      });
      implemented.push({ item, quantity: quantities[i]! });
    }
    const rejected = queue.find((q) => !picks.some((p) => p.id === q.id))!;
    await step(rejected.id, 'rejected', {
      reason: { code: 'regulation', text: 'needs an end-of-waste decision' },
    });

    const after = await ok(await app.as(analyst).request('GET', '/indicators?region=4617'));
    expect(after.realised.activeSymbioses.value).toBe(2);
    const expected: Record<string, { value: number; measured: number }> = {};
    for (const [i, { item, quantity }] of implemented.entries()) {
      const [name, scale] = figureOf[item.kind]!;
      expected[name] ??= { value: 0, measured: 0 };
      const e = expected[name];
      e.value += quantity * scale;
      if (i === 0) e.measured += quantity * scale;
    }
    for (const [name, e] of Object.entries(expected)) {
      expect(after.realised[name].value).toBeCloseTo(e.value, 9);
      expect(after.realised[name].measured).toBeCloseTo(e.measured, 9);
    }
    expect(after.realised.costSavedNokPerYear).toMatchObject({
      value: 300000,
      estimated: 300000,
      measured: 0,
    });

    // Potential: the implemented and the rejected suggestions left it, if they had an allocation.
    const left = [...picks, rejected].filter((q) => (q.suggestion.allocatedQuantity ?? 0) > 0).length;
    expect(after.potential.suggestions.value).toBe(before.potential.suggestions.value - left);

    const stages = Object.fromEntries(
      after.funnel.stages.map((s: { stage: string; count: number }) => [s.stage, s.count]),
    );
    expect(stages).toMatchObject({ 'under-review': 2, introduced: 2, agreed: 2, implemented: 2 });
    expect(after.barriers.byReason).toEqual([
      expect.objectContaining({ reasonCode: 'regulation', count: 1, rejected: 1, examples: [rejected.id] }),
    ]);
  });

  it('when an analyst reads the indicators, then no company is named in them', async () => {
    const companies = (await ok(await app.request('GET', '/companies?limit=500'))).items as {
      id: string;
      name: string;
    }[];
    const text = JSON.stringify(await ok(await app.as(analyst).request('GET', '/indicators')));
    for (const c of companies) {
      expect(text).not.toContain(c.id);
      expect(text).not.toContain(c.name);
    }
  });

  it('when a period ends before the exchanges started, then nothing is realised in it; a reversed period is 400', async () => {
    const early = await ok(await app.as(analyst).request('GET', '/indicators?region=4617&to=2026-01-01'));
    expect(early.realised.activeSymbioses.value).toBe(0);
    const reversed = await app.as(analyst).request('GET', '/indicators?from=2026-06-01&to=2026-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details).toContainEqual(expect.objectContaining({ path: 'to' }));
  });
});

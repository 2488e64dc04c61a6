/**
 * A run's staging and publication at the store level: staged rows are invisible, publication
 * shows them all at once, a listing changed meanwhile keeps its incremental suggestions, and a
 * failed run's staged rows go without touching what is published.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listingAccess } from '../../src/domain/access.ts';
import { SYSTEM } from '../../src/domain/caller.ts';
import { newId } from '../../src/domain/ids.ts';
import type { MatchRun } from '../../src/domain/suggestion.ts';
import type { MatchListing } from '../../src/matching/types.ts';
import type { Runtime } from '../../src/runtime.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { startMatchRun } from '../../src/services/match-runs.ts';
import { recoverInterruptedRuns } from '../../src/services/run-control.ts';
import { thisRunner } from '../../src/services/runner.ts';
import { allListings } from '../../src/store/listing-store.ts';
import {
  createRunWithLock,
  discardStaged,
  getRun,
  publishInBatches,
  publishRun,
  runFilter,
  runLockHolder,
  type SuggestionWrite,
  searchSuggestions,
  skipListingInPublication,
  stageRevisions,
  stageSuggestions,
  startPublication,
  suggestionCounts,
  suggestionRow,
  upsertSuggestions,
} from '../../src/store/match-store.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let runtime: Runtime;
let offers: MatchListing[];
let needs: MatchListing[];

beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  await loadDemoIfEmpty(runtime.deps);
  const listings = (await allListings(runtime.deps.store)).filter((l) => l.kind === 'material');
  offers = listings.filter((l) => l.direction === 'offer');
  needs = listings.filter((l) => l.direction === 'need');
});
afterAll(async () => {
  await runtime?.close();
});

const store = () => runtime.deps.store;

function write(o: MatchListing, n: MatchListing, score: number, runId: string | null): SuggestionWrite {
  return {
    id: newId('sg'),
    pairKey: `${o.id}|${n.id}`,
    offerId: o.id,
    needId: n.id,
    kind: 'material',
    score,
    distanceKm: 1,
    route: { type: 'direct' },
    terms: [],
    impact: { unit: 't/yr' },
    co2eAvoidedT: 1,
    maxQuantity: 1,
    offerUse: 1,
    allocatedQuantity: runId ? 0 : null,
    unit: 't/yr',
    source: runId ? 'run' : 'incremental',
    lastRunId: runId,
    engineVersion: 'test',
    factorSet: 'test',
    configVersion: '2',
  };
}

/** A computed pair as a run stages it. */
const staged = (w: SuggestionWrite) => suggestionRow(w);

/** The listings as the run read them: publication skips the pairs of those changed since. */
const read = () => [...offers, ...needs].map((l) => ({ id: l.id, version: l.updatedAt }));

async function newRun(): Promise<string> {
  const run: MatchRun = {
    id: newId('run'),
    status: 'running',
    scope: {},
    engineVersion: 'test',
    factorSet: 'test',
    configVersion: '2',
    startedAt: new Date().toISOString(),
  };
  const taken = await createRunWithLock(store(), run, thisRunner(), (h) => h.status !== 'running');
  expect(taken.created).toBe(true);
  return run.id;
}

/** What readers see: pair key -> score, allocation and status-visible run. */
async function visible(): Promise<Map<string, string>> {
  const page = await searchSuggestions(store(), { ...runFilter('x'), runId: null }, listingAccess(SYSTEM), {
    offset: 0,
    limit: 500,
  });
  return new Map(
    page.items.map(({ suggestion: s }) => [s.pairKey, `${s.score}/${s.allocatedQuantity}/${s.lastRunId}`]),
  );
}

describe('staging and publishing a run', () => {
  const now = '2026-06-01T00:00:00.000Z';
  let a: SuggestionWrite;
  let b: SuggestionWrite;
  let c: SuggestionWrite;

  beforeEach(async () => {
    await store().write((tx) => tx.run('MATCH (n) WHERE n:Suggestion OR n:StagedSuggestion DETACH DELETE n'));
    // Published: a and b, from an earlier refresh.
    a = write(offers[0]!, needs[0]!, 0.5, null);
    b = write(offers[0]!, needs[1]!, 0.6, null);
    c = write(offers[1]!, needs[0]!, 0.7, null);
    await upsertSuggestions(store(), [a, b], now);
  });

  it('when a run stages new, changed and withdrawn pairs, then readers see none of it until it publishes, then all of it', async () => {
    const before = await visible();
    const runId = await newRun();
    const rows = [
      staged(write(offers[0]!, needs[0]!, 0.9, runId)),
      staged({ ...c, lastRunId: runId, source: 'run', allocatedQuantity: 0 }),
    ];
    expect(await stageSuggestions(store(), runId, rows, now)).toEqual({ created: 1, revised: 1 });
    await stageRevisions(store(), runId, [
      {
        pairKey: b.pairKey,
        props: { offerId: b.offerId, needId: b.needId, status: 'withdrawn', lastRunId: runId },
      },
    ]);
    expect(await visible()).toEqual(before);
    expect((await suggestionCounts(store(), now)).staged).toBe(2 + 1);

    const counts = await publishRun(store(), runId, read(), now, (n) => ({ status: 'finished', ...n }));
    expect(counts).toEqual({ created: 1, updated: 1, withdrawn: 1, superseded: 0 });
    expect(await visible()).toEqual(
      new Map([
        [a.pairKey, `0.9/0/${runId}`],
        [c.pairKey, `0.7/0/${runId}`],
      ]),
    );
    expect((await suggestionCounts(store(), now)).staged).toBe(0);
    expect(await getRun(store(), runId)).toMatchObject({
      status: 'finished',
      created: 1,
      updated: 1,
      withdrawn: 1,
    });
    expect(await runLockHolder(store())).toBeNull();
  });

  /** How many Suggestion nodes hold this key, and how many OFFERS and SERVES relationships they have. */
  async function held(pairKey: string): Promise<{ nodes: number; links: number }> {
    const [row] = await store().read((tx) =>
      tx
        .run(
          `MATCH (s:Suggestion {pairKey: $pairKey})
           RETURN count(s) AS nodes, sum(COUNT { (s)-[:OFFERS|SERVES]->(:Listing) }) AS links`,
          { pairKey },
        )
        .then((r) =>
          r.records.map((x) => ({ nodes: Number(x.get('nodes')), links: Number(x.get('links')) })),
        ),
    );
    return row!;
  }

  it('when a run stages pairs it found unpublished, then they are created outright with their listings, and publish like any other', async () => {
    const runId = await newRun();
    const d = write(offers[1]!, needs[1]!, 0.8, runId);
    const rows = [staged(d), staged({ ...c, lastRunId: runId, source: 'run', allocatedQuantity: 0 })];
    const unpublished = new Set([d.pairKey, c.pairKey]);
    expect(await stageSuggestions(store(), runId, rows, now, unpublished)).toEqual({
      created: 2,
      revised: 0,
    });
    expect(await held(d.pairKey)).toEqual({ nodes: 1, links: 2 });
    const counts = await publishRun(store(), runId, read(), now, (n) => ({ status: 'finished', ...n }));
    expect(counts).toMatchObject({ created: 2, updated: 0 });
    expect((await visible()).get(d.pairKey)).toBe(`0.8/0/${runId}`);
    expect((await visible()).get(c.pairKey)).toBe(`0.7/0/${runId}`);
  });

  it('when a pair the run found unpublished is held by a withdrawn suggestion, then the batch is staged through MERGE and publication makes that suggestion active again, not a duplicate', async () => {
    await store().write((tx) =>
      tx.run("MATCH (s:Suggestion {pairKey: $k}) SET s.status = 'withdrawn'", { k: b.pairKey }),
    );
    expect((await visible()).has(b.pairKey)).toBe(false);
    const runId = await newRun();
    const d = write(offers[1]!, needs[1]!, 0.8, runId);
    const again = write(offers[0]!, needs[1]!, 0.65, runId);
    const rows = [staged(d), staged(again)];
    // Not published, so the run takes both keys for new ones: b's is taken.
    const unpublished = new Set([d.pairKey, again.pairKey]);
    expect(await stageSuggestions(store(), runId, rows, now, unpublished)).toEqual({
      created: 1,
      revised: 1,
    });
    await publishRun(store(), runId, read(), now, (n) => ({ status: 'finished', ...n }));
    expect((await visible()).get(b.pairKey)).toBe(`0.65/0/${runId}`);
    expect((await visible()).get(d.pairKey)).toBe(`0.8/0/${runId}`);
    expect(await held(b.pairKey)).toEqual({ nodes: 1, links: 2 });
    expect(await held(d.pairKey)).toEqual({ nodes: 1, links: 2 });
  });

  it('when a listing changes while a run computes, then its refresh stands and the run publishes the rest', async () => {
    const runId = await newRun();
    const rows = [
      staged(write(offers[0]!, needs[0]!, 0.9, runId)),
      staged({ ...c, lastRunId: runId, source: 'run', allocatedQuantity: 0 }),
    ];
    await stageSuggestions(store(), runId, rows, now);
    // The owner edits offers[0]: a new version, and its refresh writes pair a at once.
    await store().write((tx) =>
      tx.run('MATCH (l:Listing {id: $id}) SET l.updatedAt = $t', {
        id: offers[0]!.id,
        t: '2030-01-01T00:00:00.000Z',
      }),
    );
    await upsertSuggestions(store(), [write(offers[0]!, needs[0]!, 0.3, null)], now);
    const counts = await publishRun(store(), runId, read(), now, (n) => ({ status: 'finished', ...n }));
    expect(counts).toEqual({ created: 1, updated: 0, withdrawn: 0, superseded: 1 });
    expect((await visible()).get(a.pairKey)).toBe('0.3/null/null');
    expect((await visible()).get(c.pairKey)).toBe(`0.7/0/${runId}`);
    await store().write((tx) =>
      tx.run('MATCH (l:Listing {id: $id}) SET l.updatedAt = $t', {
        id: offers[0]!.id,
        t: offers[0]!.updatedAt,
      }),
    );
  });

  it('when a run fails, then its staged rows go and the published suggestions are untouched', async () => {
    const before = await visible();
    const runId = await newRun();
    const rows = [
      staged(write(offers[0]!, needs[0]!, 0.9, runId)),
      staged({ ...c, lastRunId: runId, source: 'run' }),
    ];
    await stageSuggestions(store(), runId, rows, now);
    expect(await discardStaged(store(), runId)).toBe(2);
    expect(await visible()).toEqual(before);
    const counts = await suggestionCounts(store(), now);
    expect(counts).toMatchObject({ total: 2, staged: 0 });
    await publishRun(store(), runId, read(), now, () => ({ status: 'failed' }));
  });

  it('when a large publication goes in batches and its process stops half-way, then recovery publishes the rest, skipping a listing refreshed meanwhile', async () => {
    const runId = await newRun();
    // Six new pairs and a revision of a.
    const rows = offers
      .slice(0, 3)
      .flatMap((o) => needs.slice(2, 4).map((n) => staged(write(o, n, 0.8, runId))));
    rows.push(staged(write(offers[0]!, needs[0]!, 0.95, runId)));
    await stageSuggestions(store(), runId, rows, now);
    expect(await startPublication(store(), runId, read(), now, { candidates: 7 })).toBe(true);
    expect((await getRun(store(), runId))?.status).toBe('publishing');

    // offers[2] changes as publication starts: its refresh tells the run to leave its pairs alone.
    await skipListingInPublication(store(), offers[2]!.id);
    // The process stops after two batches (of one new pair and one revision at most each).
    let writes = 0;
    const dying: typeof runtime.deps.store = {
      ...store(),
      write: (work) => (++writes > 2 ? Promise.reject(new Error('process killed')) : store().write(work)),
    };
    await expect(
      publishInBatches(
        dying,
        runId,
        () => now,
        () => ({}),
        1,
      ),
    ).rejects.toThrow('process killed');
    expect((await suggestionCounts(store(), now)).staged).toBe(4);
    expect((await getRun(store(), runId))?.status).toBe('publishing');

    const recovered = await recoverInterruptedRuns(runtime.deps, () => true);
    expect(recovered).toEqual([]);
    const run = await getRun(store(), runId);
    expect(run).toMatchObject({ status: 'finished', phase: 'done', created: 4, updated: 1, superseded: 2 });
    expect((await suggestionCounts(store(), now)).staged).toBe(0);
    expect((await visible()).get(a.pairKey)).toBe(`0.95/0/${runId}`);
    expect([...(await visible()).keys()].filter((k) => k.startsWith(`${offers[2]!.id}|`))).toEqual([]);
    expect(await runLockHolder(store())).toBeNull();
  });

  it('when a whole run publishes in batches, then it publishes what one transaction would', async () => {
    await store().write((tx) => tx.run('MATCH (n) WHERE n:Suggestion OR n:StagedSuggestion DETACH DELETE n'));
    const batched = await startMatchRun(runtime.deps, {}, { publishInOneTransactionUpTo: 10 });
    expect(batched).toMatchObject({ status: 'finished', phase: 'done', updated: 0, superseded: 0 });
    // Pairs and chains through processors (decision 0016) are published alike.
    const suggestions = batched.candidates! + batched.chains!;
    expect(batched.created).toBe(suggestions);
    expect(await getRun(store(), batched.id)).toMatchObject({
      status: 'finished',
      created: suggestions,
    });
    const again = await startMatchRun(runtime.deps, {});
    expect(again).toMatchObject({ created: 0, updated: 0, withdrawn: 0, unchanged: suggestions });
  });

  it('when a run stages small batches two at a time, then it publishes what one batch at a time does', async () => {
    const wipe = () =>
      store().write((tx) => tx.run('MATCH (n) WHERE n:Suggestion OR n:StagedSuggestion DETACH DELETE n'));
    const published = async (runId: string) =>
      new Map(
        (
          await searchSuggestions(store(), runFilter(runId), listingAccess(SYSTEM), {
            offset: 0,
            limit: 5000,
          })
        ).items.map(({ suggestion: s }) => [
          s.pairKey,
          `${s.score}/${s.allocatedQuantity}/${s.offerUse}/${s.chain ? 'chain' : 'pair'}`,
        ]),
      );
    await wipe();
    const one = await startMatchRun(runtime.deps, {}, { stagingBatch: 5, stagingWritesInFlight: 1 });
    const oneAtATime = await published(one.id);
    await wipe();
    // Batches of five listings' pairs, side by side, lock shared listings in no common order:
    // a deadlock Neo4j breaks is written again, never a failed run.
    const two = await startMatchRun(runtime.deps, {}, { stagingBatch: 5, stagingWritesInFlight: 2 });
    expect(two).toMatchObject({ status: 'finished', created: one.created, updated: 0, superseded: 0 });
    expect(oneAtATime.size).toBe(one.created);
    expect(await published(two.id)).toEqual(oneAtATime);
    const again = await startMatchRun(runtime.deps, {});
    expect(again).toMatchObject({ created: 0, updated: 0, withdrawn: 0, unchanged: one.created });
  });
});

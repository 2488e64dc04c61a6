import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchRun } from '../../src/domain/suggestion.ts';
import { haversineKm } from '../../src/matching/distance.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { INTERRUPTED } from '../../src/services/run-control.ts';
import { thisRunner } from '../../src/services/runner.ts';
import { createRunWithLock, finishRun } from '../../src/store/match-store.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const FACILITATOR = {};

/** The id of a listing or company of the demo, by its ref (ids are random). */
async function idOf(label: 'Listing' | 'Company', ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(`MATCH (n:${label} {ref: $ref}) RETURN n.id AS id`, { ref }),
  );
  return r.records[0]?.get('id') as string;
}

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
});
afterAll(async () => {
  await app?.close();
});

interface SuggestionBody {
  id: string;
  score: number;
  updatedAt: string;
  allocatedQuantity: number | null;
  offerUse: number;
  offer: { id: string; canonicalQuantity: { value: number } };
  need: { id: string; canonicalQuantity: { value: number } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls a run until it has failed, or finished with its publication visible whole (phase done). */
async function runEnd(id: string): Promise<MatchRun> {
  for (let i = 0; i < 1200; i++) {
    const res = await app.request('GET', `/match-runs/${id}`);
    expect(res.status).toBe(200);
    if (res.body.status === 'failed' || res.body.phase === 'done') return res.body;
    await sleep(50);
  }
  throw new Error(`run ${id} did not end`);
}

/** Starts a run, checks the 202 answer, and waits for its end. */
async function runToEnd(body: object): Promise<MatchRun> {
  const res = await app.request('POST', '/match-runs', body);
  expect(res.status).toBe(202);
  expect(res.body.status).toBe('running');
  expect(res.headers.get('location')).toBe(`/match-runs/${res.body.id}`);
  const run = await runEnd(res.body.id);
  expect(run.status).toBe('finished');
  return run;
}

/** Every page of a suggestion list. */
async function readAll(path: string, token: string = app.adminToken): Promise<SuggestionBody[]> {
  const items: SuggestionBody[] = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += 500) {
    const page = await app.as(token).request('GET', `${path}${sep}limit=500&offset=${offset}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    if (!page.body.hasMore) return items;
  }
}

async function suggestionCount(): Promise<number> {
  const r = await app.runtime.deps.store.read((tx) => tx.run('MATCH (s:Suggestion) RETURN count(s) AS n'));
  return r.records[0]?.get('n') as number;
}

async function stagedCount(): Promise<number> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(
      "MATCH (s) WHERE s:StagedSuggestion OR (s:Suggestion AND s.status = 'staged') RETURN count(s) AS n",
    ),
  );
  return r.records[0]?.get('n') as number;
}

describe('match runs over the demo region', () => {
  let first: MatchRun;

  it('when a full run is started, then it answers 202 at once, runs in the background and publishes allocated suggestions', async () => {
    first = await runToEnd({});
    expect(first).toMatchObject({ status: 'finished', phase: 'done', configVersion: '2' });
    expect(first.factorSet).toMatch(/^no-physical-2025@/);
    expect(first.candidates).toBeGreaterThan(50);
    expect(first.allocated).toBeGreaterThan(0);
    // Its pairs and its chains through processors (decision 0016) are suggestions alike.
    expect(first.chains).toBeGreaterThan(0);
    expect(first.created).toBe(first.candidates! + first.chains!);
    expect(first).toMatchObject({ updated: 0, unchanged: 0, withdrawn: 0, superseded: 0 });
    expect((await app.request('GET', `/match-runs/${first.id}`)).body).toEqual(first);
    expect(await stagedCount()).toBe(0);
    const ofRun = await app.request(
      'GET',
      `/suggestions?runId=${first.id}&count=true`,
      undefined,
      FACILITATOR,
    );
    expect(ofRun.body.total).toBe(first.candidates! + first.chains!);
  });

  it('when the run is repeated on unchanged data, then nothing is written and the same suggestions stay', async () => {
    const before = await readAll('/suggestions');
    const countBefore = await suggestionCount();
    const again = await runToEnd({});
    expect(again.candidates).toBe(first.candidates);
    expect(again).toMatchObject({
      created: 0,
      updated: 0,
      withdrawn: 0,
      chains: first.chains,
      unchanged: first.candidates! + first.chains!,
    });
    expect(await suggestionCount()).toBe(countBefore);
    const after = await readAll('/suggestions');
    // Not rewritten: the same ids, scores, allocations and update times.
    const key = (s: SuggestionBody) => `${s.id}:${s.score}:${s.allocatedQuantity}:${s.updatedAt}`;
    expect(after.map(key)).toEqual(before.map(key));
    // The suggestions still show the values the first run computed.
    const ofAgain = await app.request(
      'GET',
      `/suggestions?runId=${again.id}&count=true`,
      undefined,
      FACILITATOR,
    );
    expect(ofAgain.body).toMatchObject({ items: [], hasMore: false, total: 0 });
    const ofFirst = await app.request(
      'GET',
      `/suggestions?runId=${first.id}&count=true`,
      undefined,
      FACILITATOR,
    );
    expect(ofFirst.body.total).toBe(first.candidates! + first.chains!);
  });

  it('when suggestions are read, then each explains its score with weighted terms and an impact', async () => {
    const res = await app.request('GET', '/suggestions?kind=energy&limit=5', undefined, FACILITATOR);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const s of res.body.items) {
      const sum = s.terms.reduce(
        (acc: number, t: { weight: number; value: number }) => acc + t.weight * t.value,
        0,
      );
      expect(s.score).toBeCloseTo(sum, 6);
      for (const t of s.terms) expect(t.reason.length).toBeGreaterThan(10);
      expect(s.impact.factorSet).toMatch(/no-physical-2025/);
      expect(typeof s.impact.co2eAvoidedT).toBe('number');
    }
  });

  it('when filtering by minimum score and impact, then only those suggestions are listed', async () => {
    const items = await readAll('/suggestions?minScore=0.7&minCo2eT=10');
    expect(items.length).toBeGreaterThan(0);
    for (const s of items as (SuggestionBody & { co2eAvoidedT: number })[]) {
      expect(s.score).toBeGreaterThanOrEqual(0.7);
      expect(s.co2eAvoidedT).toBeGreaterThanOrEqual(10);
    }
  });

  it('when the allocation is read, then no offer or need is promised more than it has', async () => {
    const items = await readAll('/suggestions');
    expect(items.filter((s) => (s.allocatedQuantity ?? 0) > 0)).toHaveLength(first.allocated!);
    const used = new Map<string, number>();
    for (const s of items) {
      const offerKey = `offer:${s.offer.id}`;
      const needKey = `need:${s.need.id}`;
      const q = s.allocatedQuantity ?? 0;
      used.set(offerKey, (used.get(offerKey) ?? 0) + q * s.offerUse);
      used.set(needKey, (used.get(needKey) ?? 0) + q);
      const limits = {
        [offerKey]: s.offer.canonicalQuantity.value,
        [needKey]: s.need.canonicalQuantity.value,
      };
      for (const [k, limit] of Object.entries(limits))
        expect(used.get(k)!).toBeLessThanOrEqual(limit * (1 + 1e-6));
    }
  });

  it('when a suggestion has nothing allocated, then it says why: a side its other pairs use up', async () => {
    const items = await readAll('/suggestions');
    const promised = new Map<string, number>();
    for (const s of items) {
      const q = s.allocatedQuantity ?? 0;
      promised.set(s.offer.id, (promised.get(s.offer.id) ?? 0) + q * s.offerUse);
      promised.set(s.need.id, (promised.get(s.need.id) ?? 0) + q);
    }
    const unallocated = items.filter((s) => s.allocatedQuantity === 0).slice(0, 5);
    expect(unallocated.length).toBeGreaterThan(0);
    for (const s of unallocated) {
      const res = await app.request('GET', `/suggestions/${s.id}`, undefined, FACILITATOR);
      expect(res.status).toBe(200);
      const full = (id: string, quantity: number) => promised.get(id)! >= quantity * (1 - 1e-6);
      const offerFull = full(s.offer.id, s.offer.canonicalQuantity.value);
      const needFull = full(s.need.id, s.need.canonicalQuantity.value);
      expect(res.body.unallocated).toBe(
        offerFull && needFull
          ? 'offer-promised-and-need-covered'
          : offerFull
            ? 'offer-promised'
            : needFull
              ? 'need-covered'
              : 'changed-since',
      );
      // At an optimum a pair left out has a used-up side.
      expect(res.body.unallocated).not.toBe('changed-since');
    }
    const allocated = items.find((s) => (s.allocatedQuantity ?? 0) > 0)!;
    const res = await app.request('GET', `/suggestions/${allocated.id}`, undefined, FACILITATOR);
    expect(res.body.unallocated).toBeNull();
  });
});

describe('reading suggestions a page at a time', () => {
  it('when pages are read, then they follow each other by score without gaps or repeats, and say whether more follow', async () => {
    const one = await app.request('GET', '/suggestions?limit=14', undefined, FACILITATOR);
    const a = await app.request('GET', '/suggestions?limit=7', undefined, FACILITATOR);
    const b = await app.request('GET', '/suggestions?limit=7&offset=7', undefined, FACILITATOR);
    expect(a.body).toMatchObject({ limit: 7, offset: 0, hasMore: true });
    expect(a.body.total).toBeUndefined();
    expect([...a.body.items, ...b.body.items].map((s: SuggestionBody) => s.id)).toEqual(
      one.body.items.map((s: SuggestionBody) => s.id),
    );
    const scores = one.body.items.map((s: SuggestionBody) => s.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const counted = await app.request('GET', '/suggestions?limit=1&count=true', undefined, FACILITATOR);
    const all = await readAll('/suggestions');
    expect(counted.body.total).toBe(all.length);
    const last = await app.request(
      'GET',
      `/suggestions?limit=5&offset=${all.length - 3}`,
      undefined,
      FACILITATOR,
    );
    expect(last.body).toMatchObject({ hasMore: false });
    expect(last.body.items).toHaveLength(3);
  });

  it('when more than 500 are asked for, then the request is refused naming limit', async () => {
    for (const path of [
      '/suggestions?limit=501',
      `/listings/${await idOf('Listing', 'alu-spl')}/suggestions?limit=501`,
    ]) {
      const res = await app.request('GET', path, undefined, FACILITATOR);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('limit');
    }
  });

  it("when a listing's or a company's suggestions are paged, then the pages add up to the counted total", async () => {
    const companyId = await idOf('Company', 'storvik-fjernvarme');
    const owner = await app.user({ name: 'District heating', role: 'business', companyIds: [companyId] });
    const busiest = await app.runtime.deps.store.read((tx) =>
      tx.run(
        "MATCH (l:Listing)<-[:OFFERS|SERVES]-(s:Suggestion {status: 'active'}) WITH l.id AS id, count(s) AS n RETURN id ORDER BY n DESC, id LIMIT 1",
      ),
    );
    const listingId = busiest.records[0]?.get('id') as string;
    for (const path of [`/companies/${companyId}/suggestions`, `/listings/${listingId}/suggestions`]) {
      const counted = await app.request('GET', `${path}?limit=2&count=true`, undefined, FACILITATOR);
      expect(counted.status).toBe(200);
      expect(counted.body.total).toBeGreaterThan(2);
      expect(counted.body).toMatchObject({ limit: 2, offset: 0, hasMore: true });
      const all = await readAll(path);
      expect(all).toHaveLength(counted.body.total);
      expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    }
    const own = await readAll(`/companies/${companyId}/suggestions`, owner);
    expect(own.length).toBeGreaterThan(0);
    for (const s of own as unknown as { offer: { companyId?: string }; need: { companyId?: string } }[])
      expect([s.offer.companyId, s.need.companyId]).toContain(companyId);
  });
});

describe('one run at a time', () => {
  it('when a run is started while another runs, then it is refused with 409 RUN_IN_PROGRESS naming the running run', async () => {
    const [a, b] = await Promise.all([
      app.request('POST', '/match-runs', {}),
      app.request('POST', '/match-runs', { scope: { kind: 'energy' } }),
    ]);
    const started = [a, b].filter((r) => r.status === 202);
    const refused = [a, b].filter((r) => r.status === 409);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body.error.code).toBe('RUN_IN_PROGRESS');
    expect(refused[0]!.body.error.message).toContain(started[0]!.body.id);
    expect(refused[0]!.body.error.details).toEqual([{ path: 'runId', message: started[0]!.body.id }]);
    expect((await runEnd(started[0]!.body.id)).status).toBe('finished');
    // Once it has ended, the next run starts.
    await runToEnd({ scope: { kind: 'energy' } });
  });

  it('when the lock is held by a run of a process that has stopped, then a new run recovers it and starts', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphan: MatchRun = {
      id: `run_orphan-${Date.now()}`,
      status: 'running',
      scope: {},
      engineVersion: 'test',
      factorSet: 'test@1',
      configVersion: '2',
      startedAt: new Date().toISOString(),
    };
    const taken = await createRunWithLock(
      app.runtime.deps.store,
      orphan,
      { ...thisRunner(), pid: deadPid },
      (h) => h.status !== 'running',
    );
    expect(taken.created).toBe(true);
    const run = await runToEnd({ scope: { kind: 'land' } });
    expect(run.status).toBe('finished');
    expect((await app.request('GET', `/match-runs/${orphan.id}`)).body).toMatchObject({
      status: 'failed',
      error: INTERRUPTED,
    });
  });

  it('when the lock is held by a live run, then the refusal names it; when that run ends, runs start again', async () => {
    const live: MatchRun = {
      id: `run_live-${Date.now()}`,
      status: 'running',
      scope: {},
      engineVersion: 'test',
      factorSet: 'test@1',
      configVersion: '2',
      startedAt: new Date().toISOString(),
    };
    await createRunWithLock(app.runtime.deps.store, live, thisRunner(), (h) => h.status !== 'running');
    const refused = await app.request('POST', '/match-runs', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'RUN_IN_PROGRESS', details: [{ message: live.id }] });
    await finishRun(app.runtime.deps.store, live.id, { status: 'failed', error: 'test' }, true);
    await runToEnd({ scope: { kind: 'land' } });
  });
});

describe('publication is atomic', () => {
  it('when a run changes the factor set, then readers see the old values while it runs and the new ones once it has finished', async () => {
    // One page, one read: every energy suggestion of the demo.
    const factorSets = async () => {
      const page = await app.request('GET', '/suggestions?kind=energy&limit=500', undefined, FACILITATOR);
      expect(page.body.hasMore).toBe(false);
      return [...new Set(page.body.items.map((s: { impact: { factorSet: string } }) => s.impact.factorSet))];
    };
    expect(await factorSets()).toEqual(['no-physical-2025']);
    const res = await app.request('POST', '/match-runs', {
      scope: { kind: 'energy' },
      factorSet: 'eu-mix-2025',
    });
    expect(res.status).toBe(202);
    let whileRunning = 0;
    for (;;) {
      const seen = await factorSets();
      const run = (await app.request('GET', `/match-runs/${res.body.id}`)).body as MatchRun;
      // Still running after the read: nothing of the run can have been visible to it.
      if (run.status !== 'running') break;
      expect(seen).toEqual(['no-physical-2025']);
      whileRunning++;
    }
    expect(whileRunning).toBeGreaterThan(0);
    await runEnd(res.body.id);
    expect(await stagedCount()).toBe(0);
    expect(await factorSets()).toEqual(['eu-mix-2025']);
    // And back, for the tests that follow.
    await runToEnd({ scope: { kind: 'energy' } });
  });
});

describe('confidentiality in suggestions', () => {
  /** A business acting for the company on the other side of the listing's best suggestion. */
  async function counterpartOf(listingId: string): Promise<string> {
    const ofListing = await app.request('GET', `/listings/${listingId}/suggestions?limit=50`);
    const s = ofListing.body.items[0];
    const other = s.offer.id === listingId ? s.need : s.offer;
    return app.user({ name: 'Counterpart', role: 'business', companyIds: [other.companyId] });
  }

  it('when a counterpart business reads suggestions, then an anonymous listing shows no company', async () => {
    const anonymousOffer = await idOf('Listing', 'alu-spl');
    const items = await readAll('/suggestions', await counterpartOf(anonymousOffer));
    const anon = items.filter((s) => s.offer.id === anonymousOffer);
    expect(anon.length).toBeGreaterThan(0);
    for (const s of anon as unknown as Record<string, Record<string, unknown>>[]) {
      expect(JSON.stringify(s.offer)).not.toContain(await idOf('Company', 'storvik-aluminium'));
      expect(JSON.stringify(s.offer)).not.toContain('storvik-alu-verk');
      expect(s.offer!['companyId']).toBeUndefined();
      expect(s.offer!['siteId']).toBeUndefined();
      expect(s.offer!['anonymised']).toBe(true);
    }
  });

  it('when a business reads suggestions, then private listings are absent; a facilitator of the region sees them', async () => {
    const privateOffer = await idOf('Listing', 'ren-apc');
    const business = await readAll('/suggestions', await counterpartOf(privateOffer));
    expect(JSON.stringify(business)).not.toContain(privateOffer);
    const facilitator = await app.user({ name: 'Kvinnherad', role: 'facilitator', regions: ['4617'] });
    expect(JSON.stringify(await readAll('/suggestions', facilitator))).toContain(privateOffer);
  });

  it('when a business asks for a private listing or its suggestions, then it is not found', async () => {
    const privateOffer = await idOf('Listing', 'ren-apc');
    const other = app.as(await app.user({ name: 'Someone else', role: 'business' }));
    expect((await other.request('GET', `/listings/${privateOffer}`)).status).toBe(404);
    expect((await other.request('GET', `/listings/${privateOffer}/suggestions`)).status).toBe(404);
    expect((await app.request('GET', `/listings/${privateOffer}`)).status).toBe(200);
  });

  it("when a page of a listing's suggestions is empty, then it is answered for a listing one may see, else not found", async () => {
    // Past the last suggestion the page carries no listing: the listing is read on its own.
    const privateOffer = await idOf('Listing', 'ren-apc');
    const past = await app.request('GET', `/listings/${privateOffer}/suggestions?offset=100000`);
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ items: [], offset: 100000, hasMore: false });
    const other = app.as(await app.user({ name: 'Someone else again', role: 'business' }));
    expect((await other.request('GET', `/listings/${privateOffer}/suggestions?offset=100000`)).status).toBe(
      404,
    );
    expect((await other.request('GET', `/listings/${privateOffer}/suggestions`)).status).toBe(404);
    expect(
      (await app.request('GET', '/listings/li_00000000000000000000000000000000/suggestions')).status,
    ).toBe(404);
  });
});

describe('incremental matching', () => {
  it('when a listing changes, then the pairs its counterparts ranked high stay active, re-scored and not allocated', async () => {
    const r = await app.runtime.deps.store.read((tx) =>
      tx.run("MATCH (s:Suggestion {status: 'active'}) RETURN s.offerId AS offer, s.needId AS need"),
    );
    const byListing = new Map<string, Set<string>>();
    for (const rec of r.records) {
      const pair = `${rec.get('offer')}|${rec.get('need')}`;
      for (const id of [rec.get('offer') as string, rec.get('need') as string]) {
        byListing.set(id, (byListing.get(id) ?? new Set()).add(pair));
      }
    }
    // With K = 10 a listing with more than 10 active pairs holds some only for its counterparts' sake.
    const [id, before] = [...byListing].sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(before.size).toBeGreaterThan(10);
    const res = await app.request(
      'PATCH',
      `/listings/${id}`,
      { description: 'Updated by the owner: same material, same quantity.' },
      FACILITATOR,
    );
    expect(res.status).toBe(200);
    const after = await app.runtime.deps.store.read((tx) =>
      tx.run(
        "MATCH (:Listing {id: $id})<-[:OFFERS|SERVES]-(s:Suggestion {status: 'active'}) RETURN s.offerId AS offer, s.needId AS need, s.source AS source, s.allocatedQuantity AS allocated",
        { id },
      ),
    );
    expect(new Set(after.records.map((rec) => `${rec.get('offer')}|${rec.get('need')}`))).toEqual(before);
    expect(after.records.every((rec) => rec.get('source') === 'incremental')).toBe(true);
    expect(after.records.every((rec) => rec.get('allocated') === null)).toBe(true);
  });

  it('when a business creates a need, then the response carries its suggestions at once', async () => {
    const sites = await app.request('GET', `/companies/${await idOf('Company', 'storvik-fjernvarme')}/sites`);
    const siteId = sites.body.items?.[0]?.id;
    expect(siteId).toBeDefined();
    const res = await app.request('POST', '/listings', {
      siteId,
      direction: 'need',
      kind: 'material',
      title: 'Clean wood chips for a new boiler',
      quantity: { value: 4000, unit: 't/yr' },
      material: { wasteCodes: ['0301'], category: 'solid-biofuel' },
    });
    expect(res.status).toBe(201);
    expect(res.body.suggestions.length).toBeGreaterThan(0);
    for (const s of res.body.suggestions) expect(s.need.id).toBe(res.body.id);
    const read = await app.request('GET', `/listings/${res.body.id}/suggestions`);
    expect(read.body.items.map((s: { id: string }) => s.id)).toEqual(
      res.body.suggestions.map((s: { id: string }) => s.id),
    );
  });
});

describe('regulation in matching', () => {
  /**
   * A company abroad with one site far from the demo region, so that its listings meet only each
   * other; the test removes it again, so that later runs count the demo's listings only.
   */
  const companies: string[] = [];
  async function siteOf(name: string): Promise<string> {
    const c = await app.request('POST', '/companies', { name, country: 'SE', industry: '10.200' });
    expect(c.status).toBe(201);
    companies.push(c.body.id);
    const s = await app.request('POST', `/companies/${c.body.id}/sites`, { name, lat: 68.5, lon: 16.5 });
    expect(s.status).toBe(201);
    return s.body.id as string;
  }
  afterAll(async () => {
    for (const id of companies) {
      expect((await app.request('DELETE', `/companies/${id}?cascade=true`)).status).toBe(204);
    }
  });

  it('when a feed need meets category 1 and category 3 fish by-products, then only category 3 is suggested, its explanation naming the rule', async () => {
    const processor = await siteOf('Nordfisk Foredling AB');
    const fishOffer = (title: string, material: object) =>
      app.request('POST', '/listings', {
        siteId: processor,
        direction: 'offer',
        kind: 'material',
        title,
        quantity: { value: 800, unit: 't/yr' },
        material: { wasteCodes: ['020202'], category: 'fish-and-animal-by-products', ...material },
      });
    const cat1 = await fishOffer('Condemned fish, category 1', { animalByProductCategory: 1 });
    const cat3 = await fishOffer('Heads and frames, category 3', {
      animalByProductCategory: 3,
      wasteStatus: 'by-product',
    });
    expect([cat1.status, cat3.status]).toEqual([201, 201]);
    const stored = await app.request('GET', `/listings/${cat3.body.id}`);
    expect(stored.body.material).toMatchObject({ animalByProductCategory: 3, wasteStatus: 'by-product' });

    const need = await app.request('POST', '/listings', {
      siteId: await siteOf('Nordfôr Fiskemel AB'),
      direction: 'need',
      kind: 'material',
      title: 'Fish raw material for meal and oil',
      quantity: { value: 1000, unit: 't/yr' },
      material: { wasteCodes: ['0202'], category: 'animal-feed-input', acceptsWaste: false },
    });
    expect(need.status).toBe(201);
    const offers = need.body.suggestions.map((sg: { offer: { id: string } }) => sg.offer.id);
    expect(offers).toContain(cat3.body.id);
    expect(offers).not.toContain(cat1.body.id);
    const suggestion = need.body.suggestions.find(
      (sg: { offer: { id: string } }) => sg.offer.id === cat3.body.id,
    );
    const resource = suggestion.terms.find((t: { name: string }) => t.name === 'resource');
    expect(resource.reason).toContain(
      'animal by-product category 3 to feed: after processing in an approved plant (Regulation (EC) No 1069/2009, Art. 14)',
    );
    expect(resource.reason).toContain('a by-product (Directive 2008/98/EC, Art. 5)');
  });
});

describe('scoped runs and filters', () => {
  it('when a run is scoped to one kind, then only that kind is matched and other suggestions stay active', async () => {
    const count = async (kind: string) =>
      (await app.request('GET', `/suggestions?kind=${kind}&limit=1&count=true`, undefined, FACILITATOR)).body
        .total as number;
    const before = await count('material');
    const run = await runToEnd({ scope: { kind: 'energy' } });
    for (const s of await readAll(`/suggestions?runId=${run.id}`))
      expect((s as unknown as { kind: string }).kind).toBe('energy');
    expect(await count('material')).toBe(before);
  });

  it('when suggestions are filtered by a radius, then one of the two sites lies within it', async () => {
    const all = await app.request('GET', '/suggestions?limit=1&count=true', undefined, FACILITATOR);
    const { lat, lon } = all.body.items[0].need;
    const res = await app.request(
      'GET',
      `/suggestions?lat=${lat}&lon=${lon}&radiusKm=2&limit=500&count=true`,
      undefined,
      FACILITATOR,
    );
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.total).toBeLessThanOrEqual(all.body.total);
    for (const s of res.body.items as {
      offer: { lat: number; lon: number };
      need: { lat: number; lon: number };
    }[])
      expect(
        Math.min(
          haversineKm(lat, lon, s.offer.lat, s.offer.lon),
          haversineKm(lat, lon, s.need.lat, s.need.lon),
        ),
      ).toBeLessThanOrEqual(2.05);
  });

  it('when the European-mix factor set is chosen, then the run records it and heat pumps cost more CO2e', async () => {
    type S = {
      id: string;
      route: { type: string };
      impact: { factorSet: string; co2eBreakdown: { electricityT: number } };
    };
    const physical = (await readAll('/suggestions?kind=energy')) as unknown as S[];
    const electricity = new Map<string, number>(
      physical.map((s) => [s.id, s.impact.co2eBreakdown.electricityT]),
    );
    const run = await runToEnd({ scope: { kind: 'energy' }, factorSet: 'eu-mix-2025' });
    expect(run.factorSet).toMatch(/^eu-mix-2025@/);
    // Every energy suggestion's impact changed, so the run computed each one's published values.
    const items = (await readAll(`/suggestions?runId=${run.id}`)) as unknown as S[];
    expect(items).toHaveLength(run.candidates!);
    expect(run.created! + run.updated!).toBe(run.candidates);
    const heatPumps = items.filter((s) => s.route.type === 'heat-pump');
    expect(heatPumps.length).toBeGreaterThan(0);
    for (const s of items) expect(s.impact.factorSet).toBe('eu-mix-2025');
    for (const s of heatPumps)
      expect(s.impact.co2eBreakdown.electricityT).toBeGreaterThan(electricity.get(s.id)!);
  });

  it('when runs are scoped to municipalities, then each loads the listings of its own sites only', async () => {
    const kvernfjord = await runToEnd({ scope: { municipality: 'Kvernfjord' } });
    const aalborg = await runToEnd({ scope: { municipality: 'Aalborg' } });
    const whole = await runToEnd({});
    expect(aalborg.listings).toBeGreaterThan(0);
    expect(kvernfjord.listings!).toBeGreaterThan(aalborg.listings!);
    expect(kvernfjord.listings! + aalborg.listings!).toBe(whole.listings);
    expect(await runToEnd({ scope: { municipality: 'Atlantis' } })).toMatchObject({
      listings: 0,
      candidates: 0,
    });
  });

  it('when a run is scoped to a circle, then both listings of each pair it changed lie inside it', async () => {
    const all = await app.request('GET', '/suggestions?kind=energy&limit=1', undefined, FACILITATOR);
    const { lat, lon } = all.body.items[0].need;
    const radiusKm = 3;
    // A different factor set, so that the run changes every pair it computes.
    const run = await runToEnd({ scope: { lat, lon, radiusKm }, factorSet: 'eu-mix-2025' });
    expect(run.candidates).toBeGreaterThan(0);
    const items = (await readAll(`/suggestions?runId=${run.id}`)) as unknown as {
      offer: { lat: number; lon: number };
      need: { lat: number; lon: number };
    }[];
    expect(items.length).toBe(run.candidates! + (run.chains ?? 0));
    for (const s of items) {
      for (const side of [s.offer, s.need]) {
        expect(haversineKm(lat, lon, side.lat, side.lon)).toBeLessThanOrEqual(radiusKm);
      }
    }
    await settleMatchRuns();
  });
});

/**
 * Lookups that must stay proportional to what they return, however large the database grows
 * (decision 0018, "Lookups that read the whole database"). Each test first gives the database
 * thousands of rows of the kind the lookup once read in full (closed reviews, review events,
 * registry companies), then PROFILEs the named query and bounds its database hits: the old plans
 * read every one of those rows (for each row of the answer, for some), so they exceed the bounds
 * by orders of magnitude.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingAccess } from '../../src/domain/access.ts';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { Runtime } from '../../src/runtime.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { startMatchRun } from '../../src/services/match-runs.ts';
import { listingSuggestions } from '../../src/services/suggestions.ts';
import {
  ANY_SUGGESTION,
  type SuggestionFilter,
  searchParams,
  searchQueryName,
} from '../../src/store/match-store.ts';
import { allQueries, query } from '../../src/store/queries.ts';
import {
  feedQueryName,
  type QueueFilter,
  queueQueryName,
  queueShareScope,
} from '../../src/store/review-store.ts';
import { readMigrations } from '../../src/store/schema.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

const MANY = 3000;
let runtime: Runtime;
/** A demo listing with several suggestions, and one of them, closed by people. */
let listingId: string;
let closedSuggestionId: string;
let shownBefore: number;
/** The county of most demo sites, for a facilitator of one region. */
let county: string;
/** The suggestion queries that leave out suggestions people closed, with the indexes their fresh plans read. */
const closedReviewPlans = new Map<string, string[]>();

async function run(text: string, params: Record<string, unknown> = {}) {
  const session = runtime.deps.store.driver.session();
  try {
    return await session.run(text, params);
  } finally {
    await session.close();
  }
}

/**
 * The database hits of one execution of a named query, and its rows, planned afresh for the data
 * at hand: other test files run the same queries on this database while it is small, and a plan
 * they left in Neo4j's cache may suit few rows.
 */
async function profile(file: string, name: string, params: Record<string, unknown>) {
  const result = await run(`CYPHER replan=force PROFILE ${query(file as never, name)}`, params);
  let hits = 0;
  const operators: string[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: the driver types plan operators loosely
  const walk = (op: any): void => {
    hits += op.dbHits;
    operators.push(`${op.operatorType} ${op.dbHits} ${String(op.arguments?.Details ?? '').slice(0, 80)}`);
    for (const child of op.children) walk(child);
  };
  walk(result.summary.profile);
  return { hits, rows: result.records.length, operators };
}

/** A suggestion filter with nothing set but `over`. */
function suggestionFilter(over: Partial<SuggestionFilter>): SuggestionFilter {
  return { ...ANY_SUGGESTION, ...over };
}

/** What the store sends a search or count query of filter f for everyone's first 500 rows. */
function searchArgs(f: SuggestionFilter) {
  return {
    ...searchParams(f),
    afterScore: Number.MAX_VALUE,
    afterKey: '',
    access: listingAccess(SYSTEM),
    offset: neo4j.int(0),
    limit: neo4j.int(500),
  };
}

/**
 * The page and the count of a form read from sites (`searchInCircle`, `countSearchInCircle`, ...)
 * are those of the score-order form (`search`, `countSearch`), and not empty: its pair keys.
 */
async function expectSameAsSearch(form: 'InMunicipality' | 'InCircle', f: SuggestionFilter) {
  const keys = async (name: string) =>
    (await run(query('match', name), searchArgs(f))).records.map(
      (r) => r.get('suggestion').pairKey as string,
    );
  const total = async (name: string) =>
    (await run(query('match', name), searchArgs(f))).records[0]!.get('total') as number;
  const fromSites = await keys(`search${form}`);
  expect(fromSites.length).toBeGreaterThan(0);
  expect(fromSites).toEqual(await keys('search'));
  expect(await total(`countSearch${form}`)).toBe(await total('countSearch'));
  return fromSites;
}

beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  await loadDemoIfEmpty(runtime.deps);
  await startMatchRun(runtime.deps, {});
  const busiest = await run(
    `MATCH (l:Listing)<-[:OFFERS|SERVES]-(sg:Suggestion {status: 'active'})
     WITH l, collect(sg.id) AS ids ORDER BY size(ids) DESC LIMIT 1
     RETURN l.id AS id, ids`,
  );
  listingId = busiest.records[0]!.get('id');
  const ids: string[] = busiest.records[0]!.get('ids');
  expect(ids.length).toBeGreaterThanOrEqual(3);
  closedSuggestionId = ids[0]!;
  shownBefore = (
    await listingSuggestions(runtime.deps, SYSTEM, listingId, { offset: 0, limit: 500, count: false })
  ).items.length;
  // One review of the listing's own suggestions, rejected; thousands of others elsewhere, as a
  // service in use for years holds them (on suggestions of their own, withdrawn long ago).
  await run(
    `MATCH (sg:Suggestion {id: $id})
     CREATE (:Review {suggestionId: sg.id, state: 'rejected', regions: [], eventCount: 0})-[:REVIEWS]->(sg)`,
    { id: closedSuggestionId },
  );
  // Reviews in every state on a dozen other suggestions, some assigned, some flagged, their regions
  // those of their listings' sites, as the workflow writes them (a site outside every municipality,
  // offshore, has none).
  await run(
    `MATCH (n:Listing)<-[:SERVES]-(sg:Suggestion {status: 'active'})-[:OFFERS]->(o:Listing)-[:AT_SITE]->(s:Site)
     WHERE NOT EXISTS { MATCH (sg)-[:OFFERS|SERVES|THROUGH]->(:Listing {id: $listing}) }
     WITH sg, s, o, n ORDER BY sg.pairKey LIMIT 12
     WITH collect({sg: sg, s: s, o: o, n: n}) AS picked
     UNWIND range(0, size(picked) - 1) AS i
     WITH picked[i].sg AS sg, picked[i].s AS s, picked[i].o AS o, picked[i].n AS n, i,
          ['under-review', 'introduced', 'negotiating', 'agreed', 'implemented', 'rejected'] AS states
     CREATE (:Review {suggestionId: sg.id, state: states[i % 6],
                      regions: [c IN [s.municipalityCode, s.countyCode] WHERE c IS NOT NULL],
                      offerCompanyId: o.companyId, needCompanyId: n.companyId,
                      eventCount: 1, assigneeId: CASE WHEN i % 3 = 0 THEN 'us_one' ELSE null END,
                      flags: CASE WHEN i % 4 = 0 THEN ['listing changed'] ELSE [] END})-[:REVIEWS]->(sg)`,
    { listing: listingId },
  );
  county = (
    await run(
      'MATCH (s:Site) WHERE s.countyCode IS NOT NULL RETURN s.countyCode AS c, count(*) AS n ORDER BY n DESC LIMIT 1',
    )
  ).records[0]!.get('c');
  // Planned afresh while reviews are few, as on a young service: the plan it keeps in its cache
  // serves on as the reviews grow to thousands.
  for (const q of allQueries().filter((q) => q.text.includes('closedReview'))) {
    const plan = (await run(`CYPHER replan=force EXPLAIN ${q.text}`)).summary.plan;
    const indexes: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: the driver types plan operators loosely
    const walk = (op: any): void => {
      const details = String(op.arguments?.Details ?? '');
      if (/Index/.test(op.operatorType)) indexes.push(details.replace(/ WHERE .*/, ''));
      for (const child of op.children) walk(child);
    };
    walk(plan);
    closedReviewPlans.set(`${q.file}.${q.name}`, indexes);
  }
  await run(
    `UNWIND range(1, $n) AS i
     CREATE (:Review {suggestionId: 'sg_old' + i, state: 'rejected', regions: [], eventCount: 3})
            -[:REVIEWS]->(:Suggestion {id: 'sg_old' + i, pairKey: 'old|' + i, status: 'withdrawn', score: 0.5})
     WITH i
     UNWIND range(1, 3) AS seq
     CREATE (:ReviewEvent {id: 'ev_old' + i + '_' + seq, suggestionId: 'sg_old' + i, seq: seq,
                           type: 'transition', to: 'rejected', at: '2025-01-01T00:00:00.000Z',
                           actorId: 'us_old', regions: [], offerCompanyId: 'co_old' + i, needCompanyId: 'co_old0'})`,
    { n: neo4j.int(MANY) },
  );
  // A business's company on three sides of suggestions: five events for it, one its own act.
  await run(
    `UNWIND [['offerCompanyId', 'us_other'], ['offerCompanyId', 'us_other'], ['offerCompanyId', 'us_feed'],
             ['needCompanyId', 'us_other'], ['processorCompanyId', 'us_other'], ['offerCompanyId', 'us_other']] AS x
     WITH x, toString(datetime('2026-03-01T00:00:00Z') + duration({hours: rand() * 1000})) AS at
     CREATE (e:ReviewEvent {id: 'ev_feed_' + randomUUID(), suggestionId: 'sg_feed', seq: 1, type: 'transition',
                            to: 'introduced', at: at, actorId: x[1], regions: ['9999'], offerCompanyId: 'co_someone'})
     SET e[x[0]] = 'co_feed'`,
  );
  await run(
    `UNWIND range(1, $n) AS i
     CREATE (c:Company {id: 'co_old' + i, ref: 'old-company-' + i, refScope: 'registry', name: 'Old ' + i})
     CREATE (c)-[:HAS_SITE]->(:Site {id: 'si_old' + i, ref: 'old-site-' + i, companyId: c.id, contentHash: 'x',
                                     municipality: 'Oldtown'})`,
    { n: neo4j.int(MANY) },
  );
});

afterAll(async () => {
  if (runtime) await wipeBusinessData(runtime);
  await runtime?.close();
});

describe('lookups in a database with thousands of closed reviews, review events and companies', () => {
  it('when the review queue is read in any of its forms, then it holds the rows of the general form', async () => {
    // A company and a municipality with reviewed suggestions, and others not reviewed where the
    // company is the need.
    const reviewed = (
      await run(
        `MATCH (r:Review)-[:REVIEWS]->(:Suggestion)-[:SERVES]->(l:Listing)-[:AT_SITE]->(s:Site)
         WHERE EXISTS { MATCH (:Listing {companyId: l.companyId})<-[:SERVES]-(other:Suggestion {status: 'active'})
                        WHERE NOT EXISTS { MATCH (other)<-[:REVIEWS]-() } }
         RETURN l.companyId AS company, s.municipalityCode AS municipality ORDER BY r.suggestionId LIMIT 1`,
      )
    ).records[0]!;
    const stateSets = [
      ['suggested', 'under-review', 'introduced', 'negotiating', 'agreed'],
      ['suggested'],
      ['withdrawn', 'rejected'],
      ['introduced'],
      ['rejected', 'implemented'],
      ['under-review', 'agreed', 'negotiating'],
    ];
    const scopes = [
      { all: true, regions: [] },
      { all: false, regions: [county] },
    ];
    const none = { assignee: null, flagged: null, company: null, municipality: null };
    const narrowing = [
      none,
      { ...none, assignee: 'us_one' },
      { ...none, assignee: '', flagged: true },
      { ...none, assignee: '', flagged: false },
      { ...none, company: reviewed.get('company') as string },
      { ...none, municipality: reviewed.get('municipality') as string },
    ];
    /** The forms that must give the general form's rows for a filter (store/review-store.ts). */
    const formsFor = (f: QueueFilter) => [
      ...(f.assignee !== null && f.assignee !== '' ? ['queueOfAssignee', 'queueReviewed'] : []),
      ...(queueQueryName(f) === 'queueReviewed' ? ['queueReviewed'] : []),
      ...(f.all ? ['queueAll'] : ['queueInRegions']),
      ...(f.company !== null ? ['queueOfCompany'] : []),
      ...(f.municipality !== null ? ['queueOfMunicipality'] : []),
    ];
    const rowsByForm = new Map<string, number>();
    const picked = new Set<string>();
    for (const scope of scopes)
      for (const states of stateSets)
        for (const narrow of narrowing) {
          const filter: QueueFilter = { ...scope, ...narrow, states, kind: null };
          const read = async (name: string) =>
            (
              await run(query('review', name), { ...filter, offset: neo4j.int(0), limit: neo4j.int(5000) })
            ).records.map((r) => `${r.get('suggestion').id} ${r.get('state')}`);
          const general = await read('queue');
          for (const name of formsFor(filter)) {
            rowsByForm.set(name, (rowsByForm.get(name) ?? 0) + general.length);
            expect({ filter, name, rows: await read(name) }).toEqual({ filter, name, rows: general });
          }
          if (general.length > 0)
            for (const share of [0, 1]) picked.add(queueQueryName(filter, { offset: 0, limit: 50 }, share));
        }
    const forms = [
      'queueAll',
      'queueInRegions',
      'queueOfAssignee',
      'queueOfCompany',
      'queueOfMunicipality',
      'queueReviewed',
    ];
    expect([...rowsByForm.keys()].sort()).toEqual(forms);
    for (const [name, rows] of rowsByForm) expect({ name, some: rows > 0 }).toEqual({ name, some: true });
    // Each form is the one picked for some filter with rows (sites of no share, or every site).
    expect([...picked].sort()).toEqual([...forms, 'queue'].sort());
    // Regions of few sites, or a page deep into them, keep the general form.
    const county1 = { all: false, states: stateSets[0]!, ...none };
    expect(queueQueryName(county1, { offset: 0, limit: 50 }, 0.009)).toBe('queue');
    expect(queueQueryName(county1, { offset: 0, limit: 50 }, 0.13)).toBe('queueInRegions');
    expect(queueQueryName(county1, { offset: 1000, limit: 50 }, 0.13)).toBe('queue');
    // The share read is the caller's regions', or the municipality's within them.
    const town = reviewed.get('municipality') as string;
    const shareOf = async (f: Pick<QueueFilter, 'all' | 'regions' | 'municipality'>) =>
      (await run(query('review', 'regionSiteShare'), queueShareScope(f))).records[0]!.get('share') as number;
    const sites = (await run('MATCH (s:Site) RETURN count(s) AS n')).records[0]!.get('n') as number;
    const count = async (where: string) =>
      (await run(`MATCH (s:Site) WHERE ${where} RETURN count(s) AS n`, { county, town })).records[0]!.get(
        'n',
      );
    expect(await shareOf({ all: false, regions: [county], municipality: null })).toBeCloseTo(
      (await count('s.countyCode = $county')) / sites,
    );
    expect(await shareOf({ all: true, regions: [], municipality: town })).toBeCloseTo(
      (await count('s.municipalityCode = $town')) / sites,
    );
    expect(await shareOf({ all: false, regions: ['9999'], municipality: town })).toBe(0);
  });

  it("when a listing's suggestions are read, then each row reads its own reviews, not every closed review", async () => {
    const page = await profile('match', 'forListing', {
      listingId,
      access: listingAccess(SYSTEM),
      offset: neo4j.int(0),
      limit: neo4j.int(50),
    });
    // The rejected one has left the list, the others are there.
    expect(page.rows).toBe(Math.min(50, shownBefore - 1));
    expect(page.hits).toBeLessThan(200 * shownBefore);
  });

  it('when the suggestion lists leave out closed suggestions, then no plan reads the index of review states', () => {
    expect([...closedReviewPlans.keys()]).toEqual(
      expect.arrayContaining([
        'match.forListing',
        'match.search',
        'match.searchInvolving',
        'match.forCompany',
      ]),
    );
    for (const [name, indexes] of closedReviewPlans) {
      expect({ name, indexes: indexes.filter((i) => i.includes('Review(state)')) }).toEqual({
        name,
        indexes: [],
      });
    }
  });

  it("when a suggestion's audit trail is read, then only its own events are read", async () => {
    const events = await profile('review', 'events', {
      id: 'sg_old7',
      offset: neo4j.int(0),
      limit: neo4j.int(50),
    });
    expect(events.rows).toBe(3);
    expect(events.hits).toBeLessThan(100);
    const transitions = await profile('analytics', 'transitionEvents', { ids: ['sg_old7', 'sg_old8'] });
    expect(transitions.rows).toBe(6);
    expect(transitions.hits).toBeLessThan(200);
  });

  it('when an import resolves sites by ref in the registry, then it reads those sites, not every company', async () => {
    const refs = Array.from({ length: 20 }, (_, i) => `old-site-${i * 100 + 1}`);
    const sites = await profile('site', 'byRefsInRegistry', { refs });
    expect(sites.rows).toBe(20);
    expect(sites.hits).toBeLessThan(50 * refs.length);
    const companies = await profile('company', 'idsByRef', { ref: 'old-company-42' });
    expect(companies.rows).toBe(1);
    expect(companies.hits).toBeLessThan(20);
  });

  it("when a business reads its feed, then it reads its companies' events, not every event", async () => {
    const args = {
      since: '1970-01-01T00:00:00.000Z',
      userId: 'us_feed',
      all: false,
      regions: [],
      companyIds: ['co_feed'],
      limit: neo4j.int(50),
    };
    expect(feedQueryName(args)).toBe('feedOfCompanies');
    expect(feedQueryName({ all: false, regions: ['46'] })).toBe('feedInRegions');
    const picked = await profile('review', 'feedOfCompanies', args);
    // Six events name the company; one is the business's own act.
    expect(picked.rows).toBe(5);
    expect(picked.hits, picked.operators.join('\n')).toBeLessThan(200);
    // Each company's events by a seek: a plan once scanned a whole company index per company.
    expect(picked.operators.filter((o) => o.startsWith('NodeIndexScan'))).toEqual([]);
    const ids = async (name: string) =>
      (await run(query('review', name), args)).records.map((r) => r.get('event').id as string);
    expect(await ids('feedOfCompanies')).toEqual(await ids('feed'));
    const later = { ...args, since: '2026-03-20T00:00:00.000Z' };
    const idsSince = async (name: string) =>
      (await run(query('review', name), later)).records.map((r) => r.get('event').id as string);
    expect(await idsSince('feedOfCompanies')).toEqual(await idsSince('feed'));
  });

  it("when a facilitator reads its feed, then it reads its regions' newest events, with the answer every event read newest first gives", async () => {
    // 400 events written as the service writes them (addEvents), three to a minute (equal times),
    // in a busy region (88, 8801) and a quiet one (77, 7701): some the reader's own acts, some
    // naming its company.
    const events = Array.from({ length: 400 }, (_, i) => ({
      id: `ev_reg_${String(i).padStart(3, '0')}`,
      suggestionId: 'sg_reg',
      seq: neo4j.int(i + 1),
      type: 'transition',
      to: 'introduced',
      at: new Date(Date.UTC(2026, 2, 1) + Math.floor(i / 3) * 60_000).toISOString(),
      actorId: i % 7 === 0 ? 'us_fac' : 'us_other',
      regions: i % 50 === 0 ? ['77', '7701'] : ['88', '8801'],
      offerCompanyId: i % 11 === 0 ? 'co_fac' : 'co_someone',
      needCompanyId: 'co_someone2',
    }));
    await run(query('review', 'addEvents'), { events });
    expect(feedQueryName({ all: false, regions: ['77'] })).toBe('feedInRegions');
    expect(feedQueryName({ all: true, regions: [] })).toBe('feed');
    const ids = async (name: string, args: Record<string, unknown>) =>
      (await run(query('review', name), args)).records.map((r) => r.get('event').id as string);
    let compared = 0;
    let nonEmpty = 0;
    for (const regions of [['77'], ['88'], ['7701', '88'], ['66'], ['8801']])
      for (const since of ['1970-01-01T00:00:00.000Z', '2026-03-01T01:10:00.000Z'])
        for (const limit of [1, 2, 5, 50])
          for (const userId of ['us_fac', 'us_other'])
            for (const companyIds of [[], ['co_fac']]) {
              const args = { since, userId, all: false, regions, companyIds, limit: neo4j.int(limit) };
              const expected = await ids('feed', args);
              expect(await ids('feedInRegions', args), JSON.stringify(args)).toEqual(expected);
              compared++;
              if (expected.length > 0) nonEmpty++;
            }
    expect(compared).toBe(160);
    expect(nonEmpty).toBeGreaterThan(100);
    // A quiet region: its few events by the index, where `feed` reads every event since 1970.
    const quiet = {
      since: '1970-01-01T00:00:00.000Z',
      userId: 'us_fac',
      all: false,
      regions: ['77'],
      companyIds: [],
      limit: neo4j.int(50),
    };
    const picked = await profile('review', 'feedInRegions', quiet);
    expect(picked.rows).toBe(6);
    expect(picked.hits, picked.operators.join('\n')).toBeLessThan(200);
    const scanned = await profile('review', 'feed', quiet);
    expect(scanned.rows).toBe(6);
    expect(scanned.hits).toBeGreaterThan(MANY);
    // Events recorded before migration 013 (the fixture's six in region 9999, written directly) have
    // no ReviewEventRegion until its backfill gives them theirs, once however often it runs.
    const old = { ...quiet, regions: ['9999'], userId: 'us_nobody' };
    expect(await ids('feed', old)).toHaveLength(6);
    expect(await ids('feedInRegions', old)).toEqual([]);
    const backfill = readMigrations()
      .find((m) => m.id === '013-review-event-regions')!
      .statements.find((st) => st.includes('IN TRANSACTIONS'))!;
    await run(backfill);
    await run(backfill);
    expect(await ids('feedInRegions', old)).toEqual(await ids('feed', old));
    const written = await run("MATCH (x:ReviewEventRegion {code: '9999'}) RETURN count(x) AS n");
    expect(Number(written.records[0]!.get('n'))).toBe(6);
    // A busy region: its newest events by reading the index backwards, not all of its 392 and a sort.
    const busy = await profile('review', 'feedInRegions', { ...quiet, regions: ['88'], limit: neo4j.int(5) });
    expect(busy.rows).toBe(5);
    expect(busy.hits, busy.operators.join('\n')).toBeLessThan(150);
  });

  it('when suggestions are filtered by a municipality of few sites, then they are read from its sites, with the same rows', async () => {
    const filter = (municipality: string | null) => suggestionFilter({ municipality });
    const town = (
      await run(
        `MATCH (sg:Suggestion {status: 'active'})-[:OFFERS]->(:Listing)-[:AT_SITE]->(s:Site)
         WHERE s.municipality IS NOT NULL
         WITH s.municipality AS m, count(DISTINCT sg) AS n
         MATCH (t:Site {municipality: m})
         WITH m, n, count(t) AS sites
         RETURN m ORDER BY sites, n DESC LIMIT 1`,
      )
    ).records[0]!.get('m') as string;
    const store = runtime.deps.store;
    const access = listingAccess(SYSTEM);
    expect(await searchQueryName(store, filter(town), access)).toBe('searchInMunicipality');
    expect(await searchQueryName(store, filter('Nowhere'), access)).toBe('searchInMunicipality');
    // 3,000 of the sites: the score index finds its suggestions sooner than its sites would.
    expect(await searchQueryName(store, filter('Oldtown'), access)).toBe('search');
    expect(await searchQueryName(store, filter(null), access)).toBe('search');
    const fromSites = await expectSameAsSearch('InMunicipality', filter(town));
    expect(fromSites.length).toBe(
      (await run(query('match', 'countSearchInMunicipality'), searchArgs(filter(town)))).records[0]!.get(
        'total',
      ),
    );
    const none = await profile('match', 'searchInMunicipality', searchArgs(filter('Nowhere')));
    expect(none.rows).toBe(0);
    expect(none.hits).toBeLessThan(20);
  });

  it('when suggestions are filtered by a circle around few sites, then they are read from those sites, with the same rows', async () => {
    // The demo's busiest site, whose circle the two forms must answer alike; and the open sea.
    const at = (
      await run(
        `MATCH (sg:Suggestion {status: 'active'})-[:OFFERS]->(:Listing)-[:AT_SITE]->(s:Site)
         WHERE s.location IS NOT NULL
         RETURN s.location.latitude AS lat, s.location.longitude AS lon, count(sg) AS n ORDER BY n DESC LIMIT 1`,
      )
    ).records[0]!;
    const circle = (latitude: number, longitude: number, radiusM: number) =>
      suggestionFilter({ center: { latitude, longitude }, radiusM });
    const near = circle(at.get('lat'), at.get('lon'), 20_000);
    // The open sea west of Norway: no site within reach.
    const sea = circle(66, 2, 20_000);
    expect(await searchQueryName(runtime.deps.store, sea, listingAccess(SYSTEM))).toBe('searchInCircle');
    await expectSameAsSearch('InCircle', near);
    const none = await profile('match', 'searchInCircle', searchArgs(sea));
    expect(none.rows).toBe(0);
    expect(none.hits).toBeLessThan(20);
  });

  it('when the totals of companies, sites and listings are read, then they come from the count store', async () => {
    const totals = await profile('listing', 'countAll', {});
    expect(totals.rows).toBe(1);
    expect(totals.hits).toBeLessThan(20);
  });
});

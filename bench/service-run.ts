/**
 * `npm run bench:service -- --sizes 2000,10000[,100000]`: a whole-database match run through the
 * service layer, at scale. For each size, in a child process of its own: a throwaway embedded
 * Neo4j (never NEO4J_URI), a synthetic region (synthetic-region.ts) loaded through importDocument
 * as a user import would (timed against its anchor, import-anchor.ts: the same rows by plain
 * batched UNWIND ... CREATE, written and deleted just before), then `startMatchRun(deps, {})` twice
 * on the same data. The second run must write nothing: same candidates, all unchanged, none
 * created, updated or withdrawn.
 *
 * Phases are read off the real startMatchRun call, not re-enacted: the Store in deps is wrapped so
 * every transaction records which named queries it ran and when it started and ended. Between
 * those timestamps lie the JavaScript phases: parsing the listings (after the `listing.inScope` read)
 * and the engine's search (after the published suggestions are read, before the first staging).
 * The suggestions are then explained, compared and the changed ones staged a batch at a time while
 * the LP solves (decision 0007), the allocation staged after it, and all of it published in one
 * transaction (decision 0008).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listingAccess } from '../src/domain/access.ts';
import { SYSTEM } from '../src/domain/caller.ts';
import type { MatchRun } from '../src/domain/suggestion.ts';
import { createLogger } from '../src/logger.ts';
import { loadReferenceData } from '../src/reference/load.ts';
import { connect } from '../src/runtime.ts';
import type { Deps } from '../src/services/deps.ts';
import { type ImportSummary, importDocument } from '../src/services/import.ts';
import { createListing, updateListing } from '../src/services/listings.ts';
import { startMatchRun } from '../src/services/match-runs.ts';
import { int, type ManagedTransaction, type Store } from '../src/store/driver.ts';
import {
  runFilter,
  type SuggestionFilter,
  searchSuggestions,
  suggestionCounts,
  suggestionsForCompany,
  suggestionsForListing,
} from '../src/store/match-store.ts';
import { provisionNeo4j } from '../src/store/provision.ts';
import { allQueries } from '../src/store/queries.ts';
import {
  anchorRows,
  anchorSample,
  copyRunAnchor,
  deleteAnchor,
  type RunAnchorCopy,
  writeAnchor,
} from './import-anchor.ts';
import { measure, nodeFlags } from './measure.ts';
import { importDocumentOf } from './region-document.ts';
import { generateRegion } from './synthetic-region.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,10000' },
    seed: { type: 'string', default: '1' },
    heap: { type: 'string', default: '2g' },
    'page-cache': { type: 'string', default: '2g' },
    out: { type: 'string' },
    child: { type: 'string' },
  },
});

const log = (message: string): void => {
  process.stderr.write(`[bench:service] ${message}\n`);
};

// ---------------------------------------------------------------------------------------------
// Tracing the store: one event per transaction, with the named queries it ran.

/** A moment of the run: wall clock, and CPU used so far by this process and by the Neo4j JVM. */
interface Mark {
  t: number;
  nodeCpuMs: number;
  dbCpuMs: number;
}

let neo4jPid: string | null | undefined;

/** The embedded Neo4j JVM: the child of this process that runs the launcher. */
function findNeo4jPid(): string | null {
  if (neo4jPid !== undefined) return neo4jPid;
  neo4jPid = null;
  try {
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      const children = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim();
      for (const pid of children ? children.split(/\s+/) : []) {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('Neo4jLauncher')) neo4jPid = pid;
      }
    }
  } catch {
    // No /proc: Neo4j's CPU and memory are not reported.
  }
  return neo4jPid;
}

/** utime + stime of the Neo4j JVM in ms (clock ticks of 10 ms, the Linux default). */
function neo4jCpuMs(): number {
  const pid = findNeo4jPid();
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function mark(): Mark {
  const u = process.cpuUsage();
  return { t: performance.now(), nodeCpuMs: (u.user + u.system) / 1000, dbCpuMs: neo4jCpuMs() };
}

interface Phase {
  ms: number;
  nodeCpuMs: number;
  dbCpuMs: number;
}

const between = (a: Mark, b: Mark): Phase => ({
  ms: b.t - a.t,
  nodeCpuMs: b.nodeCpuMs - a.nodeCpuMs,
  dbCpuMs: b.dbCpuMs - a.dbCpuMs,
});

interface TxEvent {
  mode: 'read' | 'write';
  queries: string[];
  start: Mark;
  end: Mark;
  /** How often the driver ran the work (more than 1 means a transient error and a retry). */
  attempts: number;
}

const queryNames = new Map(allQueries().map((q) => [q.text, `${q.file}.${q.name}`]));

function tracedStore(inner: Store, events: TxEvent[]): Store {
  const traced =
    (mode: 'read' | 'write') =>
    <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
      const event: TxEvent = { mode, queries: [], start: mark(), end: mark(), attempts: 0 };
      events.push(event);
      return inner[mode]((tx) => {
        event.attempts++;
        const proxy = new Proxy(tx, {
          get(target, prop, receiver) {
            if (prop !== 'run') return Reflect.get(target, prop, receiver);
            return (text: string, params?: Record<string, unknown>) => {
              if (event.attempts === 1) event.queries.push(queryNames.get(text) ?? 'ad-hoc');
              return target.run(text, params);
            };
          },
        });
        return work(proxy);
      }).finally(() => {
        event.end = mark();
      });
    };
  return { driver: inner.driver, read: traced('read'), write: traced('write'), close: () => inner.close() };
}

// ---------------------------------------------------------------------------------------------
// One size, in a child process.

interface RunPhases {
  total: Phase;
  /** The run's own durationMs (its start to its publication). */
  runDurationMs: number;
  /** Call start to the published read: the run lock, the listing read plus parsing, the match context. */
  loadListings: Phase;
  /** The `listing.inScope` transaction alone (query, transfer of every record). */
  loadListingsDbMs: number;
  /** Reading the published suggestions the run compares its pairs with. */
  readPublished: Phase;
  /**
   * The engine: index, search and allocation problem, until the first staging transaction; when the
   * run stages nothing, the explanations and comparisons too, until the allocation pass.
   */
  engine: Phase;
  /** First to last staging transaction: explaining, comparing and staging changed pairs, the LP solving meanwhile. */
  stage: Phase;
  stageTransactions: number;
  /** From the staging's end to the publication: waiting for the LP, staged allocations, re-allocations and withdrawals. */
  allocation: Phase;
  /** The publishing transaction. */
  publish: Phase;
  retries: number;
  candidates: number;
  /** Chains through processors the run found (each a suggestion of its own, decision 0016). */
  chains: number;
  allocated: number;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  peakRssMb: number;
  neo4jPeakRssMb: number | null;
  suggestionsAfter: { total: number; active: number; createdSince: number; staged: number };
}

interface SizeResult {
  listings: number;
  companies: number;
  sites: number;
  importMs: number;
  /** The anchor of issue 14: the same rows by plain batched UNWIND ... CREATE, before the import (then deleted). */
  anchorMs: number;
  importPeakRssMb: number;
  /** A first run's suggestions copied inside Neo4j after the second run (import-anchor.ts copyRunAnchor). */
  runAnchor: { suggestions: number; nodes: RunAnchorCopy; relationships: RunAnchorCopy };
  importSummary: Pick<ImportSummary, 'companies' | 'sites' | 'listings'> & { errors: number };
  runs: RunPhases[];
  /** First pages of the suggestion lists, limit 50: median ms of 5 after a warm-up, and rows read. */
  reads: { name: string; ms: number; items: number; dbHits: number }[];
  /** Registering and changing listings through the service (createListing / updateListing), ms each. */
  writes: {
    name: string;
    count: number;
    p50: number;
    p95: number;
    max: number;
    suggestions: number;
    /** Of the calls (warm-up included, POST and PATCH), how many the kept index answered. */
    byIndex: number;
  }[];
  /** Building the kept counterpart index of the API process (services/counterpart-index.ts) after the import. */
  counterpartIndex: {
    ms: number;
    listings: number;
    peakRssMb: number;
    heapUsedMb: number;
    heapAfterMb: number;
  };
  secondRun: {
    sameCandidates: boolean;
    created: number;
    updated: number;
    unchanged: number;
    countUnchanged: boolean;
    withdrawn: number;
  };
  neo4j: { heap: string; pageCache: string; txMemory: string };
  nodePeakRssMb: number;
}

/** The transactions that ran a named query: the first one's start, the last one's end. */
function span(events: TxEvent[], ...names: string[]): { start: Mark; end: Mark; count: number } | null {
  const hits = events.filter((e) => names.some((name) => e.queries.includes(name)));
  if (hits.length === 0) return null;
  return { start: hits[0]!.start, end: hits[hits.length - 1]!.end, count: hits.length };
}

/** Peak RSS of the embedded Neo4j JVM, MB; resets the high-water mark when the kernel allows. */
function neo4jPeakRssMb(reset: boolean): number | null {
  const pid = findNeo4jPid();
  if (!pid) return null;
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (reset) {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
      } catch {
        // Not allowed here: the peak then covers the process's whole life.
      }
    }
    return hwm ? Number(hwm[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function timedRun(deps: Deps, inner: Store): Promise<{ run: MatchRun; phases: RunPhases }> {
  const events: TxEvent[] = [];
  const traced: Deps = { ...deps, store: tracedStore(inner, events) };
  neo4jPeakRssMb(true);
  const since = new Date().toISOString();
  const m = await measure(async () => {
    const t0 = mark();
    const run = await startMatchRun(traced, {});
    return { run, t0, t1: mark() };
  });
  const { run, t0, t1 } = m.result;
  const load = span(events, 'listing.inScope');
  const published = span(events, 'match.publishedAll', 'match.publishedOfListings');
  const staged = span(events, 'match.stageSuggestions', 'match.createSuggestions');
  const allocations = span(events, 'match.setStagedAllocations', 'match.stageRevisions');
  const publish = span(events, 'match.publishCreated');
  if (!load || !published || !publish) throw new Error('the match run ran an unexpected sequence');
  const allocationStart = staged?.end ?? allocations?.start ?? publish.start;
  const counts = await suggestionCounts(inner, since);
  return {
    run,
    phases: {
      total: between(t0, t1),
      runDurationMs: run.durationMs ?? 0,
      loadListings: between(t0, published.start),
      loadListingsDbMs: load.end.t - load.start.t,
      readPublished: between(published.start, published.end),
      engine: between(published.end, staged?.start ?? allocationStart),
      stage: staged ? between(staged.start, staged.end) : between(allocationStart, allocationStart),
      stageTransactions: staged?.count ?? 0,
      allocation: between(allocationStart, publish.start),
      publish: between(publish.start, publish.end),
      retries: events.reduce((n, e) => n + e.attempts - 1, 0),
      candidates: run.candidates ?? 0,
      chains: run.chains ?? 0,
      allocated: run.allocated ?? 0,
      created: run.created ?? 0,
      updated: run.updated ?? 0,
      unchanged: run.unchanged ?? 0,
      withdrawn: run.withdrawn ?? 0,
      peakRssMb: m.peakRssMb,
      neo4jPeakRssMb: neo4jPeakRssMb(false),
      suggestionsAfter: counts,
    },
  };
}

function countBy(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/** Database hits of a named query's plan, by PROFILE. */
async function dbHits(store: Store, name: string, params: Record<string, unknown>): Promise<number> {
  const [file, q] = name.split('.');
  const text = allQueries().find((x) => x.file === file && x.name === q)!.text;
  const session = store.driver.session();
  try {
    const result = await session.run(`PROFILE ${text}`, params);
    const sum = (p: { dbHits?: number; children?: unknown[] }): number =>
      (p.dbHits ?? 0) + (p.children ?? []).reduce<number>((n, c) => n + sum(c as typeof p), 0);
    return result.summary.profile ? sum(result.summary.profile as never) : 0;
  } finally {
    await session.close();
  }
}

/** The first page (limit 50) of each suggestion list: what an API reader waits for. */
/** The stored ids of a listing and a company of the synthetic region (ids are random; refs are the region's ids). */
async function idsOfRefs(deps: Deps, listingRef: string, companyRef: string) {
  const r = await deps.store.read((tx) =>
    tx.run(
      'MATCH (l:Listing {ref: $listingRef}) MATCH (c:Company {ref: $companyRef}) RETURN l.id AS listingId, c.id AS companyId',
      { listingRef, companyRef },
    ),
  );
  return {
    listingId: r.records[0]!.get('listingId') as string,
    companyId: r.records[0]!.get('companyId') as string,
  };
}

/** The reads are timed as an admin sees them: every suggestion, identified. */
const STAFF = listingAccess(SYSTEM);

async function timedReads(
  deps: Deps,
  ids: { runId: string; municipality: string; listingId: string; companyId: string },
): Promise<SizeResult['reads']> {
  const page = { offset: 0, limit: 50 };
  const all: SuggestionFilter = { ...runFilter(''), runId: null };
  const cases: [string, string, Record<string, unknown>, () => Promise<{ items: unknown[] }>][] = [
    [
      'GET /suggestions',
      'match.search',
      { ...all, minScore: 0 },
      () => searchSuggestions(deps.store, all, STAFF, page),
    ],
    [
      `GET /suggestions?municipality=${ids.municipality}`,
      'match.search',
      { ...all, minScore: 0, municipality: ids.municipality },
      () => searchSuggestions(deps.store, { ...all, municipality: ids.municipality }, STAFF, page),
    ],
    [
      'GET /suggestions?runId=<first run>',
      'match.searchOfRun',
      { ...runFilter(ids.runId), minScore: 0 },
      () => searchSuggestions(deps.store, runFilter(ids.runId), STAFF, page),
    ],
    [
      'GET /listings/{id}/suggestions',
      'match.forListing',
      { listingId: ids.listingId },
      () => suggestionsForListing(deps.store, ids.listingId, STAFF, page),
    ],
    [
      'GET /companies/{id}/suggestions',
      'match.forCompany',
      { companyId: ids.companyId },
      () => suggestionsForCompany(deps.store, ids.companyId, STAFF, page),
    ],
  ];
  const out: SizeResult['reads'] = [];
  for (const [name, query, params, read] of cases) {
    await read();
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      items = (await read()).items.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const cursor = { afterScore: Number.MAX_VALUE, afterKey: '' };
    const hits = await dbHits(deps.store, query, {
      ...params,
      ...cursor,
      access: STAFF,
      offset: int(0),
      limit: int(51),
    });
    out.push({ name, ms: times[2]!, items, dbHits: hits });
  }
  return out;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/**
 * A business's writes as the API makes them: POST /listings (createListing) of WRITES new listings
 * at sites spread over the region, each a copy of a listing of the region with a ref of its own,
 * then PATCH /listings/{id} (updateListing) of each with a new quantity. Each call answers with the
 * listing's refreshed suggestions, as the route does. Sequential, after a warm-up of 5 each.
 */
const WRITES = 50;
async function timedWrites(
  deps: Deps,
  region: ReturnType<typeof generateRegion>,
  how: 'kept index' | 'Neo4j',
): Promise<SizeResult['writes']> {
  const stride = Math.max(1, Math.floor(region.inputs.length / (WRITES + 5)));
  const offset = how === 'Neo4j' ? Math.floor(stride / 2) : 0;
  const picks = Array.from({ length: WRITES + 5 }, (_, i) => region.inputs[i * stride + offset]!);
  const answered = deps.counterparts?.stats.answered ?? 0;
  const siteIds = await deps.store.read((tx) =>
    tx.run('UNWIND $refs AS ref MATCH (s:Site {ref: ref}) RETURN ref, s.id AS id', {
      refs: [...new Set(picks.map((p) => p.siteId))],
    }),
  );
  const siteIdOf = new Map(siteIds.records.map((r) => [r.get('ref') as string, r.get('id') as string]));
  const created: { id: string; quantity: { value: number; unit: string } }[] = [];
  const post: number[] = [];
  let suggestions = 0;
  for (const [i, input] of picks.entries()) {
    const body = {
      ...input,
      ref: `bench-write-${how === 'Neo4j' ? 'n' : 'k'}-${i}`,
      siteId: siteIdOf.get(input.siteId)!,
    };
    const t = performance.now();
    const answer = await createListing(deps, SYSTEM, body);
    if (i >= 5) post.push(performance.now() - t);
    suggestions += answer.suggestions.length;
    created.push({ id: answer.id, quantity: answer.quantity });
  }
  const patch: number[] = [];
  for (const [i, { id, quantity }] of created.entries()) {
    const t = performance.now();
    await updateListing(deps, SYSTEM, id, { quantity: { ...quantity, value: quantity.value * 1.1 } }, null);
    if (i >= 5) patch.push(performance.now() - t);
  }
  const byIndex = (deps.counterparts?.stats.answered ?? 0) - answered;
  const row = (name: string, times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      name: `${name}, counterparts from the ${how}`,
      byIndex,
      count: sorted.length,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: sorted[sorted.length - 1]!,
      suggestions: name.startsWith('POST') ? suggestions / picks.length : 0,
    };
  };
  return [row('POST /listings', post), row('PATCH /listings/{id} (quantity)', patch)];
}

async function runSize(size: number): Promise<SizeResult> {
  const logger = createLogger(process.env['LOG_LEVEL'] ?? 'warn');
  const reference = loadReferenceData();
  const region = generateRegion(reference, { listings: size, seed: Number(args.seed) });
  const document = importDocumentOf(region);
  const dataDir = mkdtempSync(join(tmpdir(), 'symbiosis-bench-service-'));
  const neo4jSettings = { heap: args.heap, pageCache: args['page-cache'], txMemory: '4g (launcher default)' };
  log(`${size}: starting a throwaway embedded Neo4j (heap ${args.heap}, page cache ${args['page-cache']})`);
  const neo4j = await provisionNeo4j({
    ignoreUri: true,
    image: 'neo4j:5.26.30-community',
    dataDir,
    port: 0,
    heap: args.heap,
    pageCache: args['page-cache'],
    logger,
  });
  try {
    const runtime = await connect(neo4j, logger);
    const deps = runtime.deps;
    try {
      log(`${size}: anchor: the same rows by plain batched UNWIND ... CREATE`);
      const anchor = anchorRows(deps, document);
      await writeAnchor(deps, anchorSample(anchor, 2000));
      await deleteAnchor(deps);
      const anchorMs = await writeAnchor(deps, anchor);
      await deleteAnchor(deps);
      log(
        `${size}: anchor ${(anchorMs / 1000).toFixed(1)} s; importing ${document.companies.length} companies and ${document.listings.length} listings`,
      );
      const imported = await measure(() => importDocument(deps, SYSTEM, document));
      const summary = imported.result;
      if (summary.errors.length > 0)
        log(`${size}: ${summary.errors.length} import errors, first: ${JSON.stringify(summary.errors[0])}`);
      log(`${size}: imported in ${(imported.ms / 1000).toFixed(1)} s; building the kept counterpart index`);
      // The API process builds its index at start and keeps it through runs and reads (main.ts).
      const kept = deps.counterparts!;
      const built = await measure(async () => {
        kept.warm(deps);
        await kept.settled();
      });
      if (!kept.ready) throw new Error('the kept counterpart index was not built');
      const heapAfterMb = process.memoryUsage().heapUsed / 2 ** 20;
      log(`${size}: index built in ${(built.ms / 1000).toFixed(1)} s; first match run`);
      const first = await timedRun(deps, deps.store);
      log(`${size}: first run ${(first.phases.total.ms / 1000).toFixed(1)} s; second run`);
      const second = await timedRun(deps, deps.store);
      log(
        `${size}: second run ${(second.phases.total.ms / 1000).toFixed(1)} s; the run's suggestions copied inside Neo4j`,
      );
      const runAnchor = await copyRunAnchor(deps, neo4jCpuMs);
      log(
        `${size}: copied ${runAnchor.suggestions} as nodes in ${s(runAnchor.nodes.ms)} s, as relationships in ${s(runAnchor.relationships.ms)} s; reading pages`,
      );
      const busiestTown = [...countBy(region.sites.map((site) => site.municipality ?? ''))].sort(
        (a, b) => b[1] - a[1],
      )[0]![0];
      const reads = await timedReads(deps, {
        runId: first.run.id,
        municipality: busiestTown,
        ...(await idsOfRefs(deps, region.listings[0]!.id, region.companies[0]!.id)),
      });
      log(`${size}: registering and changing listings`);
      const writes = [
        ...(await timedWrites(deps, region, 'kept index')),
        ...(await timedWrites({ ...deps, counterparts: undefined }, region, 'Neo4j')),
      ];
      return {
        listings: size,
        companies: region.companies.length,
        sites: region.sites.length,
        importMs: imported.ms,
        anchorMs,
        runAnchor,
        importPeakRssMb: imported.peakRssMb,
        importSummary: {
          companies: summary.companies,
          sites: summary.sites,
          listings: summary.listings,
          errors: summary.errors.length,
        },
        runs: [first.phases, second.phases],
        reads,
        writes,
        counterpartIndex: {
          ms: built.ms,
          listings: kept.stats.listings,
          peakRssMb: built.peakRssMb,
          heapUsedMb: built.heapUsedMb,
          heapAfterMb,
        },
        secondRun: {
          sameCandidates: first.run.candidates === second.run.candidates,
          created: second.phases.suggestionsAfter.createdSince,
          updated: second.run.updated ?? 0,
          unchanged: second.run.unchanged ?? 0,
          countUnchanged: first.phases.suggestionsAfter.total === second.phases.suggestionsAfter.total,
          withdrawn: second.run.withdrawn ?? 0,
        },
        neo4j: neo4jSettings,
        nodePeakRssMb: Math.max(
          imported.peakRssMb,
          built.peakRssMb,
          first.phases.peakRssMb,
          second.phases.peakRssMb,
        ),
      };
    } finally {
      await runtime.close();
    }
  } finally {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function runChild(size: number): SizeResult {
  const forwarded = ['--seed', args.seed, '--heap', args.heap, '--page-cache', args['page-cache']];
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(size), ...forwarded],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0)
    throw new Error(`service bench for ${size} listings exited with ${child.status ?? child.signal}`);
  return JSON.parse(child.stdout) as SizeResult;
}

// ---------------------------------------------------------------------------------------------
// Report.

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const s = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

const cpu = (p: Phase): string => `${s(p.nodeCpuMs)} / ${s(p.dbCpuMs)}`;

function render(results: SizeResult[], load: [number, number]): string {
  const lines = [
    '# Service match run benchmark',
    '',
    `Synthetic regions (seed ${args.seed}) imported with importDocument into a throwaway embedded Neo4j 5.26, ` +
      'then `startMatchRun(deps, {})` twice on the same data. Times in seconds.',
    `Machine: ${cpus().length} cores, ${fmtInt(totalmem() / 2 ** 30)} GB; Node ${process.version} (flags: ${nodeFlags()}); ` +
      `1-minute load average ${load[0].toFixed(1)} at start, ${load[1].toFixed(1)} at end.`,
    '',
    '| listings | run | import | load listings (db) | read published | engine: search | explain + compare + stage, LP beside (tx) | allocation | publish (1 tx) | total | candidates | created / updated / unchanged / withdrawn | Suggestion nodes after | node peak RSS MB | Neo4j peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    r.runs.forEach((p, i) => {
      lines.push(
        `| ${fmtInt(r.listings)} | ${i + 1} | ${i === 0 ? s(r.importMs) : ''} | ${s(p.loadListings.ms)} (${s(p.loadListingsDbMs)}) | ` +
          `${s(p.readPublished.ms)} | ${s(p.engine.ms)} | ${s(p.stage.ms)} (${p.stageTransactions}) | ${s(p.allocation.ms)} | ${s(p.publish.ms)} | ` +
          `${s(p.total.ms)} | ${fmtInt(p.candidates)} | ${fmtInt(p.created)} / ${fmtInt(p.updated)} / ${fmtInt(p.unchanged)} / ${fmtInt(p.withdrawn)} | ` +
          `${fmtInt(p.suggestionsAfter.total)} | ${fmtInt(p.peakRssMb)} | ${p.neo4jPeakRssMb === null ? '–' : fmtInt(p.neo4jPeakRssMb)} |`,
      );
    });
  }
  lines.push(
    '',
    'Import against its anchor (issue 14: within 3x): the same companies, sites and listings written by plain ' +
      'batched `UNWIND $rows AS row CREATE ...` (10,000 rows a transaction, no checks, no outcomes) into the same ' +
      'Neo4j just before the import, then deleted:',
    '',
    '| listings | import s | listings/s | anchor s | anchor listings/s | ratio |',
    '|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    lines.push(
      `| ${fmtInt(r.listings)} | ${s(r.importMs)} | ${fmtInt((r.listings / r.importMs) * 1000)} | ${s(r.anchorMs)} | ` +
        `${fmtInt((r.listings / r.anchorMs) * 1000)} | ${(r.importMs / r.anchorMs).toFixed(2)} |`,
    );
  }
  lines.push(
    '',
    "A first run's writes against Neo4j's own (issue 14: a first run within 3x of the engine's full run, " +
      '`bench/results.md`): after the second run, its active suggestions copied inside Neo4j by one query each ' +
      '(`runAnchorNodes`, `runAnchorRelationships` in cypher/bench.cypher: no row over Bolt, no check, no index or ' +
      'constraint on the copies; 10,000 rows a transaction), then deleted. Seconds, wall / Neo4j CPU:',
    '',
    '| listings | suggestions | as nodes with two relationships | as one relationship each | first run: staging + allocation + publication | first run |',
    '|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    const first = r.runs[0]!;
    const copy = (c: RunAnchorCopy) => `${s(c.ms)} / ${s(c.dbCpuMs)}`;
    lines.push(
      `| ${fmtInt(r.listings)} | ${fmtInt(r.runAnchor.suggestions)} | ${copy(r.runAnchor.nodes)} | ${copy(r.runAnchor.relationships)} | ` +
        `${s(first.stage.ms + first.allocation.ms + first.publish.ms)} | ${s(first.total.ms)} |`,
    );
  }
  lines.push(
    '',
    'CPU seconds per phase, node / Neo4j JVM (both share the same cores):',
    '',
    '| listings | run | load listings | read published | engine: search | explain + compare + stage | allocation | publish | total |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    r.runs.forEach((p, i) => {
      lines.push(
        `| ${fmtInt(r.listings)} | ${i + 1} | ${cpu(p.loadListings)} | ${cpu(p.readPublished)} | ${cpu(p.engine)} | ${cpu(p.stage)} | ` +
          `${cpu(p.allocation)} | ${cpu(p.publish)} | ${cpu(p.total)} |`,
      );
    });
  }
  lines.push(
    '',
    'First page of each suggestion list after the second run (limit 50; median of 5 after a warm-up; db hits by PROFILE):',
    '',
    '| listings | read | ms | items | db hits |',
    '|---:|---|---:|---:|---:|',
  );
  for (const r of results) {
    for (const read of r.reads)
      lines.push(
        `| ${fmtInt(r.listings)} | ${read.name} | ${read.ms.toFixed(1)} | ${read.items} | ${fmtInt(read.dbHits)} |`,
      );
  }
  lines.push(
    '',
    'Registering and changing a listing through the service, with its refreshed suggestions in the answer (ms; sequential, after 5 of each as warm-up):',
    '',
    '| listings | write | calls | p50 | p95 | max | suggestions in the answer (mean) | answered by the kept index (of 110) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    for (const w of r.writes)
      lines.push(
        `| ${fmtInt(r.listings)} | ${w.name} | ${w.count} | ${w.p50.toFixed(0)} | ${w.p95.toFixed(0)} | ${w.max.toFixed(0)} | ${w.name.startsWith('POST') ? w.suggestions.toFixed(1) : ''} | ${w.byIndex} |`,
      );
  }
  lines.push(
    '',
    'The kept counterpart index of the API process, built after the import and kept through the runs:',
    '',
    '| listings | build (s) | peak RSS during the build (MB) | JS heap after (MB) |',
    '|---:|---:|---:|---:|',
  );
  for (const r of results) {
    const c = r.counterpartIndex;
    lines.push(`| ${fmtInt(c.listings)} | ${s(c.ms)} | ${fmtInt(c.peakRssMb)} | ${fmtInt(c.heapAfterMb)} |`);
  }
  lines.push('', 'Checks and settings:');
  for (const r of results) {
    const second = r.secondRun;
    const ok =
      second.sameCandidates &&
      second.created === 0 &&
      second.updated === 0 &&
      second.countUnchanged &&
      second.withdrawn === 0 &&
      second.unchanged === r.runs[1]!.candidates + r.runs[1]!.chains &&
      r.runs.every((p) => p.suggestionsAfter.staged === 0);
    lines.push(
      `- ${fmtInt(r.listings)} listings (${fmtInt(r.companies)} companies, ${fmtInt(r.sites)} sites; ` +
        `${r.importSummary.errors} import errors): second run ${ok ? 'PASS' : 'FAIL'} ` +
        `(same candidates ${second.sameCandidates}, suggestions created ${second.created}, updated ${second.updated}, ` +
        `unchanged ${fmtInt(second.unchanged)}, count unchanged ${second.countUnchanged}, withdrawn ${second.withdrawn}, ` +
        `staged rows left ${r.runs.map((p) => p.suggestionsAfter.staged).join('/')}); ` +
        `retries ${r.runs.map((p) => p.retries).join('/')}; import peak RSS ${fmtInt(r.importPeakRssMb)} MB; ` +
        `node peak RSS ${fmtInt(r.nodePeakRssMb)} MB; Neo4j heap ${r.neo4j.heap}, page cache ${r.neo4j.pageCache}, ` +
        `transaction memory ${r.neo4j.txMemory}.`,
    );
  }
  lines.push(
    '',
    'Notes: "load listings" runs from the call to the read of the published suggestions (the run lock and the run ' +
      'record, the `listing.inScope` read, parsing every listing, the match context); "(db)" is that read transaction ' +
      'alone. "read published" reads the published suggestions the run compares its pairs with. "engine: search" runs ' +
      'from there to the first staging transaction (index, search, allocation problem; when nothing is staged, the ' +
      'explanations and comparisons too); "explain + compare + stage" spans the staging transactions, the candidates ' +
      'explained a batch at a time between them while the LP solves in the worker thread; "allocation" runs from there ' +
      'to the publication (waiting for the LP, then staging allocations, re-allocations and withdrawals); "publish" is ' +
      'the one transaction that makes the run visible. Peak RSS is VmHWM, reset before each run; Neo4j is the JVM ' +
      'launcher process (its peak is reset only where the kernel allows it).',
  );
  return lines.join('\n');
}

if (args.child !== undefined) {
  process.stdout.write(JSON.stringify(await runSize(Number(args.child))));
} else {
  const loadAtStart = loadavg()[0]!;
  const results = args.sizes.split(',').map((size) => runChild(Number(size)));
  const report = render(results, [loadAtStart, loadavg()[0]!]);
  process.stdout.write(`${report}\n`);
  if (args.out) writeFileSync(args.out, `${report}\n`);
}

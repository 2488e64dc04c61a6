/**
 * The child processes of `npm run bench:load` (bench/load.ts forks this file with `--role`), each
 * a process of its own so that its memory can be read from /proc and a crash stays a result:
 *   hello  a bare express 5 hello world, the anchor;
 *   setup  the synthetic region through importDocument as the system, one full match run (waited
 *          for, should runs become asynchronous), an admin token from the users service, and a
 *          few hundred listing ids to rotate over, preferring listings that have suggestions;
 *   serve  the service itself, createApp on 127.0.0.1:0, against the Neo4j the parent provisioned.
 * Each reports through the IPC channel and exits when its parent goes away.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import express from 'express';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.ts';
import { SYSTEM } from '../src/domain/caller.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { loadReferenceData } from '../src/reference/load.ts';
import { connect } from '../src/runtime.ts';
import type { Deps } from '../src/services/deps.ts';
import { importDocument } from '../src/services/import.ts';
import { startMatchRun } from '../src/services/match-runs.ts';
import { getMatchRun } from '../src/services/run-reads.ts';
import { listingSuggestions } from '../src/services/suggestions.ts';
import { createUser } from '../src/services/users.ts';
import { suggestionCounts } from '../src/store/match-store.ts';
import type { ProvisionedNeo4j } from '../src/store/provision.ts';
import { importDocumentOf } from './region-document.ts';
import { generateRegion } from './synthetic-region.ts';

export interface SetupReport {
  type: 'setup-done';
  listings: number;
  companies: number;
  importMs: number;
  importErrors: number;
  firstImportError?: string;
  matchMs: number;
  run: { id: string; status: string; candidates: number; allocated: number };
  activeSuggestions: number;
  token: string;
  ids: string[];
  /** Bodies of new listings for POST /listings (copies of the region's, at its sites, refs of their own). */
  writes: Record<string, unknown>[];
  idsWithSuggestions: number;
  peakRssMb: number;
}

export type ChildMessage = { type: 'listening'; port: number } | SetupReport;

const { values: args } = parseArgs({
  options: {
    role: { type: 'string' },
    uri: { type: 'string', default: '' },
    listings: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    ids: { type: 'string', default: '300' },
    'log-level': { type: 'string', default: 'warn' },
    /** The read cache's reuse, ms (serve); config.ts's default when absent. */
    'read-cache-ms': { type: 'string' },
    'no-counterpart-index': { type: 'boolean', default: false },
    /** TURN_TARGET_MS (serve); config.ts's default when absent, 0: no turn taking. */
    'turn-target-ms': { type: 'string' },
    /** How many new-listing bodies the setup hands over for the write measurement. */
    writes: { type: 'string', default: '220' },
  },
});

/** Resolves once the message has left for the parent. */
const say = (message: ChildMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, undefined, () => resolve());
  });
const log = (message: string): void => {
  process.stderr.write(`[bench:load ${args.role}] ${message}\n`);
};

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

const neo4jAt = (uri: string): ProvisionedNeo4j => ({
  uri,
  user: 'neo4j',
  password: '',
  source: 'embedded',
  stop: async () => {},
});

function listen(app: express.Express): void {
  const server = app.listen(0, '127.0.0.1', () => {
    void say({ type: 'listening', port: (server.address() as AddressInfo).port });
  });
}

function hello(): void {
  const app = express();
  app.get('/', (_req, res) => {
    res.send('Hello World!');
  });
  listen(app);
}

/**
 * Listing ids spread over the whole data set, those with suggestions first. Taken in the order of
 * the region's refs, which the seed decides (ids are new at every import): every run of the bench
 * with the same seed reads the suggestions of the same listings, so that its runs compare.
 */
async function pickListingIds(
  deps: Deps,
  listings: number,
  wanted: number,
): Promise<{ ids: string[]; withSuggestions: number }> {
  const pages = 8;
  const pool: string[] = [];
  for (let p = 0; p < pages; p++) {
    const offset = Math.floor((p * Math.max(0, listings - 200)) / pages);
    const page = await deps.store.read((tx) =>
      tx.run('MATCH (l:Listing) RETURN l.id AS id ORDER BY l.ref SKIP $offset LIMIT 200', {
        offset: neo4j.int(offset),
      }),
    );
    pool.push(...page.records.map((r) => r.get('id') as string));
  }
  const withSuggestions: string[] = [];
  const without: string[] = [];
  for (const id of pool) {
    if (withSuggestions.length >= wanted) break;
    const page = await listingSuggestions(deps, SYSTEM, id, { offset: 0, limit: 1 });
    (page.items.length > 0 ? withSuggestions : without).push(id);
  }
  const ids = [...withSuggestions, ...without].slice(0, wanted);
  return { ids, withSuggestions: Math.min(withSuggestions.length, ids.length) };
}

/**
 * The synthetic region through importDocument, as one large import request would send it. The
 * region and its document are released when this returns, as a request's body is once answered,
 * so the match run that follows is measured beside what the service keeps, not beside the bench's
 * own copy of the data.
 */
async function importRegion(deps: Deps, size: number) {
  const region = generateRegion(loadReferenceData(), { listings: size, seed: Number(args.seed) });
  const document = importDocumentOf(region);
  const listings = document.listings.length;
  const companies = document.companies.length;
  // Listings to register later, spread over the region: copies at its sites with refs of their own.
  const wanted = Number(args.writes);
  const stride = Math.max(1, Math.floor(region.inputs.length / Math.max(1, wanted)));
  const writes = Array.from({ length: Math.min(wanted, region.inputs.length) }, (_, i) => ({
    ...region.inputs[i * stride + 3]!,
    ref: `bench-load-write-${i}`,
  }));
  log(`importing ${companies} companies and ${listings} listings`);
  const t = performance.now();
  const summary = await importDocument(deps, SYSTEM, document);
  const importMs = performance.now() - t;
  return {
    listings,
    companies,
    importMs,
    errors: summary.errors.length,
    firstError: summary.errors[0],
    writes,
  };
}

async function setup(): Promise<void> {
  const logger = createLogger(args['log-level']);
  const size = Number(args.listings);
  const runtime = await connect(neo4jAt(args.uri), logger);
  const deps = runtime.deps;
  try {
    const imported = await importRegion(deps, size);
    const importMs = imported.importMs;
    log(`imported in ${(importMs / 1000).toFixed(1)} s; match run`);
    const t = performance.now();
    let run = await startMatchRun(deps, {});
    // Runs may answer before they finish (202 Accepted): then wait for the stored run.
    while (run.status === 'running') {
      await new Promise((r) => setTimeout(r, 1000));
      run = await getMatchRun(deps, run.id);
    }
    const matchMs = performance.now() - t;
    log(`match run ${run.status} in ${(matchMs / 1000).toFixed(1)} s, ${run.candidates ?? 0} candidates`);
    const counts = await suggestionCounts(deps.store, new Date(0).toISOString());
    const made = await createUser(deps, SYSTEM, { name: 'load bench', role: 'admin', expiresInDays: 1 });
    const { ids, withSuggestions } = await pickListingIds(deps, size, Number(args.ids));
    const sites = await deps.store.read((tx) =>
      tx.run('UNWIND $refs AS ref MATCH (s:Site {ref: ref}) RETURN ref, s.id AS id', {
        refs: [...new Set(imported.writes.map((w) => w.siteId))],
      }),
    );
    const siteIdOf = new Map(sites.records.map((r) => [r.get('ref') as string, r.get('id') as string]));
    const writes = imported.writes.map((w) => ({ ...w, siteId: siteIdOf.get(w.siteId)! }));
    await say({
      type: 'setup-done',
      listings: imported.listings,
      companies: imported.companies,
      importMs,
      importErrors: imported.errors,
      ...(imported.firstError ? { firstImportError: JSON.stringify(imported.firstError) } : {}),
      matchMs,
      run: {
        id: run.id,
        status: run.status,
        candidates: run.candidates ?? 0,
        allocated: run.allocated ?? 0,
      },
      activeSuggestions: counts.active,
      token: made.token,
      ids,
      idsWithSuggestions: withSuggestions,
      writes,
      peakRssMb: peakRssMb(),
    });
  } finally {
    await runtime.close();
  }
}

async function serve(): Promise<void> {
  const logger = createLogger(args['log-level']);
  // As `npm start` configures it (the defaults of config.ts).
  const config = loadConfig({});
  const ttlMs = args['read-cache-ms'] === undefined ? config.READ_CACHE_MS : Number(args['read-cache-ms']);
  const runtime = await connect(neo4jAt(args.uri), logger, undefined, undefined, undefined, {
    ttlMs,
    staleMs: ttlMs,
  });
  // As main.ts: the kept counterpart index is built at start; here before serving, so that the
  // service's memory is measured with it (unless told not to, to compare).
  if (args['no-counterpart-index']) runtime.deps.counterparts = undefined;
  runtime.deps.counterparts?.warm(runtime.deps);
  await runtime.deps.counterparts?.settled();
  listen(
    createApp(runtime.deps, {
      bodyLimit: config.BODY_LIMIT,
      readTimeoutMs: config.REQUEST_READ_TIMEOUT_MS,
      readiness: runtime.readiness,
      rateLimits: { write: config.RATE_LIMIT_WRITES, expensive: config.RATE_LIMIT_EXPENSIVE },
      turnTargetMs:
        args['turn-target-ms'] === undefined ? config.TURN_TARGET_MS : Number(args['turn-target-ms']),
    }),
  );
}

process.on('disconnect', () => process.exit(0));
switch (args.role) {
  case 'hello':
    hello();
    break;
  case 'setup':
    await setup();
    process.disconnect?.();
    break;
  case 'serve':
    await serve();
    break;
  default:
    throw new Error(`unknown role '${args.role}'`);
}

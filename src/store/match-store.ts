/**
 * Match runs and suggestions in Neo4j (cypher/match.cypher). A run stages what it computed and
 * publishes it in one transaction (publishRun, or publishInBatches when too large); readers only ever see published suggestions
 * (`status = 'active'`). docs/decisions/0008-atomic-runs.md says why and what it costs.
 */
import { ANONYMOUS_GRID_DEG, type ListingAccess } from '../domain/access.ts';
import type { ReviewRecord } from '../domain/review.ts';
import {
  type MatchRun,
  MatchRunSchema,
  type Runner,
  type StoredSuggestion,
  StoredSuggestionSchema,
} from '../domain/suggestion.ts';
import { AppError } from '../errors.ts';
import { valueHash } from './content-hash.ts';
import {
  int,
  isConstraintViolation,
  isDeadlock,
  type ManagedTransaction,
  rows,
  type Store,
} from './driver.ts';
import { type ListingRecord, type ListingWithFacts, listingWithFactsOf } from './listing-store.ts';
import { parseRow } from './parse-row.ts';
import { ParsedRows } from './parsed-rows.ts';
import { query } from './queries.ts';
import { fromReviewNode } from './review-store.ts';

const BATCH = 1000;
/** Suggestions withdrawn, given their allocation, or staged revisions, per write transaction. */
const WITHDRAW_BATCH = 5000;
/** Staged rows of a failed run deleted per transaction. */
const DISCARD_BATCH = 10_000;
const JSON_FIELDS = ['route', 'terms', 'impact'] as const;
/** A suggestion's properties that every row a run stages shares: sent once per query. */
const RUN_WIDE = ['source', 'lastRunId', 'engineVersion', 'factorSet', 'configVersion'] as const;
const RUN_JSON_FIELDS = ['scope'] as const;
/** Kept on a run node for the lock and recovery, never shown. */
const RUN_INTERNAL = ['runnerHost', 'runnerPid', 'runnerStartedAt', 'heartbeatAt'];

function toRunProps(run: Partial<MatchRun>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...run };
  for (const f of RUN_JSON_FIELDS) if (run[f] !== undefined) out[f] = JSON.stringify(run[f]);
  return out;
}

function fromRunNode(node: Record<string, unknown>): MatchRun {
  const parsed: Record<string, unknown> = Object.fromEntries(
    Object.entries(node).filter(([k, v]) => v != null && !RUN_INTERNAL.includes(k)),
  );
  for (const f of RUN_JSON_FIELDS)
    if (typeof parsed[f] === 'string') parsed[f] = JSON.parse(parsed[f] as string);
  return parseRow(MatchRunSchema, parsed, 'MatchRun');
}

/** A stored suggestion node as the domain reads it. */
export function fromSuggestionRecord(node: Record<string, unknown>): StoredSuggestion {
  const { doc, ...props } = node;
  // Neo4j drops null properties: put the nullable ones back.
  const parsed: Record<string, unknown> = {
    allocatedQuantity: null,
    lastRunId: null,
    co2eAvoidedT: null,
    ...props,
  };
  if (typeof doc === 'string') {
    // Written since the compact rows (decision 0018): what no query filters on is one JSON document.
    Object.assign(parsed, JSON.parse(doc));
  } else {
    for (const f of JSON_FIELDS) parsed[f] = JSON.parse(node[f] as string);
    if (typeof node['chain'] === 'string') parsed['chain'] = JSON.parse(node['chain']);
    // Economics are stored as JSON when estimated (engine 2.2.0 on); older suggestions have none.
    parsed['economics'] = typeof node['economics'] === 'string' ? JSON.parse(node['economics']) : null;
  }
  // A chain's processor ids beside its links are for Cypher.
  for (const f of ['processorNeedId', 'processorOfferId', 'processorCompanyId']) delete parsed[f];
  return parseRow(StoredSuggestionSchema, parsed, 'Suggestion');
}

/** A stored suggestion node's distance, in either format (decision 0018). */
export function suggestionDistanceKm(node: Record<string, unknown>): number {
  if (typeof node['distanceKm'] === 'number') return node['distanceKm'];
  return (JSON.parse(node['doc'] as string) as { distanceKm: number }).distanceKm;
}

// ---------------------------------------------------------------------------------------------
// Runs and the run lock.

/** What holds the run lock, as the lock read it inside its transaction. */
export interface LockHolder {
  runId: string;
  status: string | null;
  heartbeatAt: string | null;
  runner: Runner | null;
}

function runnerOf(host: unknown, pid: unknown, startedAt: unknown): Runner | null {
  return typeof host === 'string' && typeof pid === 'number' && typeof startedAt === 'number'
    ? { host, pid, startedAt }
    : null;
}

/**
 * Takes the run lock and creates the run, in one transaction; or names the run that holds it.
 * `isFree` decides, inside the transaction (the lock node's write lock held), whether a holder
 * still counts: services decide what makes a holder finished or stale.
 */
export async function createRunWithLock(
  store: Store,
  run: MatchRun,
  runner: Runner,
  isFree: (holder: LockHolder) => boolean,
): Promise<{ created: true } | { created: false; holder: LockHolder }> {
  const now = new Date().toISOString();
  return store.write(async (tx) => {
    const r = (await tx.run(query('match', 'lockRuns'), { now })).records[0];
    const runId = r?.get('runId') as string | null;
    if (runId) {
      const holder: LockHolder = {
        runId,
        status: r?.get('status') as string | null,
        heartbeatAt: r?.get('heartbeatAt') as string | null,
        runner: runnerOf(r?.get('host'), r?.get('pid'), r?.get('startedAt')),
      };
      if (!isFree(holder)) return { created: false as const, holder };
    }
    await createRunIn(tx, { ...run, heartbeatAt: now }, runner);
    await tx.run(query('match', 'takeRunLock'), { runId: run.id, now });
    return { created: true as const };
  });
}

async function createRunIn(
  tx: ManagedTransaction,
  run: MatchRun & { heartbeatAt?: string },
  runner: Runner,
): Promise<void> {
  const props = {
    ...toRunProps(run),
    runnerHost: runner.host,
    runnerPid: int(runner.pid),
    runnerStartedAt: int(runner.startedAt),
  };
  await tx.run(query('match', 'createRun'), { run: props });
}

/** Creates a run without the lock (tests of recovery set up runs of other processes this way). */
export async function createRun(store: Store, run: MatchRun, runner: Runner): Promise<void> {
  await store.write((tx) => createRunIn(tx, run, runner));
}

/** The run holding the lock, if any. */
export async function runLockHolder(store: Store): Promise<string | null> {
  const r = await store.read((tx) => tx.run(query('match', 'runLockHolder')));
  return (r.records[0]?.get('runId') as string | null) ?? null;
}

/** Marks a running run failed and frees the run lock if it holds it; a run that has ended stays as it is. */
export async function markRunFailed(store: Store, id: string, props: Partial<MatchRun>): Promise<void> {
  await store.write(async (tx) => {
    await tx.run(query('match', 'failRun'), { id, props: toRunProps({ ...props, status: 'failed' }) });
    await tx.run(query('match', 'releaseRunLock'), { runId: id });
  });
}

/** Runs in progress, with their process and heartbeat; runs from before runners were recorded have none. */
export async function runningRuns(
  store: Store,
): Promise<{ id: string; status: string; runner: Runner | null; heartbeatAt: string | null }[]> {
  const r = await store.read((tx) => tx.run(query('match', 'runningRuns')));
  return r.records.map((rec) => ({
    id: rec.get('id') as string,
    status: rec.get('status') as string,
    runner: runnerOf(rec.get('host'), rec.get('pid'), rec.get('startedAt')),
    heartbeatAt: rec.get('heartbeatAt') as string | null,
  }));
}

/** Sets a run's properties; with `release`, frees the run lock if this run holds it, in the same transaction. */
export async function finishRun(
  store: Store,
  id: string,
  props: Partial<MatchRun>,
  release = false,
): Promise<void> {
  await store.write(async (tx) => {
    await tx.run(query('match', 'finishRun'), { id, props: toRunProps(props) });
    if (release) await tx.run(query('match', 'releaseRunLock'), { runId: id });
  });
}

/** Progress of a running run, and its heartbeat; ignored once the run has ended. */
export async function recordRunProgress(
  store: Store,
  id: string,
  props: Partial<MatchRun> & { heartbeatAt: string },
): Promise<void> {
  await store.write((tx) => tx.run(query('match', 'runProgress'), { id, props: toRunProps(props) }));
}

export async function getRun(store: Store, id: string): Promise<MatchRun | null> {
  const r = await store.read((tx) => tx.run(query('match', 'runById'), { id }));
  const node = r.records[0]?.get('run') as Record<string, unknown> | undefined;
  return node ? fromRunNode(node) : null;
}

export async function listRuns(store: Store, page: { offset: number; limit: number }): Promise<MatchRun[]> {
  const r = await store.read((tx) =>
    tx.run(query('match', 'listRuns'), { offset: int(page.offset), limit: int(page.limit) }),
  );
  return r.records.map((rec) => fromRunNode(rec.get('run') as Record<string, unknown>));
}

// ---------------------------------------------------------------------------------------------
// Writing suggestions: rows and their content hash.

export type SuggestionWrite = Omit<StoredSuggestion, 'id' | 'createdAt' | 'updatedAt' | 'status'> & {
  id: string;
};

/** A suggestion as written: its properties, and the hash of what a reader sees of it. */
export interface SuggestionRow {
  id: string;
  pairKey: string;
  offerId: string;
  needId: string;
  /** Hash of the explained values and versions (allocation, run and times excluded). */
  hash: string;
  props: Record<string, unknown>;
}

/** What a suggestion's content hash is computed from: every field of it but its id. */
export type SuggestionContent = Omit<SuggestionWrite, 'id'>;

/**
 * The content hash of a suggestion: score, distance, route, terms, impact, economics, quantities,
 * unit, kind, chain and the engine, factor-set and config versions — what a reader sees except the
 * allocation, which is compared as a number beside it, and never ids, run ids or times. Equal
 * content gives an equal hash, so a run rewrites only what changed; a run hashes each pair first
 * and builds the row (suggestionRow, given this hash) only for a pair whose hash differs. A walk
 * of the values (valueHash), not a digest of their JSON: a suggestion hashed before that reads as
 * changed once, as after a new engine version.
 */
export function hashContent(s: SuggestionContent): string {
  return valueHash(
    s.pairKey,
    s.kind,
    s.score,
    s.distanceKm,
    s.co2eAvoidedT,
    s.maxQuantity,
    s.offerUse,
    s.unit,
    s.engineVersion,
    s.factorSet,
    s.configVersion,
    s.route,
    s.terms,
    s.impact,
    s.economics ?? null,
    s.chain ?? null,
  );
}

/** The properties of a suggestion as written, with its content hash (hashContent, if already had). */
export function suggestionRow(s: SuggestionWrite, hash: string = hashContent(s)): SuggestionRow {
  const route = JSON.stringify(s.route);
  const terms = JSON.stringify(s.terms);
  const impact = JSON.stringify(s.impact);
  const economics = s.economics == null ? null : JSON.stringify(s.economics);
  const chain = s.chain === undefined ? undefined : JSON.stringify(s.chain);
  // What no query filters, sorts or joins on is one JSON document (decision 0018).
  const doc =
    `{"distanceKm":${JSON.stringify(s.distanceKm)},"maxQuantity":${JSON.stringify(s.maxQuantity)},` +
    `"unit":${JSON.stringify(s.unit)},"route":${route},"terms":${terms},"impact":${impact},` +
    `"economics":${economics ?? 'null'}${chain === undefined ? '' : `,"chain":${chain}`}}`;
  const links = s.chain;
  // A chain's processor listings are properties too: the access filter and publication read them.
  const through =
    links === undefined
      ? {}
      : {
          processorNeedId: links.processorNeedId,
          processorOfferId: links.processorOfferId,
          processorCompanyId: links.processorCompanyId,
        };
  return {
    id: s.id,
    pairKey: s.pairKey,
    offerId: s.offerId,
    needId: s.needId,
    hash,
    props: {
      offerId: s.offerId,
      needId: s.needId,
      kind: s.kind,
      score: s.score,
      co2eAvoidedT: s.co2eAvoidedT,
      offerUse: s.offerUse,
      allocatedQuantity: s.allocatedQuantity,
      source: s.source,
      lastRunId: s.lastRunId,
      engineVersion: s.engineVersion,
      factorSet: s.factorSet,
      configVersion: s.configVersion,
      ...through,
      contentHash: hash,
      doc,
    },
  };
}

/**
 * Writes suggestions visible at once (an incremental refresh): `rows` as suggestionRow made them.
 * A run never calls this; it stages (stageSuggestions) and publishes (publishRun).
 */
export async function upsertSuggestions(
  store: Store,
  suggestions: (SuggestionWrite | SuggestionRow)[],
  now: string,
): Promise<void> {
  const asRows = suggestions.map((s) => ('hash' in s ? s : suggestionRow(s)));
  for (let i = 0; i < asRows.length; i += BATCH) {
    const batch = asRows.slice(i, i + BATCH).map((r) => ({
      id: r.id,
      pairKey: r.pairKey,
      offerId: r.offerId,
      needId: r.needId,
      now,
      props: r.props,
    }));
    await store.write((tx) => tx.run(query('match', 'upsertSuggestions'), { rows: batch }));
  }
}

/** A listing's published pairs: key, hash and allocation. */
export async function activePairsOfListing(
  store: Store,
  listingId: string,
): Promise<
  { pairKey: string; offerId: string; needId: string; hash: string | null; allocated: number | null }[]
> {
  return store.read((tx) =>
    tx.run(query('match', 'activeOfListing'), { listingId }).then(
      rows<{
        pairKey: string;
        offerId: string;
        needId: string;
        hash: string | null;
        allocated: number | null;
      }>,
    ),
  );
}

async function withdrawByKeys(tx: ManagedTransaction, pairKeys: string[], now: string): Promise<number> {
  if (pairKeys.length === 0) return 0;
  const r = await tx
    .run(query('match', 'withdrawByKeys'), { pairKeys, now })
    .then(rows<{ withdrawn: number }>);
  return r[0]?.withdrawn ?? 0;
}

/**
 * Marks active suggestions of the given listings that were not kept as withdrawn, at once; returns
 * how many. For incremental refreshes (a run withdraws at publication). One query finds the stale
 * pairs (each once, though reachable from both its listings) and the same transaction withdraws
 * the first WITHDRAW_BATCH of them; the rest go in transactions of WITHDRAW_BATCH.
 */
export async function withdrawStale(
  store: Store,
  args: {
    listingIds: string[];
    keptKeys: string[];
    kind: string | null;
    requireBothInScope: boolean;
    now: string;
  },
): Promise<number> {
  if (args.listingIds.length === 0) return 0;
  const first = await store.write(async (tx) => {
    const stale = await tx
      .run(query('match', 'staleOfListings'), args)
      .then(rows<{ pairKey: string }>)
      .then((r) => r.map((s) => s.pairKey));
    const withdrawn = await withdrawByKeys(tx, stale.slice(0, WITHDRAW_BATCH), args.now);
    return { withdrawn, rest: stale.slice(WITHDRAW_BATCH) };
  });
  let withdrawn = first.withdrawn;
  for (let i = 0; i < first.rest.length; i += WITHDRAW_BATCH) {
    const pairKeys = first.rest.slice(i, i + WITHDRAW_BATCH);
    withdrawn += await store.write((tx) => withdrawByKeys(tx, pairKeys, args.now));
  }
  return withdrawn;
}

/** Withdraws these active suggestions by pair key (a refresh that knows which it no longer keeps). */
export async function withdrawPairs(store: Store, pairKeys: readonly string[], now: string): Promise<number> {
  let withdrawn = 0;
  for (let i = 0; i < pairKeys.length; i += WITHDRAW_BATCH) {
    const batch = pairKeys.slice(i, i + WITHDRAW_BATCH);
    withdrawn += await store.write((tx) => withdrawByKeys(tx, batch, now));
  }
  return withdrawn;
}

// ---------------------------------------------------------------------------------------------
// A run's staging and publication.

/** A published suggestion as a run compares its own pairs with it (its key names its listings). */
export interface PublishedPair {
  pairKey: string;
  kind: string;
  hash: string | null;
  allocated: number | null;
  offerUse: number;
}

/**
 * The published suggestions a run compares itself with: all of them (`listingIds` null), or those
 * of the given listings. Calls `each` per row rather than returning them: at 10^5 listings there
 * are about 7e5.
 */
export async function readPublished(
  store: Store,
  listingIds: string[] | null,
  each: (pair: PublishedPair) => void,
): Promise<void> {
  if (listingIds !== null && listingIds.length === 0) return;
  await store.read(async (tx) => {
    const result =
      listingIds === null
        ? tx.run(query('match', 'publishedAll'))
        : tx.run(query('match', 'publishedOfListings'), { listingIds });
    // Streamed: holding 7e5 records at once would cost more than the pairs they describe.
    for await (const r of result) {
      each({
        pairKey: r.get('pairKey') as string,
        kind: r.get('kind') as string,
        hash: r.get('hash') as string | null,
        allocated: r.get('allocated') as number | null,
        offerUse: r.get('offerUse') as number,
      });
    }
  });
}

/**
 * Staging batches written side by side (match-run.ts) lock the listings their new suggestions link
 * to, in no common order, so Neo4j may roll one back to break a deadlock. The driver retries it for
 * a while; after that the batch (idempotent: MERGE) is written again, up to this many times in all.
 */
const STAGE_ATTEMPTS = 6;

/**
 * Stages one batch of computed pairs; returns how many were new to the database and how many revise
 * one. Rows whose key is in `unpublished` (the caller found no published suggestion with it) are
 * created outright (`createSuggestions`): no MERGE looking for a node and its relationships first,
 * about a sixth less time per row in Neo4j (decision 0018). A key may still be taken by a suggestion
 * that is not published (withdrawn, or closed by people): the unique constraint then refuses the
 * transaction, and the whole batch is written again through `stageSuggestions`'s MERGE.
 */
export async function stageSuggestions(
  store: Store,
  runId: string,
  batch: SuggestionRow[],
  now: string,
  unpublished: ReadonlySet<string> = NONE,
): Promise<{ created: number; revised: number }> {
  if (batch.length === 0) return { created: 0, revised: 0 };
  // Values every row of a run shares go once per query, not once per row (decision 0018).
  const first = batch[0]!.props;
  const common = Object.fromEntries(RUN_WIDE.map((k) => [k, first[k]]));
  const compact = batch.map((s) => {
    const props: Record<string, unknown> = { ...s.props };
    for (const k of RUN_WIDE) {
      if (props[k] !== common[k]) throw new Error(`stageSuggestions: rows of one batch differ in ${k}`);
      delete props[k];
    }
    return { id: s.id, pairKey: s.pairKey, props };
  });
  let toCreate = compact.filter((r) => unpublished.has(r.pairKey));
  let toMerge = toCreate.length === 0 ? compact : compact.filter((r) => !unpublished.has(r.pairKey));
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.write(async (tx) => {
        const out = { created: 0, revised: 0 };
        if (toCreate.length > 0) {
          const r = await tx
            .run(query('match', 'createSuggestions'), { runId, now, common, rows: toCreate })
            .then(rows<{ created: number }>);
          out.created += r[0]?.created ?? 0;
        }
        if (toMerge.length > 0) {
          const r = await tx
            .run(query('match', 'stageSuggestions'), { runId, now, common, rows: toMerge })
            .then(rows<{ created: number; revised: number }>);
          out.created += r[0]?.created ?? 0;
          out.revised += r[0]?.revised ?? 0;
        }
        return out;
      });
    } catch (err) {
      if (toCreate.length > 0 && isConstraintViolation(err)) {
        // A key thought new is taken: nothing of the batch was written; all of it through MERGE.
        toCreate = [];
        toMerge = compact;
        attempt--;
        continue;
      }
      if (!isDeadlock(err) || attempt >= STAGE_ATTEMPTS) throw err;
    }
  }
}

const NONE: ReadonlySet<string> = new Set();

/**
 * A change to a published pair that needs no explanation: a new allocation, or a withdrawal.
 * `props` names the pair's offerId and needId (publication skips pairs of changed listings).
 */
export interface RevisionRow {
  pairKey: string;
  props: Record<string, unknown> & { offerId: string; needId: string };
}

export async function stageRevisions(store: Store, runId: string, revisions: RevisionRow[]): Promise<void> {
  for (let i = 0; i < revisions.length; i += WITHDRAW_BATCH) {
    const batch = revisions.slice(i, i + WITHDRAW_BATCH);
    await store.write((tx) => tx.run(query('match', 'stageRevisions'), { runId, rows: batch }));
  }
}

/** Sets the allocated quantities of pairs the run staged, WITHDRAW_BATCH per transaction. */
export async function setStagedAllocations(
  store: Store,
  runId: string,
  allocations: { pairKey: string; quantity: number }[],
): Promise<void> {
  for (let i = 0; i < allocations.length; i += WITHDRAW_BATCH) {
    const batch = allocations.slice(i, i + WITHDRAW_BATCH);
    await store.write(async (tx) => {
      await tx.run(query('match', 'setStagedAllocations'), { runId, rows: batch });
      await tx.run(query('match', 'setRevisedAllocations'), { runId, rows: batch });
    });
  }
}

export interface PublishCounts {
  created: number;
  updated: number;
  withdrawn: number;
  /** Staged pairs not published because a listing changed (or went) while the run computed. */
  superseded: number;
}

const NO_COUNTS: PublishCounts = { created: 0, updated: 0, withdrawn: 0, superseded: 0 };

/** Rows published per statement: a whole publication in one transaction, or one batch of many. */
const PUBLISH_STATEMENT = 10_000;

/** One round of the publishing statements, up to `limit` rows of each kind; the counts of what they took. */
async function publishSome(
  tx: ManagedTransaction,
  runId: string,
  changed: string[],
  now: string,
  limit: number,
): Promise<PublishCounts & { taken: number }> {
  const created = (
    await tx
      .run(query('match', 'publishCreated'), { runId, changed, now, limit: int(limit) })
      .then(rows<{ published: number; superseded: number }>)
  )[0] ?? { published: 0, superseded: 0 };
  const revised = (
    await tx
      .run(query('match', 'publishRevisions'), { runId, changed, now, limit: int(limit) })
      .then(rows<{ updated: number; withdrawn: number; superseded: number }>)
  )[0] ?? { updated: 0, withdrawn: 0, superseded: 0 };
  const taken =
    created.published + created.superseded + revised.updated + revised.withdrawn + revised.superseded;
  return {
    created: created.published,
    updated: revised.updated,
    withdrawn: revised.withdrawn,
    superseded: created.superseded + revised.superseded,
    taken,
  };
}

const add = (a: PublishCounts, b: PublishCounts): PublishCounts => ({
  created: a.created + b.created,
  updated: a.updated + b.updated,
  withdrawn: a.withdrawn + b.withdrawn,
  superseded: a.superseded + b.superseded,
});

async function changedListings(tx: ManagedTransaction, listings: { id: string; version: string }[]) {
  return (
    (await tx.run(query('match', 'changedListings'), { listings }).then(rows<{ changed: string[] }>))[0]
      ?.changed ?? []
  );
}

/**
 * Publishes a run in one transaction: its new pairs become visible, its revisions replace the
 * published values, its withdrawals apply; the pairs of listings that changed since the run read
 * them (`listings`: id and `updatedAt` as read) are discarded instead. Then `finish(counts)` is
 * written on the run and the run lock is released. Readers see the run's suggestions all at once
 * (Neo4j's read-committed reads aside: decision 0008).
 */
export async function publishRun(
  store: Store,
  runId: string,
  listings: { id: string; version: string }[],
  now: string,
  finish: (counts: PublishCounts) => Partial<MatchRun>,
): Promise<PublishCounts> {
  return store.write(async (tx) => {
    await tx.run(query('match', 'lockRunForPublication'), { runId, now });
    const changed = await changedListings(tx, listings);
    let counts = NO_COUNTS;
    for (;;) {
      const some = await publishSome(tx, runId, changed, now, PUBLISH_STATEMENT);
      counts = add(counts, some);
      if (some.taken === 0) break;
    }
    await tx.run(query('match', 'finishRun'), {
      id: runId,
      props: toRunProps({ ...finish(counts), status: 'finished' }),
    });
    await tx.run(query('match', 'releaseRunLock'), { runId });
    return counts;
  });
}

/**
 * Starts a publication too large for one transaction (publishInBatches goes on with it): the run
 * becomes `publishing` with `props` (its counts so far) and the listings whose pairs it skips.
 * False when the run is not running (it failed or was recovered meanwhile).
 */
export async function startPublication(
  store: Store,
  runId: string,
  listings: { id: string; version: string }[],
  now: string,
  props: Partial<MatchRun>,
): Promise<boolean> {
  return store.write(async (tx) => {
    await tx.run(query('match', 'lockRunForPublication'), { runId, now });
    const changed = await changedListings(tx, listings);
    const r = await tx.run(query('match', 'startPublication'), { runId, changed, props: toRunProps(props) });
    return r.records.length > 0;
  });
}

/**
 * Publishes a `publishing` run's staged rows, `batch` of each kind per transaction, adding each
 * batch's counts to the run; then marks it finished with `props` and frees the lock. Each batch
 * leaves nothing it took staged, so after a crash this is simply called again (recovery does).
 * Returns the run's counts.
 */
export async function publishInBatches(
  store: Store,
  runId: string,
  now: () => string,
  props: (counts: PublishCounts) => Partial<MatchRun>,
  batch = PUBLISH_STATEMENT,
): Promise<PublishCounts> {
  let counts = NO_COUNTS;
  for (;;) {
    const result = await store.write(async (tx) => {
      const at = now();
      const lock = (
        await tx
          .run(query('match', 'lockRunForPublication'), { runId, now: at })
          .then(rows<{ status: string; skipped: string[] }>)
      )[0];
      if (lock?.status !== 'publishing') return null;
      const some = await publishSome(tx, runId, lock.skipped, at, batch);
      const total = (
        await tx
          .run(query('match', 'addPublished'), {
            runId,
            created: int(some.created),
            updated: int(some.updated),
            withdrawn: int(some.withdrawn),
            superseded: int(some.superseded),
          })
          .then(rows<PublishCounts>)
      )[0];
      return { taken: some.taken, total: total ?? NO_COUNTS };
    });
    if (result === null) throw new AppError('CONFLICT', `match run '${runId}' is not publishing`);
    counts = result.total;
    if (result.taken === 0) break;
  }
  await store.write(async (tx) => {
    await tx.run(query('match', 'finishPublication'), { runId, props: toRunProps(props(counts)) });
    await tx.run(query('match', 'releaseRunLock'), { runId });
  });
  return counts;
}

/** Deletes every staged row of a run (a failed one), DISCARD_BATCH per transaction; returns how many. */
export async function discardStaged(store: Store, runId: string): Promise<number> {
  let total = 0;
  for (const name of ['discardStagedOfRun', 'discardRevisionsOfRun']) {
    for (;;) {
      const n = await store.write((tx) =>
        tx
          .run(query('match', name), { runId, limit: int(DISCARD_BATCH) })
          .then(rows<{ discarded: number }>)
          .then((r) => r[0]?.discarded ?? 0),
      );
      total += n;
      if (n < DISCARD_BATCH) break;
    }
  }
  return total;
}

/** Marks a listing's pairs as the incremental refresh's in a run publishing in batches, if one is. */
export async function skipListingInPublication(store: Store, listingId: string): Promise<void> {
  await store.write((tx) => tx.run(query('match', 'skipListingInPublication'), { listingId }));
}

// ---------------------------------------------------------------------------------------------
// Reading published suggestions, a page at a time.

export interface Page {
  offset: number;
  limit: number;
}

export interface SuggestionFilter {
  kind: string | null;
  minScore: number | null;
  minCo2e: number | null;
  runId: string | null;
  municipality: string | null;
  center: { latitude: number; longitude: number } | null;
  radiusM: number | null;
}

/** Every active suggestion: no filter set. */
export const ANY_SUGGESTION: SuggestionFilter = {
  kind: null,
  minScore: null,
  minCo2e: null,
  runId: null,
  municipality: null,
  center: null,
  radiusM: null,
};

/** Every active suggestion whose published values a run computed. */
export const runFilter = (runId: string): SuggestionFilter => ({ ...ANY_SUGGESTION, runId });

/** One more row than asked, to tell whether there is a next page without counting. */
const pageParams = (page: Page) => ({ offset: int(page.offset), limit: int(page.limit + 1) });

/**
 * A suggestion of a page with what presenting it takes, read with it (the presentedRows fragment):
 * the listings it names (offer, need, a chain's processor listings) by id, and its review.
 */
export interface PresentableSuggestion {
  suggestion: StoredSuggestion;
  listings: Map<string, ListingWithFacts>;
  review: ReviewRecord | null;
}

export type SuggestionPageRows = { items: PresentableSuggestion[]; hasMore: boolean };

/**
 * The listings and suggestions that pages of suggestions read, each parsed once per content
 * (parsed-rows.ts): about 5,000 of each is the pages of a few hundred listings.
 */
const pageListings = new ParsedRows<ListingWithFacts>(5_000);
const pageSuggestions = new ParsedRows<StoredSuggestion>(5_000);

function pageOf(records: { get(key: string): unknown }[], page: Page): SuggestionPageRows {
  const items = records.slice(0, page.limit).map((rec): PresentableSuggestion => {
    const listings = new Map<string, ListingWithFacts>();
    for (const row of [rec.get('offer'), rec.get('need'), ...(rec.get('through') as unknown[])]) {
      const r = row as ListingRecord;
      listings.set(r.id, pageListings.get(r.id, r, listingWithFactsOf));
    }
    const review = rec.get('review') as Record<string, unknown> | null;
    const sg = rec.get('suggestion') as Record<string, unknown>;
    return {
      suggestion: pageSuggestions.get(sg['id'] as string, sg, fromSuggestionRecord),
      listings,
      review: review ? fromReviewNode(review) : null,
    };
  });
  return { items, hasMore: records.length > page.limit };
}

/**
 * A municipality or a circle holding at most this share of the sites is read from its sites: in
 * score order a page would pass over about limit / share suggestions of other places (all of them
 * when it has none), while from its sites the page reads its own few.
 */
export const MUNICIPALITY_SITE_SHARE = 0.01;

/**
 * Which query reads a page of suggestions (cypher/match.cypher): a business's from its own
 * listings, a run's from the run's index, a municipality of few sites from its sites, else the
 * score index.
 */
export async function searchQueryName(
  store: Store,
  f: SuggestionFilter,
  access: ListingAccess,
): Promise<string> {
  if (access.involvedOnly) return 'searchInvolving';
  if (f.runId !== null) return 'searchOfRun';
  if (
    f.municipality !== null &&
    (await fewSites(store, 'municipalityShare', { municipality: f.municipality }))
  )
    return 'searchInMunicipality';
  if (f.center !== null && (await fewSites(store, 'circleShare', circleParams(f)))) return 'searchInCircle';
  return 'search';
}

/** Whether a share query (sites, allSites) finds at most MUNICIPALITY_SITE_SHARE of the sites. */
async function fewSites(store: Store, name: string, params: Record<string, unknown>): Promise<boolean> {
  const r = await store.read((tx) =>
    tx.run(query('match', name), params).then(rows<{ sites: number; allSites: number }>),
  );
  const { sites, allSites } = r[0] ?? { sites: 0, allSites: 0 };
  return sites <= MUNICIPALITY_SITE_SHARE * allSites;
}

/**
 * Sites whose exact location lies within the radius plus one step of the anonymous grid hold every
 * listing whose shown location (exact, or the coarse grid point) lies within the radius.
 */
function circleParams(f: SuggestionFilter) {
  return { center: f.center, nearM: (f.radiusM ?? 0) + ANONYMOUS_GRID_DEG * 111_320 };
}

/** The parameters every search and count query of filter f takes, but the access, cursor and page. */
export function searchParams(f: SuggestionFilter) {
  // Scores lie in [0, 1]: a lower bound always present lets the score index give the order.
  return { ...f, minScore: f.minScore ?? 0, nearM: circleParams(f).nearM };
}

/** Where a page read by cursor starts: after the last suggestion of the previous page. */
export interface SuggestionCursor {
  score: number;
  pairKey: string;
}

/**
 * A page of suggestions matching `f`, best first, by offset; or, with `after`, the page that
 * follows that suggestion (cheap however deep: callers that read every page use it).
 */
/**
 * A page of the suggestions the caller may see (`access`, domain/access.ts). A business's are read
 * from its own listings; staff's from the score index (or the run's index).
 */
export async function searchSuggestions(
  store: Store,
  f: SuggestionFilter,
  access: ListingAccess,
  page: Page,
  after?: SuggestionCursor,
  /** searchQueryName's answer, when a caller reading every page has asked it once. */
  name?: string,
): Promise<SuggestionPageRows> {
  name ??= await searchQueryName(store, f, access);
  const cursor = after
    ? { afterScore: after.score, afterKey: after.pairKey }
    : { afterScore: Number.MAX_VALUE, afterKey: '' };
  const r = await store.read((tx) =>
    tx.run(query('match', name), { ...searchParams(f), ...cursor, ...pageParams(page), access }),
  );
  return pageOf(r.records, page);
}

export async function countSuggestions(
  store: Store,
  f: SuggestionFilter,
  access: ListingAccess,
): Promise<number> {
  const name = access.involvedOnly
    ? 'countSearchInvolving'
    : f.runId !== null
      ? 'countSearchOfRun'
      : f.municipality !== null
        ? 'countSearchInMunicipality'
        : f.center !== null
          ? 'countSearchInCircle'
          : 'countSearch';
  const r = await store.read((tx) =>
    tx.run(query('match', name), { ...searchParams(f), access }).then(rows<{ total: number }>),
  );
  return r[0]?.total ?? 0;
}

export async function suggestionsForListing(
  store: Store,
  listingId: string,
  access: ListingAccess,
  page: Page,
): Promise<SuggestionPageRows> {
  const r = await store.read((tx) =>
    tx.run(query('match', 'forListing'), { listingId, access, ...pageParams(page) }),
  );
  return pageOf(r.records, page);
}

export async function countForListing(
  store: Store,
  listingId: string,
  access: ListingAccess,
): Promise<number> {
  const r = await store.read((tx) =>
    tx.run(query('match', 'countForListing'), { listingId, access }).then(rows<{ total: number }>),
  );
  return r[0]?.total ?? 0;
}

export async function suggestionsForCompany(
  store: Store,
  companyId: string,
  access: ListingAccess,
  page: Page,
): Promise<SuggestionPageRows> {
  const r = await store.read((tx) =>
    tx.run(query('match', 'forCompany'), { companyId, access, ...pageParams(page) }),
  );
  return pageOf(r.records, page);
}

export async function countForCompany(
  store: Store,
  companyId: string,
  access: ListingAccess,
): Promise<number> {
  const r = await store.read((tx) =>
    tx.run(query('match', 'countForCompany'), { companyId, access }).then(rows<{ total: number }>),
  );
  return r[0]?.total ?? 0;
}

/** For each listing with published allocations: how much its active suggestions promise, and its quantity. */
/** What the published allocations promise of each of the given listings, and its quantity, by id. */
export async function promisedOfListings(
  store: Store,
  listingIds: string[],
): Promise<Map<string, { promised: number; quantity: number }>> {
  const found = await store.read((tx) =>
    tx
      .run(query('match', 'promisedOfListings'), { listingIds })
      .then(rows<{ listingId: string; promised: number; quantity: number }>),
  );
  return new Map(found.map((r) => [r.listingId, { promised: r.promised, quantity: r.quantity }]));
}

export async function allocatedByListing(
  store: Store,
): Promise<{ listingId: string; allocated: number; quantity: number }[]> {
  return store.read((tx) =>
    tx
      .run(query('match', 'allocatedByListing'))
      .then(rows<{ listingId: string; allocated: number; quantity: number }>),
  );
}

/**
 * How many suggestions there are, how many are active, how many were created (and published) at
 * or after `since`, and how many rows runs have staged.
 */
export async function suggestionCounts(
  store: Store,
  since: string,
): Promise<{ total: number; active: number; createdSince: number; staged: number }> {
  const r = await store.read((tx) =>
    tx
      .run(query('match', 'suggestionCounts'), { since })
      .then(rows<{ total: number; active: number; createdSince: number; staged: number }>),
  );
  return r[0] ?? { total: 0, active: 0, createdSince: 0, staged: 0 };
}

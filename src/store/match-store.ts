import {
  type MatchRun,
  MatchRunSchema,
  type Runner,
  type StoredSuggestion,
  StoredSuggestionSchema,
} from '../domain/suggestion.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

const BATCH = 1000;
/** Suggestions withdrawn, or given their allocation, per write transaction. */
const WITHDRAW_BATCH = 5000;
const JSON_FIELDS = ['route', 'terms', 'impact'] as const;
const RUN_JSON_FIELDS = ['scope'] as const;

function toRunProps(run: Partial<MatchRun>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...run };
  for (const f of RUN_JSON_FIELDS) if (run[f] !== undefined) out[f] = JSON.stringify(run[f]);
  return out;
}

function fromRunNode(node: Record<string, unknown>): MatchRun {
  const parsed: Record<string, unknown> = Object.fromEntries(
    Object.entries(node).filter(([, v]) => v != null),
  );
  for (const f of RUN_JSON_FIELDS)
    if (typeof parsed[f] === 'string') parsed[f] = JSON.parse(parsed[f] as string);
  return parseRow(MatchRunSchema, parsed, 'MatchRun');
}

function fromSuggestionNode(node: Record<string, unknown>): StoredSuggestion {
  // Neo4j drops null properties: put the nullable ones back.
  const parsed: Record<string, unknown> = { allocatedQuantity: null, lastRunId: null, ...node };
  for (const f of JSON_FIELDS) parsed[f] = JSON.parse(node[f] as string);
  return parseRow(StoredSuggestionSchema, parsed, 'Suggestion');
}

/** Creates a run, recording the process that runs it (services/runner.ts). */
export async function createRun(store: Store, run: MatchRun, runner: Runner): Promise<void> {
  const props = {
    ...toRunProps(run),
    runnerHost: runner.host,
    runnerPid: int(runner.pid),
    runnerStartedAt: int(runner.startedAt),
  };
  await store.write((tx) => tx.run(query('match', 'createRun'), { run: props }));
}

/** Runs marked running, with their process; runs from before runners were recorded have none. */
export async function runningRuns(store: Store): Promise<{ id: string; runner: Runner | null }[]> {
  const r = await store.read((tx) => tx.run(query('match', 'runningRuns')));
  return r.records.map((rec) => {
    const host = rec.get('host') as string | null;
    const pid = rec.get('pid') as number | null;
    const startedAt = rec.get('startedAt') as number | null;
    return {
      id: rec.get('id') as string,
      runner: host === null || pid === null || startedAt === null ? null : { host, pid, startedAt },
    };
  });
}

export async function finishRun(store: Store, id: string, props: Partial<MatchRun>): Promise<void> {
  await store.write((tx) => tx.run(query('match', 'finishRun'), { id, props: toRunProps(props) }));
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

export type SuggestionWrite = Omit<StoredSuggestion, 'id' | 'createdAt' | 'updatedAt' | 'status'> & {
  id: string;
};

export async function upsertSuggestions(
  store: Store,
  suggestions: SuggestionWrite[],
  now: string,
): Promise<void> {
  for (let i = 0; i < suggestions.length; i += BATCH) {
    const batch = suggestions.slice(i, i + BATCH).map((s) => {
      const { id, ...rest } = s;
      const props: Record<string, unknown> = { ...rest };
      for (const f of JSON_FIELDS) props[f] = JSON.stringify(s[f]);
      return { id, pairKey: s.pairKey, offerId: s.offerId, needId: s.needId, runId: s.lastRunId, now, props };
    });
    await store.write((tx) => tx.run(query('match', 'upsertSuggestions'), { rows: batch }));
  }
}

/** Sets the allocated quantity of suggestions by pair key, WITHDRAW_BATCH per transaction. */
export async function setAllocatedQuantities(
  store: Store,
  allocations: { pairKey: string; quantity: number }[],
): Promise<void> {
  for (let i = 0; i < allocations.length; i += WITHDRAW_BATCH) {
    const rows = allocations.slice(i, i + WITHDRAW_BATCH);
    await store.write((tx) => tx.run(query('match', 'setAllocatedQuantities'), { rows }));
  }
}

async function withdrawByKeys(tx: ManagedTransaction, pairKeys: string[], now: string): Promise<number> {
  if (pairKeys.length === 0) return 0;
  const r = await tx
    .run(query('match', 'withdrawByKeys'), { pairKeys, now })
    .then(rows<{ withdrawn: number }>);
  return r[0]?.withdrawn ?? 0;
}

/**
 * Marks active suggestions of the given listings that were not kept as withdrawn; returns how many.
 * One query finds the stale pairs (each once, though reachable from both its listings) and the
 * same transaction withdraws the first WITHDRAW_BATCH of them: one transaction, as before, for an
 * incremental refresh or a run that withdraws little. The rest go in transactions of
 * WITHDRAW_BATCH, so a run that withdraws most of a large database never builds one huge one.
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

export async function suggestionsForListing(store: Store, listingId: string): Promise<StoredSuggestion[]> {
  const r = await store.read((tx) => tx.run(query('match', 'forListing'), { listingId }));
  return r.records.map((rec) => fromSuggestionNode(rec.get('suggestion') as Record<string, unknown>));
}

export async function suggestionsForCompany(store: Store, companyId: string): Promise<StoredSuggestion[]> {
  const r = await store.read((tx) => tx.run(query('match', 'forCompany'), { companyId }));
  return r.records.map((rec) => fromSuggestionNode(rec.get('suggestion') as Record<string, unknown>));
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

/** Every active suggestion a run produced. */
export const runFilter = (runId: string): SuggestionFilter => ({
  kind: null,
  minScore: null,
  minCo2e: null,
  runId,
  municipality: null,
  center: null,
  radiusM: null,
});

export async function searchSuggestions(store: Store, f: SuggestionFilter): Promise<StoredSuggestion[]> {
  const r = await store.read((tx) => tx.run(query('match', 'search'), f));
  return r.records.map((rec) => fromSuggestionNode(rec.get('suggestion') as Record<string, unknown>));
}

/** How many suggestions there are, how many are active, and how many were created at or after `since`. */
export async function suggestionCounts(
  store: Store,
  since: string,
): Promise<{ total: number; active: number; createdSince: number }> {
  const r = await store.read((tx) =>
    tx
      .run(query('match', 'suggestionCounts'), { since })
      .then(rows<{ total: number; active: number; createdSince: number }>),
  );
  return r[0] ?? { total: 0, active: 0, createdSince: 0 };
}

/**
 * One match run, from its listings to its publication (docs/decisions/0008-atomic-runs.md):
 *
 * 1. read the listings in scope and the published suggestions of those listings;
 * 2. give the engine what each listing has left once suggestions the run does not answer for
 *    keep their allocations (a scoped run never promises an offer or a need twice);
 * 3. while the LP solves, compare each explained candidate with its published suggestion and
 *    stage only what differs: a new pair invisibly, a changed one beside its published values;
 * 4. once the allocation is known, set it on the staged pairs and stage a new allocation for
 *    unchanged pairs whose allocation moved, and a withdrawal for published pairs the run
 *    answers for but no longer proposes;
 * 5. publish all of it, finish the run and free the run lock, in one transaction; a publication
 *    larger than PUBLISH_IN_ONE_TRANSACTION_UP_TO rows goes in resumable batches instead.
 *
 * Nothing of the run is visible before step 5. If it fails before, run-control.ts removes its
 * staged rows and marks it failed; if its process dies, recovery does. A run stopped while
 * publishing in batches is published to its end.
 */

import type { Caller } from '../domain/caller.ts';
import { newId } from '../domain/ids.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import type { MatchRun, MatchRunRequest } from '../domain/suggestion.ts';
import { AppError } from '../errors.ts';
import type { CandidateList } from '../matching/candidate-list.ts';
import { explainChain, findChains } from '../matching/chains.ts';
import { matchSnapshot } from '../matching/match-snapshot.ts';
import type { AllocationResult, Candidate, MatchInput } from '../matching/types.ts';
import {
  hashContent,
  type PublishCounts,
  publishInBatches,
  publishRun,
  type RevisionRow,
  readPublished,
  setStagedAllocations,
  stageRevisions,
  stageSuggestions,
  startPublication,
  suggestionRow,
} from '../store/match-store.ts';
import { startMatchWorker } from '../workers/match-worker-client.ts';
import type { Deps } from './deps.ts';
import { feedbackFor } from './feedback.ts';
import { chainToWrite, listingsInScope, matchContext, pairKeyOf, toContent } from './match-context.ts';
import { PublishedPairs } from './published-pairs.ts';
import { RunProgress, recordRunPhase } from './run-control.ts';

/**
 * From this many listings a run solves its allocation LP in a worker thread, beside the
 * explanations; below it the thread's start-up (~0.3 s) costs more than it saves.
 */
export const WORKER_MIN_LISTINGS = 2000;

/** Candidates explained and compared (and the changed ones staged) together. */
const WRITE_BATCH = 1000;

/**
 * How many staging writes may be in flight at once while the engine explains the next batch when
 * the service's settings do not say (decision 0018: two at a time made a first run at 10^5 about a
 * sixth faster here, and raised its peak memory with garbage that lives while the writes do).
 */
export const STAGING_WRITES_IN_FLIGHT = 2;

/**
 * What a run publishes in one transaction at most, counted in new pairs; above it the run
 * publishes in batches, `publishing` meanwhile. Measured with a 2 GB heap (decision 0008): a first
 * run at 2·10^4 listings publishes its 105,740 new pairs (a flag each) in one transaction in 5-7 s;
 * at 10^5 its 683,775 made the commit fail. A changed suggestion copies every value (about 2 KB):
 * 8,932 took 1-2 s, 105,740 did not finish within the driver's 120 s. So a changed pair counts as
 * CHANGED_PAIR_WEIGHT new ones; a re-allocation or a withdrawal, which copies a value or two, as one.
 */
export const PUBLISH_IN_ONE_TRANSACTION_UP_TO = 150_000;
export const CHANGED_PAIR_WEIGHT = 6;

export interface RunOptions {
  /** See PUBLISH_IN_ONE_TRANSACTION_UP_TO. */
  publishInOneTransactionUpTo?: number;
  /** See STAGING_WRITES_IN_FLIGHT (the service's setting, MATCH_STAGING_WRITES, when not given). */
  stagingWritesInFlight?: number;
  /** Candidates explained and staged a batch at a time (WRITE_BATCH; smaller in tests). */
  stagingBatch?: number;
  /** Who asks for the run (the system when not given: the CLI, the main job, benchmarks). */
  caller?: Caller;
}

/** Runs the computation of `run` (already created, holding the lock) and publishes it. */
export async function executeRun(
  deps: Deps,
  run: MatchRun,
  request: MatchRunRequest,
  options: RunOptions = {},
): Promise<MatchRun> {
  const started = Date.parse(run.startedAt);
  const progress = new RunProgress(deps, run.id);
  try {
    progress.set({ phase: 'loading' });
    const listings = await listingsInScope(deps, request.scope);
    const base = matchContext(deps, listings, request.factorSet);
    // The learning loop: what people decided up to now, read once for the whole run.
    const feedback = await feedbackFor(deps, base.config, true);
    const ctx = feedback ? { ...base, feedback } : base;
    const inScope = new Set(listings.map((l) => l.id));
    const published = new PublishedPairs();
    const everything = Object.keys(request.scope).length === 0;
    await readPublished(deps.store, everything ? null : [...inScope], (p) => published.add(p));
    const answered = published.answeredBy(request.scope, inScope);

    progress.set({ phase: 'searching', listings: listings.length });
    const staging = new Staging(
      deps,
      run,
      listings,
      published,
      progress,
      options.stagingWritesInFlight ?? deps.settings.stagingWrites,
    );
    const worker = listings.length >= WORKER_MIN_LISTINGS ? startMatchWorker(deps.logger) : undefined;
    const { candidates, allocation, pairsEvaluated } = await matchSnapshot(
      { ...ctx, listings },
      {
        allocation: request.allocation === 'greedy' ? 'greedy' : 'lp',
        explained: {
          size: options.stagingBatch ?? WRITE_BATCH,
          take: (batch, from) => staging.take(batch, from),
        },
        available: published.available(listings, answered),
        logger: deps.logger,
        ...(worker ? { solve: worker.solve, search: worker.search } : {}),
      },
    )
      .finally(() => worker?.close())
      // The last batch's write may still be running; a failed run must not leave it running.
      .then(
        async (done) => {
          await staging.flush();
          return done;
        },
        async (err: unknown) => {
          await staging.flush().catch(() => undefined);
          throw err;
        },
      );

    progress.set({
      phase: 'allocating',
      candidates: candidates.length,
      allocated: allocation.entries.length,
    });
    const reallocated = await staging.allocate(candidates, allocation);
    // Chains through processors, from the run's candidates: published with its pairs (decision 0016).
    const chains = await staging.chains(candidates, listings, ctx);
    const withdrawals = await staging.withdraw(answered);

    progress.set({ phase: 'publishing' });
    await progress.flush();
    progress.stop();
    const publishStart = deps.now().getTime();
    const computed: Partial<MatchRun> = {
      allocationMethod: allocation.method,
      allocationObjective: allocation.objective,
      ...(feedback ? { feedback: feedback.version } : {}),
      listings: listings.length,
      pairsEvaluated,
      candidates: candidates.length,
      chains,
      explained: candidates.length,
      staged: staging.staged,
      allocated: allocation.entries.length,
      unchanged: candidates.length + chains - staging.staged - reallocated,
    };
    const ended = (): Partial<MatchRun> => {
      const end = deps.now();
      return {
        durationMs: end.getTime() - started,
        publishMs: end.getTime() - publishStart,
        finishedAt: end.toISOString(),
      };
    };
    const rows =
      staging.created + CHANGED_PAIR_WEIGHT * (staging.staged - staging.created) + reallocated + withdrawals;
    const counts =
      rows <= (options.publishInOneTransactionUpTo ?? PUBLISH_IN_ONE_TRANSACTION_UP_TO)
        ? await publishRun(deps.store, run.id, staging.readListings(), deps.now().toISOString(), (n) => ({
            ...computed,
            ...n,
            ...ended(),
          }))
        : await publishLarge(deps, run.id, staging.readListings(), computed, ended);
    // Readers may see a large commit in part while Neo4j applies it (read committed): `done`,
    // written once it has returned, says the publication is visible whole (decision 0008).
    await recordRunPhase(deps, run.id, 'done');
    return { ...run, ...computed, ...counts, ...ended(), status: 'finished', phase: 'done' } as MatchRun;
  } finally {
    progress.stop();
  }
}

/** A publication too large for one transaction: `publishing`, then in batches (resumable). */
async function publishLarge(
  deps: Deps,
  runId: string,
  listings: { id: string; version: string }[],
  computed: Partial<MatchRun>,
  ended: () => Partial<MatchRun>,
): Promise<PublishCounts> {
  if (!(await startPublication(deps.store, runId, listings, deps.now().toISOString(), computed)))
    throw new AppError('CONFLICT', `match run '${runId}' is no longer running`);
  deps.logger.info({ runId }, 'match run publishing in batches');
  return publishInBatches(deps.store, runId, () => deps.now().toISOString(), ended);
}

/**
 * The run's writes before publication. Which candidates it staged is kept by position (candidate
 * order), one byte each, so the allocation pass knows which pairs were written with 0.
 */
class Staging {
  readonly #deps: Deps;
  readonly #run: MatchRun;
  readonly #versions: Map<string, string>;
  readonly #published: PublishedPairs;
  readonly #progress: RunProgress;
  readonly #meta: { runId: string; factorSet: string; configVersion: string; allocated: number };
  readonly #now: string;
  #flags = new Uint8Array(1 << 16);
  /** The staging writes in flight (they never reject: a failure is kept in #failed). */
  readonly #writing = new Set<Promise<void>>();
  readonly #inFlight: number;
  #failed: unknown;
  /** The most candidates a finished write has reported explained. */
  #reported = 0;
  /** Candidates staged: new to the database or differing from their published suggestion. */
  staged = 0;
  /** Of those, pairs new to the database. */
  created = 0;

  constructor(
    deps: Deps,
    run: MatchRun,
    listings: readonly MatchListing[],
    published: PublishedPairs,
    progress: RunProgress,
    inFlight = STAGING_WRITES_IN_FLIGHT,
  ) {
    this.#deps = deps;
    this.#inFlight = Math.max(1, inFlight);
    this.#run = run;
    this.#versions = new Map(listings.map((l) => [l.id, l.updatedAt]));
    this.#published = published;
    this.#progress = progress;
    this.#meta = { runId: run.id, factorSet: run.factorSet, configVersion: run.configVersion, allocated: 0 };
    this.#now = deps.now().toISOString();
  }

  /** Each listing the run read with its `updatedAt` then: publication skips those changed since. */
  readListings(): { id: string; version: string }[] {
    return [...this.#versions].map(([id, version]) => ({ id, version }));
  }

  #flag(k: number): void {
    if (k >= this.#flags.length) {
      const grown = new Uint8Array(Math.max(k + 1, this.#flags.length * 2));
      grown.set(this.#flags);
      this.#flags = grown;
    }
    this.#flags[k] = 1;
  }

  /**
   * Compares a batch of explained candidates with what is published and stages those that differ.
   * The write goes on while the engine explains the next batch (Neo4j and node work side by side
   * on two cores, decision 0018): at most STAGING_WRITES_IN_FLIGHT writes are in flight, and the
   * next batch waits until one of them has ended.
   */
  async take(batch: Candidate[], from: number): Promise<void> {
    if (from === 0) this.#progress.set({ phase: 'staging' });
    const rows = [];
    // Pairs with no published suggestion: created outright (stageSuggestions says how).
    const unpublished = new Set<string>();
    for (let i = 0; i < batch.length; i++) {
      // Hashed first: the row (an id, the document, its properties) only for a pair that changed.
      const content = toContent(batch[i]!, this.#meta);
      const hash = hashContent(content);
      const slot = this.#published.propose(content.pairKey);
      if (slot !== undefined && this.#published.hashAt(slot) === hash) continue;
      rows.push(suggestionRow({ ...content, id: newId('sg') }, hash));
      if (slot === undefined) unpublished.add(content.pairKey);
      this.#flag(from + i);
    }
    while (this.#writing.size >= this.#inFlight) await Promise.race(this.#writing);
    this.#throwFailure();
    this.staged += rows.length;
    const explained = from + batch.length;
    const staged = this.staged;
    const write: Promise<void> = stageSuggestions(
      this.#deps.store,
      this.#run.id,
      rows,
      this.#now,
      unpublished,
    )
      .then(
        ({ created }) => {
          this.created += created;
          // Writes in flight side by side may end out of order: progress only moves forward.
          if (explained > this.#reported) {
            this.#reported = explained;
            this.#progress.set({ explained, staged });
          }
        },
        (err: unknown) => {
          this.#failed ??= err;
        },
      )
      .finally(() => this.#writing.delete(write));
    this.#writing.add(write);
  }

  /** Waits for the writes in flight; throws what a write failed with. */
  async flush(): Promise<void> {
    await Promise.all(this.#writing);
    this.#throwFailure();
  }

  #throwFailure(): void {
    if (this.#failed !== undefined) {
      const err = this.#failed;
      this.#failed = undefined;
      throw err;
    }
  }

  /**
   * Sets the allocated quantities of the staged pairs, and stages the new allocation of every
   * unchanged pair whose published allocation differs. Returns how many of those there were.
   */
  async allocate(candidates: CandidateList, allocation: AllocationResult): Promise<number> {
    const quantity = new Map(allocation.entries.map((e) => [pairKeyOf(e.offerId, e.needId), e.quantity]));
    const onStaged: { pairKey: string; quantity: number }[] = [];
    const revisions: RevisionRow[] = [];
    for (let k = 0; k < candidates.length; k++) {
      const offerId = candidates.offerId(k);
      const needId = candidates.needId(k);
      const pairKey = pairKeyOf(offerId, needId);
      const q = quantity.get(pairKey) ?? 0;
      if (this.#flags[k] === 1) {
        if (q > 0) onStaged.push({ pairKey, quantity: q });
        continue;
      }
      const slot = this.#published.propose(pairKey)!;
      if (this.#published.allocatedAt(slot) === q) continue;
      revisions.push({
        pairKey,
        props: {
          offerId,
          needId,
          allocatedQuantity: q,
          lastRunId: this.#run.id,
          source: 'run',
          status: 'active',
        },
      });
    }
    await setStagedAllocations(this.#deps.store, this.#run.id, onStaged);
    await stageRevisions(this.#deps.store, this.#run.id, revisions);
    return revisions.length;
  }

  /**
   * Finds the chains through processors among the run's candidates (matching/chains.ts), explains
   * the two links of each, and stages those new or changed like pairs; returns how many it found.
   * Chains are not allocated (their links are, as pairs).
   */
  async chains(
    candidates: CandidateList,
    listings: readonly MatchListing[],
    ctx: Pick<MatchInput, 'reference' | 'factorSet'>,
  ): Promise<number> {
    const plans = findChains(candidates, listings, ctx.reference);
    if (plans.length === 0) return 0;
    const byId = new Map(listings.map((l) => [l.id, l]));
    const rows = [];
    const unpublished = new Set<string>();
    for (const plan of plans) {
      const [first] = candidates.explain(plan.first, plan.first + 1);
      const [second] = candidates.explain(plan.second, plan.second + 1);
      const chain = explainChain(plan, first!, second!, byId.get(plan.processorOfferId)!, ctx.factorSet);
      const row = suggestionRow(chainToWrite(chain, this.#meta));
      const slot = this.#published.propose(row.pairKey);
      if (slot !== undefined && this.#published.hashAt(slot) === row.hash) continue;
      rows.push(row);
      if (slot === undefined) unpublished.add(row.pairKey);
    }
    const { created } = await stageSuggestions(this.#deps.store, this.#run.id, rows, this.#now, unpublished);
    this.staged += rows.length;
    this.created += created;
    return plans.length;
  }

  /** Stages the withdrawal of every published pair (or chain) the run answers for and did not propose; how many. */
  async withdraw(answered: (slot: number) => boolean): Promise<number> {
    const revisions: RevisionRow[] = [];
    for (const { pairKey, offerId, needId } of this.#published.stale(answered)) {
      revisions.push({ pairKey, props: { offerId, needId, status: 'withdrawn' } });
    }
    await stageRevisions(this.#deps.store, this.#run.id, revisions);
    return revisions.length;
  }
}

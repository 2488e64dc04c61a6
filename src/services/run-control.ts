/**
 * The life of a match run around its computation: the run lock that keeps two runs from running
 * at once (also across processes: it lives in Neo4j), the progress and heartbeat a running run
 * records, how a failed run is recorded and cleaned up even when the database went away, and how
 * runs of stopped processes are recovered.
 *
 * A run holds the lock from its creation to its publication or its failure. A holder that is not
 * running (or publishing) any more frees the lock; a holder whose process has certainly stopped
 * (runner.ts) or whose heartbeat is older than LOCK_STALE_MS is settled first: a run publishing in
 * batches is published to its end, any other has its staged rows removed and is marked failed. A
 * run is marked failed only once its staged rows are gone, so when a run holds the lock no other
 * run's staged rows are left.
 */
import type { MatchRun, Runner } from '../domain/suggestion.ts';
import { AppError, runInProgress } from '../errors.ts';
import {
  createRunWithLock,
  discardStaged,
  finishRun,
  getRun,
  type LockHolder,
  markRunFailed,
  publishInBatches,
  recordRunProgress,
  runningRuns,
} from '../store/match-store.ts';
import type { Deps } from './deps.ts';
import { runnerIsGone, thisRunner } from './runner.ts';

/** Why a run whose process stopped before it finished is marked failed. */
export const INTERRUPTED = 'interrupted: the process running it stopped before it finished';

/** A running run records its progress (and so its heartbeat) at least this often, ms. */
export const HEARTBEAT_MS = 5_000;
/** A run marked running whose heartbeat is older than this is taken to be dead, ms. */
export const LOCK_STALE_MS = 10 * 60_000;
/**
 * Waits between attempts to record a failed run (and remove its staged rows) when the database
 * does not answer: about 2.5 minutes in all, then the next start (or a stale lock) recovers it.
 */
export const FAILURE_RETRY_MS = [
  500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function heartbeatIsStale(heartbeatAt: string | null, now: Date): boolean {
  if (heartbeatAt === null) return false;
  return now.getTime() - Date.parse(heartbeatAt) > LOCK_STALE_MS;
}

/** A run holding the lock: computing, or publishing in batches. */
const inProgress = (status: string | null) => status === 'running' || status === 'publishing';

/**
 * Ends a run that stopped: a run `publishing` in batches is published to its end (its staged rows
 * are what it decided; stopping half-way would leave it half visible); any other run still running
 * has its staged rows removed and is marked failed, freeing the lock. One attempt.
 */
async function settleRun(
  deps: Pick<Deps, 'store' | 'now' | 'logger'>,
  runId: string,
  error: string,
): Promise<void> {
  if ((await getRun(deps.store, runId))?.status === 'publishing') {
    await resumePublication(deps, runId);
    return;
  }
  // Staged rows first: while the run is still marked running it holds the lock, so no run starts
  // before its rows are gone.
  await discardStaged(deps.store, runId);
  await markRunFailed(deps.store, runId, { error, finishedAt: deps.now().toISOString() });
}

/** Publishes the rest of a run left `publishing` (its process stopped or lost the database) and finishes it. */
export async function resumePublication(
  deps: Pick<Deps, 'store' | 'now' | 'logger'>,
  runId: string,
): Promise<void> {
  const counts = await publishInBatches(
    deps.store,
    runId,
    () => deps.now().toISOString(),
    () => ({ finishedAt: deps.now().toISOString() }),
  );
  await recordRunPhase(deps, runId, 'done');
  deps.logger.warn({ runId, ...counts }, 'match run publication completed after an interruption');
}

/**
 * Records a failed run, retrying with backoff while the database does not answer (`delays`, ms).
 * True once recorded; false when it gave up (the run then stays marked running until a restart
 * or a stale lock recovers it).
 */
export async function failRun(
  deps: Pick<Deps, 'store' | 'now' | 'logger'>,
  runId: string,
  error: string,
  delays: readonly number[] = FAILURE_RETRY_MS,
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await settleRun(deps, runId, error);
      if (attempt > 0) deps.logger.info({ runId, attempts: attempt + 1 }, 'match run failure recorded');
      return true;
    } catch (err) {
      const wait = delays[attempt];
      if (wait === undefined) {
        deps.logger.error(
          { runId, attempts: attempt + 1, reason: (err as Error).message },
          'match run failed and its failure could not be recorded; a restart will recover it',
        );
        return false;
      }
      deps.logger.warn(
        { runId, attempt: attempt + 1, retryInMs: wait, reason: (err as Error).message },
        'match run failed; recording its failure once the database answers',
      );
      await sleep(wait);
    }
  }
}

/** Creates `run` holding the run lock, or throws RUN_IN_PROGRESS naming the run that holds it. */
export async function acquireRun(deps: Pick<Deps, 'store' | 'now' | 'logger'>, run: MatchRun): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await createRunWithLock(deps.store, run, thisRunner(), (h) => !inProgress(h.status));
    if (result.created) return;
    const { holder } = result;
    if (!holderIsDead(holder, deps.now())) throw runInProgress(holder.runId);
    deps.logger.warn(
      { runId: holder.runId },
      'the run lock is held by a run whose process stopped: recovering it',
    );
    await settleRun(deps, holder.runId, INTERRUPTED);
  }
  throw new AppError('INTERNAL', 'the run lock could not be taken');
}

function holderIsDead(holder: LockHolder, now: Date): boolean {
  return (holder.runner !== null && runnerIsGone(holder.runner)) || heartbeatIsStale(holder.heartbeatAt, now);
}

/**
 * Settles the runs in progress whose process has certainly stopped (runner.ts says when that is
 * certain) or whose heartbeat is stale: a run publishing in batches is published to its end, any
 * other has its staged rows removed and is marked failed, freeing the lock. Returns the ids of the
 * runs marked failed. Called when the database is opened, so a crash leaves nothing running,
 * half published or staged for ever.
 */
export async function recoverInterruptedRuns(
  deps: Pick<Deps, 'store' | 'logger' | 'now'>,
  gone: (runner: Runner) => boolean = (runner) => runnerIsGone(runner),
): Promise<string[]> {
  const now = deps.now();
  const interrupted = (await runningRuns(deps.store)).filter(
    (r) => (r.runner !== null && gone(r.runner)) || heartbeatIsStale(r.heartbeatAt, now),
  );
  for (const { id, runner, status } of interrupted) {
    await settleRun(deps, id, INTERRUPTED);
    if (status !== 'publishing')
      deps.logger.warn({ runId: id, runner }, 'match run interrupted: its process stopped, marked failed');
  }
  return interrupted.filter((r) => r.status !== 'publishing').map((r) => r.id);
}

/**
 * Sets the phase of a run that has ended (`done` once its publication has committed); a failure
 * to write it is logged, never fatal: the run is published.
 */
export async function recordRunPhase(
  deps: Pick<Deps, 'store' | 'logger'>,
  runId: string,
  phase: NonNullable<MatchRun['phase']>,
): Promise<void> {
  try {
    await finishRun(deps.store, runId, { phase });
  } catch (err) {
    deps.logger.warn({ runId, phase, reason: (err as Error).message }, 'run phase not recorded');
  }
}

/**
 * A running run's progress (phase and counts), written when the phase changes and every
 * HEARTBEAT_MS otherwise: it is what GET /match-runs/{id} shows, and its time is the heartbeat.
 * A write that fails is skipped: the run's own writes fail it if the database is gone.
 */
export class RunProgress {
  readonly #deps: Pick<Deps, 'store' | 'now' | 'logger'>;
  readonly #runId: string;
  readonly #timer: NodeJS.Timeout;
  #props: Partial<MatchRun> = {};
  #writing: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(deps: Pick<Deps, 'store' | 'now' | 'logger'>, runId: string) {
    this.#deps = deps;
    this.#runId = runId;
    this.#timer = setInterval(() => void this.flush(), HEARTBEAT_MS);
    this.#timer.unref();
  }

  /** Merges `props` in; a new phase is written at once. */
  set(props: Partial<MatchRun>): void {
    const phaseChanged = props.phase !== undefined && props.phase !== this.#props.phase;
    Object.assign(this.#props, props);
    if (phaseChanged) void this.flush();
  }

  get(): Partial<MatchRun> {
    return { ...this.#props };
  }

  flush(): Promise<void> {
    if (this.#writing) {
      // One write at a time; what changed meanwhile is written right after it.
      this.#again = true;
      return this.#writing;
    }
    const props = { ...this.#props, heartbeatAt: this.#deps.now().toISOString() };
    this.#writing = recordRunProgress(this.#deps.store, this.#runId, props)
      .catch((err: unknown) =>
        this.#deps.logger.debug(
          { runId: this.#runId, reason: (err as Error).message },
          'run progress not recorded',
        ),
      )
      .finally(() => {
        this.#writing = null;
        if (this.#again && !this.#stopped) {
          this.#again = false;
          void this.flush();
        }
      });
    return this.#writing;
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }
}

/**
 * A match run's second core: a worker thread (match-worker.ts) that searches one part of the
 * snapshot while the main thread searches the other, then solves the allocation LP while the main
 * thread explains the pairs. Start it before the run; it loads its modules and HiGHS meanwhile.
 * Whatever goes wrong with the thread (it cannot start, it dies, it answers with an error) is
 * logged and the work is done in this thread instead: a run never fails for want of a worker.
 */
import type { OptimalOptions, SolvedAllocation } from '../matching/allocation/optimal.ts';
import { solveAllocation } from '../matching/allocation/optimal.ts';
import type { AllocationArrays } from '../matching/allocation/problem.ts';
import type { IndexOptions } from '../matching/candidates.ts';
import type { AllocationSolver, PartSearcher } from '../matching/match-snapshot.ts';
import { type BestRows, type SearchPart, searchCopyOf } from '../matching/search-parts.ts';
import type { MatchInput } from '../matching/types.ts';
import { startWorker, type WorkerClient } from './worker-client.ts';

/** Solver options that can cross to a thread (the logger stays here). */
type PortableOptions = Partial<Omit<OptimalOptions, 'logger'>>;

export type MatchWorkerRequest =
  | { type: 'solve'; problem: AllocationArrays; options: PortableOptions }
  | { type: 'search'; input: MatchInput; part: SearchPart; index: IndexOptions };

export type MatchWorkerReply = { warnings: { details: object; message: string }[] } & (
  | { method: SolvedAllocation['method']; x: Float64Array; ms: number }
  | { rows: BestRows; ms: number }
  | { error: string }
);

export interface MatchWorker {
  solve: AllocationSolver;
  /** Rejects when the thread cannot search; matchSnapshot then searches the part itself. */
  search: PartSearcher;
  close(): Promise<void>;
}

type Logger = { warn: (details: object, message: string) => void };

export function startMatchWorker(logger: Logger, options: PortableOptions = {}): MatchWorker {
  let client: WorkerClient<MatchWorkerRequest, MatchWorkerReply> | undefined;
  try {
    client = startWorker(new URL('./match-worker.ts', import.meta.url));
  } catch (error) {
    logger.warn(
      { reason: (error as Error).message },
      'match worker: no worker thread, working in the main thread',
    );
  }
  const inline = (problem: AllocationArrays) => solveAllocation(problem, { ...options, logger });
  /** The reply, or the reason the thread could not give one. */
  const ask = async (request: MatchWorkerRequest): Promise<MatchWorkerReply | string> => {
    if (!client) return 'no worker thread';
    try {
      const reply = await client.request(request);
      for (const w of reply.warnings) logger.warn(w.details, w.message);
      return 'error' in reply ? reply.error : reply;
    } catch (error) {
      return (error as Error).message;
    }
  };
  return {
    async solve(problem) {
      // Copied, not transferred: the caller finalises with the same arrays. Only the arrays: a
      // problem may carry more (its listing ids), which the solver never reads.
      const { capacity, offerOf, needOf, value, use, upper } = problem;
      const reply = await ask({
        type: 'solve',
        problem: { capacity, offerOf, needOf, value, use, upper },
        options,
      });
      if (typeof reply === 'string' || !('x' in reply)) {
        logger.warn({ reason: reply }, 'allocation: worker thread failed, solving in the main thread');
        return inline(problem);
      }
      return { method: reply.method, x: reply.x };
    },
    async search(input, part, index) {
      const reply = await ask({ type: 'search', input: searchCopyOf(input), part, index });
      if (typeof reply === 'string' || !('rows' in reply)) throw new Error(String(reply));
      return reply.rows;
    },
    async close() {
      await client?.close();
    },
  };
}

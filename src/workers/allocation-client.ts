/**
 * An AllocationSolver (matching/match-snapshot.ts) that solves in a worker thread
 * (allocation-worker.ts), so a match run uses both cores: the LP on one, the explanations on the
 * other. Start it before the search; it loads HiGHS meanwhile. Whatever goes wrong with the thread
 * (it cannot start, it dies, it answers with an error) is logged and the problem is solved in this
 * thread instead: a run never fails for want of a worker.
 */
import type { OptimalOptions, SolvedAllocation } from '../matching/allocation/optimal.ts';
import { solveAllocation } from '../matching/allocation/optimal.ts';
import type { AllocationArrays } from '../matching/allocation/problem.ts';
import type { AllocationSolver } from '../matching/match-snapshot.ts';
import { startWorker, type WorkerClient } from './worker-client.ts';

/** Solver options that can cross to a thread (the logger stays here). */
type PortableOptions = Partial<Omit<OptimalOptions, 'logger'>>;

export interface AllocationRequest {
  problem: AllocationArrays;
  options: PortableOptions;
}

export type AllocationReply = { warnings: { details: object; message: string }[] } & (
  | { method: SolvedAllocation['method']; x: Float64Array; ms: number }
  | { error: string }
);

export interface WorkerSolver {
  solve: AllocationSolver;
  close(): Promise<void>;
}

type Logger = { warn: (details: object, message: string) => void };

export function startAllocationWorker(logger: Logger, options: PortableOptions = {}): WorkerSolver {
  let client: WorkerClient<AllocationRequest, AllocationReply> | undefined;
  try {
    client = startWorker(new URL('./allocation-worker.ts', import.meta.url));
  } catch (error) {
    logger.warn(
      { reason: (error as Error).message },
      'allocation: no worker thread, solving in the main thread',
    );
  }
  const inline = (problem: AllocationArrays) => solveAllocation(problem, { ...options, logger });
  return {
    async solve(problem) {
      if (!client) return inline(problem);
      let reply: AllocationReply;
      try {
        // Copied, not transferred: the caller finalises with the same arrays.
        reply = await client.request({ problem, options });
      } catch (error) {
        logger.warn(
          { reason: (error as Error).message },
          'allocation: worker thread failed, solving in the main thread',
        );
        return inline(problem);
      }
      for (const w of reply.warnings) logger.warn(w.details, w.message);
      if ('error' in reply) {
        logger.warn({ reason: reply.error }, 'allocation: worker thread failed, solving in the main thread');
        return inline(problem);
      }
      return { method: reply.method, x: reply.x };
    },
    async close() {
      await client?.close();
    },
  };
}

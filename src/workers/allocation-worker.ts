/**
 * Worker thread of workers/allocation-client.ts: solves allocation problems (solveAllocation) sent
 * by the main thread. HiGHS is loaded as soon as the worker starts, while the main thread is still
 * searching, so the first problem does not wait for the WebAssembly compile.
 */
import { parentPort } from 'node:worker_threads';
import { preloadSolver, solveAllocation } from '../matching/allocation/optimal.ts';
import type { AllocationReply, AllocationRequest } from './allocation-client.ts';

const port = parentPort;
if (!port) throw new Error('allocation-worker.ts runs as a worker thread only');
const ready = preloadSolver().catch(() => undefined);

port.on('message', async ({ problem, options }: AllocationRequest) => {
  await ready;
  const warnings: AllocationReply['warnings'] = [];
  const logger = { warn: (details: object, message: string) => warnings.push({ details, message }) };
  let reply: AllocationReply;
  const started = performance.now();
  try {
    const { method, x } = await solveAllocation(problem, { ...options, logger });
    reply = { method, x, warnings, ms: performance.now() - started };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error), warnings };
  }
  port.postMessage(reply, 'x' in reply ? [reply.x.buffer as ArrayBuffer] : []);
});

/**
 * Worker thread of workers/match-worker-client.ts: takes a share of a match run off the main
 * thread. Two requests, in the order a run needs them:
 * - `search`: one part of the numeric search (candidates.ts searchPart), on its own copy of the
 *   snapshot, while the main thread searches the other part; the heaps come back as typed arrays;
 * - `solve`: the allocation LP (solveAllocation), while the main thread explains the pairs.
 * HiGHS, the LP's fallback solver, is loaded as soon as the worker starts.
 */
import { parentPort } from 'node:worker_threads';
import { preloadSolver, solveAllocation } from '../matching/allocation/optimal.ts';
import { searchPart } from '../matching/candidates.ts';
import { rowBuffers } from '../matching/search-parts.ts';
import type { MatchWorkerReply, MatchWorkerRequest } from './match-worker-client.ts';

const port = parentPort;
if (!port) throw new Error('match-worker.ts runs as a worker thread only');
const ready = preloadSolver().catch(() => undefined);

port.on('message', async (request: MatchWorkerRequest) => {
  const warnings: MatchWorkerReply['warnings'] = [];
  const logger = { warn: (details: object, message: string) => warnings.push({ details, message }) };
  const started = performance.now();
  let reply: MatchWorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if (request.type === 'search') {
      const rows = searchPart(request.input, request.part, request.index);
      reply = { rows, warnings, ms: performance.now() - started };
      transfer = rowBuffers(rows);
    } else {
      await ready;
      const { method, x } = await solveAllocation(request.problem, { ...request.options, logger });
      reply = { method, x, warnings, ms: performance.now() - started };
      transfer = [x.buffer as ArrayBuffer];
    }
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error), warnings };
  }
  port.postMessage(reply, transfer);
});

/**
 * One worker thread running one module of src/workers, and request/reply over its port: what lets
 * the allocation LP use the machine's second core while the main thread explains candidates.
 *
 * A worker costs ~0.3 s to start (tsx compiles its modules) and is started before it is needed.
 * Replies come back in request order; a worker that dies fails every pending request with the
 * reason, so a caller can fall back to doing the work itself.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerClient<Request, Reply> {
  request(message: Request, transfer?: readonly ArrayBuffer[]): Promise<Reply>;
  close(): Promise<void>;
}

export function startWorker<Request, Reply>(entry: URL): WorkerClient<Request, Reply> {
  const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
    workerData: { entry: entry.href },
  });
  const pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const p of pending.splice(0)) p.reject(error);
  };
  worker.on('message', (reply: Reply) => pending.shift()?.resolve(reply));
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`worker ${entry.pathname} exited with code ${code}`)));
  // An idle worker must not keep the process alive.
  worker.unref();
  return {
    request(message, transfer = []) {
      if (failure) return Promise.reject(failure);
      return new Promise<Reply>((resolve, reject) => {
        pending.push({ resolve, reject });
        worker.ref();
        worker.postMessage(message, transfer as ArrayBuffer[]);
      }).finally(() => {
        if (pending.length === 0) worker.unref();
      });
    },
    async close() {
      failure ??= new Error('worker closed');
      await worker.terminate();
    },
  };
}

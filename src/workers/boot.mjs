// Entry of every worker thread: TypeScript sources run through tsx, which a worker does not
// inherit from the main thread's `--import tsx`, so it is registered here before the worker's
// own module (workerData.entry, a file URL) is imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

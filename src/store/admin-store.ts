import type { Store } from './driver.ts';
import { query } from './queries.ts';

/** Empties a throwaway database of business data; never called on the main job's database. */
export async function wipeBusinessData(store: Store): Promise<void> {
  await store.write((tx) => tx.run(query('admin', 'wipeBusinessData')));
}

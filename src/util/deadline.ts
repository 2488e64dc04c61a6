/**
 * A time budget for the database reads made on behalf of one piece of work (an HTTP request),
 * carried by the async context rather than threaded through every call. The store races each read
 * against it, so a Neo4j that hangs (alive but not answering) fails a request with 503 after the
 * budget instead of holding it for ever. Writes are not raced: a write answered 503 might still
 * commit later, and "a failed request wrote nothing" must hold.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const budget = new AsyncLocalStorage<{ until: number; ms: number }>();

/** Runs `work` with reads limited to `ms` from now (the budget of an enclosing call is kept if nearer). */
export function withReadDeadline<T>(ms: number, work: () => T): T {
  const outer = budget.getStore();
  const until = Date.now() + ms;
  if (outer && outer.until <= until) return work();
  return budget.run({ until, ms }, work);
}

/** The budget left to the current context, or null when it has none. */
export function readBudget(): { leftMs: number; ms: number } | null {
  const current = budget.getStore();
  return current ? { leftMs: current.until - Date.now(), ms: current.ms } : null;
}

/**
 * Reads that many callers repeat — the first page of listings, a popular listing — share one
 * database read. Three mechanisms, all keyed by what the caller may see:
 *   single flight  concurrent identical reads wait for the same query;
 *   a short reuse  an answer is reused for `ttlMs` while no write has gone through this process;
 *   refresh        for `staleMs` after that it is still served while one read refreshes it, so
 *                  the callers of a popular page do not all wait for its re-read each second.
 * Every write through the store bumps the generation (runtime.ts wraps store.write), so a caller
 * never reads an answer older than its own last write; writes by another process (the CLI) show
 * within `ttlMs + staleMs`. Only presented answers are kept, never raw rows, so nothing one caller may not
 * see can reach another: the access scope is part of every key.
 */
export interface ReadCacheOptions {
  /** How long an answer is reused as it is. */
  ttlMs: number;
  /**
   * For how long after that it may still be served while one refresh reads it again, when nothing
   * was written meanwhile (so a popular page never makes every caller wait for the re-read).
   */
  staleMs: number;
  maxEntries: number;
}

export const READ_CACHE_DEFAULTS: ReadCacheOptions = { ttlMs: 1000, staleMs: 1000, maxEntries: 2000 };

interface Entry {
  generation: number;
  at: number;
  value: Promise<unknown>;
  settled: boolean;
  refreshing: boolean;
}

export class ReadCache {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly options: ReadCacheOptions;

  constructor(options: Partial<ReadCacheOptions> = {}) {
    this.options = { ...READ_CACHE_DEFAULTS, ...options };
  }

  /** Something was written: no answer read before now is served again. */
  bump(): void {
    this.generation++;
  }

  async get<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const { ttlMs, staleMs } = this.options;
    if (ttlMs <= 0) return load();
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation) {
      const age = now - hit.at;
      if (age <= ttlMs) return hit.value as Promise<T>;
      if (hit.settled && age <= ttlMs + staleMs) {
        if (!hit.refreshing) this.refresh(key, hit, load, now);
        return hit.value as Promise<T>;
      }
    }
    return this.start(key, load, now).value as Promise<T>;
  }

  private start(key: string, load: () => Promise<unknown>, now: number): Entry {
    const value = load();
    const entry: Entry = { generation: this.generation, at: now, value, settled: false, refreshing: false };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    value.then(
      () => {
        entry.settled = true;
      },
      // A failed read is never reused.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry;
  }

  /** Reads `key` again in the background; its answer replaces `stale` unless something was written meanwhile. */
  private refresh(key: string, stale: Entry, load: () => Promise<unknown>, now: number): void {
    stale.refreshing = true;
    const generation = this.generation;
    load().then(
      (answer) => {
        if (this.generation !== generation || this.entries.get(key) !== stale) return;
        const value = Promise.resolve(answer);
        this.entries.set(key, { generation, at: now, value, settled: true, refreshing: false });
      },
      () => {
        // The stale answer may be served until its window ends; then a caller reads again itself.
        stale.refreshing = false;
      },
    );
  }
}

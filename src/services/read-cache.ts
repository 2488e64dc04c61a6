/**
 * Reads that many callers repeat — the first page of listings, a popular listing — share one
 * database read. Two mechanisms, both keyed by what the caller may see:
 *   single flight  concurrent identical reads wait for the same query;
 *   a short reuse  an answer is reused for `ttlMs` while no write has gone through this process.
 * Every write through the store bumps the generation (runtime.ts wraps store.write), so a caller
 * never reads an answer older than its own last write; writes by another process (the CLI) show
 * within `ttlMs`. Only presented answers are kept, never raw rows, so nothing one caller may not
 * see can reach another: the access scope is part of every key.
 */
export interface ReadCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

export const READ_CACHE_DEFAULTS: ReadCacheOptions = { ttlMs: 1000, maxEntries: 2000 };

interface Entry {
  generation: number;
  at: number;
  value: Promise<unknown>;
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
    if (this.options.ttlMs <= 0) return load();
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation && now - hit.at <= this.options.ttlMs) {
      return hit.value as Promise<T>;
    }
    const value = load();
    const entry: Entry = { generation: this.generation, at: now, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    // A failed read is never reused.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}

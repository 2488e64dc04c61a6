/**
 * The engine's index of every listing, kept in memory by each API process between registrations
 * (decision 0018): a new or changed listing is searched against it instead of reading and indexing
 * its counterparts from Neo4j on every request.
 *
 * The index itself is static (k-d trees over flat arrays, matching/match-index.ts), so it is kept
 * up to date the way a log-structured store is: beside the base index, the current versions of
 * listings written since it was built (`changed`, scored directly) and the ids of base members
 * superseded or deleted (`skip`). A search of the base that skips those, merged with the changed
 * listings, is the search of an index built now. When the changes grow past a share of the base,
 * a new base is built in the background; requests keep using the old one meanwhile.
 *
 * What other processes write is caught up with before each search: listings and sites written
 * since the last look (by their updatedAt, LAG_MS early, so that a transaction that stamped its
 * rows before another's commit, or a clock a little behind, is not missed). When more changed
 * than is worth reading row by row (a bulk import), searches go to Neo4j until a new base is built. What the search
 * proposes is then checked against the stored versions in the request's own transaction: a
 * counterpart deleted or changed meanwhile is fetched again and the search repeated, so no pair
 * is computed from a version that is not stored. A write stamped more than LAG_MS before it
 * committed (a long import in another process) is seen when the next base is built
 * (at the latest REBUILD_AFTER_MS later).
 *
 * Until the first base is built (in the background, at start or at the first request), and when
 * more changed than a catch-up reads at once, the caller reads counterparts from Neo4j as before.
 */
import type { MatchListing } from '../domain/match-listing.ts';
import { candidatesForListing } from '../matching/candidates.ts';
import { buildMatchIndex, type MatchIndex } from '../matching/match-index.ts';
import type { PairContext } from '../matching/pair.ts';
import type { Candidate } from '../matching/types.ts';
import type { Store } from '../store/driver.ts';
import {
  allListings,
  type ListingState,
  listingsChangedSince,
  matchListingsByIds,
} from '../store/listing-store.ts';
import type { Deps } from './deps.ts';
import { hourlyProfilesFor, matchContext } from './match-context.ts';

export const COUNTERPART_INDEX = {
  /** Catch-ups look this far before the last one started (a transaction's stamp before its commit, clock skew). */
  LAG_MS: 15_000,
  /** A new base is built once this many listings changed, or this share of the base, whichever is more. */
  REBUILD_CHANGES: 2_000,
  REBUILD_SHARE: 0.05,
  /** A base older than this is rebuilt in the background (writes stamped long before they committed). */
  REBUILD_AFTER_MS: 30 * 60_000,
  /** After a failed build, the next is tried no sooner than this. */
  RETRY_MS: 10_000,
  /** Searches repeated at most this often when what they proposed changed meanwhile. */
  ATTEMPTS: 3,
};

interface Base {
  index: MatchIndex;
  /** Base member by id: its position in index.listings. */
  at: Map<string, number>;
  builtAt: number;
  config: PairContext['config'];
  reference: PairContext['reference'];
}

/** What a search of the kept index found, or null: read the counterparts from Neo4j instead. */
export interface IndexedSearch {
  /** The listing's own K best. */
  own: Candidate[];
  /** The current version of a listing (a counterpart of a stored pair), as stored when checked. */
  listing: (id: string) => MatchListing | undefined;
}

const same = (a: ListingState, b: { version?: number | undefined; lat: number; lon: number }) =>
  a.version === (b.version ?? 1) && a.lat === b.lat && a.lon === b.lon;

export class CounterpartIndex {
  private base: Base | null = null;
  /** Current versions of listings the base lacks or holds superseded. */
  private readonly changed = new Map<string, MatchListing>();
  /** Base members superseded (then in `changed`) or deleted. */
  private readonly skip = new Set<string>();
  /** Catch-ups read what was written after this (ISO time). */
  private since = '';
  /** Set when more changed than a catch-up reads: the base is incomplete until the next is built. */
  private overtaken = false;
  private building: Promise<void> | null = null;
  private failedAt = 0;
  /** Searches it answered, searches left to Neo4j, bases built (and the last one's size and time). */
  readonly stats = { answered: 0, fellBack: 0, builds: 0, listings: 0, buildMs: 0 };

  /** @param store the runtime's store, never one transaction's: the index holds committed rows only. */
  constructor(private readonly store: Store) {}

  /** Starts building the base in the background (at start, so that the first registration finds it). */
  warm(deps: Deps): void {
    this.rebuild(deps);
  }

  /** Whether a base is built (for tests and the bench). */
  get ready(): boolean {
    return this.base !== null;
  }

  /** Resolves once a build under way has ended. */
  async settled(): Promise<void> {
    await this.building;
  }

  /**
   * The listing's own K best against every stored listing, and the current versions of the
   * counterparts of its published pairs, each checked against `tx` (the request's store); null
   * when the index cannot answer now.
   */
  async search(
    deps: Deps,
    tx: Store,
    listing: MatchListing,
    ctx: PairContext,
  ): Promise<IndexedSearch | null> {
    const base = this.base;
    if (!base || this.overtaken || base.config !== ctx.config || base.reference !== ctx.reference) {
      this.rebuild(deps);
      this.stats.fellBack++;
      return null;
    }
    if (this.due(base, deps)) this.rebuild(deps);
    const view: MatchIndex = { ...base.index, ctx };
    for (let attempt = 0; attempt < COUNTERPART_INDEX.ATTEMPTS; attempt++) {
      const own = candidatesForListing(view, listing, { skip: this.skip, listings: this.changed.values() });
      const ids = [...new Set(own.map((c) => (c.offerId === listing.id ? c.needId : c.offerId)))];
      // One read, in the request's transaction: what changed since the last look, and whether what
      // the search proposed, and the counterparts of the listing's published pairs, are stored as
      // the index holds them. The listing's own row is this request's.
      const started = deps.now().getTime();
      const states = await listingsChangedSince(tx, this.since, ids, listing.id);
      if (this.base !== base) break;
      const stale = states
        .filter((state) => {
          if (state.id === listing.id) return false;
          const kept = this.current(base, state.id);
          return kept === undefined || !same(state, kept);
        })
        .map((state) => state.id);
      const stored = new Set(states.map((state) => state.id));
      for (const id of ids) if (!stored.has(id) && this.current(base, id) !== undefined) stale.push(id);
      if (stale.length > this.rebuildAt(base)) {
        this.overtaken = true;
        this.rebuild(deps);
        break;
      }
      await this.apply(deps, base, tx, stale, listing.id);
      if (this.base === base) this.since = lagged(started);
      if (stale.length === 0) {
        this.stats.answered++;
        return { own, listing: (id) => this.current(base, id) };
      }
    }
    this.stats.fellBack++;
    return null;
  }

  /**
   * A listing this process has just written, once its transaction committed: kept at once, so the
   * next catch-up need not read it again.
   */
  noteWritten(listing: MatchListing): void {
    const base = this.base;
    if (!base) return;
    const kept = this.current(base, listing.id);
    if (kept && (kept.version ?? 1) > (listing.version ?? 1)) return;
    if (base.at.has(listing.id)) this.skip.add(listing.id);
    this.changed.set(listing.id, listing);
  }

  /** A listing this process has just deleted, once its transaction committed. */
  noteDeleted(id: string): void {
    const base = this.base;
    if (!base) return;
    if (base.at.has(id)) this.skip.add(id);
    this.changed.delete(id);
  }

  /** The kept current version of a listing: changed, else the base's unless superseded. */
  private current(base: Base, id: string): MatchListing | undefined {
    const changed = this.changed.get(id);
    if (changed) return changed;
    if (this.skip.has(id)) return undefined;
    const at = base.at.get(id);
    return at === undefined ? undefined : base.index.listings[at];
  }

  /**
   * Reads these listings again from `tx` and keeps what is stored now (deleted ones: skipped);
   * never `own`, which `tx` itself is writing.
   */
  private async apply(deps: Deps, base: Base, tx: Store, ids: readonly string[], own: string): Promise<void> {
    if (ids.length === 0) return;
    const fresh = new Map((await matchListingsByIds(tx, ids)).map((l) => [l.id, l]));
    if (this.base !== base) return;
    hourlyProfilesFor(deps, [...fresh.values()]);
    for (const id of ids) {
      if (id === own) continue;
      const listing = fresh.get(id);
      if (base.at.has(id)) this.skip.add(id);
      if (listing) this.changed.set(id, listing);
      else this.changed.delete(id);
    }
  }

  private rebuildAt(base: Base): number {
    return Math.max(
      COUNTERPART_INDEX.REBUILD_CHANGES,
      COUNTERPART_INDEX.REBUILD_SHARE * base.index.listings.length,
    );
  }

  private due(base: Base, deps: Deps): boolean {
    return (
      this.changed.size + this.skip.size > this.rebuildAt(base) ||
      deps.now().getTime() - base.builtAt > COUNTERPART_INDEX.REBUILD_AFTER_MS
    );
  }

  /** Builds a new base in the background, unless one is being built or the last failed just now. */
  private rebuild(deps: Deps): void {
    if (this.building || Date.now() - this.failedAt < COUNTERPART_INDEX.RETRY_MS) return;
    this.building = this.build(deps)
      .catch((err: unknown) => {
        this.failedAt = Date.now();
        deps.logger.warn(
          { err },
          'the in-memory counterpart index could not be built; registrations read Neo4j',
        );
      })
      .finally(() => {
        this.building = null;
      });
  }

  private async build(deps: Deps): Promise<void> {
    const started = deps.now().getTime();
    const listings = await allListings(this.store);
    const ctx = matchContext(deps, listings);
    const index = buildMatchIndex({ ...ctx, listings });
    this.base = {
      index,
      at: new Map(index.ids.map((id, i) => [id, i])),
      builtAt: started,
      config: ctx.config,
      reference: ctx.reference,
    };
    this.changed.clear();
    this.skip.clear();
    this.overtaken = false;
    this.since = lagged(started);
    this.stats.builds++;
    this.stats.listings = listings.length;
    this.stats.buildMs = Math.round(deps.now().getTime() - started);
    deps.logger.info(
      { listings: listings.length, ms: this.stats.buildMs },
      'built the in-memory counterpart index',
    );
  }
}

const lagged = (ms: number): string => new Date(ms - COUNTERPART_INDEX.LAG_MS).toISOString();

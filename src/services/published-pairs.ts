/**
 * The published suggestions a match run compares itself with, held in memory for the run: read
 * once before the engine starts, they say which computed pairs are unchanged (same content hash
 * and allocation: not written), which published pairs the run answers for (withdrawn at
 * publication when it no longer proposes them), and what suggestions the run does not answer for
 * already promise of its listings (left out of its allocation).
 *
 * A run answers for a published pair when the pair is of the run's kind (if it has one) and, for a
 * regional run (municipality or circle), when both listings are in the region: that is the rule
 * withdrawals always followed. Every pair the run computes is one it answers for, since the
 * engine only sees the listings in scope. At 10^5 listings there are about 7e5 published pairs:
 * a map from pair key to a slot, and one array per column. A pair's listings are not held: its key
 * names them (endsOfKey), read only for the pairs that need them.
 */
import type { MatchListing } from '../domain/match-listing.ts';
import type { MatchScope } from '../domain/suggestion.ts';
import type { PublishedPair } from '../store/match-store.ts';
import { endsOfKey, isRegional } from './match-context.ts';

/** Below this share of its quantity what is left of a listing is rounding, not capacity. */
const DUST_SHARE = 1e-9;

export class PublishedPairs {
  readonly #slot = new Map<string, number>();
  readonly #key: string[] = [];
  readonly #kind: string[] = [];
  readonly #hash: (string | null)[] = [];
  readonly #allocated: (number | null)[] = [];
  readonly #offerUse: number[] = [];
  #proposed = new Uint8Array(0);

  add(p: PublishedPair): void {
    // A pair's key is pairKeyOf(offer, need); a chain's names its processor too (chainKeyOf).
    const key = p.pairKey;
    if (this.#slot.has(key)) return;
    this.#slot.set(key, this.#key.length);
    this.#key.push(key);
    this.#kind.push(p.kind);
    this.#hash.push(p.hash);
    this.#allocated.push(p.allocated);
    this.#offerUse.push(p.offerUse);
  }

  get size(): number {
    return this.#key.length;
  }

  /** The published pair's slot, remembered as proposed by the run (so it is not withdrawn). */
  propose(pairKey: string): number | undefined {
    const slot = this.#slot.get(pairKey);
    if (slot === undefined) return undefined;
    if (this.#proposed.length !== this.size) {
      const grown = new Uint8Array(this.size);
      grown.set(this.#proposed.subarray(0, Math.min(this.#proposed.length, grown.length)));
      this.#proposed = grown;
    }
    this.#proposed[slot] = 1;
    return slot;
  }

  hashAt(slot: number): string | null {
    return this.#hash[slot] ?? null;
  }

  allocatedAt(slot: number): number | null {
    return this.#allocated[slot] ?? null;
  }

  /** Whether a run over `scope`, whose listings are `inScope`, answers for the pair in `slot`. */
  answeredBy(scope: MatchScope, inScope: ReadonlySet<string>): (slot: number) => boolean {
    const regional = isRegional(scope);
    const kind = scope.kind ?? null;
    return (slot) => {
      if (kind !== null && this.#kind[slot] !== kind) return false;
      if (!regional) return true;
      const { offerId, needId } = endsOfKey(this.#key[slot]!);
      return inScope.has(offerId) && inScope.has(needId);
    };
  }

  /**
   * What may still be promised of each listing that suggestions the run does not answer for hold
   * part of: its quantity minus their allocations (an offer gives offerUse per unit delivered).
   * Listings not in the map have their whole quantity.
   */
  available(listings: readonly MatchListing[], answered: (slot: number) => boolean): Map<string, number> {
    const held = new Map<string, number>();
    const hold = (id: string, q: number) => held.set(id, (held.get(id) ?? 0) + q);
    for (let slot = 0; slot < this.size; slot++) {
      const q = this.#allocated[slot];
      if (!(q !== null && q !== undefined && q > 0) || answered(slot)) continue;
      const { offerId, needId } = endsOfKey(this.#key[slot]!);
      hold(offerId, q * this.#offerUse[slot]!);
      hold(needId, q);
    }
    const out = new Map<string, number>();
    for (const l of listings) {
      const h = held.get(l.id);
      if (h === undefined) continue;
      const whole = l.canonicalQuantity.value;
      const left = whole - h;
      out.set(l.id, left > whole * DUST_SHARE ? left : 0);
    }
    return out;
  }

  /** Published pairs the run answers for but did not propose: it withdraws them. */
  *stale(
    answered: (slot: number) => boolean,
  ): Generator<{ pairKey: string; offerId: string; needId: string }> {
    for (let slot = 0; slot < this.size; slot++) {
      if (this.#proposed[slot] === 1 || !answered(slot)) continue;
      const pairKey = this.#key[slot]!;
      yield { pairKey, ...endsOfKey(pairKey) };
    }
  }
}

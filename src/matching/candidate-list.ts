/**
 * The candidates of a whole run, kept lean: the searched pairs' numbers in typed arrays (about
 * 40 bytes a pair), each candidate explained — reasons, route, impact — when it is read.
 *
 * Explaining is deterministic (explainPairs scores the pair again and words it), so a candidate
 * read twice is the same candidate, and one read from here equals the one generateCandidates
 * returns. Explained, a candidate holds about 1.4 KB (9 objects, 5 sentences, 21 numbers) and
 * costs about 6 µs: at 10^5 listings, 683k candidates are a gigabyte and 4-6 s of a run whose
 * numeric part takes less. Most are read once, by the writer that stores them, in batches; so
 * they are explained there, a batch at a time, and never all held together.
 */
import { explainPairs, type ScoredPairs } from './candidates.ts';
import type { Candidate } from './types.ts';

export class CandidateList {
  readonly #pairs: ScoredPairs;

  constructor(pairs: ScoredPairs) {
    this.#pairs = pairs;
  }

  /** How many candidates: pairs in candidate order (score descending, then offer id, then need id). */
  get length(): number {
    return this.#pairs.offer.length;
  }

  offerId(k: number): string {
    return this.#pairs.index.listings[this.#pairs.offer[k]!]!.id;
  }

  needId(k: number): string {
    return this.#pairs.index.listings[this.#pairs.need[k]!]!.id;
  }

  /** The numbers of candidate k that need no explanation (chains.ts reads them). */
  score(k: number): number {
    return this.#pairs.score[k]!;
  }

  maxQuantity(k: number): number {
    return this.#pairs.maxQuantity[k]!;
  }

  offerUse(k: number): number {
    return this.#pairs.offerUse[k]!;
  }

  /** Candidates from..to (all by default), explained, in candidate order. */
  explain(from = 0, to = this.length): Candidate[] {
    return explainPairs(this.#pairs, Math.max(0, from), Math.min(to, this.length));
  }

  /** All candidates, explained `size` at a time: what a writer streams without holding them all. */
  *batches(size: number): Generator<Candidate[]> {
    if (!(size >= 1)) throw new RangeError(`batch size must be at least 1, got ${size}`);
    for (let from = 0; from < this.length; from += size) yield this.explain(from, from + size);
  }
}

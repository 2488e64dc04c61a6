import { describe, expect, it } from 'vitest';
import type { MatchListing } from '../../../src/domain/match-listing.ts';
import { chainKeyOf, endsOfKey, pairKeyOf } from '../../../src/services/match-context.ts';
import { PublishedPairs } from '../../../src/services/published-pairs.ts';
import type { PublishedPair } from '../../../src/store/match-store.ts';

const pair = (
  offerId: string,
  needId: string,
  allocated: number | null,
  extra: Partial<PublishedPair> = {},
) =>
  ({
    pairKey: `${offerId}|${needId}`,
    kind: 'material',
    hash: `h-${offerId}-${needId}`,
    allocated,
    offerUse: 1,
    ...extra,
  }) as PublishedPair;

const listing = (id: string, quantity: number) =>
  ({ id, canonicalQuantity: { value: quantity, unit: 't/yr' } }) as MatchListing;

/** Offers o1 (in town) and o2 (outside); needs n1 (in town) and n2 (outside). */
function published(): PublishedPairs {
  const p = new PublishedPairs();
  p.add(pair('o1', 'n1', 40));
  p.add(pair('o1', 'n2', 30, { offerUse: 0.5 }));
  p.add(pair('o2', 'n1', 25));
  p.add(pair('o2', 'n2', 10));
  p.add(pair('o2', 'n2', 99)); // the same pair twice counts once
  return p;
}

describe('published suggestions a run compares itself with', () => {
  const town = new Set(['o1', 'n1']);
  const listings = [listing('o1', 100), listing('n1', 50)];

  it('when a run is regional, then it answers only for pairs with both listings inside', () => {
    const p = published();
    expect(p.size).toBe(4);
    const answered = p.answeredBy({ municipality: 'Town' }, town);
    expect([0, 1, 2, 3].map(answered)).toEqual([true, false, false, false]);
    const everything = p.answeredBy({}, new Set(['o1', 'n1', 'o2', 'n2']));
    expect([0, 1, 2, 3].map(everything)).toEqual([true, true, true, true]);
    const energy = p.answeredBy({ kind: 'energy' }, town);
    expect([0, 1, 2, 3].map(energy)).toEqual([false, false, false, false]);
  });

  it('when pairs outside the run hold allocations, then its listings have that much less to give', () => {
    const p = published();
    const available = p.available(listings, p.answeredBy({ municipality: 'Town' }, town));
    // o1 gives 30 × 0.5 to n2 outside the town; n1 receives 25 from o2 outside it.
    expect(available).toEqual(
      new Map([
        ['o1', 85],
        ['n1', 25],
      ]),
    );
    // A run over everything answers for every pair: nothing is held outside it.
    expect(p.available(listings, p.answeredBy({}, new Set(['o1', 'n1', 'o2', 'n2'])))).toEqual(new Map());
  });

  it('when more is held than a listing has, then nothing is left, never less than nothing', () => {
    const p = new PublishedPairs();
    p.add(pair('o9', 'n1', 80));
    const left = p.available([listing('n1', 50)], () => false);
    expect(left.get('n1')).toBe(0);
  });

  it('when the run proposes some pairs, then the others it answers for are stale, and it finds the published hash', () => {
    const p = published();
    const slot = p.propose('o1|n1');
    expect(slot).toBe(0);
    expect(p.hashAt(slot!)).toBe('h-o1-n1');
    expect(p.allocatedAt(slot!)).toBe(40);
    expect(p.propose('o9|n9')).toBeUndefined();
    const everything = p.answeredBy({}, new Set(['o1', 'n1', 'o2', 'n2']));
    expect([...p.stale(everything)]).toEqual([
      { pairKey: 'o1|n2', offerId: 'o1', needId: 'n2' },
      { pairKey: 'o2|n1', offerId: 'o2', needId: 'n1' },
      { pairKey: 'o2|n2', offerId: 'o2', needId: 'n2' },
    ]);
    expect([...p.stale(p.answeredBy({ municipality: 'Town' }, town))]).toEqual([]);
  });

  it('when a chain has the offer and need of a pair, then it is a published suggestion of its own, by its key', () => {
    const p = published();
    p.add(pair('o1', 'n1', null, { pairKey: 'chain|o1|pn|po|n1', hash: 'h-chain' }));
    expect(p.size).toBe(5);
    expect(p.hashAt(p.propose('chain|o1|pn|po|n1')!)).toBe('h-chain');
    expect(p.hashAt(p.propose('o1|n1')!)).toBe('h-o1-n1');
  });

  it('when a chain is not proposed again, then its withdrawal names its own offer and need, not its processor', () => {
    const p = new PublishedPairs();
    p.add(pair('o1', 'n1', null, { pairKey: 'chain|o1|pn|po|n1', hash: 'h-chain' }));
    p.add(pair('o2', 'n2', 5, { pairKey: 'chain|o2|pn|po|n2', hash: 'h-chain-2' }));
    // A regional run answers for a chain whose offer and need are both inside, wherever its processor is.
    const answered = p.answeredBy({ municipality: 'Town' }, new Set(['o1', 'n1']));
    expect([answered(0), answered(1)]).toEqual([true, false]);
    expect([...p.stale(answered)]).toEqual([{ pairKey: 'chain|o1|pn|po|n1', offerId: 'o1', needId: 'n1' }]);
    // The chain outside the town holds 5 of o2's and n2's quantities.
    expect(p.available([listing('o2', 20), listing('n2', 8)], answered)).toEqual(
      new Map([
        ['o2', 15],
        ['n2', 3],
      ]),
    );
  });
});

describe('the listings a published key names', () => {
  it('when a key is a pair’s or a chain’s, then it gives back the offer and the need it was made of', () => {
    const offerId = 'li_0123456789abcdef0123456789abcdef';
    const needId = 'li_fedcba9876543210fedcba9876543210';
    expect(endsOfKey(pairKeyOf(offerId, needId))).toEqual({ offerId, needId });
    const chain = { offerId, processorNeedId: 'li_pn', processorOfferId: 'li_po', needId };
    expect(endsOfKey(chainKeyOf(chain))).toEqual({ offerId, needId });
  });

  it('when a key is neither, then it is refused rather than read wrongly', () => {
    for (const key of [
      '',
      'li_a',
      'li_a|',
      '|li_b',
      'li_a|li_b|li_c',
      'chain|a|b|c',
      'chain|a|b|c|d|e',
      'pair|a|b|c|d',
    ]) {
      expect(() => endsOfKey(key), key).toThrow(/not a pair or chain key/);
    }
  });
});

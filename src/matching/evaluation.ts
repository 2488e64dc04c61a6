/**
 * Recall@k and precision@k of suggestions against exchanges known to exist (evaluation cases).
 *
 * An expected exchange (from, to) is found at k when some need of company `to` has, among its k
 * best suggestions (score descending, ties by offer id), one whose offer belongs to `from`.
 * Precision@k looks at the same top-k lists of every need of the companies named as `to`, and
 * counts the share whose (offer company, need company) pair is an expected exchange.
 *
 * Reference: the usual top-k retrieval measures, e.g. Manning, Raghavan & Schütze (2008),
 * Introduction to Information Retrieval, ch. 8.
 */
export interface RankedSuggestion {
  offerId: string;
  needId: string;
  offerCompany: string;
  needCompany: string;
  score: number;
}

export interface ExpectedExchange {
  from: string;
  to: string;
  resource: string;
}

export interface AtK {
  k: number;
  recall: number;
  precision: number;
  found: number;
  expected: number;
  relevantRetrieved: number;
  retrieved: number;
}

export interface Miss extends ExpectedExchange {
  /** Best rank of a matching suggestion in any need's list of `to`, or null when none exists. */
  bestRank: number | null;
}

export const DEFAULTS = { ks: [1, 3, 5] };

function rankByNeed(suggestions: readonly RankedSuggestion[]): Map<string, RankedSuggestion[]> {
  const byNeed = new Map<string, RankedSuggestion[]>();
  for (const s of suggestions) byNeed.set(s.needId, [...(byNeed.get(s.needId) ?? []), s]);
  for (const list of byNeed.values()) {
    list.sort((a, b) => b.score - a.score || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));
  }
  return byNeed;
}

export function evaluateSuggestions(
  suggestions: readonly RankedSuggestion[],
  expected: readonly ExpectedExchange[],
  options: Partial<typeof DEFAULTS> = {},
): { atK: AtK[]; misses: Miss[] } {
  const { ks } = { ...DEFAULTS, ...options };
  const byNeed = rankByNeed(suggestions);
  const expectedPairs = new Set(expected.map((e) => `${e.from}\u0000${e.to}`));
  const receivers = new Set(expected.map((e) => e.to));
  const receiverLists = [...byNeed.values()].filter((list) => receivers.has(list[0]!.needCompany));

  const bestRank = (e: ExpectedExchange): number | null => {
    let best: number | null = null;
    for (const list of receiverLists) {
      if (list[0]!.needCompany !== e.to) continue;
      const rank = list.findIndex((s) => s.offerCompany === e.from);
      if (rank >= 0 && (best === null || rank + 1 < best)) best = rank + 1;
    }
    return best;
  };
  const ranks = expected.map(bestRank);

  const atK = ks.map((k) => {
    const found = ranks.filter((r) => r !== null && r <= k).length;
    let retrieved = 0;
    let relevantRetrieved = 0;
    for (const list of receiverLists) {
      for (const s of list.slice(0, k)) {
        retrieved++;
        if (expectedPairs.has(`${s.offerCompany}\u0000${s.needCompany}`)) relevantRetrieved++;
      }
    }
    return {
      k,
      recall: expected.length ? found / expected.length : 0,
      precision: retrieved ? relevantRetrieved / retrieved : 0,
      found,
      expected: expected.length,
      relevantRetrieved,
      retrieved,
    };
  });
  const maxK = Math.max(...ks);
  const misses = expected
    .map((e, i) => ({ ...e, bestRank: ranks[i] ?? null }))
    .filter((m) => m.bestRank === null || m.bestRank > maxK);
  return { atK, misses };
}

/**
 * Recall@k and precision@k of suggestions against exchanges known to exist (evaluation cases),
 * judged twice: by company pair and by stream.
 *
 *   company  an expected exchange (from, to) is found at k when some need of company `to` has,
 *            among its k best suggestions, one whose offer belongs to `from`;
 *   stream   when the exchange names its `offer` and `need` (listing refs), only that pair counts:
 *            need `need` has offer `offer` among its k best. A side it does not name is judged as
 *            at company level.
 *
 * So at company level a park where two companies trade five streams "finds" all five through any
 * one of them, and a wrong stream of the right pair counts as right; at stream level neither does.
 * Precision@k reads the same top-k lists at both levels, those of every need of the companies
 * named as `to`, and counts the share of suggestions that are an expected exchange at that level.
 *
 * Lists are ranked by score descending, ties by offer id (the order the service pages in). Where
 * scores are equal the tie-break decides the rank: `ties` at k counts the expected exchanges found
 * at k under one order of the equal scores and missed under another; `tiedRanks` counts the
 * positions within the largest k that share their score with a neighbour.
 *
 * Ceiling of recall@1: one suggestion heads each need, so of several documented suppliers of the
 * same need only one can be found at 1. The ceiling is the best recall@1 any ranking could reach:
 * exchanges one suggestion finds together (the same pair) form a group, each group may head a need
 * where it can be found, each need is headed once; the largest total is a maximum-weight matching
 * with weights on one side, which the greedy by weight with augmenting paths finds exactly (the
 * groups matched form a transversal matroid). Exchanges that name no stream are grouped by
 * company pair only, so with such exchanges the stream ceiling is a lower estimate.
 *
 * References:
 *   C. D. Manning, P. Raghavan, H. Schütze (2008), Introduction to Information Retrieval, ch. 8
 *     (top-k retrieval measures).
 *   J. Edmonds, D. R. Fulkerson (1965), "Transversals and matroid partition", J. Res. NBS 69B,
 *     147–153 (the greedy algorithm on transversal matroids).
 */
export interface RankedSuggestion {
  offerId: string;
  needId: string;
  offerCompany: string;
  needCompany: string;
  /** Listing refs, for the stream level. */
  offerRef?: string;
  needRef?: string;
  score: number;
}

export interface ExpectedExchange {
  from: string;
  to: string;
  resource: string;
  /** Ref of the offer listing of `from` that serves the exchange. */
  offer?: string;
  /** Ref of the need listing of `to` it serves. */
  need?: string;
}

/** A need listing of the case, whether or not it got suggestions (for the ceiling). */
export interface NeedListing {
  id: string;
  company: string;
  ref?: string;
}

export interface AtK {
  k: number;
  recall: number;
  precision: number;
  found: number;
  expected: number;
  relevantRetrieved: number;
  retrieved: number;
  /** Expected exchanges found at k under one order of equal scores and missed under another. */
  ties: number;
}

export interface Miss extends ExpectedExchange {
  /** Best rank of a matching suggestion in any need's list of `to`, or null when none exists. */
  bestRank: number | null;
}

export interface LevelEvaluation {
  atK: AtK[];
  misses: Miss[];
  /** The best recall@1 any ranking could reach: `found` of `expected`. */
  ceiling: { found: number; expected: number; recallAt1: number };
  /** Positions within the largest k of the lists read that share their score with a neighbour. */
  tiedRanks: number;
}

export interface Evaluation {
  company: LevelEvaluation;
  stream: LevelEvaluation;
}

export type Level = keyof Evaluation;

export const DEFAULTS = { ks: [1, 3, 5] };

export interface EvaluationOptions extends Partial<typeof DEFAULTS> {
  /** Every need of the case; by default the needs the suggestions name. */
  needs?: readonly NeedListing[];
}

const byOfferId = (a: RankedSuggestion, b: RankedSuggestion) =>
  b.score - a.score || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0);

function rankByNeed(suggestions: readonly RankedSuggestion[]): Map<string, RankedSuggestion[]> {
  const byNeed = new Map<string, RankedSuggestion[]>();
  for (const s of suggestions) {
    const list = byNeed.get(s.needId);
    if (list) list.push(s);
    else byNeed.set(s.needId, [s]);
  }
  for (const list of byNeed.values()) list.sort(byOfferId);
  return byNeed;
}

/** Whether suggestion `s` is the expected exchange `e` at a level. */
export function isExchange(level: Level, e: ExpectedExchange, s: RankedSuggestion): boolean {
  if (s.offerCompany !== e.from || s.needCompany !== e.to) return false;
  if (level === 'company') return true;
  return (e.offer === undefined || s.offerRef === e.offer) && (e.need === undefined || s.needRef === e.need);
}

/** The rank a list gives its first match, and the best and worst ranks other orders of equal scores give. */
interface Ranks {
  actual: number;
  optimistic: number;
  pessimistic: number;
}

function ranksIn(list: readonly RankedSuggestion[], match: (s: RankedSuggestion) => boolean): Ranks | null {
  const first = list.findIndex(match);
  if (first < 0) return null;
  const score = list[first]!.score;
  let above = 0;
  let equal = 0;
  let equalMatches = 0;
  for (const s of list) {
    if (s.score > score) above++;
    else if (s.score === score) {
      equal++;
      if (match(s)) equalMatches++;
    }
  }
  return { actual: first + 1, optimistic: above + 1, pessimistic: above + equal - equalMatches + 1 };
}

function evaluateLevel(
  level: Level,
  lists: readonly RankedSuggestion[][],
  expected: readonly ExpectedExchange[],
  needs: readonly NeedListing[],
  ks: readonly number[],
): LevelEvaluation {
  const ranks = expected.map((e) => {
    let best: Ranks | null = null;
    for (const list of lists) {
      if (list[0]!.needCompany !== e.to) continue;
      const r = ranksIn(list, (s) => isExchange(level, e, s));
      if (!r) continue;
      best = best
        ? {
            actual: Math.min(best.actual, r.actual),
            optimistic: Math.min(best.optimistic, r.optimistic),
            pessimistic: Math.min(best.pessimistic, r.pessimistic),
          }
        : r;
    }
    return best;
  });
  const relevant = (s: RankedSuggestion) => expected.some((e) => isExchange(level, e, s));

  const atK = ks.map((k): AtK => {
    const found = ranks.filter((r) => r !== null && r.actual <= k).length;
    const ties = ranks.filter((r) => r !== null && r.optimistic <= k && r.pessimistic > k).length;
    let retrieved = 0;
    let relevantRetrieved = 0;
    for (const list of lists) {
      for (const s of list.slice(0, k)) {
        retrieved++;
        if (relevant(s)) relevantRetrieved++;
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
      ties,
    };
  });
  const maxK = Math.max(...ks);
  const misses = expected
    .map((e, i) => ({ ...e, bestRank: ranks[i]?.actual ?? null }))
    .filter((m) => m.bestRank === null || m.bestRank > maxK);
  const ceilingFound = ceilingAt1(level, expected, needs);
  return {
    atK,
    misses,
    ceiling: {
      found: ceilingFound,
      expected: expected.length,
      recallAt1: expected.length ? ceilingFound / expected.length : 0,
    },
    tiedRanks: tiedRanks(lists, maxK),
  };
}

function tiedRanks(lists: readonly RankedSuggestion[][], maxK: number): number {
  let tied = 0;
  for (const list of lists) {
    for (let p = 0; p < Math.min(maxK, list.length); p++) {
      const score = list[p]!.score;
      if (list[p - 1]?.score === score || list[p + 1]?.score === score) tied++;
    }
  }
  return tied;
}

/** The most expected exchanges that rank 1st at once under any ranking (see the title block). */
export function ceilingAt1(
  level: Level,
  expected: readonly ExpectedExchange[],
  needs: readonly NeedListing[],
): number {
  const groups = new Map<string, { size: number; hosts: number[] }>();
  for (const e of expected) {
    const key =
      level === 'company'
        ? `${e.from}\u0000${e.to}`
        : `${e.from}\u0000${e.to}\u0000${e.offer ?? ''}\u0000${e.need ?? ''}`;
    const group = groups.get(key);
    if (group) {
      group.size++;
      continue;
    }
    const hosts: number[] = [];
    needs.forEach((n, i) => {
      if (n.company === e.to && (level === 'company' || e.need === undefined || n.ref === e.need))
        hosts.push(i);
    });
    groups.set(key, { size: 1, hosts });
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1));
  const headOf = new Int32Array(needs.length).fill(-1);
  let found = 0;
  ordered.forEach(([, group], g) => {
    if (augment(g, ordered, headOf, new Uint8Array(needs.length))) found += group.size;
  });
  return found;
}

/** Kuhn's augmenting path from group g: true when g can head a need, moving others along. */
function augment(
  g: number,
  groups: readonly [string, { hosts: number[] }][],
  headOf: Int32Array,
  visited: Uint8Array,
): boolean {
  for (const n of groups[g]![1].hosts) {
    if (visited[n]) continue;
    visited[n] = 1;
    if (headOf[n] === -1 || augment(headOf[n]!, groups, headOf, visited)) {
      headOf[n] = g;
      return true;
    }
  }
  return false;
}

/** Both levels' recall@k, precision@k, misses, ties and ceiling of recall@1. */
export function evaluateSuggestions(
  suggestions: readonly RankedSuggestion[],
  expected: readonly ExpectedExchange[],
  options: EvaluationOptions = {},
): Evaluation {
  const { ks } = { ...DEFAULTS, ...options };
  const byNeed = rankByNeed(suggestions);
  const receivers = new Set(expected.map((e) => e.to));
  const lists = [...byNeed.values()].filter((list) => receivers.has(list[0]!.needCompany));
  const needs = new Map<string, NeedListing>();
  for (const n of options.needs ?? []) needs.set(n.id, n);
  for (const s of suggestions) {
    if (!needs.has(s.needId)) {
      needs.set(s.needId, { id: s.needId, company: s.needCompany, ...(s.needRef ? { ref: s.needRef } : {}) });
    }
  }
  const allNeeds = [...needs.values()];
  return {
    company: evaluateLevel('company', lists, expected, allNeeds, ks),
    stream: evaluateLevel('stream', lists, expected, allNeeds, ks),
  };
}

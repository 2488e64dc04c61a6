/**
 * How past suggestions fared against what people decided about them (`npm run evaluate --
 * --decisions`): the precision of the ranking, and which score terms the turned-down ones point to.
 *
 * A decision is a suggestion whose review is accepted (introduced, negotiating, agreed,
 * implemented) or turned down (rejected, declined); every other state is no decision and is left
 * out.
 *
 * Precision@k: each need with decided suggestions ranks them by score descending (ties by
 * suggestion id); with n of them, its top min(k, n) are looked at, and precision@k is the share of
 * accepted ones among them, pooled as a micro-average over needs (the accepted ones in every top
 * over the sum of min(k, n)). The base rate, accepted / decisions, is what a random ranking of the
 * same decisions scores on average, so precision above it means the score ordered them well.
 *
 * Terms: for each of the five weighted terms, its mean value among accepted suggestions, among
 * turned-down ones, and the gap (accepted − turned down). For each reason code of the turned-down
 * ones, the term whose mean among them lies furthest below its mean among accepted suggestions: the
 * term the reason points to. None when there is no accepted decision to compare with, or when no
 * term's mean lies below the accepted one. Pure: the service reads the rows and passes them in.
 */
import { ACCEPTED_STATES } from '../domain/review.ts';
import type { ScoreTermName } from './types.ts';

/** The weighted terms, in the order suggestions explain them (pair.ts); `feedback` is not one. */
export const WEIGHTED_TERMS: readonly ScoreTermName[] = [
  'resource',
  'quantity',
  'distance',
  'temporal',
  'quality',
];
export const TURNED_DOWN_STATES = ['rejected', 'declined'] as const;
/** The states the evaluation reads: everything else is no decision. */
export const DECISION_STATES: readonly string[] = [...ACCEPTED_STATES, ...TURNED_DOWN_STATES];
/** How a turned-down decision without a reason code is reported. */
export const NO_REASON = '(none)';

export interface DecisionRow {
  /** The suggestion's id. */
  id: string;
  needId: string;
  state: string;
  reasonCode: string | null;
  score: number;
  terms: readonly { name: string; value: number }[];
}

export interface DecisionPrecision {
  k: number;
  /** Accepted among the looked-at, pooled; null when nothing was decided. */
  precision: number | null;
  /** Accepted decisions among every need's top min(k, n). */
  accepted: number;
  /** The sum over needs of min(k, n). */
  ranked: number;
}

export interface TermComparison {
  name: ScoreTermName;
  /** Null when no decision of that side carries the term. */
  acceptedMean: number | null;
  turnedDownMean: number | null;
  /** acceptedMean − turnedDownMean: positive when the term was higher in what people took forward. */
  gap: number | null;
}

export interface ReasonTerms {
  reasonCode: string;
  count: number;
  /** The mean of each weighted term among the turned-down decisions of this reason. */
  means: Record<ScoreTermName, number | null>;
  /** The term whose mean lies furthest below its accepted mean, or null (see the module comment). */
  term: ScoreTermName | null;
  /** How far below the accepted mean it lies (> 0), or null with `term`. */
  below: number | null;
}

export interface DecisionEvaluation {
  needs: number;
  decisions: number;
  accepted: number;
  turnedDown: number;
  /** accepted / decisions, null when there are none. */
  baseRate: number | null;
  /** Rows passed in whose state is no decision (left out of everything above). */
  ignored: number;
  atK: DecisionPrecision[];
  terms: TermComparison[];
  /** By count descending, then reason code. */
  reasons: ReasonTerms[];
}

export const DEFAULTS = { ks: [1, 3, 5] };

const ACCEPTED: ReadonlySet<string> = new Set(ACCEPTED_STATES);
const TURNED_DOWN: ReadonlySet<string> = new Set(TURNED_DOWN_STATES);

/** Differences smaller than this are rounding, not a term lying below another. */
const EPSILON = 1e-9;

const byId = (a: DecisionRow, b: DecisionRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The mean of each weighted term over some rows; a row without a term does not count for it. */
function termMeans(rows: readonly DecisionRow[]): Record<ScoreTermName, number | null> {
  const out = {} as Record<ScoreTermName, number | null>;
  for (const name of WEIGHTED_TERMS) {
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const t = r.terms.find((x) => x.name === name);
      if (t !== undefined && Number.isFinite(t.value)) {
        sum += t.value;
        n++;
      }
    }
    out[name] = n > 0 ? sum / n : null;
  }
  return out;
}

export function evaluateDecisions(
  rows: readonly DecisionRow[],
  options: Partial<typeof DEFAULTS> = {},
): DecisionEvaluation {
  const { ks } = { ...DEFAULTS, ...options };
  const decided = rows.filter((r) => ACCEPTED.has(r.state) || TURNED_DOWN.has(r.state));
  const accepted = decided.filter((r) => ACCEPTED.has(r.state));
  const turnedDown = decided.filter((r) => TURNED_DOWN.has(r.state));

  const byNeed = new Map<string, DecisionRow[]>();
  for (const r of decided) {
    const list = byNeed.get(r.needId);
    if (list) list.push(r);
    else byNeed.set(r.needId, [r]);
  }
  for (const list of byNeed.values()) list.sort((a, b) => b.score - a.score || byId(a, b));

  const atK = ks.map((k) => {
    let hits = 0;
    let ranked = 0;
    for (const list of byNeed.values()) {
      const top = list.slice(0, k);
      ranked += top.length;
      hits += top.filter((r) => ACCEPTED.has(r.state)).length;
    }
    return { k, precision: ranked > 0 ? hits / ranked : null, accepted: hits, ranked };
  });

  const acceptedMeans = termMeans(accepted);
  const turnedDownMeans = termMeans(turnedDown);
  const terms = WEIGHTED_TERMS.map((name) => {
    const a = acceptedMeans[name];
    const t = turnedDownMeans[name];
    return { name, acceptedMean: a, turnedDownMean: t, gap: a !== null && t !== null ? a - t : null };
  });

  const byReason = new Map<string, DecisionRow[]>();
  for (const r of turnedDown) {
    const code = r.reasonCode ?? NO_REASON;
    const list = byReason.get(code);
    if (list) list.push(r);
    else byReason.set(code, [r]);
  }
  const reasons = [...byReason.entries()]
    .map(([reasonCode, list]) => {
      const means = termMeans(list);
      let term: ScoreTermName | null = null;
      let below = 0;
      // Strictly further below (beyond rounding): on a tie the earlier term in WEIGHTED_TERMS stays.
      for (const name of WEIGHTED_TERMS) {
        const a = acceptedMeans[name];
        const m = means[name];
        if (a === null || m === null) continue;
        if (a - m > below + EPSILON) {
          below = a - m;
          term = name;
        }
      }
      return { reasonCode, count: list.length, means, term, below: term === null ? null : below };
    })
    .sort(
      (a, b) => b.count - a.count || (a.reasonCode < b.reasonCode ? -1 : a.reasonCode > b.reasonCode ? 1 : 0),
    );

  return {
    needs: byNeed.size,
    decisions: decided.length,
    accepted: accepted.length,
    turnedDown: turnedDown.length,
    baseRate: decided.length > 0 ? accepted.length / decided.length : null,
    ignored: rows.length - decided.length,
    atK,
    terms,
    reasons,
  };
}

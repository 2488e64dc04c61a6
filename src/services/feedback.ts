/**
 * The learning loop's table (matching/feedback.ts), read from people's decisions: built once per
 * match run, and for incremental refreshes kept for FEEDBACK_TTL_MS or until this process records
 * a transition. Off (no table) when the match config's feedback rule is absent or disabled.
 */
import type { Caller } from '../domain/caller.ts';
import { ACCEPTED_STATES } from '../domain/review.ts';
import { bandLabel, buildFeedback, type Decision, type FeedbackTable } from '../matching/feedback.ts';
import type { MatchConfig } from '../matching/types.ts';
import { readDecisions } from '../store/review-store.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';
import { matchContext } from './match-context.ts';

const TURNED_DOWN = ['rejected', 'declined'] as const;
export const FEEDBACK_TTL_MS = 60_000;

let cached: { key: string; at: number; table: FeedbackTable } | null = null;

/** Drops the cached table: the next refresh reads the decisions again. */
export function forgetFeedback(): void {
  cached = null;
}

async function readTable(deps: Deps, config: MatchConfig): Promise<FeedbackTable> {
  const rows = await readDecisions(deps.store, [...ACCEPTED_STATES, ...TURNED_DOWN]);
  const decisions: Decision[] = rows.map((r) => ({
    kind: r.kind as Decision['kind'],
    offerFamily: r.offerFamily,
    needFamily: r.needFamily,
    band: r.band,
    outcome: (TURNED_DOWN as readonly string[]).includes(r.state) ? 'turned-down' : 'accepted',
    ...(r.reasonCode ? { reasonCode: r.reasonCode } : {}),
  }));
  return buildFeedback(decisions, config.feedback!);
}

/**
 * The table for a computation under `config`: undefined when the rule is off. `fresh` reads the
 * decisions now (a match run); otherwise a table up to FEEDBACK_TTL_MS old may serve.
 */
export async function feedbackFor(
  deps: Deps,
  config: MatchConfig,
  fresh: boolean,
): Promise<FeedbackTable | undefined> {
  if (!config.feedback?.enabled) return undefined;
  const key = `${config.version}|${JSON.stringify(config.feedback)}`;
  const now = Date.now();
  if (!fresh && cached && cached.key === key && now - cached.at < FEEDBACK_TTL_MS) return cached.table;
  const table = await readTable(deps, config);
  cached = { key, at: now, table };
  return table;
}

/** The table the next run would use, as rows a person can read (GET /feedback). */
export async function currentFeedback(deps: Deps, caller: Caller) {
  requireRole(caller, 'matchRun.read', 'read the learned adjustments');
  const config = matchContext(deps, []).config;
  const table = await feedbackFor(deps, config, true);
  const adjustments: {
    group: 'pairing' | 'distance';
    kind: string;
    offerFamily?: string;
    needFamily?: string;
    band?: string;
    value: number;
    rejections: number;
    accepted: number;
    reasons: Record<string, number>;
  }[] = [];
  for (const [kind, byOffer] of table?.pairings ?? []) {
    for (const [offerFamily, byNeed] of byOffer) {
      for (const [needFamily, a] of byNeed)
        adjustments.push({ group: 'pairing', kind, offerFamily, needFamily, ...a });
    }
  }
  for (const [kind, byBand] of table?.bands ?? []) {
    for (const [band, a] of byBand)
      adjustments.push({ group: 'distance', kind, band: bandLabel(band), ...a });
  }
  return {
    enabled: Boolean(config.feedback?.enabled),
    configVersion: config.version,
    version: table?.version ?? null,
    adjustments,
  };
}

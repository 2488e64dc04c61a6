import { writeFileSync } from 'node:fs';
import { SYSTEM } from '../domain/caller.ts';
import type { Runtime } from '../runtime.ts';
import { startMatchRun } from '../services/match-runs.ts';
import { allSuggestions } from '../services/suggestions.ts';
import { ANY_SUGGESTION } from '../store/match-store.ts';

export const MATCH_USAGE =
  'usage: match [--kind material|energy|water|land] [--factor-set ID] [--out suggestions.json]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Runs a match over the database and writes the run and the published suggestions of its kind
 * (all of them for a run over everything) as JSON (facilitator view).
 */
export async function runMatch(runtime: Runtime, args: string[]): Promise<number> {
  const kind = option(args, '--kind');
  const factorSet = option(args, '--factor-set');
  const out = option(args, '--out');
  const run = await startMatchRun(runtime.deps, {
    scope: kind ? { kind } : {},
    ...(factorSet ? { factorSet } : {}),
  });
  // What is published once the run has ended: its suggestions, including those it found unchanged.
  const items = await allSuggestions(runtime.deps, { ...ANY_SUGGESTION, kind: kind ?? null }, SYSTEM);
  const json = `${JSON.stringify({ run, suggestions: items }, null, 2)}\n`;
  if (out) {
    writeFileSync(out, json);
    console.error(`match run ${run.id}: ${run.candidates} suggestions, ${run.allocated} allocated -> ${out}`);
  } else process.stdout.write(json);
  return 0;
}

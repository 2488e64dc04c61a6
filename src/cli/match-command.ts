import { writeFileSync } from 'node:fs';
import { SYSTEM } from '../domain/caller.ts';
import type { Runtime } from '../runtime.ts';
import { startMatchRun } from '../services/matching.ts';
import { suggestionsOfRun } from '../services/suggestions.ts';

export const MATCH_USAGE =
  'usage: match [--kind material|energy|water|land] [--factor-set ID] [--out suggestions.json]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs a match over the database and writes the run and its suggestions as JSON (facilitator view). */
export async function runMatch(runtime: Runtime, args: string[]): Promise<number> {
  const kind = option(args, '--kind');
  const factorSet = option(args, '--factor-set');
  const out = option(args, '--out');
  const run = await startMatchRun(runtime.deps, {
    scope: kind ? { kind } : {},
    ...(factorSet ? { factorSet } : {}),
  });
  const items = await suggestionsOfRun(runtime.deps, SYSTEM, run.id);
  const json = `${JSON.stringify({ run, suggestions: items }, null, 2)}\n`;
  if (out) {
    writeFileSync(out, json);
    console.error(`match run ${run.id}: ${run.candidates} suggestions, ${run.allocated} allocated -> ${out}`);
  } else process.stdout.write(json);
  return 0;
}

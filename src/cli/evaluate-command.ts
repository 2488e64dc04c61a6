import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { connect } from '../runtime.ts';
import { type CaseResult, evaluateCase } from '../services/evaluate.ts';
import { wipeBusinessData } from '../store/admin-store.ts';
import { provisionNeo4j } from '../store/provision.ts';

export const EVALUATE_USAGE = 'usage: evaluate <case.json> [more cases...] [--json]';

/**
 * Runs each case in a throwaway Neo4j of its own (never NEO4J_URI, never the user's data): a
 * container where a runtime answers, else the embedded launcher on a temporary folder.
 */
export async function runEvaluate(config: Config, logger: Logger, args: string[]): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    console.error(EVALUATE_USAGE);
    return 2;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'symbiosis-evaluate-'));
  const neo4j = await provisionNeo4j({
    ignoreUri: true,
    image: config.NEO4J_IMAGE,
    dataDir,
    port: 0,
    heap: '1g',
    pageCache: '256m',
    logger,
  });
  const results: { file: string; result: CaseResult }[] = [];
  try {
    const runtime = await connect(neo4j, logger, {
      factorSet: config.FACTOR_SET,
      matchConfig: config.MATCH_CONFIG,
    });
    try {
      for (const file of files) {
        await wipeBusinessData(runtime.deps.store);
        results.push({
          file,
          result: await evaluateCase(runtime.deps, JSON.parse(readFileSync(file, 'utf8'))),
        });
      }
    } finally {
      await runtime.close();
    }
  } finally {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (args.includes('--json')) console.log(JSON.stringify(results, null, 2));
  else printResults(results);
  return 0;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

function printResults(results: { file: string; result: CaseResult }[]): void {
  const ks = results[0]?.result.atK.map((a) => a.k) ?? [];
  console.log(
    `| case | companies | listings | expected | ${ks.map((k) => `recall@${k} | precision@${k}`).join(' | ')} |`,
  );
  console.log(`|---|---:|---:|---:|${ks.map(() => '---:|---:').join('|')}|`);
  const totals = ks.map(() => ({ found: 0, expected: 0, rel: 0, ret: 0 }));
  for (const { file, result } of results) {
    const cells = result.atK.map((a, i) => {
      totals[i]!.found += a.found;
      totals[i]!.expected += a.expected;
      totals[i]!.rel += a.relevantRetrieved;
      totals[i]!.ret += a.retrieved;
      return `${pct(a.recall)} | ${pct(a.precision)}`;
    });
    console.log(
      `| ${basename(file)} | ${result.companies} | ${result.listings} | ${result.atK[0]?.expected ?? 0} | ${cells.join(' | ')} |`,
    );
  }
  if (results.length > 1) {
    const cells = totals.map(
      (t) => `${pct(t.expected ? t.found / t.expected : 0)} | ${pct(t.ret ? t.rel / t.ret : 0)}`,
    );
    console.log(`| all (pooled) | | | ${totals[0]?.expected ?? 0} | ${cells.join(' | ')} |`);
  }
  for (const { file, result } of results) {
    for (const m of result.misses) {
      console.log(
        `miss in ${basename(file)}: ${m.from} -> ${m.to} (${m.resource}): ${m.bestRank === null ? 'no suggestion' : `best rank ${m.bestRank}`}`,
      );
    }
  }
}

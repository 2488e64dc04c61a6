import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { connect, driverTimeouts, openRuntime, provisionOptions } from '../runtime.ts';
import { type DecisionsResult, evaluateCase, evaluateDecisions } from '../services/evaluate.ts';
import { wipeBusinessData } from '../store/admin-store.ts';
import { provisionNeo4j } from '../store/provision.ts';
import { evaluationDocument, formatEvaluation, type NamedResult } from './evaluation-report.ts';

export const EVALUATE_USAGE = `usage: evaluate <case.json> [more cases...] [--json]
         evaluate --decisions [--json]   (suggestions against the decisions recorded in the database)`;

/**
 * With --decisions: reads the decisions recorded in the service's own database (found as import
 * and match find it: NEO4J_URI, the Neo4j of the running service, else NEO4J_DATA_DIR) and reports
 * how past suggestions fared against them.
 *
 * Otherwise runs each case in a throwaway Neo4j of its own (never NEO4J_URI, never the user's
 * data): a container where a runtime answers, else the embedded launcher on a temporary folder.
 */
export async function runEvaluate(config: Config, logger: Logger, args: string[]): Promise<number> {
  if (args.includes('--decisions')) return runDecisions(config, logger, args);
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
  const results: NamedResult[] = [];
  try {
    const runtime = await connect(neo4j, logger, {
      factorSet: config.FACTOR_SET,
      matchConfig: config.MATCH_CONFIG,
    });
    try {
      for (const file of files) {
        await wipeBusinessData(runtime.deps.store);
        results.push({
          name: basename(file, '.json'),
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
  if (args.includes('--json')) console.log(JSON.stringify(evaluationDocument(results), null, 2));
  else console.log(formatEvaluation(results));
  return 0;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

async function runDecisions(config: Config, logger: Logger, args: string[]): Promise<number> {
  if (args.some((a) => a !== '--decisions' && a !== '--json')) {
    console.error(EVALUATE_USAGE);
    return 2;
  }
  const runtime = await openRuntime(
    { ...provisionOptions(config, logger), shareRunning: true },
    { factorSet: config.FACTOR_SET, matchConfig: config.MATCH_CONFIG },
    driverTimeouts(config),
  );
  let result: DecisionsResult;
  try {
    if (runtime.neo4j.source === 'running') {
      console.error(
        `using the Neo4j of the running service (pid ${runtime.neo4j.servicePid}) at ${runtime.neo4j.uri}, ` +
          `which holds the store in ${config.NEO4J_DATA_DIR}`,
      );
    } else if (runtime.neo4j.source === 'container') {
      console.error(
        'note: no NEO4J_URI and no running service, so this reads a fresh Neo4j in a container, ' +
          'which holds no recorded decisions; set NEO4J_URI or start the service first',
      );
    }
    result = await evaluateDecisions(runtime.deps);
  } finally {
    await runtime.close();
  }
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else console.log(formatDecisions(result));
  return 0;
}

const orDash = (x: number | null, show: (x: number) => string) => (x === null ? '–' : show(x));
const fixed = (x: number) => x.toFixed(2);
const signed = (x: number) => {
  const shown = Math.abs(x).toFixed(2);
  return `${shown === '0.00' ? '' : x > 0 ? '+' : '-'}${shown}`;
};

/** The decisions report as markdown: counts, precision@k, the terms, and what each reason points to. */
export function formatDecisions(r: DecisionsResult): string {
  const lines: string[] = [];
  if (r.decisions === 0) {
    lines.push('no decisions recorded yet: no suggestion has been introduced, rejected or declined');
    return lines.join('\n');
  }
  lines.push(
    `${r.decisions} decisions on ${r.needs} needs: ${r.accepted} accepted, ${r.turnedDown} turned down; ` +
      `base rate ${orDash(r.baseRate, pct)}`,
  );
  if (r.unreadableTerms > 0) {
    lines.push(`${r.unreadableTerms} decisions have unreadable terms: ranked, left out of the term means`);
  }
  lines.push('', '| k | precision@k | accepted in top k | ranked |', '|---:|---:|---:|---:|');
  for (const a of r.atK) lines.push(`| ${a.k} | ${orDash(a.precision, pct)} | ${a.accepted} | ${a.ranked} |`);
  lines.push(
    '',
    '| term | mean if accepted | mean if turned down | gap |',
    '|---|---:|---:|---:|',
    ...r.terms.map(
      (t) =>
        `| ${t.name} | ${orDash(t.acceptedMean, fixed)} | ${orDash(t.turnedDownMean, fixed)} | ${orDash(t.gap, signed)} |`,
    ),
  );
  if (r.reasons.length > 0) {
    lines.push(
      '',
      '| reason | turned down | points to | below the accepted mean by |',
      '|---|---:|---|---:|',
      ...r.reasons.map(
        (x) =>
          `| ${x.reasonCode} | ${x.count} | ${x.term ?? (r.accepted === 0 ? 'none (no accepted decisions)' : 'none')} | ${orDash(x.below, fixed)} |`,
      ),
    );
  }
  return lines.join('\n');
}

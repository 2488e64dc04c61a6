/**
 * The report of `evaluate <case.json>...`: each case and all of them pooled, judged by company pair
 * and by stream (matching/evaluation.ts), as one JSON document or as markdown tables.
 *
 * Pooled figures add the counts of the cases before dividing (micro-averaged): recall is found over
 * expected, precision relevant over retrieved, the ceiling its found over expected.
 */
import type { Level, LevelEvaluation, Miss } from '../matching/evaluation.ts';
import type { CaseResult } from '../services/evaluate.ts';

export interface NamedResult {
  name: string;
  result: CaseResult;
}

/** Counts of one level, summable over cases. */
interface LevelCounts {
  expected: number;
  ks: number[];
  found: number[];
  relevant: number[];
  retrieved: number[];
  ties: number[];
  tiedRanks: number;
  ceilingFound: number;
}

/** A level's figures keyed `recall@k`, `precision@k` (fractions), with the counts behind them. */
export type Figures = Record<string, number>;

const LEVELS: readonly Level[] = ['company', 'stream'];

function countsOf(level: LevelEvaluation): LevelCounts {
  return {
    expected: level.ceiling.expected,
    ks: level.atK.map((a) => a.k),
    found: level.atK.map((a) => a.found),
    relevant: level.atK.map((a) => a.relevantRetrieved),
    retrieved: level.atK.map((a) => a.retrieved),
    ties: level.atK.map((a) => a.ties),
    tiedRanks: level.tiedRanks,
    ceilingFound: level.ceiling.found,
  };
}

function pool(all: readonly LevelCounts[]): LevelCounts {
  const ks = all[0]?.ks ?? [];
  const sum = (pick: (c: LevelCounts) => number) => all.reduce((n, c) => n + pick(c), 0);
  const sumAt = (pick: (c: LevelCounts) => number[]) => ks.map((_, i) => sum((c) => pick(c)[i] ?? 0));
  return {
    expected: sum((c) => c.expected),
    ks,
    found: sumAt((c) => c.found),
    relevant: sumAt((c) => c.relevant),
    retrieved: sumAt((c) => c.retrieved),
    ties: sumAt((c) => c.ties),
    tiedRanks: sum((c) => c.tiedRanks),
    ceilingFound: sum((c) => c.ceilingFound),
  };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

function figuresOf(c: LevelCounts): Figures {
  const out: Figures = {};
  c.ks.forEach((k, i) => {
    out[`recall@${k}`] = ratio(c.found[i]!, c.expected);
    out[`precision@${k}`] = ratio(c.relevant[i]!, c.retrieved[i]!);
  });
  out['expected'] = c.expected;
  c.ks.forEach((k, i) => {
    out[`found@${k}`] = c.found[i]!;
    out[`relevant@${k}`] = c.relevant[i]!;
    out[`retrieved@${k}`] = c.retrieved[i]!;
    out[`ties@${k}`] = c.ties[i]!;
  });
  out['tiedRanks'] = c.tiedRanks;
  out['ceilingFound@1'] = c.ceilingFound;
  out['ceiling@1'] = ratio(c.ceilingFound, c.expected);
  return out;
}

/**
 * `{ cases: [{ name, companies, listings, suggestions, company, stream, misses }], pooled: { company,
 * stream } }`: the document `evaluate --json` prints.
 */
export function evaluationDocument(results: readonly NamedResult[]) {
  return {
    cases: results.map(({ name, result }) => ({
      name,
      companies: result.companies,
      listings: result.listings,
      suggestions: result.suggestions,
      company: figuresOf(countsOf(result.company)),
      stream: figuresOf(countsOf(result.stream)),
      misses: { company: result.company.misses, stream: result.stream.misses },
    })),
    pooled: Object.fromEntries(
      LEVELS.map((level) => [level, figuresOf(pool(results.map(({ result }) => countsOf(result[level]))))]),
    ) as Record<Level, Figures>,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

function row(name: string, level: Level, f: Figures, ks: readonly number[]): string {
  const cells = ks.map((k) => `${pct(f[`recall@${k}`]!)} | ${pct(f[`precision@${k}`]!)}`);
  const ties = ks.map((k) => f[`ties@${k}`]).join(' / ');
  return `| ${name} | ${level} | ${f['expected']} | ${cells.join(' | ')} | ${pct(f['ceiling@1']!)} | ${ties} | ${f['tiedRanks']} |`;
}

const describeMiss = (m: Miss) =>
  `${m.from} -> ${m.to}${m.offer || m.need ? ` (${m.offer ?? '*'} -> ${m.need ?? '*'})` : ''} (${m.resource}): ` +
  (m.bestRank === null ? 'no suggestion' : `best rank ${m.bestRank}`);

/** The report as markdown: the cases, their figures at both levels, pooled, then the misses. */
export function formatEvaluation(results: readonly NamedResult[]): string {
  const doc = evaluationDocument(results);
  const ks = results[0]?.result.company.atK.map((a) => a.k) ?? [];
  const lines = [
    '| case | companies | listings | suggestions |',
    '|---|---:|---:|---:|',
    ...doc.cases.map((c) => `| ${c.name} | ${c.companies} | ${c.listings} | ${c.suggestions} |`),
    '',
    `| case | level | expected | ${ks.map((k) => `recall@${k} | precision@${k}`).join(' | ')} | ceiling recall@1 | ties@${ks.join('/')} | tied ranks |`,
    `|---|---|---:|${ks.map(() => '---:|---:').join('|')}|---:|---:|---:|`,
  ];
  for (const c of doc.cases) for (const level of LEVELS) lines.push(row(c.name, level, c[level], ks));
  if (results.length > 1)
    for (const level of LEVELS) lines.push(row('all (pooled)', level, doc.pooled[level], ks));
  lines.push(
    '',
    'ceiling recall@1: the best any ranking could reach (one suggestion heads each need); ' +
      'ties@k: expected exchanges found or missed at k by the tie-break of equal scores; ' +
      `tied ranks: positions in the top ${Math.max(...ks)} sharing their score with a neighbour`,
  );
  for (const c of doc.cases) {
    for (const level of LEVELS) {
      for (const m of c.misses[level]) lines.push(`miss in ${c.name} (${level}): ${describeMiss(m)}`);
    }
  }
  return lines.join('\n');
}

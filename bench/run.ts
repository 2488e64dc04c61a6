/**
 * `npm run bench [-- --sizes 1000,10000,20000,100000 --seed 1]`: times the matching engine on
 * seeded synthetic regions (synthetic-region.ts) and checks the targets of issue #3. Prints a
 * markdown report and writes it to bench/results.md. Not part of the tests: targets are reported
 * as PASS/FAIL, and only a candidate set that differs from the naive matcher's fails the process.
 *
 * Before generating all candidates at a size, the candidates of a sample of offers are computed
 * against the index and projected to the whole region; a size whose projection exceeds the
 * time or candidate budget is reported as projected instead of being run into the ground.
 */

import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { allocateGreedy } from '../src/matching/allocation/greedy.ts';
import { allocateOptimal } from '../src/matching/allocation/optimal.ts';
import {
  buildMatchIndex,
  candidatesForListing,
  generateCandidatesWithStats,
} from '../src/matching/candidates.ts';
import { naiveCandidates } from '../src/matching/naive.ts';
import type { AllocationResult, Candidate, MatchInput } from '../src/matching/types.ts';
import { loadFactorSet } from '../src/reference/factors.ts';
import { loadHourlyProfile, loadReferenceData } from '../src/reference/load.ts';
import { loadMatchConfig } from '../src/reference/match-config.ts';
import { hasGc, measure, type PhaseMeasure } from './measure.ts';
import { checkRegionSample, generateRegion, mulberry32 } from './synthetic-region.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,20000,100000' },
    seed: { type: 'string', default: '1' },
    'naive-max': { type: 'string', default: '20000' },
    incremental: { type: 'string', default: '50' },
    'projection-sample': { type: 'string', default: '200' },
    'max-seconds': { type: 'string', default: '900' },
    'max-candidates': { type: 'string', default: '2500000' },
    out: { type: 'string', default: new URL('./results.md', import.meta.url).pathname },
  },
});
const sizes = args.sizes.split(',').map(Number);
const seed = Number(args.seed);
const naiveMax = Number(args['naive-max']);
const TARGETS = { fullRunSeconds: 10, fullRunMb: 2048, speedup: 50, incrementalMs: 50 } as const;

interface SizeResult {
  listings: number;
  offers: number;
  companies: number;
  index: PhaseMeasure<unknown>;
  projection: { candidates: number; seconds: number; sample: number };
  generation?: PhaseMeasure<{ candidates: Candidate[]; pairsEvaluated: number }>;
  optimal?: PhaseMeasure<AllocationResult>;
  greedy?: PhaseMeasure<AllocationResult>;
  incrementalMedianMs: number;
  incrementalMaxMs: number;
  naive?: { ms: number; identical: boolean; detail: string };
  skipped?: string;
}

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

const reference = loadReferenceData();
const config = loadMatchConfig();
const factorSet = loadFactorSet();
const hourlyProfiles = new Map(
  [...reference.hourlyProfiles].sort().map((name) => [name, loadHourlyProfile(name)]),
);
if (!hasGc()) log('node was started without --expose-gc: phases may be charged for earlier garbage');

async function runSize(size: number): Promise<SizeResult> {
  log(`${size} listings: generating region (seed ${seed})`);
  const region = generateRegion(reference, { listings: size, seed });
  const problems = checkRegionSample(region, reference, Math.max(1, Math.floor(size / 2000)));
  if (problems.length > 0)
    throw new Error(`synthetic listings are invalid:\n${problems.slice(0, 10).join('\n')}`);
  const input: MatchInput = { listings: region.listings, reference, factorSet, config, hourlyProfiles };
  const offers = region.listings.filter((l) => l.direction === 'offer');

  log(`${size}: index`);
  const index = await measure(() => buildMatchIndex(input));
  const random = mulberry32(seed + size);
  const sampleOf = <T>(items: readonly T[], k: number): T[] =>
    Array.from({ length: Math.min(k, items.length) }, () => items[Math.floor(random() * items.length)]!);

  // Projection: a sample of offers through the same path generateCandidates takes per offer.
  const probe = sampleOf(offers, Number(args['projection-sample']));
  let probeCandidates = 0;
  // The first pass warms the JIT up; the second is timed.
  for (const offer of probe) candidatesForListing(index.result, offer);
  const probeStart = performance.now();
  for (const offer of probe) probeCandidates += candidatesForListing(index.result, offer).length;
  const probeMs = performance.now() - probeStart;
  const projection = {
    sample: probe.length,
    candidates: Math.round((probeCandidates / Math.max(1, probe.length)) * offers.length),
    seconds: (index.ms + (probeMs / Math.max(1, probe.length)) * offers.length) / 1000,
  };

  log(`${size}: incremental`);
  const times = sampleOf(region.listings, Number(args.incremental)).map((listing) => {
    const start = performance.now();
    candidatesForListing(index.result, listing);
    return performance.now() - start;
  });
  times.sort((a, b) => a - b);
  const base: SizeResult = {
    listings: size,
    offers: offers.length,
    companies: region.companies.length,
    index,
    projection,
    incrementalMedianMs: times[Math.floor((times.length - 1) / 2)] ?? Number.NaN,
    incrementalMaxMs: times[times.length - 1] ?? Number.NaN,
  };
  if (
    projection.seconds > Number(args['max-seconds']) ||
    projection.candidates > Number(args['max-candidates'])
  ) {
    base.skipped = `projected ${fmtInt(projection.candidates)} candidates in ${projection.seconds.toFixed(0)} s from ${projection.sample} sampled offers; over the bench budget (--max-seconds ${args['max-seconds']}, --max-candidates ${args['max-candidates']})`;
    log(`${size}: skipped full run, ${base.skipped}`);
    return base;
  }

  log(
    `${size}: candidate generation (projected ${fmtInt(projection.candidates)} in ${projection.seconds.toFixed(1)} s)`,
  );
  const generation = await measure(() => generateCandidatesWithStats(input));
  const candidates = generation.result.candidates;
  log(`${size}: allocation, LP over ${fmtInt(candidates.length)} candidates`);
  const optimal = await measure(() => allocateOptimal(candidates, region.listings));
  const greedy = await measure(() => allocateGreedy(candidates, region.listings));
  const result: SizeResult = { ...base, generation, optimal, greedy };

  if (size <= naiveMax) {
    log(`${size}: naive all-pairs`);
    const start = performance.now();
    const naive = naiveCandidates(input);
    const ms = performance.now() - start;
    result.naive = { ms, ...compareSets(candidates, naive) };
  }
  return result;
}

function compareSets(
  indexed: readonly Candidate[],
  naive: readonly Candidate[],
): { identical: boolean; detail: string } {
  if (indexed.length !== naive.length) {
    return { identical: false, detail: `${indexed.length} indexed vs ${naive.length} naive candidates` };
  }
  for (let i = 0; i < indexed.length; i++) {
    if (!isDeepStrictEqual(indexed[i], naive[i])) {
      return {
        identical: false,
        detail: `first difference at ${i}: ${indexed[i]!.offerId} -> ${indexed[i]!.needId}`,
      };
    }
  }
  return { identical: true, detail: `${indexed.length} candidates, deep-equal in order` };
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number | undefined): string =>
  ms === undefined ? '–' : ms < 10 ? ms.toFixed(2) : fmtInt(ms);
const fmtMb = (mb: number | undefined): string => (mb === undefined ? '–' : fmtInt(mb));
const verdict = (ok: boolean | undefined): string =>
  ok === undefined ? 'not measured' : ok ? 'PASS' : 'FAIL';

function renderReport(rows: SizeResult[]): string {
  const fullRun = (r: SizeResult) =>
    r.generation && r.optimal
      ? {
          seconds: (r.generation.ms + r.optimal.ms) / 1000,
          mb: Math.max(r.generation.peakRssMb, r.optimal.peakRssMb),
        }
      : undefined;
  const phases = [
    '| listings | companies | candidates | pairs evaluated | index ms (peak RSS MB) | generation + scoring ms (peak RSS MB) | LP allocation ms (peak RSS MB) | greedy ms (peak RSS MB) | LP / greedy objective | naive all-pairs ms | speedup | identical set | incremental median / max ms | full run s (peak RSS MB) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
    ...rows.map((r) => {
      const g = r.generation;
      const full = fullRun(r);
      return `| ${fmtInt(r.listings)} | ${fmtInt(r.companies)} | ${
        g ? fmtInt(g.result.candidates.length) : `~${fmtInt(r.projection.candidates)} (projected)`
      } | ${g ? fmtInt(g.result.pairsEvaluated) : '–'} | ${fmtMs(r.index.ms)} (${fmtMb(r.index.peakRssMb)}) | ${
        g ? `${fmtMs(g.ms)} (${fmtMb(g.peakRssMb)})` : `~${fmtInt(r.projection.seconds * 1000)} (projected)`
      } | ${r.optimal ? `${fmtMs(r.optimal.ms)} (${fmtMb(r.optimal.peakRssMb)})${r.optimal.result.method === 'lp' ? '' : ' greedy fallback'}` : '–'} | ${
        r.greedy ? `${fmtMs(r.greedy.ms)} (${fmtMb(r.greedy.peakRssMb)})` : '–'
      } | ${r.optimal && r.greedy ? `${r.optimal.result.objective.toFixed(2)} / ${r.greedy.result.objective.toFixed(2)}` : '–'} | ${
        r.naive ? fmtMs(r.naive.ms) : '–'
      } | ${r.naive && g ? `${(r.naive.ms / g.ms).toFixed(1)}×` : '–'} | ${r.naive ? (r.naive.identical ? 'yes' : `NO: ${r.naive.detail}`) : '–'} | ${fmtMs(
        r.incrementalMedianMs,
      )} / ${fmtMs(r.incrementalMaxMs)} | ${full ? `${full.seconds.toFixed(1)} (${fmtMb(full.mb)})` : '–'} |`;
    }),
  ];

  const at = (n: number) => rows.find((r) => r.listings === n);
  const big = at(100_000);
  const mid = at(20_000);
  const bigRun = big ? fullRun(big) : undefined;
  const speedup = mid?.naive && mid.generation ? mid.naive.ms / mid.generation.ms : undefined;
  const naiveRows = rows.filter((r) => r.naive);
  const allocated = rows.filter((r) => r.optimal && r.greedy);
  const targets = [
    '| target | measured | result |',
    '|---|---|---|',
    `| full run at 100k listings < ${TARGETS.fullRunSeconds} s | ${bigRun ? `${bigRun.seconds.toFixed(1)} s` : big ? `not run: ${big.skipped}` : 'size not run'} | ${verdict(bigRun ? bigRun.seconds < TARGETS.fullRunSeconds : big ? false : undefined)} |`,
    `| full run at 100k listings < 2 GB | ${bigRun ? `${fmtMb(bigRun.mb)} MB peak RSS` : big ? 'not run' : 'size not run'} | ${verdict(bigRun ? bigRun.mb < TARGETS.fullRunMb : big ? false : undefined)} |`,
    `| ≥ ${TARGETS.speedup}× faster than all-pairs at 20k | ${speedup === undefined ? 'size not run' : `${speedup.toFixed(1)}×`} | ${verdict(speedup === undefined ? undefined : speedup >= TARGETS.speedup)} |`,
    `| one incremental listing at 100k < ${TARGETS.incrementalMs} ms (median of ${args.incremental}) | ${big ? `${fmtMs(big.incrementalMedianMs)} ms` : 'size not run'} | ${verdict(big ? big.incrementalMedianMs < TARGETS.incrementalMs : undefined)} |`,
    `| indexed candidate set identical to all-pairs (${naiveRows.map((r) => fmtInt(r.listings)).join(', ') || 'no size'}) | ${naiveRows.map((r) => r.naive!.detail).join('; ') || '–'} | ${verdict(naiveRows.length ? naiveRows.every((r) => r.naive!.identical) : undefined)} |`,
    `| LP objective ≥ greedy objective | ${allocated.map((r) => `${fmtInt(r.listings)}: +${(((r.optimal!.result.objective - r.greedy!.result.objective) / Math.max(1e-12, r.greedy!.result.objective)) * 100).toFixed(2)} %`).join('; ') || '–'} | ${verdict(allocated.length ? allocated.every((r) => r.optimal!.result.objective >= r.greedy!.result.objective - 1e-6) : undefined)} |`,
  ];

  const cpu = cpus();
  return [
    '# Matching benchmark',
    '',
    `Synthetic Norwegian regions (bench/synthetic-region.ts, seed ${seed}), match configuration ${config.version}, factor set ${factorSet.id}.`,
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${fmtInt(totalmem() / 1024 ** 3)} GB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; 1-minute load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end (other processes share the cores).`,
    '',
    '## Targets',
    '',
    ...targets,
    '',
    '## Phases',
    '',
    ...phases,
    '',
    'Notes:',
    '- Generation and scoring are one step: `evaluatePair` checks a pair, scores it and estimates its impact in one pass, so they are timed together (`generateCandidatesWithStats`, which builds its own index; the index column times `buildMatchIndex` alone).',
    '- Full run = generation + scoring + LP allocation. Peak RSS is the kernel high-water mark (VmHWM) reset before each phase, after garbage collection; it includes the region itself.',
    `- Incremental: \`candidatesForListing\` for ${args.incremental} random listings against the prebuilt index of the whole region.`,
    '- Sizes whose projected generation exceeds the bench budget are not run; their candidates and time are projected from a sample of offers.',
  ].join('\n');
}

const loadAtStart = loadavg()[0]!;
const results: SizeResult[] = [];
for (const size of sizes) results.push(await runSize(size));
const report = renderReport(results);
process.stdout.write(`${report}\n`);
writeFileSync(args.out, `${report}\n`);
log(`wrote ${args.out}`);
if (results.some((r) => r.naive && !r.naive.identical)) process.exitCode = 1;

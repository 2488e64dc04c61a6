/**
 * `npm run bench:feedback [-- --listings 20000 --seed 1]`: what the learning loop costs the
 * engine. Generates the candidates of a seeded synthetic region three times — with the feedback
 * rule off, with an empty table, and with a table that penalises every pairing and distance band
 * the region has (the worst case: every scored pair looks up and adjusts) — and prints a markdown
 * table: time, pairs evaluated, candidates, and how many candidates carry a feedback term. Each
 * case runs in a child process of its own (a warm-up on a fifth of the listings, then the measured
 * run), so that no case inherits the heap of another.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCandidatesWithStats } from '../src/matching/candidates.ts';
import { buildFeedback, type Decision, DISTANCE_BANDS_KM, resourceFamily } from '../src/matching/feedback.ts';
import type { MatchInput } from '../src/matching/types.ts';
import { loadFactorSet } from '../src/reference/factors.ts';
import { loadHourlyProfile, loadReferenceData } from '../src/reference/load.ts';
import { loadMatchConfig } from '../src/reference/match-config.ts';
import { generateRegion } from './synthetic-region.ts';

const { values: args } = parseArgs({
  options: {
    listings: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    case: { type: 'string' },
  },
});

if (args.case === undefined) {
  console.log(
    `| ${args.listings} listings | ms | of which explain | pairs evaluated | candidates | with a feedback term |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const c of ['0', '1', '2', '3']) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--listings',
        args.listings,
        '--seed',
        args.seed,
        '--case',
        c,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (child.status !== 0) process.exit(child.status ?? 1);
    process.stdout.write(child.stdout);
  }
  process.exit(0);
}

const reference = loadReferenceData();
const region = generateRegion(reference, { listings: Number(args.listings), seed: Number(args.seed) });
const hourlyProfiles = new Map([...reference.hourlyProfiles].map((name) => [name, loadHourlyProfile(name)]));
const config = loadMatchConfig('2');
const base: MatchInput = {
  listings: region.listings,
  reference,
  factorSet: loadFactorSet('no-physical-2025'),
  config,
  hourlyProfiles,
};

// Every (offer family, need family) of a kind, and every band, turned down 3 times for quality and
// distance: each gets −0.15 × 3 / 5 = −0.09.
const offers = region.listings.filter((l) => l.direction === 'offer');
const needs = region.listings.filter((l) => l.direction === 'need');
const families = (ls: typeof offers) => new Map(ls.map((l) => [`${l.kind}|${resourceFamily(l)}`, l]));
const decisions: Decision[] = [];
for (const [ok, o] of families(offers)) {
  for (const [nk, n] of families(needs)) {
    if (ok.split('|')[0] !== nk.split('|')[0]) continue;
    for (let i = 0; i < 3; i++) {
      decisions.push({
        kind: o.kind,
        offerFamily: resourceFamily(o),
        needFamily: resourceFamily(n),
        band: 0,
        outcome: 'turned-down',
        reasonCode: 'quality',
      });
    }
  }
}
for (const kind of ['material', 'energy', 'water', 'land'] as const) {
  for (let band = 0; band <= DISTANCE_BANDS_KM.length; band++) {
    for (let i = 0; i < 3; i++) {
      decisions.push({
        kind,
        offerFamily: '-',
        needFamily: '-',
        band,
        outcome: 'turned-down',
        reasonCode: 'distance',
      });
    }
  }
}
const full = buildFeedback(decisions, config.feedback!);
// A realistic table: the five most common material pairings and the farthest material band.
const common = new Map<string, number>();
for (const o of offers.filter((l) => l.kind === 'material')) {
  const f = resourceFamily(o);
  common.set(f, (common.get(f) ?? 0) + 1);
}
const top = [...common]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5)
  .map(([f]) => f);
const some: Decision[] = decisions.filter(
  (d) =>
    (d.kind === 'material' &&
      d.reasonCode === 'quality' &&
      top.includes(d.offerFamily) &&
      d.offerFamily === d.needFamily) ||
    (d.kind === 'material' && d.reasonCode === 'distance' && d.band === DISTANCE_BANDS_KM.length),
);
const few = buildFeedback(some, config.feedback!);
const empty = buildFeedback([], config.feedback!);

const cases: [string, MatchInput][] = [
  [
    'rule off (config 1 weights)',
    { ...base, config: { ...config, feedback: { ...config.feedback!, enabled: false } } },
  ],
  ['rule on, nothing learned', { ...base, feedback: empty }],
  [
    `rule on, ${few.pairings.get('material')?.size ?? 0} material pairings and the farthest band adjusted (${some.length} decisions)`,
    { ...base, feedback: few },
  ],
  [`rule on, every pairing and band adjusted (${decisions.length} decisions)`, { ...base, feedback: full }],
];

const [name, input] = cases[Number(args.case)]!;
generateCandidatesWithStats({
  ...input,
  listings: input.listings.slice(0, Math.ceil(input.listings.length / 5)),
});
const started = performance.now();
const stats = generateCandidatesWithStats(input);
const ms = performance.now() - started;
const adjusted = stats.candidates.filter((c) => c.terms.some((t) => t.name === 'feedback')).length;
console.log(
  `| ${name} | ${ms.toFixed(0)} | ${(stats.phaseMs['explain'] ?? 0).toFixed(0)} | ${stats.pairsEvaluated.toLocaleString('en')} | ${stats.candidates.length.toLocaleString('en')} | ${adjusted.toLocaleString('en')} |`,
);

/**
 * `npm run bench:partitions [-- --listings 100000]`: would a national match run split into parts,
 * each on a machine of its own, give the same suggestions as one run (decision 0019)? The engine
 * alone, no database: the synthetic region matched whole, then once per resource kind (material,
 * energy, water, land: no pair crosses kinds, and no listing is in two), and the union of the
 * parts compared with the whole, pair by pair (offer, need, score) and by the allocation LP's
 * objective. Times are sequential on one core: the parts' sum is the work, the largest part the
 * time a run split over as many machines would take.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { allocateOptimal } from '../src/matching/allocation/optimal.ts';
import { generateCandidates } from '../src/matching/candidates.ts';
import type { Candidate, MatchInput } from '../src/matching/types.ts';
import { loadCostSet } from '../src/reference/costs.ts';
import { loadFactorSet } from '../src/reference/factors.ts';
import { loadLand } from '../src/reference/land.ts';
import { loadHourlyProfile, loadReferenceData } from '../src/reference/load.ts';
import { loadMatchConfig } from '../src/reference/match-config.ts';
import { generateRegion } from './synthetic-region.ts';

const { values: args } = parseArgs({
  options: {
    listings: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});

const log = (message: string): void => {
  process.stderr.write(`[bench:partitions] ${message}\n`);
};

const reference = loadReferenceData();
const region = generateRegion(reference, { listings: Number(args.listings), seed: Number(args.seed) });
const base: Omit<MatchInput, 'listings'> = {
  reference,
  factorSet: loadFactorSet(),
  config: loadMatchConfig(),
  hourlyProfiles: new Map(
    [...reference.hourlyProfiles].sort().map((name) => [name, loadHourlyProfile(name)]),
  ),
  costSet: loadCostSet(),
  land: loadLand(),
};

interface Part {
  name: string;
  listings: number;
  candidates: Candidate[];
  generateMs: number;
  allocateMs: number;
  objective: number;
}

async function matchPart(name: string, listings: MatchInput['listings']): Promise<Part> {
  log(`${name}: ${listings.length} listings`);
  const t0 = performance.now();
  const candidates = generateCandidates({ ...base, listings });
  const t1 = performance.now();
  const allocation = await allocateOptimal(candidates, listings);
  const t2 = performance.now();
  return {
    name,
    listings: listings.length,
    candidates,
    generateMs: t1 - t0,
    allocateMs: t2 - t1,
    objective: allocation.objective,
  };
}

const keyOf = (c: Candidate) => `${c.offerId}|${c.needId}|${c.score}`;

// HiGHS loads and compiles its WebAssembly once per process, and the code warms up: a small part
// first, not reported, so that neither is charged to the whole run.
await matchPart('warm-up', region.listings.slice(0, 2000));
const whole = await matchPart('whole region', region.listings);
const kinds = [...new Set(region.listings.map((l) => l.kind))].sort();
const parts: Part[] = [];
for (const kind of kinds) {
  parts.push(
    await matchPart(
      kind,
      region.listings.filter((l) => l.kind === kind),
    ),
  );
}
const wholeKeys = new Set(whole.candidates.map(keyOf));
const partKeys = parts.flatMap((p) => p.candidates.map(keyOf));
const partSet = new Set(partKeys);
const missing = [...wholeKeys].filter((k) => !partSet.has(k)).length;
const extra = partKeys.filter((k) => !wholeKeys.has(k)).length;
const objective = parts.reduce((n, p) => n + p.objective, 0);
const same = missing === 0 && extra === 0 && partKeys.length === wholeKeys.size;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines = [
  '# Partitioned match runs',
  '',
  `Synthetic region (seed ${args.seed}) of ${fmt(region.listings.length)} listings; the engine alone (generateCandidates, then allocateOptimal), sequential on one core. Machine: ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30)} GB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| run | listings | candidates | generation ms | allocation ms | LP objective |',
  '|---|---:|---:|---:|---:|---:|',
  ...[whole, ...parts].map(
    (p) =>
      `| ${p.name} | ${fmt(p.listings)} | ${fmt(p.candidates.length)} | ${fmt(p.generateMs)} | ${fmt(p.allocateMs)} | ${p.objective.toFixed(2)} |`,
  ),
  `| parts together | ${fmt(parts.reduce((n, p) => n + p.listings, 0))} | ${fmt(partKeys.length)} | ${fmt(parts.reduce((n, p) => n + p.generateMs, 0))} (largest part ${fmt(Math.max(...parts.map((p) => p.generateMs)))}) | ${fmt(parts.reduce((n, p) => n + p.allocateMs, 0))} (largest ${fmt(Math.max(...parts.map((p) => p.allocateMs)))}) | ${objective.toFixed(2)} |`,
  '',
  `Same suggestions: ${same ? 'PASS' : 'FAIL'} (pairs of the whole run missing from the parts: ${missing}; pairs of the parts not in the whole run: ${extra}); LP objective of the parts ${objective.toFixed(2)} against ${whole.objective.toFixed(2)} (${(((objective - whole.objective) / whole.objective) * 100).toFixed(4)} %).`,
];
const report = lines.join('\n');
process.stdout.write(`${report}\n`);
if (args.out) writeFileSync(args.out, `${report}\n`);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR } from '../../src/reference/paths.ts';
import type { Runtime } from '../../src/runtime.ts';
import { evaluateCase } from '../../src/services/evaluate.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
});
afterAll(async () => {
  await runtime?.close();
});

const kase = (name: string) => JSON.parse(readFileSync(join(DATA_DIR, 'cases', name), 'utf8'));

describe('evaluation on a case file', () => {
  it('when a case is evaluated, then recall and precision at 1, 3 and 5 are reported by company and by stream, with the misses', async () => {
    const result = await evaluateCase(runtime.deps, kase('kwinana.json'));
    for (const level of [result.company, result.stream]) {
      expect(level.atK.map((a) => a.k)).toEqual([1, 3, 5]);
      const [at1, at3, at5] = level.atK;
      expect(at1!.expected).toBe(kase('kwinana.json').expected.length);
      // Recall can only grow with k; misses are exactly the exchanges not found within 5.
      expect(at1!.recall).toBeLessThanOrEqual(at3!.recall);
      expect(at3!.recall).toBeLessThanOrEqual(at5!.recall);
      expect(level.misses.length).toBe(at5!.expected - at5!.found);
      expect(at1!.recall).toBeLessThanOrEqual(level.ceiling.recallAt1);
    }
    // A stream found is its company pair found; a suggestion right by stream is right by pair.
    result.stream.atK.forEach((s, i) => {
      expect(s.found).toBeLessThanOrEqual(result.company.atK[i]!.found);
      expect(s.relevantRetrieved).toBeLessThanOrEqual(result.company.atK[i]!.relevantRetrieved);
    });
    // The engine should find most documented streams of this case within the top 5.
    expect(result.stream.atK[2]!.recall).toBeGreaterThanOrEqual(0.6);
  });

  it('when an expected exchange names a need of another company, then the case is refused before matching', async () => {
    const bad = kase('ulsan.json');
    bad.expected[0].need = 'ske-need-steam';
    await expect(evaluateCase(runtime.deps, bad)).rejects.toThrow(/not consistent/);
  });

  it('when the database is not empty, then evaluation refuses to run', async () => {
    await expect(evaluateCase(runtime.deps, kase('ulsan.json'))).rejects.toThrow(/empty database/);
  });
});

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.ts';
import type { MatchRun, Runner } from '../../src/domain/suggestion.ts';
import type { Runtime } from '../../src/runtime.ts';
import { INTERRUPTED, recoverInterruptedRuns } from '../../src/services/run-control.ts';
import { thisRunner } from '../../src/services/runner.ts';
import { createRun, finishRun, getRun } from '../../src/store/match-store.ts';
import { openTestRuntime } from '../support/harness.ts';

let runtime: Runtime;
const created: string[] = [];

beforeAll(async () => {
  runtime = await openTestRuntime();
});
afterAll(async () => {
  // Leave no run of this test marked running.
  for (const id of created) await finishRun(runtime.deps.store, id, { status: 'failed', error: 'test' });
  await runtime?.close();
});

async function runBy(runner: Runner): Promise<string> {
  const run: MatchRun = {
    id: newId('run'),
    status: 'running',
    scope: {},
    engineVersion: 'test',
    factorSet: 'test@1',
    configVersion: '1',
    startedAt: new Date().toISOString(),
  };
  await createRun(runtime.deps.store, run, runner);
  created.push(run.id);
  return run.id;
}

describe('match runs left running by a stopped process', () => {
  it('when the database is opened, then runs of stopped processes on this host are failed as interrupted, and no other', async () => {
    const me = thisRunner();
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const crashed = await runBy({ ...me, pid: deadPid });
    const restarted = await runBy({ ...me, startedAt: me.startedAt - 3_600_000 });
    const mine = await runBy(me);
    const elsewhere = await runBy({ ...me, host: `${me.host}-other` });

    await recoverInterruptedRuns(runtime.deps);

    for (const id of [crashed, restarted]) {
      const run = await getRun(runtime.deps.store, id);
      expect(run).toMatchObject({ status: 'failed', error: INTERRUPTED, finishedAt: expect.any(String) });
    }
    for (const id of [mine, elsewhere]) {
      expect((await getRun(runtime.deps.store, id))?.status).toBe('running');
    }
    // The process details stay internal: a run read back has only its schema's fields.
    expect(Object.keys((await getRun(runtime.deps.store, mine))!)).not.toContain('runnerPid');
  });
});

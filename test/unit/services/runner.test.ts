import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processExists, runnerIsGone, thisRunner } from '../../../src/services/runner.ts';

describe('telling a stopped match-run process from a running one', () => {
  const me = { host: 'host-a', pid: 4242, startedAt: 1_700_000_000_000 };
  const everyPidExists = () => true;
  const noPidExists = () => false;

  it('when the run belongs to a process on another host, then it is never judged stopped', () => {
    expect(runnerIsGone({ host: 'host-b', pid: 1, startedAt: 0 }, me, noPidExists)).toBe(false);
  });

  it('when its process id is gone on this host, then the run is judged stopped', () => {
    expect(runnerIsGone({ host: 'host-a', pid: 999, startedAt: me.startedAt }, me, noPidExists)).toBe(true);
    expect(runnerIsGone({ host: 'host-a', pid: 999, startedAt: me.startedAt }, me, everyPidExists)).toBe(
      false,
    );
  });

  it('when it has this process id but an earlier start (a restarted container), then it is stopped', () => {
    expect(runnerIsGone({ ...me, startedAt: me.startedAt - 60_000 }, me, everyPidExists)).toBe(true);
    expect(runnerIsGone({ ...me, startedAt: me.startedAt - 500 }, me, everyPidExists)).toBe(false);
  });

  it('when the real process is asked, then it exists, and a finished child does not', () => {
    const runner = thisRunner();
    expect(runner.pid).toBe(process.pid);
    expect(runnerIsGone(runner)).toBe(false);
    const child = spawnSync(process.execPath, ['-e', '0']);
    expect(processExists(process.pid)).toBe(true);
    expect(processExists(child.pid!)).toBe(false);
  });
});

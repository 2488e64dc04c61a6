import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readRunningService,
  removeRunningFile,
  runningFilePath,
  writeRunningFile,
} from '../../../src/store/running-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'running-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const service = (pid: number) => ({
  pid,
  javaPid: 1,
  uri: 'bolt://127.0.0.1:7687',
  dataDir: dir,
  startedAt: '2026-01-01T00:00:00.000Z',
});

describe('running.json', () => {
  it('when another live process recorded itself, then it is read back', () => {
    // The parent of this test process is alive and is not this process.
    writeFileSync(runningFilePath(dir), JSON.stringify(service(process.ppid)));
    expect(readRunningService(dir)).toEqual(service(process.ppid));
  });

  it('when the recorded process is gone, then the file is ignored', () => {
    writeFileSync(runningFilePath(dir), JSON.stringify(service(deadPid())));
    expect(readRunningService(dir)).toBeNull();
  });

  it('when this process wrote it, then it is not "another" service, and removing it deletes it', () => {
    writeRunningFile(service(process.pid));
    expect(readRunningService(dir)).toBeNull();
    removeRunningFile(dir);
    expect(existsSync(runningFilePath(dir))).toBe(false);
  });

  it("when another process wrote it, then removing leaves it (it is not this process's)", () => {
    writeFileSync(runningFilePath(dir), JSON.stringify(service(process.ppid)));
    removeRunningFile(dir);
    expect(existsSync(runningFilePath(dir))).toBe(true);
  });

  it('when the file is absent or not JSON, then there is no running service', () => {
    expect(readRunningService(dir)).toBeNull();
    writeFileSync(runningFilePath(dir), '{ half');
    expect(readRunningService(dir)).toBeNull();
  });
});

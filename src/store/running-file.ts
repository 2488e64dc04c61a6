/**
 * running.json, next to the embedded store (inside NEO4J_DATA_DIR): the service that holds the
 * store says where its Neo4j answers, so a CLI command run meanwhile can use that database instead
 * of failing on Neo4j's store lock. Written when the JVM is up (again after each restart), removed
 * on a clean stop, and ignored when the process that wrote it is gone.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningService {
  /** The node process of the service. */
  pid: number;
  /** Its embedded Neo4j (changes when the supervisor restarts it). */
  javaPid: number | undefined;
  uri: string;
  dataDir: string;
  startedAt: string;
}

export const runningFilePath = (dataDir: string): string => join(dataDir, 'running.json');

export function writeRunningFile(service: RunningService): void {
  const path = runningFilePath(service.dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(service, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The service recorded in dataDir when its process is still alive (and is not this one). */
export function readRunningService(dataDir: string): RunningService | null {
  let service: RunningService;
  try {
    service = JSON.parse(readFileSync(runningFilePath(dataDir), 'utf8')) as RunningService;
  } catch {
    return null;
  }
  if (typeof service.pid !== 'number' || typeof service.uri !== 'string') return null;
  if (service.pid === process.pid || !isAlive(service.pid)) return null;
  return service;
}

/** Removes the file if this process wrote it. */
export function removeRunningFile(dataDir: string): void {
  try {
    const service = JSON.parse(readFileSync(runningFilePath(dataDir), 'utf8')) as RunningService;
    if (service.pid === process.pid) rmSync(runningFilePath(dataDir), { force: true });
  } catch {
    // Absent or unreadable: nothing of ours to remove.
  }
}

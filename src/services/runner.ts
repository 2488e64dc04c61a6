/**
 * Which process runs a match run, so that a run whose process died (a crash, a kill, a container
 * restart) can be told from one still running and marked as interrupted instead of showing
 * `running` for ever.
 *
 * A run records its host, its process id and when that process started. Another process may only
 * judge runs of its own host: it can see whether that pid is alive there. Pids are reused, so an
 * alive pid says nothing for certain; the one certain case is a run recorded with this process's
 * own pid but an earlier start (a restarted container, where the service is pid 1 each time).
 * Worker threads share their process's pid and start, so a thread never mistakes another
 * thread's run for a dead one.
 */
import { hostname } from 'node:os';
import type { Runner } from '../domain/suggestion.ts';

/** Start times of one process as two threads compute them differ by less than this, ms. */
const SAME_START_MS = 2000;

export function thisRunner(): Runner {
  return { host: hostname(), pid: process.pid, startedAt: Math.round(Date.now() - process.uptime() * 1000) };
}

/** True when a process with this id exists on this host (one we may not signal counts too). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True only when `runner` has certainly stopped: judged from `me`, on the same host. */
export function runnerIsGone(runner: Runner, me: Runner = thisRunner(), exists = processExists): boolean {
  if (runner.host !== me.host) return false;
  if (runner.pid === me.pid) return Math.abs(runner.startedAt - me.startedAt) > SAME_START_MS;
  return !exists(runner.pid);
}

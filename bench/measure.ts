/**
 * Time and peak memory of one benchmark phase. Garbage is collected before each phase (node is
 * started with --expose-gc) so a phase is not charged for its predecessor's garbage. Peak RSS is
 * the kernel's high-water mark (VmHWM), reset before the phase through /proc/self/clear_refs:
 * exact even while the phase runs synchronously, which no timer-based sampler can see. Where
 * /proc is missing, RSS is sampled at the phase's end instead and the result says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface PhaseMeasure<T> {
  result: T;
  ms: number;
  /** Peak resident set size during the phase, MB. */
  peakRssMb: number;
  /** JavaScript heap in use at the end of the phase, before collection, MB. */
  heapUsedMb: number;
  peakSource: 'VmHWM' | 'end-of-phase sample';
}

const MB = 1024 * 1024;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function readPeakMb(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function measure<T>(run: () => T | Promise<T>): Promise<PhaseMeasure<T>> {
  collectGarbage();
  const exact = resetPeak();
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const usage = process.memoryUsage();
  const hwm = exact ? readPeakMb() : undefined;
  return {
    result,
    ms,
    peakRssMb: Math.max(hwm ?? 0, usage.rss / MB),
    heapUsedMb: usage.heapUsed / MB,
    peakSource: hwm === undefined ? 'end-of-phase sample' : 'VmHWM',
  };
}

export const hasGc = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';

/** The node and V8 flags this process runs with (the loader's `--import` left out), for reports. */
export function nodeFlags(): string {
  return process.execArgv.filter((a) => a.startsWith('--') && a !== '--import').join(' ') || 'none';
}

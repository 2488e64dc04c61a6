/**
 * `npm run bench:load [-- --listings N --duration S --connections 50,200]`: how the service's read
 * routes hold under concurrent clients, against a bare express 5 hello world as the anchor.
 *
 * 1. The hello world (bench/load-server.ts --role hello) in a child process, measured with
 *    autocannon at each connection count.
 * 2. A throwaway embedded Neo4j (never NEO4J_URI), then a setup child: the synthetic region
 *    through importDocument as the system, one full match run, an admin token, listing ids.
 * 3. The service (createApp on port 0) in a child of its own, whose VmRSS/VmHWM are sampled from
 *    /proc; each read route is measured at each connection count after a short warm-up, with the
 *    service's CPU and Neo4j's left to settle between runs. A service that dies is a result: the
 *    row says so, and a fresh one serves the routes still to measure.
 * autocannon runs in this process, on the same cores as the service and Neo4j.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createLogger } from '../src/logger.ts';
import { type ProvisionedNeo4j, provisionNeo4j } from '../src/store/provision.ts';
import {
  type Alone,
  type LoadReport,
  ROUTES,
  type Row,
  renderLoadReport,
  type WriteRow,
} from './load-report.ts';
import type { ChildMessage, SetupReport } from './load-server.ts';

const { values: args } = parseArgs({
  options: {
    listings: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '12' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50,200' },
    ids: { type: 'string', default: '300' },
    heap: { type: 'string', default: '2g' },
    'page-cache': { type: 'string', default: '2g' },
    'log-level': { type: 'string', default: 'warn' },
    out: { type: 'string', default: 'bench/load-results.md' },
  },
});

const SERVER = fileURLToPath(new URL('./load-server.ts', import.meta.url));
const CONNECTIONS = args.connections.split(',').map(Number);
const DURATION = Number(args.duration);
/** The longest wait for the service and Neo4j to finish the requests a previous run left behind. */
const SETTLE_MS = 60_000;
/** The longest wait for one request alone. */
const PROBE_MS = 60_000;
const log = (message: string): void => {
  process.stderr.write(`[bench:load] ${message}\n`);
};

// ---- Child processes -------------------------------------------------------------------------

interface Child {
  proc: ChildProcess;
  /** The last lines it wrote to stderr, to say why it died. */
  tail: string[];
  alive(): boolean;
  ended(): string;
}

function startChild(role: string, extra: string[] = []): Child {
  const proc = fork(SERVER, ['--role', role, '--log-level', args['log-level'], ...extra], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const tail: string[] = [];
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      if (line.startsWith('[bench:load')) process.stderr.write(`${line}\n`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  });
  return {
    proc,
    tail,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    ended: () => {
      const why = tail.filter((l) => /fatal|error|heap|memory|killed/i.test(l)).slice(-2);
      const how = proc.signalCode ? `signal ${proc.signalCode}` : `exit code ${proc.exitCode}`;
      return `${how}${why.length ? ` — ${why.join(' / ').slice(0, 300)}` : ''}`;
    },
  };
}

/** The child's first message of the given type, or an error when it exits first. */
function messageOf<T extends ChildMessage['type']>(
  child: Child,
  type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildMessage) => {
      if (m.type !== type) return;
      child.proc.off('exit', onExit);
      child.proc.off('message', onMessage);
      resolve(m as Extract<ChildMessage, { type: T }>);
    };
    const onExit = () => {
      child.proc.off('message', onMessage);
      reject(new Error(`the ${type === 'setup-done' ? 'setup' : 'server'} process ended: ${child.ended()}`));
    };
    child.proc.on('message', onMessage);
    child.proc.once('exit', onExit);
  });
}

async function stopChild(child: Child): Promise<void> {
  if (!child.alive()) return;
  const exited = new Promise((r) => child.proc.once('exit', r));
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---- /proc ------------------------------------------------------------------------------------

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** utime + stime in clock ticks (10 ms). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** The embedded Neo4j JVM: the child of this process that runs the launcher. */
function findNeo4jPid(): number | null {
  try {
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      const children = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim();
      for (const pid of children ? children.split(/\s+/) : []) {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('Neo4jLauncher')) return Number(pid);
      }
    }
  } catch {
    // No /proc: Neo4j's memory is not reported.
  }
  return null;
}

/** Resets a process's VmHWM to its current RSS (Linux, as its owner), so a peak covers one run. */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not allowed here: the peak then covers the process's life so far.
  }
}

/** VmHWM, MB. */
const peakMbOf = (pid: number): number | null => {
  const kb = statusKb(pid, 'VmHWM');
  return kb === null ? null : kb / 1024;
};

/** Samples a process's peak RSS (MB) every 250 ms; VmHWM also covers the moments between samples. */
function sampleRss(pid: number): { read(): void; stop(): number } {
  let peakKb = 0;
  const read = () => {
    peakKb = Math.max(peakKb, statusKb(pid, 'VmHWM') ?? 0, statusKb(pid, 'VmRSS') ?? 0);
  };
  const timer = setInterval(read, 250);
  read();
  return {
    read,
    stop: () => {
      read();
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}

/** Waits until the processes use less than a tenth of a core for a second (at most `maxMs`). */
async function settle(pids: number[], maxMs = SETTLE_MS): Promise<boolean> {
  const t0 = Date.now();
  let calm = 0;
  let last = pids.map(cpuTicks);
  while (Date.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 500));
    const now = pids.map(cpuTicks);
    const busy = now.reduce((s, t, i) => s + t - last[i]!, 0);
    last = now;
    calm = busy <= 5 ? calm + 1 : 0;
    if (calm >= 2) return true;
  }
  return false;
}

// ---- Measuring ----------------------------------------------------------------------------------

interface Target {
  route: string;
  port: number;
  token?: string;
  /** The path of the n-th request. */
  path: (n: number) => string;
}

function rowOf(
  route: string,
  connections: number,
  r: autocannon.Result,
  peakRssMb: number | null,
  died?: string,
): Row {
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) {
    if (!code.startsWith('2')) statuses[code] = Number(stat.count ?? 0);
  }
  return {
    route,
    connections,
    rate: r.requests.average,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    unanswered: Math.max(0, ((r.requests as { sent?: number }).sent ?? 0) - r.requests.total - r.timeouts),
    peakRssMb,
    statuses,
    ...(died ? { died } : {}),
  };
}

async function fire(target: Target, connections: number, seconds: number): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections,
    duration: seconds,
    timeout: 10,
    headers: target.token ? { authorization: `Bearer ${target.token}` } : {},
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          req.path = target.path(n++);
          return req;
        },
      },
    ],
  });
}

/** One request alone, with a generous time limit: what a route costs without contention. */
async function probe(target: Target, limitMs = PROBE_MS): Promise<Alone> {
  const t0 = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${target.port}${target.path(0)}`, {
      headers: target.token ? { authorization: `Bearer ${target.token}` } : {},
      signal: AbortSignal.timeout(limitMs),
    });
    const bytes = (await res.arrayBuffer()).byteLength;
    return { route: target.route, status: res.status, ms: performance.now() - t0, bytes };
  } catch {
    return { route: target.route, status: null, ms: performance.now() - t0, bytes: 0 };
  }
}

// ---- The run ------------------------------------------------------------------------------------

async function measureHello(): Promise<Row[]> {
  const child = startChild('hello');
  try {
    const { port } = await messageOf(child, 'listening');
    const target: Target = { route: 'GET / (hello world)', port, path: () => '/' };
    await fire(target, 10, Number(args.warmup));
    const rows: Row[] = [];
    const pid = child.proc.pid!;
    for (const c of CONNECTIONS) {
      log(`hello world at ${c} connections`);
      resetPeak(pid);
      const result = await fire(target, c, DURATION);
      rows.push(rowOf(target.route, c, result, peakMbOf(pid)));
    }
    return rows;
  } finally {
    await stopChild(child);
  }
}

interface Service {
  child: Child;
  port: number;
  rss: { read(): void; stop(): number };
}

async function startService(neo4j: ProvisionedNeo4j, extra: string[] = []): Promise<Service> {
  const child = startChild('serve', ['--uri', neo4j.uri, ...extra]);
  const { port } = await messageOf(child, 'listening');
  return { child, port, rss: sampleRss(child.proc.pid!) };
}

/** One measured run of a route against the service, with the service's peak RSS during it alone. */
async function measuredRun(
  service: Service,
  target: Target,
  connections: number,
  label: string,
): Promise<Row> {
  const pid = service.child.proc.pid!;
  service.rss.read();
  resetPeak(pid);
  const sampler = sampleRss(pid);
  const result = await fire(target, connections, DURATION);
  // A process that died a moment ago may not have been reaped yet.
  await new Promise((r) => setTimeout(r, 200));
  const runPeak = sampler.stop();
  return rowOf(
    label,
    connections,
    result,
    runPeak > 0 ? runPeak : null,
    service.child.alive() ? undefined : service.child.ended(),
  );
}

async function measureService(setup: SetupReport, neo4j: ProvisionedNeo4j, report: LoadReport) {
  const ids = setup.ids;
  const paths: Record<string, (n: number) => string> = {
    [ROUTES.listings]: () => '/listings?limit=50',
    [ROUTES.listing]: (n) => `/listings/${ids[n % ids.length]}`,
    [ROUTES.companies]: () => '/companies?limit=50',
    [ROUTES.listingSuggestions]: (n) => `/listings/${ids[n % ids.length]}/suggestions`,
    [ROUTES.suggestions]: () => '/suggestions?limit=50',
  };
  const neo4jPid = findNeo4jPid();
  const neo4jRss = neo4jPid ? sampleRss(neo4jPid) : null;
  let service = await startService(neo4j);
  let cachedPeakMb = 0;
  /** The routes at `c` connections against the service as it is now, the rows labelled `variant`. */
  const measureVariant = async (routes: string[], c: number, variant: string) => {
    for (const route of routes) {
      const target: Target = { route, port: service.port, token: setup.token, path: paths[route]! };
      const pids = [service.child.proc.pid!, ...(neo4jPid ? [neo4jPid] : [])];
      await fire(target, 2, Number(args.warmup));
      await settle(pids);
      log(`${route} at ${c} connections, ${variant}`);
      report.rows.push(await measuredRun(service, target, c, `${route} (${variant})`));
    }
  };
  try {
    for (const [route, path] of Object.entries(paths)) {
      for (const [i, c] of CONNECTIONS.entries()) {
        if (!service.child.alive()) {
          report.servePeakRssMb.push(service.rss.stop());
          log('the service is down: starting a fresh one for the routes still to measure');
          service = await startService(neo4j);
        }
        const target: Target = { route, port: service.port, token: setup.token, path };
        const pids = [service.child.proc.pid!, ...(neo4jPid ? [neo4jPid] : [])];
        if (i === 0) {
          // Two connections warm the route up without leaving a pile of slow requests behind.
          await fire(target, 2, Number(args.warmup));
          await settle(pids);
          report.alone.push(await probe(target));
        }
        if (!(await settle(pids)))
          report.notes.push(
            `Before ${route} at ${c} connections the service and Neo4j were still busy after ${SETTLE_MS / 1000} s ` +
              '(requests of the previous run still running).',
          );
        log(`${route} at ${c} connections`);
        const row = await measuredRun(service, target, c, route);
        report.rows.push(row);
        if (row.died) log(`the service died: ${row.died}`);
      }
    }
    // The same page asked again and again is what the read cache is for; what a read costs when
    // every request goes to Neo4j is measured too, by a service without it, at the first count.
    // Not a crash: the serving process's peak is the larger of the two.
    cachedPeakMb = service.rss.stop();
    await stopChild(service.child);
    service = await startService(neo4j, ['--read-cache-ms', '0']);
    report.notes.push(
      'Rows marked "(no read cache)" come from a second service with READ_CACHE_MS=0: every request reads Neo4j. ' +
        'The other rows ask the same page again and again, which the read cache serves (1 s reuse, then 1 s more while one read refreshes it; ended by any write).',
    );
    await measureVariant([ROUTES.listings, ROUTES.suggestions], CONNECTIONS[0]!, 'no read cache');
    // The kept counterpart index holds every listing in the serving process: the reads that are
    // not cached, with and without it, one after the other.
    await stopChild(service.child);
    report.servePeakRssMb.push(service.rss.stop());
    service = await startService(neo4j, ['--no-counterpart-index']);
    report.notes.push(
      'Rows marked "(no kept index)" come from a service that does not build the kept counterpart index ' +
        '(services/counterpart-index.ts), to compare: every other service holds it, as `npm start` does.',
    );
    await measureVariant([ROUTES.listingSuggestions, ROUTES.suggestions], CONNECTIONS[0]!, 'no kept index');
    // Turn taking (http/turns.ts) keeps a busy service accepting new connections: the routes that
    // timed out without it, at the most connections, by a service without it.
    await stopChild(service.child);
    report.servePeakRssMb.push(service.rss.stop());
    service = await startService(neo4j, ['--turn-target-ms', '0']);
    report.notes.push(
      'Rows marked "(no turn taking)" come from a service with TURN_TARGET_MS=0 (src/http/turns.ts), to compare: ' +
        'every request starts in the turn of the event loop that reads it, so a busy service accepts one new connection per long turn.',
    );
    await measureVariant([ROUTES.listing, ROUTES.listingSuggestions], CONNECTIONS.at(-1)!, 'no turn taking');
    // Two API instances on one Neo4j (decision 0019), the clients split evenly between them.
    await stopChild(service.child);
    report.servePeakRssMb.push(service.rss.stop());
    service = await startService(neo4j);
    await measureTwoInstances(service, setup, neo4j, report, paths, neo4jPid);
    // Registrations last: they change the data the reads above measured.
    if (service.child.alive() && setup.writes.length > WRITE_WARMUP) {
      const pids = [service.child.proc.pid!, ...(neo4jPid ? [neo4jPid] : [])];
      await settle(pids);
      log(`${setup.writes.length} registrations and changes, one at a time`);
      report.writes = await measureWrites(service, setup);
    }
    // The last run's requests may still be running: their memory counts too.
    if (service.child.alive()) {
      const pids = [service.child.proc.pid!, ...(neo4jPid ? [neo4jPid] : [])];
      if (!(await settle(pids)))
        report.notes.push(
          `After the last run the service was still busy after ${SETTLE_MS / 1000} s; it was stopped.`,
        );
      if (!service.child.alive())
        report.notes.push(`After the last run the service died: ${service.child.ended()}`);
    }
  } finally {
    report.servePeakRssMb.push(Math.max(cachedPeakMb, service.rss.stop()));
    report.neo4jPeakRssMb = neo4jRss ? neo4jRss.stop() : null;
    await stopChild(service.child);
  }
}

/**
 * POST /listings of each of the setup's new listings, one at a time, then PATCH /listings/{id} of
 * each with a tenth more quantity, as a business's client sends them: each answer carries the
 * listing's refreshed suggestions. The first WRITE_WARMUP of each are not timed.
 */
const WRITE_WARMUP = 20;
async function measureWrites(service: Service, setup: SetupReport): Promise<WriteRow[]> {
  const call = async (method: string, path: string, body: unknown) => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${service.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await res.json()) as { id?: string; quantity?: { value: number; unit: string } };
    return { ms: performance.now() - t, status: res.status, answer };
  };
  const row = (route: string, ok: number, calls: Awaited<ReturnType<typeof call>>[]): WriteRow => {
    const timed = calls.slice(WRITE_WARMUP);
    const sorted = timed.map((c) => c.ms).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
    const failures: Record<string, number> = {};
    for (const c of timed) if (c.status !== ok) failures[c.status] = (failures[c.status] ?? 0) + 1;
    const counts = timed.map((c) => (c.answer as { suggestions?: unknown[] }).suggestions?.length ?? 0);
    return {
      route,
      warmup: WRITE_WARMUP,
      count: timed.length,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: sorted.at(-1) ?? 0,
      failures,
      suggestions: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length),
    };
  };
  const posts = [];
  for (const body of setup.writes) posts.push(await call('POST', '/listings', body));
  const patches = [];
  for (const { answer } of posts) {
    if (!answer.id || !answer.quantity) continue;
    const quantity = { ...answer.quantity, value: answer.quantity.value * 1.1 };
    patches.push(await call('PATCH', `/listings/${answer.id}`, { quantity }));
  }
  return [row('POST /listings', 201, posts), row('PATCH /listings/{id} (quantity)', 200, patches)];
}

/**
 * The read routes at the first connection count, half of the clients on `first` and half on a
 * second instance started beside it: both stateless, on the one Neo4j. The row adds their rates and
 * takes the worse of their latencies.
 */
async function measureTwoInstances(
  first: Service,
  setup: SetupReport,
  neo4j: ProvisionedNeo4j,
  report: LoadReport,
  paths: Record<string, (n: number) => string>,
  neo4jPid: number | null,
): Promise<void> {
  const second = await startService(neo4j);
  const services = [first, second];
  try {
    report.notes.push(
      'Rows marked "(two instances)" spread the clients evenly over two service processes on the one Neo4j ' +
        '(decision 0019): the rate is their sum, the latencies the worse of the two, the peak RSS the larger.',
    );
    const c = CONNECTIONS[0]!;
    for (const route of [ROUTES.listings, ROUTES.listingSuggestions, ROUTES.suggestions]) {
      const targets = services.map((s) => ({ route, port: s.port, token: setup.token, path: paths[route]! }));
      const pids = [...services.map((s) => s.child.proc.pid!), ...(neo4jPid ? [neo4jPid] : [])];
      await Promise.all(targets.map((t) => fire(t, 1, Number(args.warmup))));
      await settle(pids);
      log(`${route} at ${c} connections over two instances`);
      const rows = await Promise.all(
        services.map((s, i) => measuredRun(s, targets[i]!, Math.ceil(c / 2), route)),
      );
      report.rows.push(combined(`${route} (two instances)`, c, rows));
    }
  } finally {
    report.servePeakRssMb.push(second.rss.stop());
    await stopChild(second.child);
  }
}

/** One row of runs that went on at once against different instances. */
function combined(route: string, connections: number, rows: Row[]): Row {
  const sum = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0);
  const max = (f: (r: Row) => number) => Math.max(...rows.map(f));
  const statuses: Record<string, number> = {};
  for (const r of rows)
    for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const died = rows.map((r) => r.died).filter(Boolean);
  const peaks = rows.map((r) => r.peakRssMb).filter((p): p is number => p !== null);
  return {
    route,
    connections,
    rate: sum((r) => r.rate),
    p50: max((r) => r.p50),
    p975: max((r) => r.p975),
    p99: max((r) => r.p99),
    requests: sum((r) => r.requests),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    unanswered: sum((r) => r.unanswered),
    peakRssMb: peaks.length > 0 ? Math.max(...peaks) : null,
    statuses,
    ...(died.length > 0 ? { died: died.join('; ') } : {}),
  };
}

async function main(): Promise<void> {
  const listings = Number(args.listings);
  const report: LoadReport = {
    listings,
    writes: [],
    alone: [],
    hello: [],
    rows: [],
    servePeakRssMb: [],
    setupPeakRssMb: null,
    neo4jPeakRssMb: null,
    setup: [],
    notes: [],
  };
  report.setup.push(
    `${new Date().toISOString().slice(0, 10)}; machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB; ` +
      `Node ${process.version}; autocannon in the parent process on the same cores as the service and Neo4j; ` +
      `${DURATION} s per run after a ${args.warmup} s warm-up per route at 2 connections; request timeout 10 s; ` +
      `service log level ${args['log-level']}.`,
  );
  const loadAtStart = loadavg()[0]!;
  report.hello = await measureHello();

  const dataDir = mkdtempSync(join(tmpdir(), 'symbiosis-bench-load-'));
  log(`starting a throwaway embedded Neo4j (heap ${args.heap}, page cache ${args['page-cache']})`);
  const neo4j = await provisionNeo4j({
    ignoreUri: true,
    image: 'neo4j:5.26.30-community',
    dataDir,
    port: 0,
    heap: args.heap,
    pageCache: args['page-cache'],
    logger: createLogger('warn'),
  });
  const cleanUp = async () => {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const setupChild = startChild('setup', [
      '--uri',
      neo4j.uri,
      '--listings',
      String(listings),
      '--seed',
      args.seed,
      '--ids',
      args.ids,
    ]);
    let setup: SetupReport | null = null;
    try {
      setup = await messageOf(setupChild, 'setup-done');
      report.setupPeakRssMb = setup.peakRssMb;
    } catch (err) {
      report.failure = (err as Error).message;
    }
    await new Promise((r) => (setupChild.alive() ? setupChild.proc.once('exit', r) : r(null)));
    if (setup) {
      report.setup.push(
        `Synthetic region (seed ${args.seed}): ${setup.listings.toLocaleString('en-US')} listings of ` +
          `${setup.companies.toLocaleString('en-US')} companies imported through importDocument in ` +
          `${(setup.importMs / 1000).toFixed(1)} s (${setup.importErrors} rejected rows${setup.firstImportError ? `, first: ${setup.firstImportError}` : ''}); ` +
          `one match run ${setup.run.status} in ${(setup.matchMs / 1000).toFixed(1)} s ` +
          `(${setup.run.candidates.toLocaleString('en-US')} candidates, ${setup.activeSuggestions.toLocaleString('en-US')} active suggestions). ` +
          `Neo4j 5.26 embedded, heap ${args.heap}, page cache ${args['page-cache']}. ` +
          `Rotating over ${setup.ids.length} listing ids, ${setup.idsWithSuggestions} of them with suggestions.`,
      );
      try {
        await measureService(setup, neo4j, report);
      } catch (err) {
        report.failure = (err as Error).message;
      }
    }
  } finally {
    await cleanUp();
  }
  report.notes.push(
    `1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end ` +
      `(${cpus().length} cores; other processes on the machine share them).`,
  );
  const text = renderLoadReport(report);
  process.stdout.write(`${text}\n`);
  writeFileSync(args.out, `${text}\n`);
  log(`written to ${args.out}`);
}

await main();

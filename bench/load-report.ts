/**
 * The report of `npm run bench:load`: one row per route and connection count, the targets judged
 * PASS or FAIL, as Markdown. Pure: bench/load.ts measures, this only reads the figures.
 */

/** One autocannon run against one route, or why it has no figures. */
export interface Row {
  route: string;
  connections: number;
  /** Mean requests per second (2xx and not). */
  rate: number;
  p50: number;
  p975: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Requests sent but neither answered nor timed out when the run ended. */
  unanswered: number;
  /** Peak RSS of the process under test during this run, MB (null when it could not be read). */
  peakRssMb: number | null;
  /** Status codes other than 2xx and how often, e.g. { 503: 12 }. */
  statuses: Record<string, number>;
  /** Set when the service process died during this run: how it ended, and its last words. */
  died?: string;
}

/** One request to a route on an otherwise idle service. */
export interface Alone {
  route: string;
  /** The status, or null when no answer came within the probe's time limit. */
  status: number | null;
  ms: number;
  bytes: number;
}

/**
 * Registering and changing listings over HTTP, one request at a time (POST /listings, then PATCH
 * /listings/{id} of each), each answered with the listing's refreshed suggestions.
 */
export interface WriteRow {
  route: string;
  /** Calls before the timed ones, not timed: the service's first writes plan their queries. */
  warmup: number;
  /** Timed calls (after the warm-up). */
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers other than the route's success status, by status. */
  failures: Record<string, number>;
  /** Mean suggestions in the answers. */
  suggestions: number;
}

export interface LoadReport {
  listings: number;
  /** Registrations and changes over HTTP (empty when not measured). */
  writes: WriteRow[];
  alone: Alone[];
  hello: Row[];
  rows: Row[];
  /** Peak RSS (VmHWM) of each serving process, MB: more than one when it had to be restarted. */
  servePeakRssMb: number[];
  /** Peak RSS of the process that imported the region and ran the match, MB. */
  setupPeakRssMb: number | null;
  neo4jPeakRssMb: number | null;
  setup: string[];
  notes: string[];
  /** Set when the run could not measure the service at all. */
  failure?: string;
}

export const ROUTES = {
  listings: 'GET /listings?limit=50',
  listing: 'GET /listings/{id}',
  companies: 'GET /companies?limit=50',
  listingSuggestions: 'GET /listings/{id}/suggestions',
  suggestions: 'GET /suggestions?limit=50',
} as const;

export const TARGETS = {
  suggestionsP99Ms: 200,
  listingsShareOfHello: 0.1,
  listingsShareAtConnections: 50,
  cleanAtConnections: 200,
  rssMb: 2048,
  /** Issue 14: a registration or change with its suggestions in the answer, p95 ms. */
  writeP95Ms: 50,
  /** Issue 14: the read routes at 50 connections, against hello world, and the serving process. */
  readsShareOfHello: 0.2,
  readsP99Ms: 100,
  readsAtConnections: 50,
  serveRssMb: 1536,
} as const;

export interface Verdict {
  target: string;
  pass: boolean;
  measured: string;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const helloAt = (r: LoadReport, connections: number): Row | undefined =>
  r.hello.find((h) => h.connections === connections && !h.died);

/** Answered, without a crash, an error (timeouts included) or a non-2xx status. */
const clean = (row: Row): boolean => !row.died && row.requests > 0 && row.errors === 0 && row.non2xx === 0;

export function judge(r: LoadReport): Verdict[] {
  const out: Verdict[] = [];
  const at = (route: string, c: number) => r.rows.find((x) => x.route === route && x.connections === c);
  for (const route of Object.values(ROUTES)) {
    const row = at(route, TARGETS.cleanAtConnections);
    out.push({
      target: `${route} at ${TARGETS.cleanAtConnections} connections: no crash, no errors, no non-2xx`,
      pass: row !== undefined && clean(row),
      measured: row
        ? row.died
          ? `service died: ${row.died}`
          : row.requests === 0
            ? `no request answered within the run (${fmt(row.unanswered)} waiting at its end)`
            : `${fmt(row.errors)} errors (${fmt(row.timeouts)} timeouts), ${fmt(row.non2xx)} non-2xx`
        : 'not measured',
    });
  }
  for (const c of [...new Set(r.rows.map((x) => x.connections))].sort((a, b) => a - b)) {
    const row = at(ROUTES.suggestions, c);
    out.push({
      target: `${ROUTES.suggestions} p99 under ${TARGETS.suggestionsP99Ms} ms at ${c} connections`,
      pass: row !== undefined && clean(row) && row.requests > 0 && row.p99 < TARGETS.suggestionsP99Ms,
      measured: !row
        ? 'not measured'
        : row.died
          ? `service died: ${row.died}`
          : row.requests === 0
            ? 'no request answered within the run'
            : `p99 ${fmt(row.p99)} ms`,
    });
  }
  const c = TARGETS.listingsShareAtConnections;
  const listings = at(ROUTES.listings, c);
  const hello = helloAt(r, c);
  const share = listings && hello && hello.rate > 0 ? listings.rate / hello.rate : null;
  out.push({
    target: `${ROUTES.listings} at ${c} connections: at least 1/${fmt(1 / TARGETS.listingsShareOfHello)} of hello world's rate`,
    pass:
      share !== null && listings !== undefined && clean(listings) && share >= TARGETS.listingsShareOfHello,
    measured:
      share === null || !listings || !hello
        ? 'not measured'
        : `${fmt(listings.rate)} vs ${fmt(hello.rate)} req/s = 1/${fmt(1 / Math.max(share, 1e-9), 1)}`,
  });
  const rc = TARGETS.readsAtConnections;
  for (const route of [ROUTES.listings, ROUTES.suggestions, ROUTES.listingSuggestions]) {
    const row = at(route, rc);
    const helloRow = helloAt(r, rc);
    const ratio = row && helloRow && helloRow.rate > 0 ? row.rate / helloRow.rate : null;
    out.push({
      target: `issue 14: ${route} at ${rc} connections, a fifth of hello world's req/s or more and p99 under ${TARGETS.readsP99Ms} ms`,
      pass:
        row !== undefined &&
        ratio !== null &&
        clean(row) &&
        ratio >= TARGETS.readsShareOfHello &&
        row.p99 < TARGETS.readsP99Ms,
      measured:
        !row || ratio === null ? 'not measured' : `${fmt(ratio, 3)} of hello world, p99 ${fmt(row.p99)} ms`,
    });
  }
  for (const w of r.writes) {
    const failed = Object.values(w.failures).reduce((a, b) => a + b, 0);
    out.push({
      target: `issue 14: ${w.route} over HTTP at ${fmt(r.listings)} listings, one at a time, p95 under ${TARGETS.writeP95Ms} ms`,
      pass: w.count > 0 && failed === 0 && w.p95 < TARGETS.writeP95Ms,
      measured:
        w.count === 0
          ? 'not measured'
          : `p50 ${fmt(w.p50)} ms, p95 ${fmt(w.p95)} ms${failed > 0 ? `, ${fmt(failed)} failed` : ''}`,
    });
  }
  const servePeak = r.servePeakRssMb.length ? Math.max(...r.servePeakRssMb) : null;
  out.push({
    target: `issue 14: every serving node process peak RSS under ${fmt(TARGETS.serveRssMb)} MB`,
    pass: servePeak !== null && servePeak < TARGETS.serveRssMb,
    measured: servePeak === null ? 'not measured' : `${fmt(servePeak)} MB`,
  });
  out.push({
    target: `serving node process peak RSS under ${fmt(TARGETS.rssMb)} MB`,
    pass: servePeak !== null && servePeak < TARGETS.rssMb,
    measured: servePeak === null ? 'not measured' : `${fmt(servePeak)} MB`,
  });
  out.push({
    target: `import + match run node process peak RSS under ${fmt(TARGETS.rssMb)} MB`,
    pass: r.setupPeakRssMb !== null && r.setupPeakRssMb < TARGETS.rssMb,
    measured: r.setupPeakRssMb === null ? 'not measured' : `${fmt(r.setupPeakRssMb)} MB`,
  });
  return out;
}

function statusesOf(row: Row): string {
  const parts = Object.entries(row.statuses).map(([code, n]) => `${code}×${fmt(n)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function rowLine(row: Row, hello: Row | undefined, withRatio: boolean): string {
  const ratio = withRatio ? (hello && hello.rate > 0 ? ` ${fmt(row.rate / hello.rate, 3)} |` : ' – |') : '';
  const died = row.died ? ` **service died**: ${row.died}` : '';
  return (
    `| ${row.route} | ${row.connections} | ${fmt(row.rate)} |${ratio} ${fmt(row.p50)} | ${fmt(row.p975)} | ` +
    `${fmt(row.p99)} | ${fmt(row.requests)} | ${fmt(row.errors)} | ${fmt(row.non2xx)}${statusesOf(row)} | ` +
    `${fmt(row.timeouts)} | ${fmt(row.unanswered)} | ${row.peakRssMb === null ? '–' : fmt(row.peakRssMb)} |${died}`
  );
}

export function renderLoadReport(r: LoadReport): string {
  const lines = [
    `# Load benchmark: the service on ${fmt(r.listings)} synthetic listings`,
    '',
    ...r.setup,
    '',
  ];
  if (r.failure) lines.push(`**The service could not be measured:** ${r.failure}`, '');
  lines.push(
    'Anchor: a bare express 5 hello world in a process of its own.',
    '',
    '| route | connections | req/s | p50 ms | p97.5 ms | p99 ms | requests | errors | non-2xx | timeouts | unanswered at end | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.hello.map((h) => rowLine(h, undefined, false)),
    '',
    'One request at a time (the service idle, after its warm-up):',
    '',
    '| route | status | ms | bytes |',
    '|---|---:|---:|---:|',
    ...r.alone.map(
      (a) =>
        `| ${a.route} | ${a.status ?? 'no answer'} | ${a.status === null ? '> ' : ''}${fmt(a.ms)} | ${fmt(a.bytes)} |`,
    ),
    '',
    'The service (admin token; ratio = req/s ÷ hello world req/s at the same connections):',
    '',
    '| route | connections | req/s | ratio | p50 ms | p97.5 ms | p99 ms | requests | errors | non-2xx | timeouts | unanswered at end | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map((row) => rowLine(row, helloAt(r, row.connections), true)),
    '',
  );
  if (r.writes.length > 0) {
    lines.push(
      `Registering and changing listings over HTTP, one request at a time, each answer carrying the listing’s refreshed suggestions (admin token; after ${fmt(r.writes[0]!.warmup)} of each as a warm-up, untimed: a service's first writes plan their queries in Neo4j, 0.1–0.5 s each):`,
      '',
      '| route | calls | p50 ms | p95 ms | p99 ms | max ms | failed | suggestions in the answer (mean) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...r.writes.map(
        (w) =>
          `| ${w.route} | ${fmt(w.count)} | ${fmt(w.p50, 1)} | ${fmt(w.p95, 1)} | ${fmt(w.p99, 1)} | ${fmt(w.max, 1)} | ` +
          `${
            Object.entries(w.failures)
              .map(([code, n]) => `${code}×${fmt(n)}`)
              .join(', ') || '0'
          } | ${fmt(w.suggestions, 1)} |`,
      ),
      '',
    );
  }
  const peaks = r.servePeakRssMb.map((m) => `${fmt(m)} MB`).join(', then ');
  lines.push(
    `Peak RSS (VmHWM): serving node processes, one after another (the rows' services, and any restarted after a crash) ${peaks || '–'}; ` +
      `import + match run process ${r.setupPeakRssMb === null ? '–' : `${fmt(r.setupPeakRssMb)} MB`}; ` +
      `Neo4j JVM ${r.neo4jPeakRssMb === null ? '–' : `${fmt(r.neo4jPeakRssMb)} MB`}.`,
    '',
    'Targets:',
    '',
    ...judge(r).map((v) => `- ${v.pass ? 'PASS' : 'FAIL'} ${v.target}: ${v.measured}`),
  );
  lines.push(
    '',
    'Notes:',
    '',
    '- req/s counts answered requests; "requests" is their number; "errors" are connection errors and ' +
      'timeouts (no answer within 10 s); "unanswered at end" were still waiting when the run stopped; ' +
      '"peak RSS MB" is the process\'s VmHWM during that run alone (reset before each run).',
    ...r.notes.map((n) => `- ${n}`),
  );
  return lines.join('\n');
}

import { describe, expect, it } from 'vitest';
import { judge, type LoadReport, ROUTES, type Row, renderLoadReport } from '../../../bench/load-report.ts';
import { importDocumentOf } from '../../../bench/region-document.ts';
import { generateRegion } from '../../../bench/synthetic-region.ts';
import { ImportCompanySchema, ImportListingSchema } from '../../../src/domain/import-document.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';

const row = (route: string, connections: number, over: Partial<Row> = {}): Row => ({
  route,
  connections,
  rate: 2000,
  p50: 20,
  p975: 60,
  p99: 90,
  requests: 12_000,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  unanswered: connections,
  peakRssMb: 300,
  statuses: {},
  ...over,
});

function report(over: Partial<LoadReport> = {}): LoadReport {
  return {
    listings: 20_000,
    alone: [],
    hello: [row('GET / (hello world)', 50, { rate: 8000 }), row('GET / (hello world)', 200, { rate: 7000 })],
    rows: Object.values(ROUTES).flatMap((route) => [row(route, 50), row(route, 200)]),
    servePeakRssMb: [400],
    writes: [],
    setupPeakRssMb: 900,
    neo4jPeakRssMb: 2500,
    setup: [],
    notes: [],
    ...over,
  };
}

const verdictOf = (r: LoadReport, text: string) => judge(r).find((v) => v.target.includes(text))!;

describe('load report', () => {
  it('when every route is fast and clean, then every target passes', () => {
    expect(judge(report()).every((v) => v.pass)).toBe(true);
  });

  it('when registrations are measured, then p95 is judged against 50 ms and a failed call fails the target', () => {
    const write = (over: Partial<LoadReport['writes'][number]> = {}) => ({
      route: 'POST /listings',
      count: 50,
      p50: 30,
      p95: 45,
      p99: 48,
      warmup: 20,
      max: 60,
      failures: {},
      suggestions: 9,
      ...over,
    });
    expect(verdictOf(report({ writes: [write()] }), 'POST /listings over HTTP').pass).toBe(true);
    const slow = verdictOf(report({ writes: [write({ p95: 51 })] }), 'POST /listings over HTTP');
    expect(slow).toMatchObject({ pass: false, measured: 'p50 30 ms, p95 51 ms' });
    const failed = report({ writes: [write({ failures: { 500: 2 } })] });
    expect(verdictOf(failed, 'POST /listings over HTTP').pass).toBe(false);
    expect(renderLoadReport(failed)).toContain(
      '| POST /listings | 50 | 30.0 | 45.0 | 48.0 | 60.0 | 500×2 | 9.0 |',
    );
    expect(renderLoadReport(failed)).toContain('after 20 of each as a warm-up, untimed');
  });

  it('when a route answers non-2xx at 200 connections, then its target fails and names the statuses', () => {
    const r = report();
    r.rows[1] = row(ROUTES.listings, 200, { non2xx: 12, statuses: { 503: 12 } });
    expect(verdictOf(r, `${ROUTES.listings} at 200`).pass).toBe(false);
    expect(renderLoadReport(r)).toContain('503×12');
  });

  it('when the service died during a run, then the row says so and the target fails', () => {
    const r = report();
    r.rows[9] = row(ROUTES.suggestions, 200, { died: 'signal SIGABRT — heap out of memory' });
    const v = verdictOf(r, `${ROUTES.suggestions} at 200`);
    expect(v.pass).toBe(false);
    expect(v.measured).toContain('SIGABRT');
    expect(renderLoadReport(r)).toContain('**service died**');
  });

  it('when no request was answered within a run, then it is not clean even without errors', () => {
    const r = report();
    r.rows[9] = row(ROUTES.suggestions, 200, { requests: 0, rate: 0, p99: 0 });
    expect(verdictOf(r, `${ROUTES.suggestions} at 200`).pass).toBe(false);
    expect(verdictOf(r, 'p99 under 200 ms at 200').pass).toBe(false);
  });

  it('when /listings runs below a tenth of hello world at 50 connections, then that target fails', () => {
    const r = report();
    r.rows[0] = row(ROUTES.listings, 50, { rate: 700 });
    expect(verdictOf(r, "hello world's rate").pass).toBe(false);
    r.rows[0] = row(ROUTES.listings, 50, { rate: 800 });
    expect(verdictOf(r, "hello world's rate").pass).toBe(true);
  });

  it('when a read route runs below a fifth of hello world or its p99 reaches 100 ms at 50 connections, then its issue-14 target fails', () => {
    const target = `issue 14: ${ROUTES.suggestions}`;
    expect(verdictOf(report(), target).pass).toBe(true);
    const r = report();
    r.rows[8] = row(ROUTES.suggestions, 50, { rate: 1500 });
    expect(verdictOf(r, target)).toMatchObject({ pass: false, measured: '0.188 of hello world, p99 90 ms' });
    r.rows[8] = row(ROUTES.suggestions, 50, { p99: 100 });
    expect(verdictOf(r, target).pass).toBe(false);
    expect(verdictOf(report({ servePeakRssMb: [400, 1600] }), 'issue 14: every serving').pass).toBe(false);
  });

  it('when any serving process peaked at 2 GB or more, then the memory target fails', () => {
    expect(verdictOf(report({ servePeakRssMb: [400, 2100] }), 'serving node process').pass).toBe(false);
    expect(verdictOf(report({ setupPeakRssMb: null }), 'import + match run').pass).toBe(false);
  });
});

describe('synthetic region as an import document', () => {
  it('when a region is turned into a document, then its rows pass the import schemas, org numbers unique', () => {
    const doc = importDocumentOf(generateRegion(loadReferenceData(), { listings: 500, seed: 3 }));
    for (const c of doc.companies) expect(ImportCompanySchema.safeParse(c).error).toBeUndefined();
    for (const l of doc.listings) expect(ImportListingSchema.safeParse(l).error).toBeUndefined();
    const orgs = doc.companies.map((c) => (c as { orgNumber: string }).orgNumber);
    expect(new Set(orgs).size).toBe(orgs.length);
    expect(doc.listings).toHaveLength(500);
  });
});

/**
 * The analyst's workspace in a real browser, on the demo region after a match run with one
 * suggestion carried to implemented through the API: the dashboard shows that one realised
 * symbiosis, the scope (region 4617, a kind) lands in the URL and reloads every figure, the network
 * view draws (or, without WebGL, says so and lists the hubs), a GeoJSON export downloads and
 * parses, the report downloads and opens; in bokmål no English text is left, and axe-core finds
 * no serious or critical violation. Screenshots go to test/e2e/screenshots/.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import {
  launchChromium,
  SCREENSHOTS,
  screenshot,
  seriousViolations,
  watchErrors,
} from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;
let analyst = '';
/** The suggestion carried to implemented, and its kind. */
let implemented = { id: '', kind: '' };

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers
type Json = any;

async function ok(res: { status: number; body: unknown }, status = 200): Promise<Json> {
  expect(res.status, JSON.stringify(res.body)?.slice(0, 500)).toBe(status);
  return res.body;
}

async function step(id: string, to: string, extra: object = {}) {
  const now = await ok(await app.request('GET', `/suggestions/${id}`));
  return ok(
    await app.request('POST', `/suggestions/${id}/transitions`, { to, version: now.version, ...extra }),
  );
}

/** Through the review workflow to implemented, as the admin, with a measured quantity. */
async function implement(id: string, quantityPerYear: number) {
  for (const to of ['under-review', 'introduced', 'negotiating', 'agreed']) await step(id, to);
  await step(id, 'implemented', {
    outcome: { quantityPerYear, quantityBasis: 'measured', startDate: '2026-02-01' },
  });
}

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  await ok(await app.request('POST', '/match-runs', {}), 202);
  await settleMatchRuns();
  const queue = (await ok(await app.request('GET', '/review-queue?limit=100'))).items as Json[];
  // One in the municipality the test narrows to, so it stays in scope.
  const net = await ok(await app.request('GET', '/network?region=4617'));
  const inMunicipality = new Set(net.edges.map((e: Json) => e.id));
  const pick = queue.find((q) => (q.suggestion.allocatedQuantity ?? 0) > 0 && inMunicipality.has(q.id))!;
  expect(pick, 'an allocated suggestion in 4617').toBeDefined();
  implemented = { id: pick.id, kind: pick.kind };
  await implement(pick.id, 400);
  analyst = await app.user({ name: 'Fylkesanalytiker', role: 'analyst' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(token: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  await page.goto(`${app.url}/`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, errors };
}

const realisedFigure = (page: Page) =>
  page.getByRole('region', { name: 'Realised' }).locator('dd[data-figure="activeSymbioses"]');

/** Texts of the English workspace that must not be left on the bokmål page. */
const ENGLISH = [
  'Realised',
  'Potential',
  'Active symbioses',
  'Open suggestions',
  'What to show',
  'All of Norway',
  'All resources',
  'Showing',
  'Sites and exchanges',
  'Network',
  'Hubs',
  'Over time',
  'Breakdown',
  'Group by',
  'Barriers',
  'Export and report',
  'Download',
  'Factor set',
  'Conversion',
  'Loading',
  'Sign out',
];

describe('the analyst workspace', () => {
  it('when an exchange is implemented, then the analyst sees it, narrows the scope, sees the network, exports and opens the report', async () => {
    const { page, errors } = await signedIn(analyst);
    await page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/analyst');

    // The realised figure of the whole country: the one exchange carried to implemented.
    const all = await ok(await app.as(analyst).request('GET', '/indicators'));
    expect(all.realised.activeSymbioses.value).toBe(1);
    await expect.poll(() => realisedFigure(page).textContent()).toBe('1');
    await page.locator('.chart.bars').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analyst-dashboard-en');
    // The first screen as a laptop shows it (for the README).
    await page.screenshot({ path: join(SCREENSHOTS, 'analyst-top-en.png') });

    // The scope: a municipality and the implemented exchange's kind, kept in the URL.
    await page.getByLabel('Region').selectOption('4617');
    await page.getByLabel('Resource', { exact: true }).selectOption(implemented.kind);
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/analyst?region=4617&kind=${implemented.kind}`);
    const scoped = await ok(
      await app.as(analyst).request('GET', `/indicators?region=4617&kind=${implemented.kind}`),
    );
    expect(scoped.realised.activeSymbioses.value).toBe(1);
    await expect.poll(() => page.locator('.scope-summary').textContent()).toContain('Kvinnherad');
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Potential' })
          .locator('dd[data-figure="suggestions"]')
          .textContent(),
      )
      .toBe(new Intl.NumberFormat('en-GB').format(scoped.potential.suggestions.value));
    await expect.poll(() => realisedFigure(page).textContent()).toBe('1');

    // The network: drawn by sigma.js where WebGL works, else the message; the hubs table either way.
    const network = page.locator('.network-canvas');
    await expect.poll(() => network.getAttribute('data-state')).not.toBe('drawing');
    const state = await network.getAttribute('data-state');
    if (state === 'drawn') expect(await network.locator('canvas').count()).toBeGreaterThan(0);
    else expect(await page.locator('.notice').count()).toBeGreaterThan(0);
    await page.getByRole('table', { name: 'Hubs, by CO₂e avoided' }).waitFor();
    expect(
      await page.getByRole('table', { name: 'Hubs, by CO₂e avoided' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    await page.locator('.map circle.point').first().waitFor();
    await network.scrollIntoViewIfNeeded();
    await screenshot(page, 'analyst-network-en');

    // An export: GeoJSON of the scope, fetched with the token and saved from a blob: URL.
    const [geojson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'GeoJSON (map)' }).click(),
    ]);
    expect(geojson.suggestedFilename()).toMatch(/\.geojson$/);
    const collection = JSON.parse(readFileSync((await geojson.path())!, 'utf8'));
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBeGreaterThan(0);
    await page.getByRole('status').filter({ hasText: 'Downloaded' }).waitFor();

    // The report of the same scope: downloaded, then opened as the file it is.
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the report (HTML)' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.html$/);
    const saved = join(mkdtempSync(join(tmpdir(), 'analyst-report-')), report.suggestedFilename());
    await report.saveAs(saved);
    const html = readFileSync(saved, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Kvinnherad');
    const opened = await page.context().newPage();
    await opened.goto(`file://${saved}`);
    await opened.locator('h1').first().waitFor();
    expect(await opened.locator('svg').count()).toBeGreaterThan(0);
    await screenshot(opened, 'analyst-report-en');
    await opened.close();

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('when the analyst opens a shared link in bokmål, then the same view shows with no English text', async () => {
    const { page, errors } = await signedIn(analyst);
    await page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
    await page.getByLabel('Language').selectOption('nb');
    await page.goto(`${app.url}/#/analyst?region=46&by=kind&interval=quarter`);
    await page.getByRole('heading', { level: 1, name: 'Indikatorer' }).waitFor();
    expect(await page.getByLabel('Region').inputValue()).toBe('46');
    await expect.poll(() => page.locator('.scope-summary').textContent()).toContain('Vestland');
    await page.getByRole('region', { name: 'Realisert' }).locator('dd').first().waitFor();
    await page.getByRole('table', { name: 'Knutepunkter, etter unngått CO₂e' }).waitFor();
    await page.locator('.map path.area').first().waitFor();
    await page.locator('section[aria-labelledby="analyst-breakdown"] table').first().waitFor();
    await expect.poll(() => page.locator('.loading').count()).toBe(0);
    const text = ((await page.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
    const left = ENGLISH.filter((phrase) => new RegExp(`\\b${phrase}\\b`).test(text));
    expect(left, 'English texts on the bokmål page').toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analyst-workspace-nb-scoped');
    await page.locator('.network-canvas[data-state="drawn"], .notice').first().waitFor({ state: 'attached' });
    await page.locator('.analyst-maps').screenshot({ path: join(SCREENSHOTS, 'analyst-maps-nb.png') });
    expect(errors).toEqual([]);
  });
});

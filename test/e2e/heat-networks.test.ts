/**
 * The heat networks (GET /heat-clusters) in the analyst's workspace, in a real browser on the demo
 * region: with no region chosen the section asks for one and nothing is computed; for the demo
 * municipality it shows the cluster's members, length, cost, delivered heat and cost per MWh as the
 * API answers them, beside the pairs alone, month by month and on the map; a region with no heat
 * listings says it has no network; a facilitator of the municipality sees the same in bokmål, with
 * no English left. axe-core finds no serious or critical violation. Screenshots go to
 * test/e2e/screenshots/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { launchChromium, SCREENSHOTS, seriousViolations, watchErrors } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;
const tokens = { analyst: '', facilitator: '' };

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers
type Json = any;

async function ok(res: { status: number; body: unknown }, status = 200): Promise<Json> {
  expect(res.status, JSON.stringify(res.body)?.slice(0, 500)).toBe(status);
  return res.body;
}

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  await settleMatchRuns();
  tokens.analyst = await app.user({ name: 'Varmeanalytiker', role: 'analyst' });
  tokens.facilitator = await app.user({ name: 'Kvinnherad', role: 'facilitator', regions: ['4617'] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(token: string): Promise<{ page: Page; errors: string[]; asked: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  const asked: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/heat-clusters') asked.push(request.url());
  });
  await page.goto(`${app.url}/`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, errors, asked };
}

/** Numbers as the app writes them, for the language's locale. */
const formats = (locale: string) => ({
  upTo1: (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v),
  fixed: (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v),
  whole: (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(v)),
});

/** Spaces of any kind (Intl groups bokmål thousands with a no-break space) as one plain space. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const figure = (page: Page, name: string) =>
  page.locator(`article.heat-cluster dd[data-figure="${name}"]`).first().textContent().then(plain);

/** English texts of the section that must not be left on the bokmål page. */
const ENGLISH = [
  'Heat network',
  'Heat source',
  'Heat sink',
  'sources',
  'sinks',
  'Members',
  'Pipe length',
  'Capital cost',
  'Annualised',
  'Heat delivered',
  'Cost per MWh',
  'threshold',
  'a year',
  'million',
  'Beside',
  'Shared network',
  'Pairs alone',
  'Month by month',
  'Supply',
  'Demand',
  'Delivered',
  'Proposed pipe',
  'January',
  'The figures as a table',
  'Choose',
  'Loading',
];

describe('the heat networks in the analyst workspace', () => {
  it('when an analyst chooses the demo municipality, then its heat network shows with the length, cost and heat the API answers', async () => {
    const { page, errors, asked } = await signedIn(tokens.analyst);
    await page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
    const section = page.getByRole('region', { name: 'Heat networks', exact: true });
    await section.getByText('Choose a county or municipality above to see its heat networks.').waitFor();
    expect(asked, 'nothing computed for the whole country').toEqual([]);

    const body = await ok(await app.as(tokens.analyst).request('GET', '/heat-clusters?region=4617'));
    expect(body.clusters.length).toBeGreaterThan(0);
    const c = body.clusters[0];
    expect(c.members).toHaveLength(c.sources + c.sinks);
    expect(c.capitalNok).toBeGreaterThan(1_000_000);
    expect(c.capitalEur).toBeGreaterThan(1_000_000);
    expect(c.costEurPerMWh).not.toBeNull();

    await page.getByLabel('Region').selectOption('4617');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/analyst?region=4617');
    const article = section.locator('article.heat-cluster').first();
    await article.waitFor();
    expect(await section.locator('article.heat-cluster').count()).toBe(body.clusters.length);
    await expect
      .poll(() => section.locator('.heat-summary').textContent().then(plain))
      .toBe(
        `Kvinnherad: ${body.sources} heat sources and ${body.sinks} heat sinks, with ${formats('en-GB').whole(body.links)} pairs of them within a pipe’s reach.`,
      );

    const en = formats('en-GB');
    expect(await article.getByRole('heading', { level: 3 }).textContent()).toBe('Heat network 1');
    expect(await figure(page, 'members')).toBe(`${c.sources} sources, ${c.sinks} sinks`);
    expect(await figure(page, 'lengthKm')).toBe(`${en.upTo1(c.lengthKm)} km`);
    expect(await figure(page, 'capital')).toBe(
      `NOK ${en.fixed(c.capitalNok / 1e6, 1)} million (€${en.fixed(c.capitalEur / 1e6, 1)} million)`,
    );
    expect(await figure(page, 'deliveredMWh')).toBe(`${en.whole(c.deliveredMWh)} MWh/yr`);
    expect(await figure(page, 'costPerMWh')).toBe(
      `€${en.fixed(c.costEurPerMWh, 2)}/MWh, ${c.withinThreshold ? 'within' : 'above'} the threshold of €${en.fixed(body.assumptions.thresholdEurPerMWh, 2)}/MWh`,
    );

    // Beside the pairs alone: the same figures for the linked pairs, each on a pipe of its own.
    const compare = article.getByRole('table', {
      name: 'Heat network 1 beside its pairs on pipes of their own',
    });
    const row = (name: string) => compare.getByRole('row', { name: new RegExp(`^${name}`) });
    expect(await compare.getByRole('columnheader').nth(2).textContent()).toBe(
      `Pairs alone (${en.whole(c.pairwise.pairs)} pipes)`,
    );
    expect(plain(await row('Pipe length').textContent())).toBe(
      `Pipe length${en.upTo1(c.lengthKm)} km${en.upTo1(c.pairwise.lengthKm)} km`,
    );
    expect(plain(await row('Heat delivered').textContent())).toBe(
      `Heat delivered${en.whole(c.deliveredMWh)} MWh/yr${en.whole(c.pairwise.deliveredMWh)} MWh/yr`,
    );

    // Month by month: twelve rows, January first, supply, demand and delivered as the API has them.
    const months = article.getByRole('table', { name: 'Heat network 1, month by month' });
    await article.getByText('The figures as a table').click();
    expect(await months.locator('tbody tr').count()).toBe(12);
    const january = months.locator('tbody tr').first();
    expect(await january.locator('th').textContent()).toBe('January');
    expect((await january.locator('td').allTextContents()).map(plain)).toEqual([
      en.whole(c.months[0].supplyMWh),
      en.whole(c.months[0].demandMWh),
      en.whole(c.months[0].deliveredMWh),
    ]);
    expect(await article.locator('svg.chart.columns rect.chart-bar').count()).toBe(36);

    // The tree on the map: every member a point, every pipe a line.
    await expect
      .poll(() => article.locator('.map path.area').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await article.locator('.map circle.point').count()).toBe(c.members.length);
    expect(await article.locator('.map line').count()).toBe(c.pipes.length);

    await expect.poll(() => page.locator('.loading').count(), { timeout: 30_000 }).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: join(SCREENSHOTS, 'analyst-heat-networks-en.png') });

    // A region without heat listings says it has no network.
    const empty = await ok(await app.as(tokens.analyst).request('GET', '/heat-clusters?region=03'));
    expect(empty.clusters).toEqual([]);
    await page.getByLabel('Region').selectOption('03');
    await section
      .getByText(
        'No heat network here: no three heat sources and sinks are linked by pairs within a pipe’s reach.',
      )
      .waitFor();
    expect(await section.locator('article.heat-cluster').count()).toBe(0);
    expect(asked.map((url) => new URL(url).search)).toEqual(['?region=4617', '?region=03']);
    expect(errors).toEqual([]);
  });

  it('when the municipality’s facilitator opens it in bokmål, then the same figures show with no English text', async () => {
    const { page, errors } = await signedIn(tokens.facilitator);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByLabel('Language').selectOption('nb');
    await page.goto(`${app.url}/#/analyst?region=4617`);
    await page.getByRole('heading', { level: 1, name: 'Indikatorer' }).waitFor();

    const body = await ok(await app.as(tokens.facilitator).request('GET', '/heat-clusters?region=4617'));
    const c = body.clusters[0];
    const nb = formats('nb-NO');
    const section = page.getByRole('region', { name: 'Varmenett', exact: true });
    await section.locator('article.heat-cluster').first().waitFor();
    expect(await section.getByRole('heading', { level: 3 }).first().textContent()).toBe('Varmenett 1');
    expect(await figure(page, 'members')).toBe(`${c.sources} kilder, ${c.sinks} mottakere`);
    expect(await figure(page, 'lengthKm')).toBe(plain(`${nb.upTo1(c.lengthKm)} km`));
    expect(await figure(page, 'capital')).toBe(
      plain(`${nb.fixed(c.capitalNok / 1e6, 1)} mill. kr (${nb.fixed(c.capitalEur / 1e6, 1)} mill. euro)`),
    );
    expect(await figure(page, 'deliveredMWh')).toBe(plain(`${nb.whole(c.deliveredMWh)} MWh/år`));
    expect(await figure(page, 'costPerMWh')).toContain(plain(`${nb.fixed(c.costEurPerMWh, 2)} euro/MWh`));
    await expect
      .poll(() => section.locator('.map circle.point').count(), { timeout: 30_000 })
      .toBe(c.members.length);
    await expect.poll(() => page.locator('.loading').count(), { timeout: 30_000 }).toBe(0);

    // The section's text, less the listings' titles on the map (what people typed stays as typed).
    const text = plain(
      (await page.evaluate(`(() => {
        const copy = document.querySelector('section.heat-networks').cloneNode(true);
        for (const title of copy.querySelectorAll('circle > title')) title.remove();
        return copy.textContent;
      })()`)) as string,
    );
    const left = ENGLISH.filter((phrase) => new RegExp(`\\b${phrase}\\b`).test(text));
    expect(left, 'English texts on the bokmål page').toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: join(SCREENSHOTS, 'analyst-heat-networks-nb.png') });
    expect(errors).toEqual([]);
  });
});

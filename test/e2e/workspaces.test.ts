/**
 * The facilitator's and the analyst's workspaces open in a real browser on the demo region after a
 * match run: the review queue lists the suggestions the API has for the facilitator, the analyst
 * sees the key figures and the map of sites, and axe-core finds no serious or critical violation
 * in either. Screenshots go to test/e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { launchChromium, screenshot, seriousViolations, watchErrors } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  expect((await app.request('POST', '/match-runs', {})).status).toBe(202);
  await settleMatchRuns();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A fresh page signed in with `token` (the token is remembered the way the app remembers it). */
async function signedIn(token: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = watchErrors(page);
  await page.goto(`${app.url}/`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, errors };
}

describe('the facilitator and analyst workspaces', () => {
  it('when a facilitator of the demo region signs in, then the review queue shows its suggestions', async () => {
    const token = await app.user({ name: 'Kari Nordmann', role: 'facilitator', regions: ['46'] });
    const queue = await app.as(token).request('GET', '/review-queue?limit=25');
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBeGreaterThan(0);
    const { page, errors } = await signedIn(token);
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/facilitator');
    const table = page.getByRole('table', { name: 'Suggestions awaiting review' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(queue.body.items.length);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'facilitator-workspace-en');
    expect(errors).toEqual([]);
  });

  it('when the URL changes the moment the queue appears, then the workspace follows it', async () => {
    const token = await app.user({ name: 'Kari Nordmann', role: 'facilitator', regions: ['46'] });
    const queue = await app.as(token).request('GET', '/review-queue?limit=1');
    const id: string = queue.body.items[0].id;
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = watchErrors(page);
    await page.goto(`${app.url}/`);
    // A link followed (or a URL typed) within the same frame as the queue's first drawing: the
    // fragment changes before anything after the paint could have run.
    const href = `#/facilitator/suggestions/${encodeURIComponent(id)}`;
    await page.evaluate(`(() => {
      const observer = new MutationObserver(() => {
        const heading = [...document.querySelectorAll('h1')].find((h) => h.textContent === 'Review queue');
        if (heading === undefined) return;
        observer.disconnect();
        window.location.hash = ${JSON.stringify(href)};
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    })()`);
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 2, name: 'Audit trail and notes' }).waitFor();
    expect(new URL(page.url()).hash).toBe(href);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when an analyst signs in, then the key figures and the map of sites show, in English and in bokmål', async () => {
    const token = await app.user({ name: 'Ola Analytiker', role: 'analyst' });
    const indicators = (await app.as(token).request('GET', '/indicators')).body;
    const { page, errors } = await signedIn(token);
    await page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
    const figures = page.getByRole('region', { name: 'Potential' });
    await figures.waitFor();
    expect(await figures.locator('dd').first().textContent()).toBe(
      new Intl.NumberFormat('en-GB').format(indicators.potential.suggestions.value),
    );
    const map = page.getByRole('img', { name: 'Sites and exchanges' });
    await map.waitFor();
    await page.locator('.map path.area').first().waitFor();
    expect(await page.locator('.map circle.point').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analyst-workspace-en');
    await page.getByLabel('Language').selectOption('nb');
    await page.getByRole('heading', { level: 1, name: 'Indikatorer' }).waitFor();
    await page.getByRole('img', { name: 'Anlegg og utvekslinger' }).waitFor();
    await screenshot(page, 'analyst-workspace-nb');
    expect(errors).toEqual([]);
  });
});

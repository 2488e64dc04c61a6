/**
 * The API reference at /docs renders in Chromium from the service's own files (Swagger UI from
 * node_modules, under a Content-Security-Policy of 'self'): the operations of /openapi.json are
 * listed by tag, and the page logs no error (a refused script or style would).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the API reference', () => {
  it('when /docs is opened, then the operations are listed by tag, with nothing loaded from elsewhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors = watchErrors(page);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(app.url) && !request.url().startsWith('data:'))
        elsewhere.push(request.url());
    });
    await page.goto(`${app.url}/docs`);
    const indicators = page.locator('.opblock-summary', { hasText: '/indicators' }).first();
    await indicators.waitFor();
    expect(await indicators.locator('.opblock-summary-method').textContent()).toBe('GET');
    for (const tag of ['analytics', 'operations'])
      await page.locator(`.opblock-tag[data-tag="${tag}"]`).waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(30);
    await screenshot(page, 'api-docs');
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/**
 * A business in a real browser: signs in with its token (a wrong one first, which is refused
 * aloud), sees its company's listings as the API has them, switches to Norwegian (remembered
 * across a reload), and signs out. axe-core finds no serious or critical violation on the
 * sign-in screen or the workspace; the page logs no error (a Content-Security-Policy refusal
 * would be one). Screenshots go to test/e2e/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { launchChromium, screenshot, seriousViolations, watchErrors } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let token = '';
let company = { id: '', name: '' };
let titles: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  const found = await app.request('GET', '/companies?q=Storvik');
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  company = found.body.items.find((c: { name: string }) => c.name === 'Storvik Aluminium AS');
  token = await app.user({ name: 'Ingrid Berg', role: 'business', companyIds: [company.id] });
  const listings = await app.as(token).request('GET', `/listings?companyId=${company.id}&limit=100`);
  titles = listings.body.items.map((l: { title: string }) => l.title);
  expect(titles.length).toBeGreaterThan(0);

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const heading = (name: string) => page.getByRole('heading', { level: 1, name });
const stored = (key: string) => page.evaluate(`localStorage.getItem(${JSON.stringify(key)})`);

describe('a business in the browser', () => {
  it('when the app opens, then the sign-in screen asks for a token, with no serious accessibility violation', async () => {
    await page.goto(`${app.url}/`);
    await heading('Sign in').waitFor();
    expect(await page.getByLabel('Token').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });

  it('when a wrong token is given, then the refusal is announced next to the field', async () => {
    await page.getByLabel('Token').fill('sym_not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('#token-error[role="alert"]');
    await alert.filter({ hasText: 'not accepted' }).waitFor();
    expect(await page.getByLabel('Token').getAttribute('aria-invalid')).toBe('true');
    expect(await stored('symbiosis.token')).toBeNull();
    // Chromium logs the refused GET /me as an error of its own; that one was asked for.
    const refused = () => errors.findIndex((e) => e.includes('status of 401'));
    await expect.poll(refused).toBeGreaterThanOrEqual(0);
    errors.splice(refused(), 1);
  });

  it('when its token is given, then the business workspace lists the company’s listings as the API has them', async () => {
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Your companies').waitFor();
    expect(new URL(page.url()).hash).toBe('#/business');
    await page.getByRole('heading', { level: 2, name: `Listings of ${company.name}` }).waitFor();
    const table = page.getByRole('table', { name: `Listings of ${company.name}` });
    await table.waitFor();
    const rows = await table.locator('tbody th[scope="row"]').allTextContents();
    expect(rows.sort()).toEqual([...titles].sort());
    expect(await page.locator('header').textContent()).toContain('Ingrid Berg');
    expect(await stored('symbiosis.token')).toBe(token);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-workspace-en');
  });

  it('when the page is loaded again, then the remembered token opens the workspace without signing in', async () => {
    await page.reload();
    await heading('Your companies').waitFor();
  });

  it('when Norwegian is chosen, then the workspace speaks bokmål, formats for Norway, and remembers it', async () => {
    await page.getByLabel('Language').selectOption('nb');
    await heading('Dine bedrifter').waitFor();
    expect(await page.getByRole('button', { name: 'Logg ut' }).isVisible()).toBe(true);
    expect(await page.evaluate('document.documentElement.lang')).toBe('nb');
    await page.getByRole('columnheader', { name: 'Mengde' }).waitFor();
    const quantities = await page.locator('tbody td.number').allTextContents();
    expect(
      quantities.some((q) => /^\d[\d\u00a0]*(,\d)? (t|MWh|m³)\/år$/.test(q)),
      quantities.join(' | '),
    ).toBe(true);
    expect(quantities.join(' ')).not.toMatch(/\/yr\b/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-workspace-nb');
    await page.reload();
    await heading('Dine bedrifter').waitFor();
    expect(await stored('symbiosis.language')).toBe('nb');
  });

  it('when the business signs out, then the token is forgotten and the sign-in screen says so', async () => {
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await heading('Logg inn').waitFor();
    await page.getByRole('status').filter({ hasText: 'Du er logget ut.' }).waitFor();
    expect(await stored('symbiosis.token')).toBeNull();
    expect(new URL(page.url()).hash).toBe('');
  });

  it('when the journey is over, then the page logged no error', () => {
    expect(errors).toEqual([]);
  });
});

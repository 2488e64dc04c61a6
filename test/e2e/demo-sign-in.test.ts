/**
 * On a demo instance the demo users are one click away: the sign-in page offers the demo
 * business, facilitator and analyst, and each button opens that role's workspace. An instance
 * that is no demo shows no such buttons.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoUsers, type DemoTokens, loadDemoIfEmpty } from '../../src/services/demo.ts';
import { launchChromium, screenshot, seriousViolations, watchErrors } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;
let tokens: DemoTokens | undefined;

beforeAll(async () => {
  app = await startTestApp({ demoSignIn: { tokens: () => tokens } });
  await loadDemoIfEmpty(app.runtime.deps);
  tokens = await createDemoUsers(app.runtime.deps);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signInPage(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = watchErrors(page);
  await page.goto(`${app.url}/`);
  return { page, errors };
}

describe('one-click demo sign-in', () => {
  it('when the instance is a demo, then each demo user is one click from its workspace, in English and bokmål', async () => {
    const cases = [
      { button: 'Demo business (a smelter)', heading: 'Your companies', hash: '#/business' },
      { button: 'Demo facilitator (its municipality)', heading: 'Review queue', hash: '#/facilitator' },
      { button: 'Demo analyst', heading: 'Indicators', hash: '#/analyst' },
    ];
    for (const c of cases) {
      const { page, errors } = await signInPage('en-GB');
      const demo = page.getByRole('region', { name: 'Try the demo' });
      await demo.getByRole('button', { name: c.button }).click();
      await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
      expect(new URL(page.url()).hash.startsWith(c.hash)).toBe(true);
      expect(errors).toEqual([]);
      await page.context().close();
    }
    const { page, errors } = await signInPage('nb-NO');
    const demo = page.getByRole('region', { name: 'Prøv demoen' });
    await demo.getByRole('button', { name: 'Demobedrift (et smelteverk)' }).waitFor();
    // The admin is never offered.
    expect(await demo.getByRole('button').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-demo-nb');
    await demo.getByRole('button', { name: 'Demobedrift (et smelteverk)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dine bedrifter' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('when the instance is no demo, then the sign-in page offers no demo users', async () => {
    const saved = tokens;
    tokens = undefined;
    try {
      const { page, errors } = await signInPage('en-GB');
      await page.getByLabel('Token').waitFor();
      // The check for demo users has answered (an empty list) once the page is idle.
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('region', { name: 'Try the demo' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      tokens = saved;
    }
  });
});

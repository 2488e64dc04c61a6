/**
 * A real browser for the end-to-end tests: Debian's Chromium driven by playwright-core (a test
 * tool's own browser download is not needed and does not work here), headless, on the app the
 * harness serves. axe-core scans a page for accessibility violations; console errors (a
 * Content-Security-Policy refusal among them) and uncaught page errors are collected.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Result } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '../e2e/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install it (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  // Chromium's sandbox refuses to run as root (containers, CI).
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

/** Errors the page logged or threw, as they happen. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA and best
 * practices). The source goes in through the debugging protocol (page.evaluate), which the page's
 * Content-Security-Policy does not govern, so the policy stays on for the app itself.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Strings, not functions: this file is type-checked for Node, without the DOM's types.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, ${JSON.stringify(AXE_OPTIONS)}).then((r) => r.violations)`,
  )) as Result[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A page with the errors it logs. */
export interface Session {
  page: Page;
  errors: string[];
}

/**
 * A fresh browser context at 1366×768 on the app at `url`, signed in with `token` through the
 * sign-in form; `nb` opens the app in bokmål (from the locale). Not awaited: what the page shows
 * after signing in.
 */
export async function signInWith(
  browser: Browser,
  url: string,
  token: string,
  language: 'en' | 'nb' = 'en',
  options: { acceptDownloads?: boolean } = {},
): Promise<Session> {
  const context = await browser.newContext({
    locale: language === 'nb' ? 'nb-NO' : 'en-GB',
    viewport: { width: 1366, height: 768 },
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  await page.goto(`${url}/`);
  await page.getByLabel(language === 'nb' ? 'Tilgangsnøkkel' : 'Token').fill(token);
  await page.getByRole('button', { name: language === 'nb' ? 'Logg inn' : 'Sign in' }).click();
  return { page, errors };
}

/**
 * My account in a real browser, on the demo region. A business user whose token expires in 7 days
 * is told so under the header, follows the notice to My account (who it is, its tokens, this
 * browser's marked) and renews this browser's sign-in: the old token is then refused, the browser
 * holds another that the API accepts, and a reload finds it still signed in, the notice gone. It
 * makes a token for another device (its lifetime checked in the page first), shown once, which
 * the API accepts; a token of the same user made elsewhere is revoked from its row, and signing
 * out everywhere else revokes the rest while the browser stays signed in. An admin still lands on
 * its first workspace, reaches My account from its name in the header (no tab for it), and the
 * header keeps one row at 1366 px. In bokmål the same view shows none of the app's English texts,
 * and a 409 (ten valid tokens already) shows in bokmål. axe-core finds no serious or critical
 * violation on any screen; the page logs no error but the 4xx the test provokes.
 * Screenshots go to test/e2e/screenshots/account-*.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import {
  launchChromium,
  type Session,
  screenshot,
  seriousViolations,
  signInWith,
} from '../support/browser.ts';
import { englishPatterns, markedEnglish, englishShown as shownEnglish } from '../support/english.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers
type Json = any;

const TOKEN_KEY = 'symbiosis.token';
const DAY_MS = 86_400_000;

let app: TestApp;
let browser: Browser;
const company = { id: '', name: 'Storvik Aluminium AS' };

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  const found = await app.request('GET', `/companies?q=${encodeURIComponent(company.name)}`);
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  company.id = found.body.items.find((c: { name: string }) => c.name === company.name).id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const signedIn = (token: string, language: 'en' | 'nb' = 'en'): Promise<Session> =>
  signInWith(browser, app.url, token, language);

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** A date as the app writes it (Intl's medium style, Norwegian time). */
const dateIn = (language: 'en' | 'nb', iso: string) =>
  new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'Europe/Oslo',
  }).format(new Date(iso));

/** Chromium logs a refused request (400, 409) as an error of its own; those the test asked for are forgiven. */
async function forgive(errors: string[], status: string) {
  const at = () => errors.findIndex((e) => e.includes(status));
  await expect.poll(at).toBeGreaterThanOrEqual(0);
  errors.splice(at(), 1);
}

const stored = (page: Page) => page.evaluate(`localStorage.getItem(${JSON.stringify(TOKEN_KEY)})`);

/** The header's notice that the sign-in is about to expire. */
const expiryNotice = (page: Page) =>
  page
    .locator('header')
    .getByRole('status')
    .filter({ hasText: /^(Your sign-in expires|Innloggingen din utløper)/ });

/** The rows of the tokens table, each as its cells' text. */
const tokenRows = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('table.tokens tbody tr')].map((tr) =>
    [...tr.children].map((c) => c.textContent.trim()))`) as Promise<string[][]>;

/**
 * Whether the header's brand, tabs and tools share one row (their middles within a few pixels),
 * and the user's name, role and Sign out another (the same one at 1366 px).
 */
async function headerRows(page: Page): Promise<{ main: boolean; user: boolean; fits: boolean }> {
  return (await page.evaluate(`(() => {
    const mid = (el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; };
    const same = (els) => els.every((el) => Math.abs(mid(el) - mid(els[0])) < 8);
    const q = (s) => document.querySelector(s);
    return {
      main: same([q('header .brand'), q('header .tools')].concat(q('header nav') ? [q('header nav')] : [])),
      user: same([q('header .user-link'), q('header .user-role'), q('header .sign-out')]),
      fits: document.documentElement.scrollWidth <= window.innerWidth,
    };
  })()`)) as { main: boolean; user: boolean; fits: boolean };
}

describe('a business user renews its sign-in and manages its tokens', () => {
  let session: Session;
  let first = '';
  let renewed = '';
  /** The token made for another device. */
  let device = '';

  it('when the token expires in 7 days, then a notice under the header leads to My account', async () => {
    first = await app.user({
      name: 'Ingrid Berg',
      role: 'business',
      companyIds: [company.id],
      expiresInDays: 7,
    });
    const me: Json = (await app.as(first).request('GET', '/me')).body;
    session = await signedIn(first);
    const { page, errors } = session;
    // The business still lands in its own workspace; the header has no tab for the account.
    await h1(page, 'Your companies').waitFor();
    expect(new URL(page.url()).hash).toBe('#/business');
    expect(await page.locator('header nav').count()).toBe(1);
    expect(await page.locator('header nav').getByRole('link').allTextContents()).toEqual(['Companies']);
    const notice = expiryNotice(page);
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      `Your sign-in expires on ${dateIn('en', me.tokenExpiresAt)}. Renew it`,
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await headerRows(page)).toEqual({ main: true, user: true, fits: true });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-notice-en');

    await notice.getByRole('link', { name: 'Renew it' }).click();
    await h1(page, 'My account').waitFor();
    expect(new URL(page.url()).hash).toBe('#/account');
    // The heading takes the focus as the view opens.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('My account');
    const who = page.getByRole('region', { name: 'Who you are' });
    await who.getByText('Ingrid Berg', { exact: true }).waitFor();
    await who.getByText('Business', { exact: true }).waitFor();
    await who.getByText(company.name, { exact: true }).waitFor();
    await who.getByText(dateIn('en', me.tokenExpiresAt), { exact: true }).waitFor();
    // The header's name is the way here, marked as the page open.
    const link = page.locator('header').getByRole('link', { name: 'Ingrid Berg – My account' });
    expect(await link.getAttribute('aria-current')).toBe('page');
    const table = page.getByRole('table', { name: 'Your tokens, oldest first' });
    await table.waitFor();
    const rows = await tokenRows(page);
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toMatch(/This browser$/);
    expect(rows[0]![1]).toBe('Valid');
    expect(rows[0]![3]).toBe('the operator (command line)');
    // Last used: today, once the service has marked the sign-in (it does so beside the request).
    expect([dateIn('en', new Date().toISOString()), 'Never']).toContain(rows[0]![5]);
    expect(rows[0]![7]).toBe('In use here');
    await page.getByText('No other token of yours is valid', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-en');
    expect(errors).toEqual([]);
  });

  it('when the user renews this browser’s sign-in, then the old token is refused and the browser goes on with a new one', async () => {
    const { page, errors } = session;
    await page.getByRole('button', { name: 'Renew this browser’s sign-in' }).click();
    const done = page
      .getByRole('status')
      .filter({ hasText: /^This browser’s sign-in is renewed: it is valid until / });
    await done.waitFor();
    expect((await app.as(first).request('GET', '/me')).status).toBe(401);
    renewed = (await stored(page)) as string;
    expect(renewed).toMatch(/^sym_/);
    expect(renewed).not.toBe(first);
    const me = await app.as(renewed).request('GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.name).toBe('Ingrid Berg');
    // The API's default lifetime: 90 days from now.
    expect(Math.round((Date.parse(me.body.tokenExpiresAt) - Date.now()) / DAY_MS)).toBe(90);
    expect(await done.textContent()).toContain(dateIn('en', me.body.tokenExpiresAt));
    // The token's text is never shown.
    expect(await page.evaluate(`document.body.innerHTML.includes(${JSON.stringify(renewed)})`)).toBe(false);
    // The notice goes with the old token; the table shows the old revoked, the new one this browser's.
    await expect.poll(() => expiryNotice(page).count()).toBe(0);
    await expect.poll(async () => (await tokenRows(page)).map((r) => r[1])).toEqual(['Revoked', 'Valid']);
    const rows = await tokenRows(page);
    expect(rows[1]![0]).toMatch(/This browser$/);
    expect(rows[0]![0]).not.toMatch(/This browser$/);
    expect(rows[0]![6]).toMatch(/, by Ingrid Berg$/);
    await page
      .getByRole('region', { name: 'Who you are' })
      .getByText(dateIn('en', me.body.tokenExpiresAt), { exact: true })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-renewed-en');

    // The page keeps working: read afresh, it is still signed in (with the new token), no notice.
    await page.reload();
    await h1(page, 'My account').waitFor();
    await page.getByRole('table', { name: 'Your tokens, oldest first' }).waitFor();
    expect(await expiryNotice(page).count()).toBe(0);
    expect(await stored(page)).toBe(renewed);
    await page.locator('header nav').getByRole('link', { name: 'Companies', exact: true }).click();
    await h1(page, 'Your companies').waitFor();
    await page.getByRole('heading', { level: 2, name: `Listings of ${company.name}` }).waitFor();
    await page.locator('header').getByRole('link', { name: 'Ingrid Berg – My account' }).click();
    await h1(page, 'My account').waitFor();
    expect(errors).toEqual([]);
  });

  it('when the user makes a token for another device, then it is shown once and the API accepts it', async () => {
    const { page, errors } = session;
    await page.getByRole('table', { name: 'Your tokens, oldest first' }).waitFor();
    const days = page.getByLabel('Valid for (days)');
    expect(await days.inputValue()).toBe('90');
    // The API's own schema, in the page: at most a year; nothing is sent, the field says why.
    await days.fill('400');
    await page.getByRole('button', { name: 'Make the token' }).click();
    await page.locator('#own-token-expiresInDays-error').filter({ hasText: '365' }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('own-token-expiresInDays');
    expect((await app.as(renewed).request('GET', '/me/tokens')).body.items).toHaveLength(2);

    await days.fill('30');
    await page.getByRole('button', { name: 'Make the token' }).click();
    const panel = page.getByRole('region', { name: 'Your new token' });
    await panel.waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Your new token');
    await panel.getByText('It is shown only this once', { exact: false }).waitFor();
    device = await panel.getByLabel('Token for another device or a script').inputValue();
    expect(device).toMatch(/^sym_/);
    expect([first, renewed]).not.toContain(device);
    const me = await app.as(device).request('GET', '/me');
    expect(me.status).toBe(200);
    expect(Math.round((Date.parse(me.body.tokenExpiresAt) - Date.now()) / DAY_MS)).toBe(30);
    // This browser goes on with its own token; the new one is kept nowhere.
    expect(await stored(page)).toBe(renewed);
    expect(
      await page.evaluate(`JSON.stringify([{ ...localStorage }, { ...sessionStorage }, location.href]).includes(
        ${JSON.stringify(device)})`),
    ).toBe(false);
    await expect
      .poll(async () => (await tokenRows(page)).map((r) => r[1]))
      .toEqual(['Revoked', 'Valid', 'Valid']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-device-token-en');
    await panel.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    await page.getByRole('status').filter({ hasText: 'The token is hidden' }).waitFor();
    expect(await page.evaluate(`document.body.innerHTML.includes(${JSON.stringify(device)})`)).toBe(false);
    expect(errors).toEqual([]);

    // A token of the same user made elsewhere: read again, its row revokes it (confirmed first).
    const script: Json = (await app.as(renewed).request('POST', '/me/tokens', { expiresInDays: 5 })).body;
    expect((await app.as(script.token).request('GET', '/me')).status).toBe(200);
    await page.reload();
    await h1(page, 'My account').waitFor();
    await expect.poll(async () => (await tokenRows(page)).length).toBe(4);
    const created = dateIn(
      'en',
      (await app.as(renewed).request('GET', '/me/tokens')).body.items[3].createdAt,
    );
    await page.getByRole('button', { name: `Revoke the token made ${created} (${script.tokenId})` }).click();
    const yes = page.getByRole('button', { name: 'Yes, revoke the token' });
    await yes.waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Yes, revoke the token');
    expect((await app.as(script.token).request('GET', '/me')).status).toBe(200);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-revoke-en');
    await yes.click();
    await page
      .getByRole('status')
      .filter({ hasText: `The token made ${created} is revoked.` })
      .waitFor();
    expect((await app.as(script.token).request('GET', '/me')).status).toBe(401);
    expect((await app.as(device).request('GET', '/me')).status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('when the user signs out everywhere else, then the other device’s token is refused and this browser stays signed in', async () => {
    const { page, errors } = session;
    await page.getByRole('button', { name: 'Sign out everywhere else…' }).click();
    const yes = page.getByRole('button', { name: 'Yes, sign out everywhere else' });
    await yes.waitFor();
    await page.getByText('Revoke every other valid token (1)?', { exact: false }).waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Yes, sign out everywhere else');
    expect(await seriousViolations(page)).toEqual([]);
    await yes.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Signed out everywhere else. Tokens revoked: 1.' })
      .waitFor();
    expect((await app.as(device).request('GET', '/me')).status).toBe(401);
    expect((await app.as(renewed).request('GET', '/me')).status).toBe(200);
    await page.getByText('No other token of yours is valid', { exact: false }).waitFor();
    expect((await tokenRows(page)).map((r) => r[1])).toEqual(['Revoked', 'Valid', 'Revoked', 'Revoked']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-signed-out-elsewhere-en');
    await page.reload();
    await h1(page, 'My account').waitFor();
    expect(await stored(page)).toBe(renewed);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('an admin reaches My account from its name', () => {
  it('when the admin signs in, then it lands on its first workspace and its name, not a tab, leads to My account', async () => {
    const { page, errors } = await signedIn(app.adminToken, 'nb');
    await h1(page, 'Vurderingskø').waitFor();
    expect(new URL(page.url()).hash).toBe('#/facilitator');
    expect(await page.locator('header nav').getByRole('link').allTextContents()).toEqual([
      'Vurderingskø',
      'Indikatorer',
      'Brukere',
    ]);
    // A token of the default 90 days: no notice. The widest header (bokmål, three tabs) keeps one row.
    expect(await expiryNotice(page).count()).toBe(0);
    expect(await headerRows(page)).toEqual({ main: true, user: true, fits: true });
    await page.locator('header').getByRole('link', { name: 'Test admin – Min konto' }).click();
    await h1(page, 'Min konto').waitFor();
    expect(new URL(page.url()).hash).toBe('#/account');
    const who = page.getByRole('region', { name: 'Hvem du er' });
    await who.getByText('Administrator', { exact: true }).waitFor();
    // An admin acts for no company and has no regions: neither is listed.
    expect(await who.locator('dt').allTextContents()).toEqual([
      'Navn',
      'Rolle',
      'Innloggingen i denne nettleseren utløper',
    ]);
    await page.getByRole('table', { name: 'Tilgangsnøklene dine, eldste først' }).waitFor();
    expect(await headerRows(page)).toEqual({ main: true, user: true, fits: true });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-admin-nb');
    // On a phone the header wraps as before: its parts on rows of their own, the name with its role
    // and Sign out on one, nothing to scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => headerRows(page)).toEqual({ main: false, user: true, fits: true });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-admin-phone-nb');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('My account in bokmål', () => {
  /** My account's own texts with values in them count too. */
  const patterns = englishPatterns('account.');
  const englishShown = (page: Page) =>
    shownEnglish(
      page,
      'h1, h2, h3, label, legend, button, th, td, dt, dd, caption, option, p, a, li, span, strong',
      patterns,
    );

  it('when a business user opens My account in bokmål, confirms and is refused, then no English text shows', async () => {
    const token = await app.user({
      name: 'Kari Nilsen',
      role: 'business',
      companyIds: [company.id],
      expiresInDays: 7,
    });
    const me: Json = (await app.as(token).request('GET', '/me')).body;
    // Nine more valid tokens: ten in all, the most a user may hold.
    for (let i = 0; i < 9; i++)
      expect((await app.as(token).request('POST', '/me/tokens', { expiresInDays: 20 + i })).status).toBe(201);
    const { page, errors } = await signedIn(token, 'nb');
    await h1(page, 'Dine bedrifter').waitFor();
    const notice = expiryNotice(page);
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      `Innloggingen din utløper ${dateIn('nb', me.tokenExpiresAt)}. Forny den`,
    );
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-notice-nb');

    await notice.getByRole('link', { name: 'Forny den' }).click();
    await h1(page, 'Min konto').waitFor();
    await page.getByRole('table', { name: 'Tilgangsnøklene dine, eldste først' }).waitFor();
    await expect.poll(async () => (await tokenRows(page)).length).toBe(10);
    expect((await tokenRows(page))[0]![0]).toMatch(/Denne nettleseren$/);
    await page.getByRole('region', { name: 'Hvem du er' }).getByText(company.name, { exact: true }).waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-nb');

    // Ten valid tokens: the API's 409, in bokmål.
    await page.getByRole('button', { name: 'Lag nøkkelen' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'har allerede 10 gyldige nøkler; trekk tilbake én først' })
      .waitFor();
    await forgive(errors, 'status of 409');
    expect(await englishShown(page)).toEqual([]);
    expect(await markedEnglish(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-refused-nb');

    // The questions asked before revoking, in bokmål.
    await page
      .getByRole('button', { name: /^Trekk tilbake nøkkelen laget / })
      .first()
      .click();
    await page.getByRole('button', { name: 'Ja, trekk tilbake nøkkelen' }).waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Avbryt' }).first().click();
    await page.getByRole('button', { name: 'Logg ut alle andre steder …' }).click();
    await page.getByRole('button', { name: 'Ja, logg ut alle andre steder' }).waitFor();
    await page.getByText('Trekke tilbake alle andre gyldige nøkler (9)?', { exact: false }).waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-confirm-nb');

    // Signed out everywhere else, there is room again: the sign-in is renewed, in bokmål.
    await page.getByRole('button', { name: 'Ja, logg ut alle andre steder' }).click();
    await page.getByRole('status').filter({ hasText: 'Nøkler trukket tilbake: 9.' }).waitFor();
    await page.getByRole('button', { name: 'Forny innloggingen i denne nettleseren' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Innloggingen i denne nettleseren er fornyet/ })
      .waitFor();
    expect((await app.as(token).request('GET', '/me')).status).toBe(401);
    await expect.poll(() => expiryNotice(page).count()).toBe(0);
    expect(await englishShown(page)).toEqual([]);
    expect(await markedEnglish(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    // On a phone each token is a card: nothing to scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'))
      .toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-phone-nb');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

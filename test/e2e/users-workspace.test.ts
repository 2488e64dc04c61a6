/**
 * The users workspace in a real browser, on the demo region. The admin opens Users from the
 * header, is told of a blank name by the API's own schema in the page, adds a business user for a
 * demo company chosen by searching, and reads its token, shown once (copied, never stored by the
 * page); a new browser signs in with that token and lands in the business workspace showing that
 * company. In the account the admin revokes that token (the API then answers 401 to it), makes a
 * new one, and disables the user; disabling the last enabled admin shows the API's 409 in its
 * words. A facilitator of municipality 4617 sees only the business users of the companies in its
 * region, is offered no other role, is told by the API that a user needs a company it acts for
 * (the focus on that field), cannot choose a company outside its region, and adds a user. The
 * same screens in bokmål show none of the app's English texts. axe-core finds no serious or
 * critical violation on any screen; the page logs no error but the 4xx the test provokes.
 * Screenshots go to test/e2e/screenshots/users-*.
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
import { markedEnglish, englishShown as shownEnglish } from '../support/english.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers
type Json = any;

let app: TestApp;
let browser: Browser;
/** Demo companies: two in municipality 4617, one abroad (no Norwegian region). */
const companies = {
  smelter: { id: '', name: 'Storvik Aluminium AS' },
  silicon: { id: '', name: 'Fjordsil AS' },
  abroad: { id: '', name: 'Nordjysk Kraftvarme A/S' },
};
const NEW_USER = 'Eva Aluminium';
/** The admin's page, kept from one step to the next as a user would. */
let admin: Session;
let evaToken = '';
let facilitatorToken = '';

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  for (const company of Object.values(companies)) {
    const found = await app.request('GET', `/companies?q=${encodeURIComponent(company.name)}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    company.id = found.body.items.find((c: { name: string }) => c.name === company.name).id;
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const signedIn = (token: string, language: 'en' | 'nb' = 'en'): Promise<Session> =>
  signInWith(browser, app.url, token, language);

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Chromium logs a refused request (400, 403, 409) as an error of its own; those the test asked for are forgiven. */
async function forgive(errors: string[], status: string) {
  const at = () => errors.findIndex((e) => e.includes(status));
  await expect.poll(at).toBeGreaterThanOrEqual(0);
  errors.splice(at(), 1);
}

/** The names in the users table, as shown. */
const namesShown = (page: Page) =>
  page
    .getByRole('table', { name: /^(User accounts|Brukerkontoer)$/ })
    .locator('tbody th a')
    .allTextContents();

/** Opens the users workspace from the header's navigation. */
async function openUsers(page: Page, link = 'Users', heading = 'Users') {
  await page.locator('header nav').getByRole('link', { name: link, exact: true }).click();
  await h1(page, heading).waitFor();
  expect(new URL(page.url()).hash).toBe('#/users');
}

/** Whether the token's text is anywhere the page keeps things: storage, the URL, the history. */
async function tokenKept(page: Page, token: string): Promise<boolean> {
  const kept = (await page.evaluate(
    `JSON.stringify([{ ...localStorage }, { ...sessionStorage }, location.href, history.state])`,
  )) as string;
  return kept.includes(token);
}

describe('the admin manages users in the browser', () => {
  it('when the admin opens Users, then its accounts are listed with their roles, tokens and who made them', async () => {
    admin = await signedIn(app.adminToken);
    const { page } = admin;
    // The admin still lands on its first workspace; Users comes after the others in the header.
    await h1(page, 'Review queue').waitFor();
    expect(await page.locator('header nav').getByRole('link').allTextContents()).toEqual([
      'Review queue',
      'Indicators',
      'Users',
    ]);
    await openUsers(page);
    const table = page.getByRole('table', { name: 'User accounts' });
    await table.waitFor();
    const listed = (await app.request('GET', '/users?limit=25')).body.items;
    expect(await namesShown(page)).toEqual(listed.map((u: Json) => u.name));
    const row = table.locator('tbody tr').filter({ hasText: 'Test admin' });
    await row.getByText('Administrator').waitFor();
    await row.getByText('the operator (command line)', { exact: false }).waitFor();
    for (const label of ['Role', 'State', 'Name or company']) {
      expect(await page.getByLabel(label, { exact: true }).isVisible()).toBe(true);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-list-en');
  });

  it('when the admin adds a business user, then a blank name is named at once, and the token is shown once', async () => {
    const { page, errors } = admin;
    await page.getByRole('link', { name: 'Add a user' }).click();
    await h1(page, 'Add a user').waitFor();
    const role = page.getByLabel('Role', { exact: true });
    expect(await role.locator('option').allTextContents()).toEqual([
      'Business',
      'Facilitator',
      'Analyst',
      'Administrator',
    ]);
    // The API's own schema, in the page: nothing is sent, the name field says why and takes the focus.
    await page.getByRole('button', { name: 'Add the user' }).click();
    await page.locator('#user-name-error').filter({ hasText: 'must not be blank' }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('user-name');
    await page.getByRole('alert').filter({ hasText: 'Check the marked fields.' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill(NEW_USER);
    // A facilitator's regions are asked for a facilitator only.
    await role.selectOption('facilitator');
    await page.getByLabel('County or municipality').waitFor();
    await role.selectOption('business');
    const search = page.getByLabel('Find a company');
    await search.fill('Storvik Aluminium');
    await search.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Companies found: 1.' }).waitFor();
    await page.getByRole('button', { name: `Choose ${companies.smelter.name}` }).click();
    await page
      .getByRole('list', { name: 'Chosen companies' })
      .getByText(companies.smelter.name, { exact: true })
      .waitFor();
    expect(await page.getByLabel('Token valid for (days)').inputValue()).toBe('90');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-add-en');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Add the user' }).click();
    await h1(page, `${NEW_USER} is added`).waitFor();
    await page.getByText('It is shown only this once', { exact: false }).waitFor();
    const field = page.getByLabel(`Token for ${NEW_USER}`);
    evaToken = await field.inputValue();
    expect(evaToken).toMatch(/^sym_/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^The token is (copied|selected: press Ctrl\+C)/ })
      .waitFor();
    expect(await tokenKept(page, evaToken), 'the token kept by the page').toBe(false);
    const made: Json = (await app.request('GET', `/users?q=${encodeURIComponent(NEW_USER)}`)).body.items[0];
    expect(made).toMatchObject({ name: NEW_USER, role: 'business', validTokens: 1 });
    expect(made.companies).toEqual([companies.smelter]);
    expect(made.tokens[0].expiresAt.slice(0, 10)).toBe(
      new Date(Date.parse(made.tokens[0].createdAt) + 90 * 86_400_000).toISOString().slice(0, 10),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-token-en');
    expect(errors).toEqual([]);
  });

  it('when a new browser signs in with that token, then it lands in the business workspace showing the company', async () => {
    const eva = await signedIn(evaToken);
    await h1(eva.page, 'Your companies').waitFor();
    expect(new URL(eva.page.url()).hash).toBe('#/business');
    await eva.page
      .getByRole('heading', { level: 2, name: `Listings of ${companies.smelter.name}` })
      .waitFor();
    await eva.page.getByText(NEW_USER, { exact: true }).waitFor();
    expect(eva.errors).toEqual([]);
    await eva.page.context().close();
  });

  it('when the admin leaves the token and revokes it in the account, then the API no longer accepts it', async () => {
    const { page, errors } = admin;
    await page.getByRole('button', { name: 'I have copied it: open the account' }).click();
    await h1(page, NEW_USER).waitFor();
    // Left behind: the token is in the page no more.
    expect(await page.evaluate(`document.body.innerHTML.includes(${JSON.stringify(evaToken)})`)).toBe(false);
    const account: Json = (await app.request('GET', `/users?q=${encodeURIComponent(NEW_USER)}`)).body
      .items[0];
    expect(new URL(page.url()).hash).toBe(`#/users/${account.id}`);
    const summary = page.getByRole('region', { name: 'Account' });
    await summary.getByText(companies.smelter.name, { exact: true }).waitFor();
    await summary.getByText('Test admin', { exact: false }).first().waitFor();
    const tokens = page.getByRole('table', { name: `Tokens of ${NEW_USER}, oldest first` });
    expect(await tokens.locator('tbody tr').count()).toBe(1);
    const tokenId: string = account.tokens[0].id;
    await tokens.locator('tbody tr').getByText('Valid', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-account-en');

    expect((await app.as(evaToken).request('GET', '/me')).status).toBe(200);
    await page.getByRole('button', { name: `Revoke token ${tokenId}` }).click();
    const yes = page.getByRole('button', { name: 'Yes, revoke the token' });
    await yes.waitFor();
    // Confirmed first: the question takes the focus, and nothing is revoked yet.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Yes, revoke the token');
    expect((await app.as(evaToken).request('GET', '/me')).status).toBe(200);
    expect(await seriousViolations(page)).toEqual([]);
    await yes.click();
    await page
      .getByRole('status')
      .filter({ hasText: /^The token made .* is revoked\.$/ })
      .waitFor();
    await tokens.locator('tbody tr').getByText('Revoked', { exact: true }).waitFor();
    await tokens.locator('tbody tr').getByText('Test admin', { exact: false }).nth(1).waitFor();
    expect(await page.getByRole('button', { name: `Revoke token ${tokenId}` }).count()).toBe(0);
    expect((await app.as(evaToken).request('GET', '/me')).status).toBe(401);
    expect(errors).toEqual([]);
  });

  it('when the admin makes a new token and disables the user, then the token shows once and then stops working', async () => {
    const { page, errors } = admin;
    await page.getByLabel('Token valid for (days)').fill('30');
    await page.getByRole('button', { name: 'Make a new token' }).click();
    const panel = page.getByRole('region', { name: `New token for ${NEW_USER}` });
    await panel.waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(`New token for ${NEW_USER}`);
    const fresh = await panel.getByLabel(`Token for ${NEW_USER}`).inputValue();
    expect(fresh).toMatch(/^sym_/);
    expect(fresh).not.toBe(evaToken);
    expect((await app.as(fresh).request('GET', '/me')).status).toBe(200);
    const tokens = page.getByRole('table', { name: `Tokens of ${NEW_USER}, oldest first` });
    await expect.poll(() => tokens.locator('tbody tr').count()).toBe(2);
    expect(await tokenKept(page, fresh)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-new-token-en');
    await panel.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    await page.getByRole('status').filter({ hasText: 'The token is hidden' }).waitFor();
    expect(await page.evaluate(`document.body.innerHTML.includes(${JSON.stringify(fresh)})`)).toBe(false);

    await page.getByRole('button', { name: 'Disable the user…' }).click();
    await page.getByText('this cannot be undone here', { exact: false }).waitFor();
    await page.getByRole('button', { name: `Yes, disable ${NEW_USER}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${NEW_USER} is disabled; every token is revoked.` })
      .waitFor();
    await page
      .getByRole('region', { name: 'Account' })
      .getByText('Disabled', { exact: true })
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Make a new token' }).count()).toBe(0);
    expect((await app.as(fresh).request('GET', '/me')).status).toBe(401);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('when the admin adds a facilitator, then its regions are chosen by name and a region is needed', async () => {
    const { page, errors } = admin;
    await page.getByRole('link', { name: 'Back to the users' }).click();
    await h1(page, 'Users').waitFor();
    await page.getByRole('link', { name: 'Add a user' }).click();
    await h1(page, 'Add a user').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Fia Fjord');
    await page.getByLabel('Role', { exact: true }).selectOption('facilitator');
    // No region: the API's schema says so in the page, next to the region field, which takes the focus.
    await page.getByRole('button', { name: 'Add the user' }).click();
    await page
      .locator('#user-regions-error')
      .filter({ hasText: 'a facilitator needs at least one region' })
      .waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('user-regions');
    const region = page.getByLabel('County or municipality');
    await region.selectOption('4617');
    await page.getByRole('button', { name: 'Add the region' }).click();
    const chosen = page.getByRole('list', { name: 'Chosen regions' });
    await chosen.getByText(/ \(4617\)$/).waitFor();
    // All of Norway stands alone.
    await region.selectOption('all');
    await page.getByRole('button', { name: 'Add the region' }).click();
    await chosen.getByText('All of Norway', { exact: true }).waitFor();
    expect(await chosen.locator('li').count()).toBe(1);
    await page.getByRole('button', { name: 'Remove All of Norway' }).click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('user-regions');
    await region.selectOption('4617');
    await page.getByRole('button', { name: 'Add the region' }).click();
    await chosen.getByText(/ \(4617\)$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-add-facilitator-en');
    await page.getByRole('button', { name: 'Add the user' }).click();
    await h1(page, 'Fia Fjord is added').waitFor();
    const token = await page.getByLabel('Token for Fia Fjord').inputValue();
    const me: Json = (await app.as(token).request('GET', '/me')).body;
    expect(me.role).toBe('facilitator');
    expect(me.regions.map((r: { code: string }) => r.code)).toEqual(['4617']);
    expect(errors).toEqual([]);
  });

  it('when the admin disables the last enabled admin, then the API’s 409 shows in its words', async () => {
    const { page, errors } = admin;
    await page.getByRole('link', { name: 'Back to the users' }).click();
    await h1(page, 'Users').waitFor();
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => namesShown(page)).toEqual(['Test admin']);
    await page.getByRole('link', { name: 'Test admin', exact: true }).click();
    await h1(page, 'Test admin').waitFor();
    await page.getByText('This is your own account.').waitFor();
    await page.getByRole('button', { name: 'Disable the user…' }).click();
    await page.getByRole('button', { name: 'Yes, disable Test admin' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'no other admin can sign in; make another admin before disabling this one' })
      .waitFor();
    await forgive(errors, 'status of 409');
    expect((await app.request('GET', '/me')).status).toBe(200);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-last-admin-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a facilitator of municipality 4617 manages the business users of its region', () => {
  let facilitator: Session;

  beforeAll(async () => {
    facilitatorToken = await app.user({ name: 'Frida Fasilitator', role: 'facilitator', regions: ['4617'] });
    await app.user({ name: 'Silje Silisium', role: 'business', companyIds: [companies.silicon.id] });
    await app.user({ name: 'Dorte Dansk', role: 'business', companyIds: [companies.abroad.id] });
    await app.user({
      name: 'Bo Begge',
      role: 'business',
      companyIds: [companies.silicon.id, companies.abroad.id],
    });
    await app.user({ name: 'Anna Analytiker', role: 'analyst' });
  });

  it('when the facilitator opens Users, then only the business users of companies in its region show, and no role filter', async () => {
    facilitator = await signedIn(facilitatorToken);
    const { page } = facilitator;
    await h1(page, 'Review queue').waitFor();
    await openUsers(page);
    await page.getByRole('table', { name: 'User accounts' }).waitFor();
    const listed: Json[] = (await app.as(facilitatorToken).request('GET', '/users?limit=25')).body.items;
    expect(listed.every((u) => u.role === 'business')).toBe(true);
    const names = await namesShown(page);
    expect(names).toEqual(listed.map((u) => u.name));
    expect(names).toContain('Silje Silisium');
    expect(names).toContain(NEW_USER);
    for (const hidden of ['Dorte Dansk', 'Bo Begge', 'Anna Analytiker', 'Test admin', 'Frida Fasilitator'])
      expect(names).not.toContain(hidden);
    expect(await page.locator('#users-filter-role').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-list-facilitator-en');
    // On a phone each account is a card: nothing to scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'))
      .toBe(true);
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector('table.users-table tbody tr')).display`),
    ).toBe('block');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-list-facilitator-phone-en');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('when the facilitator adds a user, then the role is business, a company outside its region cannot be chosen, and one is needed', async () => {
    const { page, errors } = facilitator;
    await page.getByRole('link', { name: 'Add a user' }).click();
    await h1(page, 'Add a user').waitFor();
    expect(await page.locator('#user-role').count()).toBe(0);
    await page.getByText('(facilitators add business users only)').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Siri Silisium');

    const search = page.getByLabel('Find a company');
    await search.fill('Nordjysk');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('list', { name: 'Companies found' });
    await results.getByText('Not in your regions').waitFor();
    expect(await results.getByRole('button').count()).toBe(0);

    // No company: the API says a facilitator must name one, next to the field, which takes the focus.
    await page.getByRole('button', { name: 'Add the user' }).click();
    await page
      .locator('#user-companyIds-error')
      .filter({ hasText: 'name at least one company you act for' })
      .waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('user-companyIds');
    expect(await search.getAttribute('aria-invalid')).toBe('true');
    await forgive(errors, 'status of 400');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-add-facilitator-refused-en');

    await search.fill('Fjordsil');
    await search.press('Enter');
    await page.getByRole('button', { name: `Choose ${companies.silicon.name}` }).click();
    await page.getByRole('button', { name: 'Add the user' }).click();
    await h1(page, 'Siri Silisium is added').waitFor();
    const token = await page.getByLabel('Token for Siri Silisium').inputValue();
    const me: Json = (await app.as(token).request('GET', '/me')).body;
    expect(me).toMatchObject({ name: 'Siri Silisium', role: 'business', companies: [companies.silicon] });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the users workspace in bokmål', () => {
  const englishShown = (page: Page) =>
    shownEnglish(
      page,
      'h1, h2, h3, label, legend, button, th, td, dt, dd, caption, option, p, a, li, span, strong',
    );

  it('when the facilitator lists, adds and opens users in bokmål, then no English text shows', async () => {
    const { page, errors } = await signedIn(facilitatorToken, 'nb');
    await h1(page, 'Vurderingskø').waitFor();
    await openUsers(page, 'Brukere', 'Brukere');
    await page.getByRole('table', { name: 'Brukerkontoer' }).waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-list-nb');

    await page.getByRole('link', { name: 'Legg til en bruker' }).click();
    await h1(page, 'Legg til en bruker').waitFor();
    const search = page.getByLabel('Finn en bedrift');
    await search.fill('Nordjysk');
    await search.press('Enter');
    await page.getByText('Ikke i regionene dine').waitFor();
    await page.getByLabel('Navn', { exact: true }).fill('Per Pellets');
    await page.getByLabel('Nøkkelen gjelder i (dager)').fill('0');
    await page.getByRole('button', { name: 'Legg til brukeren' }).click();
    // The schema's words in bokmål, next to the field.
    await page.locator('#user-expiresInDays-error').filter({ hasText: 'må være minst 1' }).waitFor();
    await page.getByLabel('Nøkkelen gjelder i (dager)').fill('30');
    await page.getByRole('button', { name: 'Legg til brukeren' }).click();
    // The API's 400 in bokmål, next to the companies.
    await page
      .locator('#user-companyIds-error')
      .filter({ hasText: 'velg minst én bedrift du handler for' })
      .waitFor();
    await forgive(errors, 'status of 400');
    expect(await englishShown(page)).toEqual([]);
    expect(await markedEnglish(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-add-nb');

    await search.fill('Nesvik Pellets');
    await search.press('Enter');
    await page.getByRole('button', { name: 'Velg Nesvik Pellets AS' }).click();
    await page.getByRole('button', { name: 'Legg til brukeren' }).click();
    await h1(page, 'Per Pellets er lagt til').waitFor();
    await page.getByLabel('Tilgangsnøkkel for Per Pellets').waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-token-nb');

    await page.getByRole('button', { name: 'Jeg har kopiert den: åpne kontoen' }).click();
    await h1(page, 'Per Pellets').waitFor();
    await page.getByRole('table', { name: 'Tilgangsnøklene til Per Pellets, eldste først' }).waitFor();
    await page.getByRole('button', { name: 'Deaktiver brukeren …' }).click();
    await page.getByRole('button', { name: 'Ja, deaktiver Per Pellets' }).waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await markedEnglish(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-account-nb');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

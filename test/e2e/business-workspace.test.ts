/**
 * The business workspace in a real browser, on the demo region: a business adds a site by clicking
 * the map, registers a material listing whose waste code it finds with the picker (a misspelt word
 * first, corrected by "did you mean"), sees the suggestions the API answered at once, opens one
 * (score terms, impact, the other side) and answers it; bad input shows the API's message next to
 * the field it names; a listing is edited; an energy offer carries temperatures, power and both
 * profiles; a business with no company registers one and its site by typed coordinates; the same
 * journey in bokmål shows no English UI text; a newcomer's company with no listings sees what
 * companies of its division usually have, and one click opens a filled-in listing form; asked why
 * there are not more suggestions, the closest listings show with their rules, in both languages; a
 * phone-size screen has nothing to scroll sideways
 * and its form is walked by keyboard. axe-core finds no serious or critical violation on any
 * screen, and the pages log no error but the 400s the bad input asked for. Screenshots go to
 * test/e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { en, nb } from '../../web/src/i18n/messages.ts';
import { fitProjection, NORWAY_BOX } from '../../web/src/map/projection.ts';
import { launchChromium, screenshot, seriousViolations, watchErrors } from '../support/browser.ts';
import { englishShown as shownEnglish } from '../support/english.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;
let token = '';
let company = { id: '', name: '' };

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  const found = await app.request('GET', '/companies?q=Storvik');
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  company = found.body.items.find((c: { name: string }) => c.name === 'Storvik Aluminium AS');
  token = await app.user({ name: 'Ingrid Berg', role: 'business', companyIds: [company.id] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Session {
  page: Page;
  errors: string[];
}

async function signedIn(
  options: { locale?: string; width?: number; height?: number; language?: 'en' | 'nb'; token?: string } = {},
): Promise<Session> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 1366, height: options.height ?? 768 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = watchErrors(page);
  await page.goto(`${app.url}/`);
  const nbUi = options.language === 'nb';
  await page.getByLabel(nbUi ? 'Tilgangsnøkkel' : 'Token').fill(options.token ?? token);
  await page.getByRole('button', { name: nbUi ? 'Logg inn' : 'Sign in' }).click();
  await h1(page, nbUi ? 'Dine bedrifter' : 'Your companies').waitFor();
  return { page, errors };
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Errors the page logged, less the refused requests a test asked for (Chromium logs each 4xx). */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 400/.test(e));

/** Fills the parts of a new material listing every journey shares; the waste code is the caller's. */
async function startMaterialListing(page: Page, title: string, quantity: string, labels = en) {
  await page.getByRole('button', { name: labels['business.listing.new'], exact: true }).click();
  await h1(page, labels['business.listing.newTitle'].replace('{company}', company.name)).waitFor();
  await page.getByLabel(labels['listing.title'], { exact: true }).fill(title);
  await page.getByLabel(labels['listing.quantity'], { exact: true }).fill(quantity);
  await page.getByLabel(labels['business.listing.unit'], { exact: true }).selectOption('t');
  await page.getByLabel(labels['business.listing.period'], { exact: true }).selectOption('year');
}

describe('the business workspace', () => {
  let session: Session;
  let suggestionId = '';

  it('when the business adds a site by clicking the map, then the place clicked is its coordinates', async () => {
    session = await signedIn();
    const { page } = session;
    await page.getByRole('button', { name: `Add a site to ${company.name}` }).click();
    await page.getByLabel('Site name').fill('Trondheim depot');
    const svg = page.locator('.site-form svg');
    // Once the boundaries are drawn: until then the map's caption says it is loading, and the page
    // may still change height (a scroll bar coming or going changes the map's width, so a click
    // measured before would land elsewhere).
    await svg.locator('path.area').first().waitFor();
    await page.locator('.site-form .map-note').waitFor({ state: 'detached' });
    // Where Trondheim is drawn: the map's own projection of the whole country, scaled to the picture.
    const p = fitProjection(NORWAY_BOX, 640, 560, 12);
    const box = (await svg.boundingBox())!;
    const scale = box.width / Math.round(p.width);
    await svg.click({ position: { x: p.x(10.39) * scale, y: p.y(63.43) * scale } });
    expect(Number(await page.getByLabel('Latitude (degrees north)').inputValue())).toBeCloseTo(63.43, 1);
    expect(Number(await page.getByLabel('Longitude (degrees east)').inputValue())).toBeCloseTo(10.39, 1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-site-picker-en');
    await page.getByRole('button', { name: 'Add the site' }).click();
    await page.getByRole('status').filter({ hasText: 'The site Trondheim depot is added.' }).waitFor();
    await page.getByText('Trondheim depot').first().waitFor();
    const sites = await app.as(token).request('GET', `/companies/${company.id}/sites`);
    const added = sites.body.items.find((s: { name?: string }) => s.name === 'Trondheim depot');
    expect(added.municipalityCode).toBe('5001');
  });

  it('when a material listing is registered with a waste code found by the picker, then its suggestions show at once', async () => {
    const { page } = session;
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-workspace-en');
    await startMaterialListing(page, 'Sawdust and shavings from the planing mill', '2000');
    expect(await page.getByLabel('Site', { exact: true }).locator('option').count()).toBeGreaterThan(1);
    // A misspelt word finds nothing, and "did you mean" offers the word of the list.
    const search = page.getByLabel('List of Waste codes');
    await search.fill('sawdsut');
    await page.getByRole('status').filter({ hasText: 'No code matches.' }).waitFor();
    await page.getByRole('button', { name: 'sawdust', exact: true }).click();
    const result = page
      .getByRole('list', { name: 'Matching codes' })
      .getByRole('button', { name: /^030105/ });
    await result.click();
    await page.getByRole('list', { name: 'Chosen codes' }).getByText('030105').waitFor();
    await page.getByLabel('Material category').selectOption('wood-residues');
    await page.getByText('Covers the waste codes 030101').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-listing-form-en');

    await page.getByRole('button', { name: 'Register the listing' }).click();
    await h1(page, 'Suggestions for “Sawdust and shavings from the planing mill”').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /found at once/ })
      .waitFor();
    const listings = await app.as(token).request('GET', `/listings?companyId=${company.id}&limit=100`);
    const listing = listings.body.items.find((l: { title: string }) => l.title.startsWith('Sawdust'));
    expect(listing.material.wasteCodes).toEqual(['030105']);
    expect(listing.material.category).toBe('wood-residues');
    const suggestions = await app.as(token).request('GET', `/listings/${listing.id}/suggestions`);
    expect(suggestions.body.items.length).toBeGreaterThan(0);
    await page.locator('.suggestion-card').first().waitFor();
    expect(await page.locator('.suggestion-card').count()).toBe(suggestions.body.items.length);
    suggestionId = suggestions.body.items[0].id;
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-suggestions-en');
  });

  it('when the business asks why there are not more suggestions, then the closest listings show with the rules that stopped or lowered them, as the API says', async () => {
    const { page } = session;
    const listings = await app.as(token).request('GET', `/listings?companyId=${company.id}&limit=100`);
    const listing = listings.body.items.find((l: { title: string }) => l.title.startsWith('Sawdust'));
    const api = await app.as(token).request('GET', `/listings/${listing.id}/diagnostics?limit=5`);
    expect(api.status).toBe(200);
    const diagnostics = page.locator('details.diagnostics');
    await diagnostics.getByText('Why not more suggestions?').click();
    await diagnostics.getByRole('heading', { name: 'The closest' }).waitFor();
    expect(api.body.closest.length).toBeGreaterThan(0);
    expect(await diagnostics.locator('ol.closest > li').count()).toBe(api.body.closest.length);
    const first = api.body.closest[0];
    await diagnostics.locator('ol.closest > li').first().getByText(first.counterpart.title).waitFor();
    for (const rule of first.rules as { reason: string }[])
      await diagnostics.locator('ol.closest > li').first().getByText(rule.reason, { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-diagnostics-en');
    await diagnostics.getByText('Why not more suggestions?').click();
  });

  it('when a suggestion is opened and answered interested, then the explanation shows and the API has the answer', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Open' }).first().click();
    await h1(page, 'Suggestion').waitFor();
    const terms = page.getByRole('table', { name: 'What the score is made of' });
    await terms.waitFor();
    for (const term of ['Resource fit', 'Quantity', 'Distance'])
      await terms.getByRole('rowheader', { name: new RegExp(`^${term}`) }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Impact' }).waitFor();
    // The economics: the route by road, the transport's cost, the basis of the estimate.
    const economics = page.locator('section[aria-labelledby="suggestion-economics"]');
    await economics.getByRole('heading', { level: 2, name: 'Economics' }).waitFor();
    await economics.getByText(/km straight, about \d+ km by road/).waitFor();
    await economics.getByText(/Estimates from cost set costs-no-2025@/).waitFor();
    await page.getByRole('heading', { level: 2, name: 'The other side' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Interested', exact: true }).isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-suggestion-en');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('status').filter({ hasText: 'Your interest is recorded.' }).waitFor();
    const review = await app.as(token).request('GET', `/suggestions/${suggestionId}`);
    expect(review.status).toBe(200);
    const side = review.body.yourSides[0] as 'offer' | 'need';
    expect(review.body.interest[side]).toBe('interested');
    await page.getByText('You answered: Interested.').waitFor();
  });

  it('when the quantity is 0, then the API’s schema message shows next to the quantity, announced and linked to it, before anything is sent', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Back to the suggestions for' }).click();
    await page.getByRole('button', { name: 'Back to your companies' }).click();
    await startMaterialListing(page, 'Nothing at all', '0');
    const search = page.getByLabel('List of Waste codes');
    await search.fill('100316');
    await search.press('Enter');
    await page.getByRole('list', { name: 'Chosen codes' }).getByText('100316').waitFor();
    await page.getByRole('button', { name: 'Register the listing' }).click();
    const summary = page.locator('.error-summary[role="alert"]');
    await summary.filter({ hasText: 'Not saved: 1 problem, shown next to its field.' }).waitFor();
    const quantity = page.getByLabel('Quantity', { exact: true });
    const errorText = page.locator('#listing-quantity-value-error');
    await errorText.filter({ hasText: 'must be greater than 0' }).waitFor();
    expect(await quantity.getAttribute('aria-invalid')).toBe('true');
    expect((await quantity.getAttribute('aria-describedby'))?.split(' ')).toContain(
      'listing-quantity-value-error',
    );
    // The summary's entry moves the focus to the field.
    await summary.getByRole('button', { name: 'Quantity' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('listing-quantity-value');
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-bad-input-en');
    // What only the API can judge (the quantity's bounds in its kind's canonical unit) comes back
    // from it in a 400 and is placed the same way.
    const refused = page.waitForResponse((r) => r.url().endsWith('/listings') && r.status() === 400);
    await quantity.fill('5000000000');
    await page.getByRole('button', { name: 'Register the listing' }).click();
    await refused;
    await errorText.filter({ hasText: 'more than the 1e8 t/yr' }).waitFor();
    expect(await quantity.getAttribute('aria-invalid')).toBe('true');
    // Corrected, the same form is accepted.
    await quantity.fill('12');
    await page.getByRole('button', { name: 'Register the listing' }).click();
    await h1(page, 'Suggestions for “Nothing at all”').waitFor();
  });

  it('when a listing is edited, then the change is saved and its suggestions show again', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Back to your companies' }).click();
    await page.getByRole('button', { name: 'Edit Nothing at all' }).click();
    await h1(page, 'Change “Nothing at all”').waitFor();
    expect(await page.getByLabel('Quantity', { exact: true }).inputValue()).toBe('12');
    expect(await page.getByLabel('Resource', { exact: true }).isDisabled()).toBe(true);
    await page.getByRole('list', { name: 'Chosen codes' }).getByText('100316').waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Aluminium skimmings, second batch');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await h1(page, 'Suggestions for “Aluminium skimmings, second batch”').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /The changes are saved/ })
      .waitFor();
    const listings = await app.as(token).request('GET', `/listings?companyId=${company.id}&limit=100`);
    const titles = listings.body.items.map((l: { title: string }) => l.title);
    expect(titles).toContain('Aluminium skimmings, second batch');
    expect(titles).not.toContain('Nothing at all');
  });

  it('when an energy offer is registered with temperatures, power and profiles, then the API has them all', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Back to your companies' }).click();
    await page.getByRole('button', { name: 'New listing', exact: true }).click();
    await page.getByLabel('Resource', { exact: true }).selectOption('energy');
    expect(await page.getByLabel('Unit', { exact: true }).locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['MWh', 'GWh', 'kW', 'MW']),
    );
    await page.getByLabel('Title', { exact: true }).fill('Low-temperature heat from the casthouse');
    await page.getByLabel('Quantity', { exact: true }).fill('1,5');
    await page.getByLabel('Unit', { exact: true }).selectOption('MW');
    expect(await page.getByLabel('Per', { exact: true }).count()).toBe(0);
    await page.getByLabel('Operating hours per year').fill('8000');
    await page.getByLabel('Carrier').selectOption('hot-water');
    await page.getByLabel('Supply temperature, °C').fill('65');
    await page.getByLabel('Return temperature, °C').fill('35');
    await page.getByLabel('Power, kW').fill('1500');
    await page.getByLabel('Hourly profile').selectOption('hotmaps-no:iron_and_steel');
    const factors = ['1', '1', '0,9', '0,8', '0,7', '0,6', '0,6', '0,6', '0,7', '0,8', '0,9', '1'];
    for (const [i, month] of [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ].entries())
      await page.getByLabel(month, { exact: true }).fill(factors[i]!);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-energy-form-en');
    await page.getByRole('button', { name: 'Register the listing' }).click();
    await h1(page, 'Suggestions for “Low-temperature heat from the casthouse”').waitFor();
    const listings = await app
      .as(token)
      .request('GET', `/listings?companyId=${company.id}&kind=energy&limit=100`);
    const heat = listings.body.items.find((l: { title: string }) => l.title.startsWith('Low-temperature'));
    expect(heat.quantity).toEqual({ value: 1.5, unit: 'MW', operatingHours: 8000 });
    expect(heat.canonicalQuantity).toEqual({ value: 12_000, unit: 'MWh/yr' });
    expect(heat.energy).toEqual({
      carrier: 'hot-water',
      supplyTemperatureC: 65,
      returnTemperatureC: 35,
      powerKw: 1500,
      monthlyProfile: [1, 1, 0.9, 0.8, 0.7, 0.6, 0.6, 0.6, 0.7, 0.8, 0.9, 1],
      hourlyProfile: 'hotmaps-no:iron_and_steel',
    });
  });

  it('when the journey is over, then the page logged no error but the refused bad input', () => {
    expect(unexpected(session.errors)).toEqual([]);
  });
});

describe('a business that acts for no company yet', () => {
  it('when it registers its company and types a site’s coordinates, then it can add listings there', async () => {
    const newcomer = await app.user({ name: 'Per Hansen', role: 'business', companyIds: [] });
    const { page, errors } = await signedIn({ token: newcomer });
    await page.getByText('You act for no company yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Company name').fill('Fjordtre AS');
    await page.getByLabel('Industry code (SN2007/NACE)').fill('99.999');
    await page.getByRole('button', { name: 'Register the company' }).click();
    // The API checks the fields first (a Norwegian company needs its number), then the code's classes.
    const orgNumber = page.getByLabel('Organisation number');
    await page.locator('#company-orgNumber-error').filter({ hasText: 'is required' }).waitFor();
    expect(await orgNumber.getAttribute('aria-invalid')).toBe('true');
    await orgNumber.fill('923 609 016');
    await page.getByRole('button', { name: 'Register the company' }).click();
    const industry = page.getByLabel('Industry code (SN2007/NACE)');
    await page.locator('#company-industry-error').filter({ hasText: '99.999' }).waitFor();
    expect(await industry.getAttribute('aria-invalid')).toBe('true');
    await industry.fill('16.100');
    await page.getByRole('button', { name: 'Register the company' }).click();
    await page.getByRole('status').filter({ hasText: 'Fjordtre AS is registered.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Listings of Fjordtre AS' }).waitFor();
    expect(await page.getByRole('button', { name: 'New listing', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Add a site to Fjordtre AS' }).click();
    await page.getByLabel('Site name').fill('Sagbruket');
    await page.getByLabel('Latitude (degrees north)').fill('60,39');
    await page.getByLabel('Longitude (degrees east)').fill('5.32');
    await page.getByRole('button', { name: 'Add the site' }).click();
    await page.getByRole('status').filter({ hasText: 'The site Sagbruket is added.' }).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: 'New listing', exact: true }).isEnabled())
      .toBe(true);
    const me = await app.as(newcomer).request('GET', '/me');
    expect(me.body.companies.map((c: { name: string }) => c.name)).toEqual(['Fjordtre AS']);
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('a newcomer’s company with no listings', () => {
  it('when it has no listing yet, then it sees what companies of its division usually have, and one click opens a filled-in form', async () => {
    const newcomer = await app.user({ name: 'Kari Nilsen', role: 'business', companyIds: [] });
    const registered = await app.as(newcomer).request('POST', '/companies', {
      name: 'Fjordstøp AS',
      country: 'SE',
      industry: '24.530',
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const id = registered.body.id as string;
    const added = await app.as(newcomer).request('POST', `/companies/${id}/sites`, {
      name: 'Støperiet',
      lat: 59.87,
      lon: 5.77,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const { page, errors } = await signedIn({ token: newcomer });
    const prompts = page.getByRole('region', { name: 'Companies like yours usually have…' });
    await prompts.waitFor();
    await prompts
      .getByText('Companies in division 24 (Manufacture of basic metals) often have these.')
      .waitFor();
    // Excess heat from Hotmaps first, with its basis; then what the division's companies list.
    const heat = prompts.getByRole('listitem').first();
    await heat
      .getByRole('heading', { level: 4, name: 'Excess heat: median 29.4 GWh/yr, mostly at 200–500 °C' })
      .waitFor();
    await heat
      .getByText(/^Hotmaps Industrial Database: 160 of its 698 European sites of this division/)
      .waitFor();
    await prompts.getByRole('heading', { level: 4, name: 'Often needed: Ferrous scrap' }).waitFor();
    await prompts
      .getByText(/^Needed by \d+ of the \d+ companies of your division/)
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-prompts-en');

    await page.getByRole('button', { name: 'Start a listing from this: Excess heat at 200–500 °C' }).click();
    await h1(page, 'New listing for Fjordstøp AS').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Filled in from “Excess heat at 200–500 °C”.' })
      .waitFor();
    expect(await page.getByLabel('Offer or need').inputValue()).toBe('offer');
    expect(await page.getByLabel('Resource', { exact: true }).inputValue()).toBe('energy');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Excess heat at 200–500 °C');
    expect(await page.getByLabel('Unit', { exact: true }).inputValue()).toBe('GWh');
    expect(await page.getByLabel('Per', { exact: true }).inputValue()).toBe('year');
    expect(await page.getByLabel('Carrier').inputValue()).toBe('flue-gas');
    expect(await page.getByLabel('Supply temperature, °C').inputValue()).toBe('200');
    expect(await page.getByLabel('Quantity', { exact: true }).inputValue()).toBe('');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-prompt-form-en');
    await page.getByLabel('Quantity', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Register the listing' }).click();
    await h1(page, 'Suggestions for “Excess heat at 200–500 °C”').waitFor();
    const listings = await app.as(newcomer).request('GET', `/listings?companyId=${id}`);
    expect(listings.body.items).toHaveLength(1);
    expect(listings.body.items[0]).toMatchObject({
      kind: 'energy',
      direction: 'offer',
      quantity: { value: 12, unit: 'GWh', period: 'year' },
      canonicalQuantity: { value: 12_000, unit: 'MWh/yr' },
      energy: { carrier: 'flue-gas', supplyTemperatureC: 200 },
    });
    // With a listing of its own, the company's page shows its listings, not the prompts.
    await page.getByRole('button', { name: 'Back to your companies' }).click();
    await page.getByRole('table', { name: 'Listings of Fjordstøp AS' }).waitFor();
    expect(await page.getByRole('region', { name: 'Companies like yours usually have…' }).count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('the business workspace on a phone', () => {
  it('when it opens at 390×844, then nothing scrolls sideways and every screen passes axe', async () => {
    const { page, errors } = await signedIn({ width: 390, height: 844 });
    const overflow = () =>
      page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    await page.getByRole('table', { name: `Listings of ${company.name}` }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-phone-overview');
    await page.getByRole('button', { name: /^Suggestions for Sawdust/ }).click();
    await page.locator('.suggestion-card').first().waitFor();
    await page.getByRole('button', { name: 'Open' }).first().click();
    await page.getByRole('table', { name: 'What the score is made of' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-phone-suggestion');
    await page.getByRole('button', { name: 'Back to the suggestions for' }).click();
    await page.getByRole('button', { name: 'Back to your companies' }).click();
    await page.getByRole('button', { name: 'New listing', exact: true }).click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    // Every field of the form by keyboard: Tab reaches the submit button.
    await page.getByLabel('Offer or need').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement?.textContent')) === 'Register the listing';
    }
    expect(reached).toBe(true);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-phone-form');
    expect(errors).toEqual([]);
  });
});

describe('the business workspace in bokmål', () => {
  const englishShown = (page: Page) =>
    shownEnglish(
      page,
      'h1, h2, h3, label, legend, button, th, dt, caption, summary, option, p.hint, p.status, a',
    );

  it('when the journey is made in bokmål, then no screen shows English UI text', async () => {
    const { page, errors } = await signedIn({ locale: 'nb-NO', language: 'nb' });
    expect(await englishShown(page)).toEqual([]);
    await startMaterialListing(page, 'Sagflis fra høvleriet', '1500', nb as typeof en);
    const search = page.getByLabel('Avfallskoder (EUs avfallsliste)');
    await search.fill('sagflis');
    await page
      .getByRole('list', { name: 'Koder som passer' })
      .getByRole('button', { name: /^030105/ })
      .click();
    await page.getByRole('list', { name: 'Valgte koder' }).getByText('030105').waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-listing-form-nb');
    await page.getByRole('button', { name: 'Registrer oppføringen' }).click();
    await h1(page, 'Forslag til «Sagflis fra høvleriet»').waitFor();
    await page.locator('.suggestion-card').first().waitFor();
    expect(await englishShown(page)).toEqual([]);
    // Why not more: the rules in bokmål, none of them left in English.
    const diagnostics = page.locator('details.diagnostics');
    await diagnostics.getByText('Hvorfor ikke flere forslag?').click();
    await diagnostics.getByRole('heading', { name: 'De nærmeste' }).waitFor();
    expect(await diagnostics.locator('li.rule').count()).toBeGreaterThan(0);
    expect(await diagnostics.locator('[lang="en"]').allTextContents()).toEqual([]);
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-diagnostics-nb');
    await diagnostics.getByText('Hvorfor ikke flere forslag?').click();
    await page.getByRole('button', { name: 'Åpne' }).first().click();
    await page.getByRole('table', { name: 'Hva poengsummen består av' }).waitFor();
    await page.getByRole('radio', { name: 'Ikke interessert' }).check();
    await page.getByLabel('Hvorfor ikke').selectOption('distance');
    expect(await englishShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'business-suggestion-nb');
    await page.getByRole('button', { name: 'Send svaret' }).click();
    await page.getByRole('status').filter({ hasText: 'Svaret ditt er registrert' }).waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

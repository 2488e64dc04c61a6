/**
 * One story on one database, all through the browser (the API only sets up users and checks what
 * the screens claim): the analyst reads the realised active symbioses on the dashboard; a business
 * acting for a demo company registers a listing through the form, sees its suggestions and answers
 * one "interested"; a facilitator of region 46 opens that very suggestion and carries it
 * under-review → introduced → negotiating → agreed → implemented with its realised exchange; the
 * analyst's dashboard then shows one more realised symbiosis, as GET /indicators does, and a
 * GeoJSON export downloads with that exchange in it as realised. Then a short part of the same
 * journey in bokmål (the business workspace, the facilitator's view of the suggestion, the
 * analyst's dashboard) shows no English UI text. Screenshots go to test/e2e/screenshots/journey-*.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { en } from '../../web/src/i18n/messages.ts';
import { en as facEn, nb as facNb } from '../../web/src/workspaces/facilitator/messages.ts';
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
let company = { id: '', name: '' };
const tokens = { business: '', facilitator: '', analyst: '' };
/** The listing the business registers, and the suggestion it answers and the facilitator implements. */
const LISTING = 'Sawdust and shavings from the planing mill';
let suggestionId = '';
/** The realised active symbioses before the journey, as the dashboard showed them. */
let realisedBefore = -1;

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  const found = await app.request('GET', '/companies?q=Storvik');
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  company = found.body.items.find((c: { name: string }) => c.name === 'Storvik Aluminium AS');
  tokens.business = await app.user({ name: 'Ingrid Berg', role: 'business', companyIds: [company.id] });
  tokens.facilitator = await app.user({ name: 'Kari Nordmann', role: 'facilitator', regions: ['46'] });
  tokens.analyst = await app.user({ name: 'Fylkesanalytiker', role: 'analyst' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const signedIn = (token: string, language: 'en' | 'nb' = 'en'): Promise<Session> =>
  signInWith(browser, app.url, token, language, { acceptDownloads: true });

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function ok(res: { status: number; body: unknown }, status = 200): Promise<Json> {
  expect(res.status, JSON.stringify(res.body)?.slice(0, 500)).toBe(status);
  return res.body;
}

const realisedFigure = (page: Page) =>
  page.getByRole('region', { name: 'Realised' }).locator('dd[data-figure="activeSymbioses"]');

/** The dashboard's realised active symbioses once it shows what GET /indicators answers now. */
async function realisedShown(page: Page): Promise<number> {
  const api = await ok(await app.as(tokens.analyst).request('GET', '/indicators'));
  const value = api.realised.activeSymbioses.value as number;
  await expect
    .poll(() => realisedFigure(page).textContent())
    .toBe(new Intl.NumberFormat('en-GB').format(value));
  return Number(((await realisedFigure(page).textContent()) ?? '').replace(/[^\d]/g, ''));
}

describe('one journey: a business, a facilitator and an analyst', () => {
  it('when the analyst opens the dashboard first, then it shows the realised symbioses the API counts', async () => {
    const { page, errors } = await signedIn(tokens.analyst);
    await h1(page, 'Indicators').waitFor();
    realisedBefore = await realisedShown(page);
    expect(realisedBefore).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'journey-analyst-before');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the business registers a listing and answers a suggestion interested, then the API has the answer', async () => {
    const { page, errors } = await signedIn(tokens.business);
    await h1(page, 'Your companies').waitFor();
    await page.getByRole('button', { name: 'New listing', exact: true }).click();
    await h1(page, en['business.listing.newTitle'].replace('{company}', company.name)).waitFor();
    await page.getByLabel('Title', { exact: true }).fill(LISTING);
    await page.getByLabel('Quantity', { exact: true }).fill('2000');
    await page.getByLabel('Unit', { exact: true }).selectOption('t');
    await page.getByLabel('Per', { exact: true }).selectOption('year');
    const search = page.getByLabel('List of Waste codes');
    await search.fill('030105');
    await search.press('Enter');
    await page.getByRole('list', { name: 'Chosen codes' }).getByText('030105').waitFor();
    await page.getByLabel('Material category').selectOption('wood-residues');
    await screenshot(page, 'journey-business-listing-form');
    await page.getByRole('button', { name: 'Register the listing' }).click();
    await h1(page, `Suggestions for “${LISTING}”`).waitFor();
    await page.locator('.suggestion-card').first().waitFor();

    const listings = await ok(
      await app.as(tokens.business).request('GET', `/listings?companyId=${company.id}&limit=100`),
    );
    const listing = listings.items.find((l: { title: string }) => l.title === LISTING);
    expect(listing.material.wasteCodes).toEqual(['030105']);
    const suggestions = (
      await ok(await app.as(tokens.business).request('GET', `/listings/${listing.id}/suggestions`))
    ).items as Json[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect(await page.locator('.suggestion-card').count()).toBe(suggestions.length);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'journey-business-suggestions');

    await page.getByRole('button', { name: 'Open' }).first().click();
    await page.getByRole('table', { name: 'What the score is made of' }).waitFor();
    await page.getByRole('radio', { name: 'Interested', exact: true }).check();
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('status').filter({ hasText: 'Your interest is recorded.' }).waitFor();
    await page.getByText('You answered: Interested.').waitFor();
    await screenshot(page, 'journey-business-answered');

    // The one the business answered: the API says which.
    const answered: string[] = [];
    for (const s of suggestions) {
      const review = await ok(await app.as(tokens.business).request('GET', `/suggestions/${s.id}`));
      const side = review.yourSides[0] as 'offer' | 'need';
      if (review.interest[side] === 'interested') answered.push(s.id);
    }
    expect(answered).toHaveLength(1);
    suggestionId = answered[0]!;
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the facilitator opens that suggestion and carries it to implemented, then the API has its outcome', async () => {
    expect(suggestionId).not.toBe('');
    const { page, errors } = await signedIn(tokens.facilitator);
    await h1(page, 'Review queue').waitFor();
    const current = async () =>
      ok(await app.as(tokens.facilitator).request('GET', `/suggestions/${suggestionId}`));
    const before = await current();
    expect(before.state).toBe('suggested');
    await page.goto(`${app.url}/#/facilitator/suggestions/${encodeURIComponent(suggestionId)}`);
    await h1(page, `${before.suggestion.offer.title} → ${before.suggestion.need.title}`).waitFor();
    await page.getByRole('img', { name: /^Both sites/ }).waitFor();

    const said = (text: string) =>
      page.locator('.fac-actions > .act-done[role="status"]').filter({ hasText: text }).waitFor();
    const move = async (to: string, label: string) => {
      await page.locator('#transition-to').selectOption(to);
      await page.getByRole('button', { name: 'Move', exact: true }).click();
      await said(`The suggestion is now: ${label}.`);
      await page.locator('.summary .fac-badge').filter({ hasText: label }).waitFor();
    };
    await move('under-review', 'Under review');
    await move('introduced', 'Introduced');
    await move('negotiating', 'Negotiating');
    await move('agreed', 'Agreed');
    await page.locator('#transition-to').selectOption('implemented');
    await page.locator('#transition-outcome-quantityPerYear').fill('1800');
    await page.locator('#transition-outcome-quantityBasis').selectOption('measured');
    await page.getByLabel('Start date').fill('2026-03-01');
    await screenshot(page, 'journey-facilitator-implementing');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await said('The suggestion is now: Implemented.');
    await page.locator('.summary .fac-badge').filter({ hasText: 'Implemented' }).waitFor();

    const after = await current();
    expect(after.state).toBe('implemented');
    expect(after.outcome).toEqual({
      quantityPerYear: 1800,
      quantityBasis: 'measured',
      startDate: '2026-03-01',
    });
    const events = (
      await ok(await app.as(tokens.facilitator).request('GET', `/suggestions/${suggestionId}/events`))
    ).items as Json[];
    expect(events.filter((e) => e.type === 'transition').map((e) => e.to)).toEqual(
      expect.arrayContaining(['under-review', 'introduced', 'negotiating', 'agreed', 'implemented']),
    );
    expect(await page.locator('.map line.realised').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'journey-facilitator-implemented');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the analyst opens the dashboard again, then one more symbiosis is realised and the export has it', async () => {
    const { page, errors } = await signedIn(tokens.analyst);
    await h1(page, 'Indicators').waitFor();
    const after = await realisedShown(page);
    expect(after).toBe(realisedBefore + 1);
    await page.locator('.chart.bars').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'journey-analyst-after');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'GeoJSON (map)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.geojson$/);
    const collection = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(collection.type).toBe('FeatureCollection');
    const exchange = collection.features.find(
      (f: Json) => f.geometry.type === 'LineString' && f.properties.id === suggestionId,
    );
    expect(exchange, 'the implemented exchange in the GeoJSON').toBeDefined();
    expect(exchange.properties.realised).toBe(true);
    expect(exchange.properties.state).toBe('implemented');
    await page.getByRole('status').filter({ hasText: 'Downloaded' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the same journey in bokmål', () => {
  const englishShown = (page: Page) =>
    shownEnglish(
      page,
      'h1, h2, h3, label, legend, button, th, dt, caption, summary, option, p.hint, p.status, a',
    );

  /**
   * What the page shows in English because no bokmål exists for it (an engine reason, an API
   * message or a reference text the app's phrasebooks do not know is marked lang="en"): nothing.
   */

  it('when the business opens its workspace and the suggestion in bokmål, then no English UI text shows', async () => {
    const { page, errors } = await signedIn(tokens.business, 'nb');
    await h1(page, 'Dine bedrifter').waitFor();
    await page.getByRole('table').first().waitFor();
    expect(await englishShown(page)).toEqual([]);
    await screenshot(page, 'journey-business-nb');
    await page.getByRole('button', { name: `Forslag til ${LISTING}` }).click();
    await h1(page, `Forslag til «${LISTING}»`).waitFor();
    await page.locator('.suggestion-card').first().waitFor();
    expect(await englishShown(page)).toEqual([]);
    await page.getByRole('button', { name: 'Åpne' }).first().click();
    await page.getByRole('table', { name: 'Hva poengsummen består av' }).waitFor();
    expect(await englishShown(page)).toEqual([]);
    expect(await markedEnglish(page), 'engine and reference texts left in English').toEqual([]);
    await screenshot(page, 'journey-business-suggestion-nb');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when bad input is sent from a bokmål form, then the errors next to the fields are in bokmål, the schema’s and the API’s', async () => {
    const { page, errors } = await signedIn(tokens.business, 'nb');
    await h1(page, 'Dine bedrifter').waitFor();
    await page.getByRole('button', { name: 'Ny oppføring', exact: true }).click();
    await h1(page, `Ny oppføring for ${company.name}`).waitFor();
    const quantity = page.getByLabel('Mengde', { exact: true });
    await page.getByLabel('Tittel', { exact: true }).fill('Flis');
    await page.getByLabel('Materialkategori').selectOption('wood-residues');
    await quantity.fill('0');
    await page.getByRole('button', { name: 'Registrer oppføringen' }).click();
    const errorText = page.locator('#listing-quantity-value-error');
    // Checked in the page with the API's schema, in its words put into bokmål.
    await errorText.filter({ hasText: 'må være større enn 0' }).waitFor();
    // Judged by the API only (the quantity's bounds): its 400, in bokmål next to the field.
    const refused = page.waitForResponse((r) => r.url().endsWith('/listings') && r.status() === 400);
    await quantity.fill('5000000000');
    await page.getByRole('button', { name: 'Registrer oppføringen' }).click();
    await refused;
    await errorText.filter({ hasText: 'én oppføring kan ha' }).waitFor();
    expect(await quantity.getAttribute('aria-invalid')).toBe('true');
    expect(await englishShown(page)).toEqual([]);
    expect(await markedEnglish(page)).toEqual([]);
    await screenshot(page, 'journey-business-bad-input-nb');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('when the facilitator opens the implemented suggestion in bokmål, then none of the workspace’s English texts shows', async () => {
    const { page, errors } = await signedIn(tokens.facilitator, 'nb');
    await h1(page, 'Vurderingskø').waitFor();
    await page.goto(`${app.url}/#/facilitator/suggestions/${encodeURIComponent(suggestionId)}`);
    await page.getByRole('heading', { level: 2, name: 'Logg og notater' }).waitFor();
    await page.locator('.summary .fac-badge').filter({ hasText: 'Gjennomført' }).waitFor();
    await page.locator('ol.trail > li').first().waitFor();
    expect(await facilitatorEnglishIn(page)).toEqual([]);
    expect(await markedEnglish(page), 'engine and reference texts left in English').toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'journey-facilitator-nb');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the analyst opens the dashboard in bokmål, then no English text is left', async () => {
    const { page, errors } = await signedIn(tokens.analyst, 'nb');
    await h1(page, 'Indikatorer').waitFor();
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Realisert' })
          .locator('dd[data-figure="activeSymbioses"]')
          .textContent(),
      )
      .toBe(String(realisedBefore + 1));
    await page.locator('.map path.area').first().waitFor();
    await expect.poll(() => page.locator('.loading').count()).toBe(0);
    const text = ((await page.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
    const left = ANALYST_ENGLISH.filter((phrase) => new RegExp(`\\b${phrase}\\b`).test(text));
    expect(left, 'English texts on the bokmål page').toEqual([]);
    expect(await markedEnglish(page), 'texts left in English').toEqual([]);
    await screenshot(page, 'journey-analyst-nb');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/** Texts of the English analyst workspace that must not be left on the bokmål page. */
const ANALYST_ENGLISH = [
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

/**
 * The facilitator workspace's English texts (those bokmål words differently, without a `{value}`
 * mark) that the main part of the page shows outside what is marked lang="en" (the API's own
 * words), less what people typed (titles, descriptions, company names).
 */
async function facilitatorEnglishIn(p: Page): Promise<string[]> {
  const item = await ok(await app.as(tokens.facilitator).request('GET', `/suggestions/${suggestionId}`));
  const typed = [
    item.suggestion?.offer.title,
    item.suggestion?.need.title,
    item.suggestion?.offer.description,
    item.suggestion?.need.description,
    item.parties?.offer?.name,
    item.parties?.need?.name,
  ];
  const text = (await p.evaluate(`(() => {
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest('[lang="en"]')) out.push(n.textContent);
    }
    return out.join('\\n');
  })()`)) as string;
  const shown = typed
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .sort((a, b) => b.length - a.length)
    .reduce((rest, x) => rest.split(x).join('\n'), text);
  const english = Object.entries(facEn)
    .filter(
      ([key, value]) =>
        value !== facNb[key as keyof typeof facNb] && !value.includes('{') && value.length >= 4,
    )
    .map(([, value]) => value);
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return english.filter((value) =>
    new RegExp(`(^|[^\\p{L}])${literal(value)}($|[^\\p{L}])`, 'u').test(shown),
  );
}

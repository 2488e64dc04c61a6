/**
 * A facilitator of the demo region in a real browser, after a match run: opens the review queue,
 * opens a suggestion's full picture (both listings, the score terms, the impact under each factor
 * set, both sites on a map), assigns it to itself and then to a colleague chosen among those the
 * API lists (itself first, a facilitator of another region absent), carries it under-review →
 * introduced → negotiating → agreed → implemented (recording readiness on the way, and the
 * realised exchange at the end), changes the realised exchange later in a form that holds what is
 * recorded, adds a note, and reads it all in the audit trail. A negative quantity and an end date
 * before the start show the API's own message next to the field; a version someone else moved on
 * says so and offers a reload (for readiness and for the realised exchange). In
 * bokmål the workspace shows none of its English texts. axe-core finds no serious or critical
 * violation on the queue or the suggestion; the page logs no error. Screenshots go to
 * test/e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { en, nb } from '../../web/src/workspaces/facilitator/messages.ts';
import { launchChromium, screenshot, seriousViolations, watchErrors } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let browser: Browser;
let page: Page;
let errors: string[];
let token = '';
let meId = '';
let colleagueId = '';
let id = '';
let title = '';

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  expect((await app.request('POST', '/match-runs', {})).status).toBe(202);
  await settleMatchRuns();
  token = await app.user({ name: 'Kari Nordmann', role: 'facilitator', regions: ['46'] });
  meId = (await app.as(token).request('GET', '/me')).body.id;
  colleagueId = (
    await app
      .as(await app.user({ name: 'Per Hansen', role: 'facilitator', regions: ['46'] }))
      .request('GET', '/me')
  ).body.id;
  await app.user({ name: 'Oda Oslo', role: 'facilitator', regions: ['03'] });
  const queue = await app.as(token).request('GET', '/review-queue?limit=25');
  expect(queue.status, JSON.stringify(queue.body)).toBe(200);
  const first = queue.body.items.find(
    (item: { state: string; suggestion: unknown }) => item.state === 'suggested' && item.suggestion !== null,
  );
  expect(first).toBeDefined();
  id = first.id;
  title = `${first.suggestion.offer.title} → ${first.suggestion.need.title}`;

  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Chromium logs a refused request (400, 409) as an error of its own; those the test asked for are forgiven. */
async function forgive(status: string) {
  const at = () => errors.findIndex((e) => e.includes(status));
  await expect.poll(at).toBeGreaterThanOrEqual(0);
  errors.splice(at(), 1);
}

const heading = (name: string) => page.getByRole('heading', { level: 1, name });
const said = (text: string) =>
  page.locator('.fac-actions > .act-done[role="status"]').filter({ hasText: text }).waitFor();
const current = async () => (await app.as(token).request('GET', `/suggestions/${id}`)).body;

async function move(to: string, label: string) {
  await page.locator('#transition-to').selectOption(to);
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await said(`The suggestion is now: ${label}.`);
  // The form is redrawn for the new version; the keyboard's focus is not lost to the page's top.
  await expect.poll(() => page.evaluate('document.activeElement !== document.body')).toBe(true);
  await page.locator('.summary .fac-badge').filter({ hasText: label }).waitFor();
}

describe('a facilitator in the browser', () => {
  it('when the facilitator signs in, then the review queue lists the suggestions of its region, with filters', async () => {
    await page.goto(`${app.url}/`);
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Review queue').waitFor();
    const table = page.getByRole('table', { name: 'Suggestions awaiting review' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    for (const label of ['State', 'Resource', 'Municipality', 'Assigned to']) {
      expect(await page.getByLabel(label, { exact: true }).isVisible()).toBe(true);
    }
    // A filter the queue answers: the material suggestions only.
    await page.getByLabel('Resource', { exact: true }).selectOption('material');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const materials = (await app.as(token).request('GET', '/review-queue?limit=25&kind=material')).body.items;
    await expect.poll(() => table.locator('tbody tr').count()).toBe(materials.length);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'facilitator-queue-en');
  });

  it('when a suggestion is opened, then its full picture shows: listings, score terms, impact by factor set, map, trail', async () => {
    // By keyboard: the row's link, then Enter.
    await page.locator(`a[href="#/facilitator/suggestions/${encodeURIComponent(id)}"]`).focus();
    await page.keyboard.press('Enter');
    await heading(title).waitFor();
    const s = (await current()).suggestion;
    await page.getByRole('heading', { level: 3, name: `Offer: ${s.offer.title}` }).waitFor();
    await page.getByRole('heading', { level: 3, name: `Need: ${s.need.title}` }).waitFor();
    const terms = page.getByRole('table', { name: /^Score terms/ });
    expect(await terms.locator('tbody tr').count()).toBe(s.terms.length);
    const bySet = page.getByRole('table', { name: 'CO₂e avoided under each factor set' });
    expect(await bySet.locator('tbody tr').count()).toBe(
      Math.max(1, Object.keys(s.impact.co2eBySet ?? {}).length),
    );
    // The economics as the API has them: the route by road, the cost set they come from.
    const economics = page.getByRole('region', { name: 'Economics' });
    await economics.getByText(`km straight, about ${Math.round(s.economics.routeKm)} km by road`).waitFor();
    await economics.getByText(`Estimates from cost set ${s.economics.costSet}`, { exact: false }).waitFor();
    await page.getByRole('img', { name: /^Both sites/ }).waitFor();
    await page.locator('.map path.area').first().waitFor();
    expect(await page.locator('.map circle.point').count()).toBe(2);
    expect(await page.locator('.map line').count()).toBe(1);
    await page.getByText('No one has acted on this suggestion yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('when the facilitator assigns it to itself and then to a colleague, then the choice lists those who may take it, itself first', async () => {
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await said('Assigned to Kari Nordmann.');
    expect((await current()).assigneeId).toBe(meId);
    const choice = page.getByLabel('Assign to', { exact: true });
    await expect.poll(() => choice.inputValue()).toBe(meId);
    const listed = (await app.as(token).request('GET', `/suggestions/${id}/assignable`)).body.items;
    const options = await choice.locator('option').allTextContents();
    expect(options).toHaveLength(listed.length + 1);
    expect(options.slice(0, 2)).toEqual(['No one', 'Me (Kari Nordmann)']);
    expect(options).toContain('Per Hansen – Vestland');
    expect(options).toContain('Test admin (administrator)');
    expect(options.some((o) => o.includes('Oda Oslo'))).toBe(false);
    await choice.selectOption(colleagueId);
    await page.getByRole('button', { name: 'Save the assignment' }).click();
    await said('Assigned to Per Hansen.');
    expect((await current()).assigneeId).toBe(colleagueId);
    await expect.poll(() => page.getByLabel('Assign to', { exact: true }).inputValue()).toBe(colleagueId);
    await page.getByRole('button', { name: 'Assign to me' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('when the facilitator moves it along, then each step is saved and announced', async () => {
    await move('under-review', 'Under review');
    await move('introduced', 'Introduced');
    await page.getByLabel('Level', { exact: true }).selectOption('4');
    await page.getByLabel('Technical', { exact: true }).selectOption('6');
    await page.getByLabel('Economic', { exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Record readiness' }).click();
    await said('Readiness level 4 is recorded.');
    expect((await current()).readiness).toEqual({ level: 4, dimensions: { technical: 6, economic: 3 } });
    await move('negotiating', 'Negotiating');
    await move('agreed', 'Agreed');
  });

  it('when implemented is sent with a negative quantity, then the API’s message shows next to the field and is announced', async () => {
    await page.locator('#transition-to').selectOption('implemented');
    const quantity = page.locator('#transition-outcome-quantityPerYear');
    await quantity.fill('-5');
    await page.getByLabel('Start date').fill('2026-01-15');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    const refused = await app.as(token).request('POST', `/suggestions/${id}/transitions`, {
      to: 'implemented',
      version: (await current()).version,
      outcome: { quantityPerYear: -5, quantityBasis: 'measured', startDate: '2026-01-15' },
    });
    expect(refused.status).toBe(400);
    const detail = refused.body.error.details.find(
      (d: { path: string }) => d.path === 'outcome.quantityPerYear',
    );
    const error = page.locator('#transition-outcome-quantityPerYear-error');
    await error.filter({ hasText: detail.message }).waitFor();
    expect(await quantity.getAttribute('aria-invalid')).toBe('true');
    expect(await quantity.getAttribute('aria-describedby')).toContain(
      'transition-outcome-quantityPerYear-error',
    );
    await page
      .locator('.act-status[aria-live="assertive"]')
      .filter({ hasText: 'Check the marked fields.' })
      .waitFor();
    // The refusal takes the focus to the field it names.
    expect(await page.evaluate('document.activeElement?.id')).toBe('transition-outcome-quantityPerYear');
    expect((await current()).state).toBe('agreed');
    await screenshot(page, 'facilitator-bad-input-en');
    await forgive('status of 400');
  });

  it('when the realised exchange is given, then the suggestion is implemented with it', async () => {
    await page.locator('#transition-outcome-quantityPerYear').fill('120');
    await page.locator('#transition-outcome-quantityBasis').selectOption('estimated');
    await page.locator('#transition-outcome-benefits-costSavedNokPerYear-value').fill('50,000');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await said('The suggestion is now: Implemented.');
    const review = await current();
    expect(review.state).toBe('implemented');
    expect(review.outcome).toEqual({
      quantityPerYear: 120,
      quantityBasis: 'estimated',
      startDate: '2026-01-15',
      benefits: { costSavedNokPerYear: { value: 50000, basis: 'estimated' } },
    });
    expect(await page.locator('.map line.realised').count()).toBe(1);
  });

  it('when the realised exchange is changed later, then its form holds what is recorded and saves what changed', async () => {
    const quantity = page.locator('#outcome-quantityPerYear');
    expect(await quantity.inputValue()).toBe('120');
    expect(await page.locator('#outcome-quantityBasis').inputValue()).toBe('estimated');
    expect(await page.locator('#outcome-benefits-costSavedNokPerYear-value').inputValue()).toBe('50000');
    expect(await page.locator('#outcome-benefits-jobs-value').inputValue()).toBe('');
    // An end before the start: the API's message next to the end date.
    const endDate = page.getByLabel('End date (if it has ended)');
    await endDate.fill('2025-12-31');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page
      .locator('#outcome-endDate-error')
      .filter({ hasText: 'must not be before startDate' })
      .waitFor();
    expect(await endDate.getAttribute('aria-invalid')).toBe('true');
    // The focus is on the field named, from the moment its message shows: typing elsewhere next is
    // not taken from the field the user went to.
    expect(await page.evaluate('document.activeElement?.id')).toBe('outcome-endDate');
    await forgive('status of 400');

    await quantity.fill('135.5');
    await page.locator('#outcome-quantityBasis').selectOption('measured');
    await endDate.fill('2027-06-30');
    await page.locator('#outcome-benefits-jobs-value').fill('2');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await said('The realised exchange is updated.');
    expect((await current()).outcome).toEqual({
      quantityPerYear: 135.5,
      quantityBasis: 'measured',
      startDate: '2026-01-15',
      endDate: '2027-06-30',
      benefits: {
        costSavedNokPerYear: { value: 50000, basis: 'estimated' },
        jobs: { value: 2, basis: 'estimated' },
      },
    });
    // Drawn anew from what is now recorded.
    await expect.poll(() => page.locator('#outcome-quantityPerYear').inputValue()).toBe('135.5');
    expect(await page.locator('#outcome-endDate').inputValue()).toBe('2027-06-30');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'facilitator-outcome-change-en');
  });

  it('when a note is added, then the audit trail shows every event the API has, newest first', async () => {
    await page.locator('#note-text').fill('Kontrakten er signert; første levering i januar.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await said('The note is added.');
    const events = (await app.as(token).request('GET', `/suggestions/${id}/events`)).body.items;
    const trail = page.locator('ol.trail > li');
    await expect.poll(() => trail.count()).toBe(events.length);
    expect(events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['assignment', 'transition', 'readiness', 'note']),
    );
    expect(await trail.first().textContent()).toContain('Kontrakten er signert');
    expect(await page.locator('ol.trail').textContent()).toContain('Moved from Agreed to Implemented');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'facilitator-suggestion-en');
  });

  it('when someone else changed it meanwhile, then acting says so and offers a reload', async () => {
    const before = await current();
    const other = await app.request('POST', `/suggestions/${id}/assignment`, {
      version: before.version,
      assigneeId: null,
    });
    expect(other.status).toBe(200);
    await page.getByLabel('Level', { exact: true }).selectOption('7');
    await page.getByRole('button', { name: 'Record readiness' }).click();
    await page.getByText('Someone else changed this suggestion since you opened it.').waitFor();
    await forgive('status of 409');
    await page.getByRole('button', { name: 'Reload the suggestion' }).click();
    await page.getByRole('button', { name: 'Assign to me' }).waitFor();
    expect((await current()).readiness.level).toBe(4);
  });

  it('when someone else changed the realised exchange meanwhile, then saving says so, and the reload shows theirs', async () => {
    const other = await app.request('POST', `/suggestions/${id}/outcome`, {
      version: (await current()).version,
      quantityPerYear: 140,
    });
    expect(other.status).toBe(200);
    await page.locator('#outcome-quantityPerYear').fill('150');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    const form = page.locator('form[aria-labelledby="outcome-h"]');
    await form.getByText('Someone else changed this suggestion since you opened it.').waitFor();
    await forgive('status of 409');
    await form.getByRole('button', { name: 'Reload the suggestion' }).click();
    await expect.poll(() => page.locator('#outcome-quantityPerYear').inputValue()).toBe('140');
    expect((await current()).outcome.quantityPerYear).toBe(140);
  });

  it('when bokmål is chosen, then the suggestion and the queue show none of the workspace’s English texts', async () => {
    await page.getByLabel('Language').selectOption('nb');
    await page.getByRole('heading', { level: 2, name: 'Logg og notater' }).waitFor();
    await page.locator('.summary .fac-badge').filter({ hasText: 'Gjennomført' }).waitFor();
    expect(await englishIn(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'facilitator-suggestion-nb');
    await page.getByRole('link', { name: /Tilbake til vurderingskøen/ }).click();
    await heading('Vurderingskø').waitFor();
    await page.getByRole('table', { name: 'Forslag som venter på vurdering' }).waitFor();
    expect(await englishIn(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'facilitator-queue-nb');
  });

  it('when the journey is over, then the page logged no error', () => {
    expect(errors).toEqual([]);
  });
});

/**
 * The workspace's English texts (those bokmål words differently, without a `{value}` mark) that
 * the main part of the page shows outside what is marked lang="en" (the API's own words).
 */
async function englishIn(p: Page): Promise<string[]> {
  // What people typed (listing titles and descriptions, company names) is theirs, in their language.
  const queue = (await app.as(token).request('GET', '/review-queue?limit=25')).body.items;
  const typed = [await current(), ...queue].flatMap((item) => [
    item.suggestion?.offer.title,
    item.suggestion?.need.title,
    item.suggestion?.offer.description,
    item.suggestion?.need.description,
    item.parties.offer?.name,
    item.parties.need?.name,
  ]);
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
  const english = Object.entries(en)
    .filter(
      ([key, value]) => value !== nb[key as keyof typeof nb] && !value.includes('{') && value.length >= 4,
    )
    .map(([, value]) => value);
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return english.filter((value) =>
    new RegExp(`(^|[^\\p{L}])${literal(value)}($|[^\\p{L}])`, 'u').test(shown),
  );
}

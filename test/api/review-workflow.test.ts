/**
 * The review workflow over HTTP against Neo4j with real tokens: a business registers, a suggestion
 * appears, the facilitator reviews and introduces it, both businesses say they are interested (the
 * identities are revealed then, and not before), it is agreed and implemented with a realised
 * quantity, and a re-run leaves it implemented. Then what guards it: stale versions, 50 concurrent
 * transitions, flags when a listing changes or goes, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { PUBLIC, startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const t = { bizA: '', bizB: '', bizC: '', fac: '', facOut: '', analyst: '' };
const ids = { a: '', b: '', c: '', siteA: '', siteB: '', siteC: '', offer: '', need: '', suggestion: '' };

/** Kvinnherad (4617): the facilitator's region. */
const siteAt = (lat: number, lon: number) => ({ name: 'Works', lat, lon });

async function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, unknown> & { [k: string]: unknown };
}

const offerListing = (siteId: string, confidentiality: string) => ({
  siteId,
  direction: 'offer',
  kind: 'material',
  title: 'Anode scraps',
  quantity: { value: 400, unit: 't/yr' },
  material: { wasteCodes: ['100302'] },
  confidentiality,
});
const needListing = (siteId: string) => ({
  siteId,
  direction: 'need',
  kind: 'material',
  title: 'Dross for recovery',
  quantity: { value: 300, unit: 't/yr' },
  material: { wasteCodes: ['1003'] },
});

async function review(token: string, id = ids.suggestion) {
  return ok(await app.as(token).request('GET', `/suggestions/${id}`));
}

async function move(token: string, to: string, extra: Record<string, unknown> = {}, id = ids.suggestion) {
  const current = await review(t.fac, id);
  return app.as(token).request('POST', `/suggestions/${id}/transitions`, {
    to,
    version: current['version'],
    ...extra,
  });
}

async function runAll(): Promise<void> {
  const started = await ok(await app.request('POST', '/match-runs', {}), 202);
  await settleMatchRuns();
  const run = await ok(await app.request('GET', `/match-runs/${started['id']}`));
  expect(run['status']).toBe('finished');
}

beforeAll(async () => {
  app = await startTestApp();
  const company = async (name: string) =>
    (await ok(await app.request('POST', '/companies', { name, country: 'SE', industry: '24.420' }), 201))[
      'id'
    ] as string;
  ids.a = await company('Dross Supplier AS');
  ids.b = await company('Recovery Works AS');
  ids.c = await company('Bystander AS');
  const site = async (companyId: string, lat: number, lon: number) =>
    (await ok(await app.request('POST', `/companies/${companyId}/sites`, siteAt(lat, lon)), 201))[
      'id'
    ] as string;
  ids.siteA = await site(ids.a, 59.87, 5.77);
  ids.siteB = await site(ids.b, 59.9, 5.8);
  ids.siteC = await site(ids.c, 59.88, 5.79);
  t.bizA = await app.user({ name: 'Supplier', role: 'business', companyIds: [ids.a] });
  t.bizB = await app.user({ name: 'Receiver', role: 'business', companyIds: [ids.b] });
  t.bizC = await app.user({ name: 'Bystander', role: 'business', companyIds: [ids.c] });
  t.fac = await app.user({ name: 'Kvinnherad facilitator', role: 'facilitator', regions: ['4617'] });
  t.facOut = await app.user({ name: 'Oslo facilitator', role: 'facilitator', regions: ['03'] });
  t.analyst = await app.user({ name: 'Analyst', role: 'analyst' });
});
afterAll(async () => {
  await app?.close();
});

describe('from suggestion to running exchange', () => {
  it('when a business registers a need, then a suggestion appears that the other business sees anonymised', async () => {
    ids.offer = (
      await ok(await app.as(t.bizA).request('POST', '/listings', offerListing(ids.siteA, 'anonymous')), 201)
    )['id'] as string;
    const need = await ok(await app.as(t.bizB).request('POST', '/listings', needListing(ids.siteB)), 201);
    ids.need = need['id'] as string;
    const suggestions = need['suggestions'] as {
      id: string;
      offer: { anonymised: boolean; companyId?: string };
    }[];
    expect(suggestions).toHaveLength(1);
    ids.suggestion = suggestions[0]!.id;
    expect(suggestions[0]!.offer.anonymised).toBe(true);
    expect(suggestions[0]!.offer.companyId).toBeUndefined();

    const seen = await review(t.bizB);
    expect(seen).toMatchObject({ state: 'suggested', version: 0, revealed: false, yourSides: ['need'] });
    expect((seen['parties'] as { offer: unknown }).offer).toBeNull();
  });

  it('when the facilitator reads the queue, then the suggestion is there; not in another region', async () => {
    const queue = await ok(await app.as(t.fac).request('GET', '/review-queue'));
    expect((queue['items'] as { id: string; state: string }[]).map((i) => [i.id, i.state])).toContainEqual([
      ids.suggestion,
      'suggested',
    ]);
    const elsewhere = await ok(await app.as(t.facOut).request('GET', '/review-queue'));
    expect(elsewhere['items']).toEqual([]);
    // A facilitator of another region may not move it; a bystander business does not see it.
    expect((await move(t.facOut, 'under-review')).status).toBe(403);
    expect((await app.as(t.bizC).request('GET', `/suggestions/${ids.suggestion}`)).status).toBe(404);
  });

  it('when the facilitator reviews and introduces, then each step is a new version; a stale version gets 409 and changes nothing', async () => {
    const reviewed = await ok(await move(t.fac, 'under-review', { note: 'looks promising' }));
    expect(reviewed).toMatchObject({ state: 'under-review', version: 1 });
    const introduced = await ok(await move(t.fac, 'introduced'));
    expect(introduced).toMatchObject({ state: 'introduced', version: 2 });

    const stale = await app.as(t.fac).request('POST', `/suggestions/${ids.suggestion}/transitions`, {
      to: 'rejected',
      version: 1,
      reason: { code: 'quality' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toContainEqual(expect.objectContaining({ path: 'version' }));
    expect(await review(t.fac)).toMatchObject({ state: 'introduced', version: 2 });

    // A transition the machine does not have, and one a business may not make.
    expect((await move(t.fac, 'implemented')).status).toBe(409);
    expect((await move(t.bizB, 'agreed')).status).toBe(403);
    // What awaits the businesses' answer.
    const feed = await ok(await app.as(t.bizB).request('GET', '/feed'));
    expect((feed['awaiting'] as { id: string }[]).map((s) => s.id)).toEqual([ids.suggestion]);
  });

  it('when one business is interested, then nothing is revealed; when both are, then each sees the other', async () => {
    await ok(
      await app
        .as(t.bizA)
        .request('POST', `/suggestions/${ids.suggestion}/responses`, { answer: 'interested' }),
    );
    const before = await review(t.bizB);
    expect(before).toMatchObject({
      revealed: false,
      state: 'introduced',
      interest: { offer: 'interested', need: null },
    });
    expect((before['parties'] as { offer: unknown }).offer).toBeNull();
    expect((before['suggestion'] as { offer: { anonymised: boolean } }).offer.anonymised).toBe(true);
    const listed = await ok(await app.as(t.bizB).request('GET', `/listings/${ids.need}/suggestions`));
    expect((listed['items'] as { offer: { companyId?: string } }[])[0]!.offer.companyId).toBeUndefined();

    const after = await ok(
      await app
        .as(t.bizB)
        .request('POST', `/suggestions/${ids.suggestion}/responses`, { answer: 'interested' }),
    );
    expect(after).toMatchObject({ revealed: true, state: 'negotiating' });
    expect((after['parties'] as { offer: { name: string } }).offer.name).toBe('Dross Supplier AS');
    expect(
      (after['suggestion'] as { offer: { anonymised: boolean; companyId: string } }).offer,
    ).toMatchObject({
      anonymised: false,
      companyId: ids.a,
    });
    // The lists show it too, with where it stands.
    const revealedList = await ok(await app.as(t.bizB).request('GET', `/listings/${ids.need}/suggestions`));
    expect(
      (revealedList['items'] as { offer: { companyId?: string }; reviewState: string }[])[0],
    ).toMatchObject({
      offer: { companyId: ids.a },
      reviewState: 'negotiating',
    });
    const events = await ok(await app.as(t.fac).request('GET', `/suggestions/${ids.suggestion}/events`));
    const types = (events['items'] as { type: string }[]).map((e) => e.type);
    expect(types).toContain('reveal');
    expect(types.indexOf('reveal')).toBeGreaterThan(types.lastIndexOf('response'));
    // Which token answered, for the facilitator (an account's tokens say who made each); not for
    // the businesses, which see each other's answers but not their tokens.
    const tokenOf = async (token: string) =>
      (
        (await ok(await app.as(token).request('GET', '/me/tokens')))['items'] as {
          id: string;
          current: boolean;
        }[]
      ).find((x) => x.current)!.id;
    const responses = (events['items'] as { type: string; actorId: string; actorTokenId?: string }[]).filter(
      (e) => e.type === 'response',
    );
    expect(responses.map((e) => e.actorTokenId).sort()).toEqual(
      [await tokenOf(t.bizA), await tokenOf(t.bizB)].sort(),
    );
    const asBusiness = await ok(await app.as(t.bizB).request('GET', `/suggestions/${ids.suggestion}/events`));
    expect(JSON.stringify(asBusiness)).not.toContain('actorTokenId');
    const feed = await ok(await app.as(t.bizB).request('GET', '/feed?since=2000-01-01T00:00:00Z'));
    expect(JSON.stringify(feed)).not.toContain('actorTokenId');
  });

  it('when agreed and implemented with a realised quantity, then a re-run leaves it implemented', async () => {
    await ok(
      await app.as(t.fac).request('POST', `/suggestions/${ids.suggestion}/readiness`, {
        version: (await review(t.fac))['version'],
        level: 6,
        dimensions: { technical: 7, regulatory: 5 },
      }),
    );
    await ok(await move(t.fac, 'agreed'));
    const missing = await move(t.fac, 'implemented');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toContainEqual(expect.objectContaining({ path: 'outcome' }));
    const outcome = {
      quantityPerYear: 250,
      quantityBasis: 'measured',
      startDate: '2026-11-01',
      benefits: { costSavedNokPerYear: { value: 400000, basis: 'estimated' } },
    };
    const done = await ok(await move(t.fac, 'implemented', { outcome }));
    expect(done).toMatchObject({ state: 'implemented', outcome, readiness: { level: 6 } });

    const eventsBefore = (
      await ok(await app.as(t.fac).request('GET', `/suggestions/${ids.suggestion}/events`))
    )['items'] as { id: string; seq: number }[];
    await runAll();
    const after = await review(t.fac);
    expect(after).toMatchObject({ state: 'implemented', version: done['version'], outcome });
    const eventsAfter = (
      await ok(await app.as(t.fac).request('GET', `/suggestions/${ids.suggestion}/events`))
    )['items'] as { id: string; seq: number }[];
    expect(eventsAfter).toEqual(eventsBefore);
    expect(eventsAfter.map((e) => e.seq)).toEqual(eventsAfter.map((_e, i) => i + 1));

    // Later, its end date.
    const ended = await ok(
      await app.as(t.fac).request('POST', `/suggestions/${ids.suggestion}/outcome`, {
        version: after['version'],
        endDate: '2027-10-31',
      }),
    );
    expect((ended['outcome'] as { endDate: string }).endDate).toBe('2027-10-31');
  });

  it('when a listing of it changes, then it is flagged for the facilitator and its state does not move', async () => {
    await ok(
      await app.as(t.bizB).request('PATCH', `/listings/${ids.need}`, { title: 'Dross for recovery, more' }),
    );
    const flagged = await review(t.fac);
    expect(flagged['state']).toBe('implemented');
    expect(flagged['flags']).toEqual([`listing ${ids.need} changed`]);
    const queue = await ok(
      await app.as(t.fac).request('GET', '/review-queue?state=implemented&flagged=true'),
    );
    expect((queue['items'] as { id: string }[]).map((i) => i.id)).toEqual([ids.suggestion]);
    const feed = await ok(await app.as(t.fac).request('GET', '/feed'));
    expect((feed['changes'] as { type: string }[]).some((e) => e.type === 'flag')).toBe(true);
    // A facilitator of another region reads its own regions' events only; without a token, none.
    const elsewhere = await ok(await app.as(t.facOut).request('GET', '/feed'));
    const suggestionIds = (elsewhere['changes'] as { suggestionId: string }[]).map((e) => e.suggestionId);
    expect(suggestionIds).not.toContain(ids.suggestion);
    expect((await app.as(PUBLIC).request('GET', '/feed')).status).toBe(401);
  });

  it('when a listing of it is deleted, then the review and its audit trail stay', async () => {
    const before = (await ok(await app.as(t.fac).request('GET', `/suggestions/${ids.suggestion}/events`)))[
      'items'
    ] as unknown[];
    expect((await app.as(t.bizA).request('DELETE', `/listings/${ids.offer}`)).status).toBe(204);
    const kept = await review(t.fac);
    expect(kept).toMatchObject({ state: 'implemented', matchStatus: 'withdrawn', suggestion: null });
    expect(kept['flags']).toContain(`listing ${ids.offer} was deleted`);
    const after = (await ok(await app.as(t.fac).request('GET', `/suggestions/${ids.suggestion}/events`)))[
      'items'
    ] as unknown[];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    // The businesses still see their exchange.
    expect((await review(t.bizB))['state']).toBe('implemented');
  });
});

describe('guards', () => {
  let second = '';
  beforeAll(async () => {
    const offer = await ok(
      await app.as(t.bizC).request('POST', '/listings', offerListing(ids.siteC, 'public')),
      201,
    );
    second = (offer['suggestions'] as { id: string }[])[0]!.id;
  });

  it('when 50 transitions of one suggestion arrive at once, then exactly one wins', async () => {
    const tries = await Promise.all(
      Array.from({ length: 50 }, () =>
        app
          .as(t.fac)
          .request('POST', `/suggestions/${second}/transitions`, { to: 'under-review', version: 0 }),
      ),
    );
    const statuses = tries.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const events = await ok(await app.as(t.fac).request('GET', `/suggestions/${second}/events`));
    expect(events['items']).toHaveLength(1);
    expect(await review(t.fac, second)).toMatchObject({ state: 'under-review', version: 1 });
  });

  it('when a business declines without a reason, then 400; with one, it is declined and leaves the lists', async () => {
    const bare = await app
      .as(t.bizC)
      .request('POST', `/suggestions/${second}/responses`, { answer: 'not-interested' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details).toContainEqual(expect.objectContaining({ path: 'reason' }));
    const declined = await ok(
      await app.as(t.bizC).request('POST', `/suggestions/${second}/responses`, {
        answer: 'not-interested',
        reason: { code: 'price', text: 'transport too dear' },
      }),
    );
    expect(declined).toMatchObject({
      state: 'declined',
      reason: { code: 'price', text: 'transport too dear' },
    });
    const listed = await ok(await app.as(t.bizC).request('GET', '/suggestions'));
    expect((listed['items'] as { id: string }[]).map((s) => s.id)).not.toContain(second);
    // Closed: no more answers, no more transitions.
    expect(
      (await app.as(t.bizC).request('POST', `/suggestions/${second}/responses`, { answer: 'interested' }))
        .status,
    ).toBe(409);
    expect((await move(t.fac, 'introduced', {}, second)).status).toBe(409);
  });

  it('when a suggestion pairs a private listing, then the other business sees it only once it is introduced, anonymised', async () => {
    const hidden = await ok(
      await app
        .as(t.bizA)
        .request('POST', '/listings', { ...offerListing(ids.siteA, 'private'), title: 'Spent potlining' }),
      201,
    );
    const id = (hidden['suggestions'] as { id: string; need: { id: string } }[]).find(
      (x) => x.need.id === ids.need,
    )!.id;
    expect((await app.as(t.bizB).request('GET', `/suggestions/${id}`)).status).toBe(404);
    await ok(await move(t.fac, 'introduced', {}, id));
    const shown = await review(t.bizB, id);
    expect(
      (shown['suggestion'] as { offer: { anonymised: boolean; companyId?: string } }).offer,
    ).toMatchObject({
      anonymised: true,
    });
    expect((shown['suggestion'] as { offer: { companyId?: string } }).offer.companyId).toBeUndefined();
    const feed = await ok(await app.as(t.bizB).request('GET', '/feed'));
    expect((feed['awaiting'] as { id: string }[]).map((x) => x.id)).toContain(id);
    await ok(await app.as(t.bizB).request('POST', `/suggestions/${id}/responses`, { answer: 'interested' }));
  });

  it('when a company with a reviewed suggestion is deleted with its sites and listings, then the review stays readable', async () => {
    const before = await review(t.fac, second);
    expect((await app.request('DELETE', `/companies/${ids.c}?cascade=true`)).status).toBe(204);
    const after = await review(t.fac, second);
    expect(after).toMatchObject({
      state: 'declined',
      version: before['version'],
      suggestion: null,
      matchStatus: 'withdrawn',
    });
    // Closed: no flag for it.
    expect(after['flags']).toEqual([]);
    const events = await ok(await app.as(t.fac).request('GET', `/suggestions/${second}/events`));
    expect((events['items'] as { type: string }[]).map((e) => e.type)).toEqual([
      'transition',
      'response',
      'transition',
    ]);
  });

  it('when the feed is marked seen, then older events leave it; a time in the future counts as now', async () => {
    const seen = await ok(await app.as(t.fac).request('POST', '/feed/seen', {}));
    const feed = await ok(await app.as(t.fac).request('GET', '/feed'));
    expect(feed).toMatchObject({ changes: [], lastSeenAt: seen['lastSeenAt'] });
    const future = await ok(
      await app.as(t.fac).request('POST', '/feed/seen', { until: '2999-01-01T00:00:00Z' }),
    );
    expect(Date.parse(future['lastSeenAt'] as string)).toBeLessThanOrEqual(Date.now());
  });

  it('when an analyst or another business tries the workflow, then it is refused', async () => {
    expect((await app.as(t.analyst).request('GET', '/review-queue')).status).toBe(403);
    expect(
      (
        await app
          .as(t.analyst)
          .request('POST', `/suggestions/${second}/transitions`, { to: 'expired', version: 1 })
      ).status,
    ).toBe(403);
    expect(
      (await app.as(t.bizA).request('POST', `/suggestions/${second}/responses`, { answer: 'interested' }))
        .status,
    ).toBe(404);
    expect((await app.as(t.bizA).request('GET', `/suggestions/${second}/events`)).status).toBe(404);
  });
});

/**
 * Who a suggestion may be assigned to (GET /suggestions/{id}/assignable) against Neo4j with real
 * tokens: the facilitators of its regions (by municipality, county or nationally) and the admins who
 * can sign in now, by name, with their regions and nothing else; revoked and expired users are
 * absent; businesses and analysts get 403, the public 401, another region's facilitator 403. The
 * assignment accepts exactly those listed and refuses anyone else with a 400 naming assigneeId.
 * Then what the outcome form relies on: a later change of quantity, basis and benefits
 * (POST /suggestions/{id}/outcome), a stale version 409, and nothing to change before implemented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { UserInput } from '../../src/domain/user.ts';
import { createUser, issueToken, revoke } from '../../src/services/users.ts';
import { PUBLIC, startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let suggestion = '';

interface Made {
  id: string;
  token: string;
}
const u: Record<string, Made> = {};

async function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, unknown> & { [k: string]: unknown };
}

async function make(input: UserInput): Promise<Made> {
  const made = await createUser(app.runtime.deps, SYSTEM, input);
  return { id: made.user.id, token: made.token };
}

/** Every token of a user expired yesterday. */
async function expireTokens(userId: string): Promise<void> {
  await app.runtime.deps.store.write((tx) =>
    tx.run('MATCH (:User {id: $userId})-[:HAS_TOKEN]->(t:Token) SET t.expiresAt = $past', {
      userId,
      past: new Date(Date.now() - 86_400_000).toISOString(),
    }),
  );
}

const version = async (id = suggestion) =>
  (await ok(await app.request('GET', `/suggestions/${id}`)))['version'] as number;

const assign = async (assigneeId: string | null, as = u['fac']!.token) =>
  app.as(as).request('POST', `/suggestions/${suggestion}/assignment`, {
    version: await version(),
    assigneeId,
  });

const listed = async (as = u['fac']!.token, query = '') =>
  app.as(as).request('GET', `/suggestions/${suggestion}/assignable${query}`);

beforeAll(async () => {
  app = await startTestApp();
  const company = async (name: string) =>
    (await ok(await app.request('POST', '/companies', { name, country: 'SE', industry: '24.420' }), 201))[
      'id'
    ] as string;
  const site = async (companyId: string, lat: number, lon: number) =>
    (await ok(await app.request('POST', `/companies/${companyId}/sites`, { name: 'Works', lat, lon }), 201))[
      'id'
    ] as string;
  // Both sites in Kvinnherad (4617), in Vestland (46).
  const a = await company('Dross Supplier AS');
  const b = await company('Recovery Works AS');
  const siteA = await site(a, 59.87, 5.77);
  const siteB = await site(b, 59.9, 5.8);
  await ok(
    await app.request('POST', '/listings', {
      siteId: siteA,
      direction: 'offer',
      kind: 'material',
      title: 'Anode scraps',
      quantity: { value: 400, unit: 't/yr' },
      material: { wasteCodes: ['100302'] },
    }),
    201,
  );
  const need = await ok(
    await app.request('POST', '/listings', {
      siteId: siteB,
      direction: 'need',
      kind: 'material',
      title: 'Dross for recovery',
      quantity: { value: 300, unit: 't/yr' },
      material: { wasteCodes: ['1003'] },
    }),
    201,
  );
  suggestion = (need['suggestions'] as { id: string }[])[0]!.id;

  u['fac'] = await make({ name: 'Kari Kvinnherad', role: 'facilitator', regions: ['4617'] });
  u['county'] = await make({ name: 'Ola Vestland', role: 'facilitator', regions: ['46', '03'] });
  u['national'] = await make({ name: 'Nina Nasjonal', role: 'facilitator', regions: ['all'] });
  u['elsewhere'] = await make({ name: 'Oskar Oslo', role: 'facilitator', regions: ['03'] });
  u['revoked'] = await make({ name: 'Rita Revoked', role: 'facilitator', regions: ['4617'] });
  u['expired'] = await make({ name: 'Erik Expired', role: 'facilitator', regions: ['4617'] });
  u['rotated'] = await make({ name: 'Rune Rotated', role: 'facilitator', regions: ['4617'] });
  u['business'] = await make({ name: 'Bodil Business', role: 'business', companyIds: [a] });
  u['analyst'] = await make({ name: 'Anders Analyst', role: 'analyst' });
  u['admin'] = await make({ name: 'Astrid Admin', role: 'admin' });
  await revoke(app.runtime.deps, SYSTEM, { userId: u['revoked'].id });
  await expireTokens(u['expired'].id);
  // An expired token, then a new one: it can sign in again.
  await expireTokens(u['rotated'].id);
  await issueToken(app.runtime.deps, SYSTEM, u['rotated'].id, 30);
});
afterAll(async () => {
  await app?.close();
});

describe('who a suggestion may be assigned to', () => {
  it('when its facilitator asks, then the admins and its regions’ facilitators who can sign in are listed by name, with their regions only', async () => {
    const page = await ok(await listed());
    const items = page['items'] as { id: string; name: string; role: string; regions: unknown }[];
    // The harness's own admin ("Test admin") is an admin too.
    expect(items.map((i) => i.name)).toEqual([
      'Astrid Admin',
      'Kari Kvinnherad',
      'Nina Nasjonal',
      'Ola Vestland',
      'Rune Rotated',
      'Test admin',
    ]);
    expect(page).toMatchObject({ limit: 50, offset: 0, hasMore: false });
    expect(items.find((i) => i.id === u['fac']!.id)).toEqual({
      id: u['fac']!.id,
      name: 'Kari Kvinnherad',
      role: 'facilitator',
      regions: [{ code: '4617', name: 'Kvinnherad' }],
    });
    expect(items.find((i) => i.id === u['county']!.id)?.regions).toEqual([
      { code: '46', name: 'Vestland' },
      { code: '03', name: 'Oslo' },
    ]);
    expect(items.find((i) => i.id === u['national']!.id)).toMatchObject({
      role: 'facilitator',
      regions: 'all',
    });
    expect(items.find((i) => i.id === u['admin']!.id)).toMatchObject({ role: 'admin', regions: 'all' });
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'name', 'regions', 'role']);
    const text = JSON.stringify(page);
    for (const secret of ['sym_', 'hash', 'token', 'createdAt', 'disabledAt', 'companyIds'])
      expect(text).not.toContain(secret);
  });

  it('when an admin asks, then the same list; a page of two says there is more', async () => {
    const byAdmin = await ok(await listed(u['admin']!.token));
    const byFacilitator = await ok(await listed());
    expect(byAdmin['items']).toEqual(byFacilitator['items']);
    const first = await ok(await listed(u['admin']!.token, '?limit=2'));
    expect(first).toMatchObject({ limit: 2, offset: 0, hasMore: true });
    const rest = await ok(await listed(u['admin']!.token, '?limit=2&offset=4'));
    expect(rest).toMatchObject({ offset: 4, hasMore: false });
    expect((rest['items'] as { name: string }[]).map((i) => i.name)).toEqual(['Rune Rotated', 'Test admin']);
  });

  it('when a business, an analyst, another region’s facilitator or the public asks, then it is refused', async () => {
    for (const as of ['business', 'analyst']) {
      const res = await listed(u[as]!.token);
      expect(res.status, as).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const elsewhere = await listed(u['elsewhere']!.token);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.details).toContainEqual(expect.objectContaining({ path: 'authorization' }));
    expect((await listed(PUBLIC)).status).toBe(401);
    // A revoked or expired user's own token no longer works at all.
    expect((await listed(u['revoked']!.token)).status).toBe(401);
    expect((await listed(u['expired']!.token)).status).toBe(401);
    expect((await app.request('GET', '/suggestions/sug_nothing/assignable')).status).toBe(404);
    expect((await listed(u['fac']!.token, '?limit=0')).status).toBe(400);
  });

  it('when a listed facilitator is chosen, then the suggestion is assigned to them; anyone not listed is refused naming assigneeId', async () => {
    const done = await ok(await assign(u['county']!.id));
    expect(done['assigneeId']).toBe(u['county']!.id);
    for (const who of ['elsewhere', 'revoked', 'expired', 'business', 'analyst']) {
      const before = await version();
      const refused = await assign(u[who]!.id);
      expect(refused.status, who).toBe(400);
      expect(refused.body.error.details, who).toContainEqual(expect.objectContaining({ path: 'assigneeId' }));
      expect(await version(), `${who}: nothing changed`).toBe(before);
    }
    const unknown = await assign('usr_nobody');
    expect(unknown.status).toBe(400);
    expect((await ok(await app.request('GET', `/suggestions/${suggestion}`)))['assigneeId']).toBe(
      u['county']!.id,
    );
  });

  it('when each user is tried, then the assignment accepts exactly those the list names', async () => {
    const names = new Set(((await ok(await listed()))['items'] as { id: string }[]).map((i) => i.id));
    for (const [who, made] of Object.entries(u)) {
      const res = await assign(made.id);
      expect(res.status === 200, `${who}: listed ${names.has(made.id)}, assignment ${res.status}`).toBe(
        names.has(made.id),
      );
    }
    await ok(await assign(null));
  });
});

describe('a later change of the realised exchange', () => {
  it('when the suggestion is not implemented yet, then there is no outcome to change (409)', async () => {
    const res = await app.request('POST', `/suggestions/${suggestion}/outcome`, {
      version: await version(),
      quantityPerYear: 100,
    });
    expect(res.status).toBe(409);
  });

  it('when quantity, basis and benefits change, then they replace what was recorded; a stale version is 409 and changes nothing', async () => {
    for (const to of ['introduced', 'negotiating', 'agreed'])
      await ok(
        await app.request('POST', `/suggestions/${suggestion}/transitions`, { to, version: await version() }),
      );
    await ok(
      await app.request('POST', `/suggestions/${suggestion}/transitions`, {
        to: 'implemented',
        version: await version(),
        outcome: {
          quantityPerYear: 250,
          quantityBasis: 'estimated',
          startDate: '2026-11-01',
          benefits: {
            costSavedNokPerYear: { value: 400000, basis: 'estimated' },
            jobs: { value: 2, basis: 'estimated' },
          },
        },
      }),
    );
    const seen = await version();
    const changed = await ok(
      await app.as(u['fac']!.token).request('POST', `/suggestions/${suggestion}/outcome`, {
        version: seen,
        quantityPerYear: 310.5,
        quantityBasis: 'measured',
        benefits: { revenueNokPerYear: { value: 120000, basis: 'measured' } },
      }),
    );
    expect(changed['outcome']).toEqual({
      quantityPerYear: 310.5,
      quantityBasis: 'measured',
      startDate: '2026-11-01',
      benefits: { revenueNokPerYear: { value: 120000, basis: 'measured' } },
    });
    expect(changed['version']).toBe(seen + 1);

    const stale = await app.as(u['fac']!.token).request('POST', `/suggestions/${suggestion}/outcome`, {
      version: seen,
      quantityPerYear: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toContainEqual(expect.objectContaining({ path: 'version' }));

    const early = await app.as(u['fac']!.token).request('POST', `/suggestions/${suggestion}/outcome`, {
      version: seen + 1,
      endDate: '2026-10-31',
    });
    expect(early.status).toBe(400);
    expect(early.body.error.details).toContainEqual(expect.objectContaining({ path: 'endDate' }));

    const cleared = await ok(
      await app.as(u['fac']!.token).request('POST', `/suggestions/${suggestion}/outcome`, {
        version: seen + 1,
        benefits: {},
      }),
    );
    expect((cleared['outcome'] as { benefits: unknown }).benefits).toEqual({});
    expect((cleared['outcome'] as { quantityPerYear: number }).quantityPerYear).toBe(310.5);
  });
});

/**
 * Accounts over the API against Neo4j with real tokens: an admin adds users of every role, a
 * facilitator adds and manages the business users of the companies in its regions and nobody
 * else; a token is shown once and never again; a revoked token or a disabled user is refused at
 * once; at most 10 valid tokens; bad input names its field and writes nothing; the last enabled
 * admin is never disabled, not even by two admins disabling each other at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { hashToken } from '../../src/services/token.ts';
import { forgetCaller } from '../../src/services/users.ts';
import { PUBLIC, startTestApp, type TestApp, type TestResponse } from '../support/harness.ts';

let app: TestApp;
let facIn = '';
let facOut = '';
const ids = { smelter: '', fjordsil: '', oslo: '' };

async function ok(res: TestResponse, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

async function idOf(label: string, ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(`MATCH (n:${label} {ref: $ref}) RETURN n.id AS id`, { ref }),
  );
  return r.records[0]!.get('id') as string;
}

async function countUsers(): Promise<{ users: number; tokens: number }> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(
      'MATCH (u:User) OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:Token) RETURN count(DISTINCT u) AS users, count(t) AS tokens',
    ),
  );
  return { users: Number(r.records[0]!.get('users')), tokens: Number(r.records[0]!.get('tokens')) };
}

const business = (name: string, companyIds: string[]) => ({ name, role: 'business', companyIds });

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  ids.smelter = await idOf('Company', 'storvik-aluminium');
  ids.fjordsil = await idOf('Company', 'fjordsil');
  const oslo = await ok(
    await app.request('POST', '/companies', {
      name: 'Oslo Gjenvinning AB',
      country: 'SE',
      industry: '38.320',
    }),
    201,
  );
  ids.oslo = oslo.id;
  await ok(
    await app.request('POST', `/companies/${ids.oslo}/sites`, { name: 'Alnabru', lat: 59.93, lon: 10.84 }),
    201,
  );
  facIn = await app.user({ name: 'Kvinnherad facilitator', role: 'facilitator', regions: ['4617'] });
  facOut = await app.user({ name: 'Oslo facilitator', role: 'facilitator', regions: ['03'] });
});
afterAll(async () => {
  await app?.close();
});

describe('accounts: an admin adds a user and hands over its token', () => {
  it('when an admin adds a business user, then the token is shown once, signs in as that business, and appears in no later answer', async () => {
    const res = await app.request('POST', '/users', business('Kari at the smelter', [ids.smelter]));
    const made = await ok(res, 201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('location')).toBe(`/users/${made.user.id}`);
    expect(made.token).toMatch(/^sym_/);
    expect(made.user).toMatchObject({
      name: 'Kari at the smelter',
      role: 'business',
      companies: [{ id: ids.smelter, name: expect.any(String) }],
      state: 'enabled',
      validTokens: 1,
      createdBy: { name: 'Test admin' },
    });
    expect(made.user.tokens).toEqual([
      expect.objectContaining({
        id: made.tokenId,
        state: 'valid',
        createdBy: expect.objectContaining({ name: 'Test admin' }),
      }),
    ]);

    const me = await ok(await app.as(made.token).request('GET', '/me'));
    expect(me).toMatchObject({ role: 'business', companies: [{ id: ids.smelter }] });

    const list = await app.request('GET', `/users?company=${ids.smelter}&count=true`);
    const one = await ok(await app.request('GET', `/users/${made.user.id}`));
    for (const later of [JSON.stringify(list.body), JSON.stringify(one)]) {
      expect(later).not.toContain(made.token);
      expect(later).not.toContain(hashToken(made.token));
    }
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([made.user.id]);
    expect(list.body.total).toBe(1);
  });

  it('when the lists are filtered, then role, state and words of the name or company narrow them', async () => {
    const a = await ok(await app.request('POST', '/users', { name: 'Analyst Ås', role: 'analyst' }), 201);
    const byRole = await ok(await app.request('GET', '/users?role=analyst&limit=500'));
    expect(byRole.items.every((u: { role: string }) => u.role === 'analyst')).toBe(true);
    expect(byRole.items.map((u: { id: string }) => u.id)).toContain(a.user.id);
    const byWord = await ok(await app.request('GET', '/users?q=%C3%85S%20analyst'));
    expect(byWord.items.map((u: { id: string }) => u.id)).toEqual([a.user.id]);
    const disabled = await ok(await app.request('GET', '/users?state=disabled'));
    expect(disabled.items.map((u: { id: string }) => u.id)).not.toContain(a.user.id);
  });

  it('when a token is used, then its account shows when, kept to the hour rather than written on every request', async () => {
    const made = await ok(await app.request('POST', '/users', business('Marked', [ids.smelter])), 201);
    expect(made.user.tokens[0].lastUsedAt).toBeUndefined();
    const lastUsed = async () =>
      (await ok(await app.request('GET', `/users/${made.user.id}`))).tokens[0].lastUsedAt as
        | string
        | undefined;
    const setLastUsed = (minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
      return app.runtime.deps.store
        .write((tx) => tx.run('MATCH (t:Token {id: $id}) SET t.lastUsedAt = $at', { id: made.tokenId, at }))
        .then(() => at);
    };
    /** A request with the token that is checked against the database (not the 10 s cache). */
    const use = async () => {
      forgetCaller(made.user.id);
      await ok(await app.as(made.token).request('GET', '/me'));
    };
    const before = new Date().toISOString();
    await use();
    await expect.poll(lastUsed).toBeDefined();
    expect((await lastUsed())! >= before).toBe(true);
    const recent = await setLastUsed(30);
    await use();
    await use();
    expect(await lastUsed()).toBe(recent);
    await setLastUsed(61);
    await use();
    await expect.poll(async () => (await lastUsed())! >= before).toBe(true);
  });
});

describe('accounts: a facilitator onboards the businesses of its regions', () => {
  it('when a facilitator adds a business user for a company in its region, then it may, and manages that user', async () => {
    const made = await ok(
      await app.as(facIn).request('POST', '/users', business('Ola at Fjordsil', [ids.fjordsil])),
      201,
    );
    expect(made.user.createdBy.name).toBe('Kvinnherad facilitator');
    const me = await ok(await app.as(made.token).request('GET', '/me'));
    expect(me.companies.map((c: { id: string }) => c.id)).toEqual([ids.fjordsil]);
    await ok(await app.as(facIn).request('GET', `/users/${made.user.id}`));
    // Another region's facilitator does not even learn it exists.
    expect((await app.as(facOut).request('GET', `/users/${made.user.id}`)).status).toBe(404);
    expect((await app.as(facOut).request('POST', `/users/${made.user.id}/disable`)).status).toBe(404);
  });

  it('when a facilitator asks for another role, a company elsewhere or no company, then it is refused naming the field, and nothing is written', async () => {
    const before = await countUsers();
    const role = await app.as(facIn).request('POST', '/users', { name: 'Boss', role: 'admin' });
    expect(role.status).toBe(403);
    expect(role.body.error.details).toEqual([
      { path: 'role', message: expect.stringContaining('business users only') },
    ]);
    const elsewhere = await app
      .as(facIn)
      .request('POST', '/users', business('Oslo person', [ids.fjordsil, ids.oslo]));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.details).toEqual([
      { path: 'companyIds[1]', message: `you do not act for company '${ids.oslo}'` },
    ]);
    const none = await app.as(facIn).request('POST', '/users', business('Nobody', []));
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].path).toBe('companyIds');
    expect(await countUsers()).toEqual(before);
  });

  it('when a business user also acts for a company outside the region, then the facilitator neither lists nor changes it', async () => {
    const both = await ok(
      await app.request('POST', '/users', business('Two places', [ids.smelter, ids.oslo])),
      201,
    );
    const mine = await ok(await app.as(facIn).request('GET', '/users?limit=500'));
    const listed = mine.items.map((u: { id: string }) => u.id);
    expect(listed).not.toContain(both.user.id);
    expect(mine.items.every((u: { role: string }) => u.role === 'business')).toBe(true);
    expect((await app.as(facIn).request('POST', `/users/${both.user.id}/tokens`)).status).toBe(404);
    expect(
      (await app.as(facIn).request('DELETE', `/users/${both.user.id}/tokens/${both.tokenId}`)).status,
    ).toBe(404);
    await ok(await app.as(both.token).request('GET', '/me'));
    // Oslo's facilitator acts for one of its companies only: not enough either.
    expect((await app.as(facOut).request('GET', `/users/${both.user.id}`)).status).toBe(404);
  });

  it('when a facilitator names a token of a user it does not manage under one it does, then 404 and that token still works', async () => {
    const mine = await ok(
      await app.as(facIn).request('POST', '/users', business('Mine', [ids.smelter])),
      201,
    );
    const theirs = await ok(await app.request('POST', '/users', business('Theirs', [ids.oslo])), 201);
    const res = await app.as(facIn).request('DELETE', `/users/${mine.user.id}/tokens/${theirs.tokenId}`);
    expect(res.status).toBe(404);
    await ok(await app.as(theirs.token).request('GET', '/me'));
  });

  it('when businesses, analysts or the public ask, then 403 or 401', async () => {
    const biz = await ok(await app.request('POST', '/users', business('Biz', [ids.smelter])), 201);
    const analyst = await app.user({ name: 'A', role: 'analyst' });
    for (const [token, status] of [
      [biz.token, 403],
      [analyst, 403],
      [PUBLIC, 401],
    ] as const) {
      expect((await app.as(token).request('GET', '/users')).status).toBe(status);
      expect((await app.as(token).request('POST', '/users', business('Me too', [ids.smelter]))).status).toBe(
        status,
      );
      expect((await app.as(token).request('POST', `/users/${biz.user.id}/disable`)).status).toBe(status);
    }
    await ok(await app.as(biz.token).request('GET', '/me'));
  });
});

describe('accounts: tokens and disabling', () => {
  it('when one token is revoked, then it is refused at once and the other token still works', async () => {
    const made = await ok(await app.request('POST', '/users', business('Two devices', [ids.smelter])), 201);
    const second = await app
      .as(facIn)
      .request('POST', `/users/${made.user.id}/tokens`, { expiresInDays: 30 });
    const issued = await ok(second, 201);
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    await ok(await app.as(made.token).request('GET', '/me'));
    const after = await ok(
      await app.as(facIn).request('DELETE', `/users/${made.user.id}/tokens/${made.tokenId}`),
    );
    expect((await app.as(made.token).request('GET', '/me')).status).toBe(401);
    await ok(await app.as(issued.token).request('GET', '/me'));
    expect(after.validTokens).toBe(1);
    expect(after.tokens.find((t: { id: string }) => t.id === made.tokenId)).toMatchObject({
      state: 'revoked',
      revokedBy: { name: 'Kvinnherad facilitator' },
    });
  });

  it('when a user is disabled, then every token is refused at once, it gets no new one, and a second disable keeps the first record', async () => {
    const made = await ok(await app.request('POST', '/users', business('Leaving', [ids.fjordsil])), 201);
    const extra = await ok(await app.request('POST', `/users/${made.user.id}/tokens`), 201);
    const disabled = await ok(await app.as(facIn).request('POST', `/users/${made.user.id}/disable`));
    expect(disabled).toMatchObject({
      state: 'disabled',
      validTokens: 0,
      disabledBy: { name: 'Kvinnherad facilitator' },
    });
    for (const token of [made.token, extra.token])
      expect((await app.as(token).request('GET', '/me')).status).toBe(401);
    const refused = await app.request('POST', `/users/${made.user.id}/tokens`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([{ path: 'id', message: 'the user is disabled' }]);
    const again = await ok(await app.request('POST', `/users/${made.user.id}/disable`));
    expect(again.disabledAt).toBe(disabled.disabledAt);
    expect(again.disabledBy.name).toBe('Kvinnherad facilitator');
    const listed = await ok(await app.request('GET', `/users?state=disabled&company=${ids.fjordsil}`));
    expect(listed.items.map((u: { id: string }) => u.id)).toContain(made.user.id);
  });

  it('when a user holds 10 valid tokens, then an 11th is refused until one is revoked; 20 requests at once make no more than 10', async () => {
    const made = await ok(await app.request('POST', '/users', business('Many devices', [ids.smelter])), 201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => app.request('POST', `/users/${made.user.id}/tokens`)),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBe(9);
    expect(answers.filter((a) => a.status === 409).length).toBe(11);
    const full = await ok(await app.request('GET', `/users/${made.user.id}`));
    expect(full.validTokens).toBe(10);
    await ok(await app.request('DELETE', `/users/${made.user.id}/tokens/${made.tokenId}`));
    await ok(await app.request('POST', `/users/${made.user.id}/tokens`), 201);
  });

  it('when bad input is sent, then 400 names the field and nothing is written', async () => {
    const before = await countUsers();
    const cases: [unknown, string][] = [
      [{ name: 'X', role: 'owner' }, 'role'],
      [{ name: 'X', role: 'facilitator', regions: ['9999'] }, 'regions[0]'],
      [{ name: 'X', role: 'facilitator' }, 'regions'],
      [{ name: 'X', role: 'analyst', companyIds: [ids.smelter] }, 'companyIds'],
      [{ name: 'X', role: 'business', companyIds: ['cmp_nope'] }, 'companyIds[0]'],
      [{ name: 'X', role: 'business', companyIds: [ids.smelter, ids.smelter] }, 'companyIds[1]'],
      [{ name: 'X', role: 'analyst', expiresInDays: 1e9 }, 'expiresInDays'],
      [{ name: 'X', role: 'analyst', admin: true }, 'admin'],
      [{ name: '', role: 'analyst' }, 'name'],
    ];
    for (const [body, path] of cases) {
      const res = await app.request('POST', '/users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const someone = await ok(await app.request('POST', '/users', { name: 'Y', role: 'analyst' }), 201);
    const tokens = await app.request('POST', `/users/${someone.user.id}/tokens`, { expiresInDays: 0 });
    expect(tokens.status).toBe(400);
    expect(tokens.body.error.details[0].path).toBe('expiresInDays');
    // A body of JSON null is no body left out: refused, for one's own tokens too (schemathesis found it).
    for (const path of [`/users/${someone.user.id}/tokens`, '/me/tokens'])
      expect((await app.request('POST', path, null)).status, path).toBe(400);
    const after = await countUsers();
    expect(after).toEqual({ users: before.users + 1, tokens: before.tokens + 1 });
    expect((await app.request('GET', '/users/usr_nope')).status).toBe(404);
    expect((await app.request('DELETE', `/users/${someone.user.id}/tokens/tok_nope`)).status).toBe(404);
  });
});

describe('your own tokens', () => {
  it('when a user renews its sign-in, then the new token works, the old one is refused once revoked, and only its own tokens are listed', async () => {
    const made = await ok(await app.request('POST', '/users', business('Renewing', [ids.smelter])), 201);
    const other = await ok(await app.request('POST', '/users', business('Someone else', [ids.smelter])), 201);
    const mine = await ok(await app.as(made.token).request('GET', '/me/tokens'));
    expect(mine.items).toEqual([
      expect.objectContaining({ id: made.tokenId, state: 'valid', current: true }),
    ]);
    const res = await app.as(made.token).request('POST', '/me/tokens', { expiresInDays: 30 });
    const renewed = await ok(res, 201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const listed = await ok(await app.as(renewed.token).request('GET', '/me/tokens'));
    expect(listed.items.map((t: { id: string; current: boolean }) => [t.id, t.current])).toEqual([
      [made.tokenId, false],
      [renewed.tokenId, true],
    ]);
    expect(JSON.stringify(listed)).not.toContain(renewed.token);
    expect(listed.items[1].createdBy.name).toBe('Renewing');
    const after = await ok(await app.as(renewed.token).request('DELETE', `/me/tokens/${made.tokenId}`));
    expect(after.items[0]).toMatchObject({ state: 'revoked', revokedBy: { name: 'Renewing' } });
    expect((await app.as(made.token).request('GET', '/me')).status).toBe(401);
    await ok(await app.as(renewed.token).request('GET', '/me'));
    // Another user's token is not yours: 404, and it still works.
    expect((await app.as(renewed.token).request('DELETE', `/me/tokens/${other.tokenId}`)).status).toBe(404);
    await ok(await app.as(other.token).request('GET', '/me'));
  });

  it('when a user revokes the token it signed in with, then the next request with it is refused', async () => {
    const token = await app.user({ name: 'Signing out', role: 'analyst' });
    const mine = await ok(await app.as(token).request('GET', '/me/tokens'));
    await ok(await app.as(token).request('DELETE', `/me/tokens/${mine.items[0].id}`));
    expect((await app.as(token).request('GET', '/me')).status).toBe(401);
  });

  it('when a token of its own is asked for longer than a year or with unknown fields, then 400 names the field; an 11th valid one is 409', async () => {
    const token = await app.user({ name: 'Greedy', role: 'analyst' });
    for (const [body, path] of [
      [{ expiresInDays: 366 }, 'expiresInDays'],
      [{ expiresInDays: 30, role: 'admin' }, 'role'],
    ] as const) {
      const res = await app.as(token).request('POST', '/me/tokens', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    for (let i = 0; i < 9; i++) await ok(await app.as(token).request('POST', '/me/tokens'), 201);
    const full = await app.as(token).request('POST', '/me/tokens');
    expect(full.status).toBe(409);
    expect((await ok(await app.as(token).request('GET', '/me/tokens'))).items.length).toBe(10);
  });
});

describe('accounts: the last admin', () => {
  // Last in the file: it disables the harness's own admin.
  it('when admins disable each other or revoke tokens, then one admin can still sign in, even when two act at the same moment', async () => {
    const second = await ok(
      await app.request('POST', '/users', { name: 'Second admin', role: 'admin' }),
      201,
    );
    const me = await ok(await app.request('GET', '/me'));
    await ok(await app.as(second.token).request('POST', `/users/${me.id}/disable`));
    expect((await app.request('GET', '/me')).status).toBe(401);
    const alone = await app.as(second.token).request('POST', `/users/${second.user.id}/disable`);
    expect(alone.status).toBe(409);
    expect(alone.body.error.details).toEqual([{ path: 'id', message: 'the last admin who can sign in' }]);
    // Its only token is just as needed: revoking it is refused too, until it holds another.
    const own = await app
      .as(second.token)
      .request('DELETE', `/users/${second.user.id}/tokens/${second.tokenId}`);
    expect(own.status).toBe(409);
    expect(own.body.error.details[0].path).toBe('tokenId');
    expect((await app.as(second.token).request('DELETE', `/me/tokens/${second.tokenId}`)).status).toBe(409);
    const spare = await ok(
      await app.as(second.token).request('POST', `/users/${second.user.id}/tokens`),
      201,
    );
    await ok(
      await app.as(second.token).request('DELETE', `/users/${second.user.id}/tokens/${second.tokenId}`),
    );
    expect((await app.as(second.token).request('GET', '/me')).status).toBe(401);
    second.token = spare.token;

    // Rounds of two admins disabling each other at once: the survivor makes the next one.
    let standing = { token: second.token as string, id: second.user.id as string };
    for (let round = 1; round <= 5; round++) {
      const next = await ok(
        await app.as(standing.token).request('POST', '/users', { name: `Admin ${round}`, role: 'admin' }),
        201,
      );
      const rival = { token: next.token as string, id: next.user.id as string };
      // Both tokens verified once, so both requests reach the service with their admin (a token is
      // checked when its request arrives: the loser may also find its own token just revoked, 401).
      await ok(await app.as(standing.token).request('GET', '/me'));
      await ok(await app.as(rival.token).request('GET', '/me'));
      const [a, b] = await Promise.all([
        app.as(standing.token).request('POST', `/users/${rival.id}/disable`),
        app.as(rival.token).request('POST', `/users/${standing.id}/disable`),
      ]);
      const won = [a.status, b.status].filter((s) => s === 200).length;
      expect(won, `round ${round}: ${a.status}, ${b.status}`).toBe(1);
      expect([401, 409]).toContain([a.status, b.status].find((s) => s !== 200));
      if (b.status === 200) standing = rival;
      const admins = await ok(await app.as(standing.token).request('GET', '/users?role=admin&state=enabled'));
      expect(admins.items.map((u: { id: string }) => u.id)).toEqual([standing.id]);
    }
  });
});

/**
 * Tried as an attacker would: headers that used to grant roles, other companies' ids and refs,
 * moving data between companies, learning who is behind an anonymous listing or where it is,
 * stolen, revoked and expired tokens, lost updates, floods.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coarsen } from '../../src/domain/access.ts';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { haversineKm } from '../../src/matching/distance.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { PUBLIC, startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let smelter: string;
let smelterSite: string;
let silicon: string;
let siliconSite: string;
let owner: string;
let other: string;

async function idOf(label: string, ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(`MATCH (n:${label} {ref: $ref}) RETURN n.id AS id`, { ref }),
  );
  return r.records[0]!.get('id') as string;
}

const offer = (siteId: string, extra: object = {}) => ({
  siteId,
  direction: 'offer',
  kind: 'material',
  title: 'Dross',
  quantity: { value: 100, unit: 't/yr' },
  material: { wasteCodes: ['100308'] },
  ...extra,
});

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  await app.request('POST', '/match-runs', {});
  await settleMatchRuns();
  smelter = await idOf('Company', 'storvik-aluminium');
  smelterSite = await idOf('Site', 'storvik-alu-verk');
  silicon = await idOf('Company', 'fjordsil');
  siliconSite = await idOf('Site', 'fjordsil-verk');
  owner = await app.user({ name: 'Smelter', role: 'business', companyIds: [smelter] });
  other = await app.user({ name: 'Silicon', role: 'business', companyIds: [silicon] });
});
afterAll(async () => {
  await app?.close();
});

describe('headers grant nothing', () => {
  it('when a request sends only X-Role: facilitator (and X-Company-Id), then it is the public', async () => {
    const headers = { 'x-role': 'facilitator', 'x-company-id': smelter };
    const listings = await app.as(PUBLIC).request('GET', '/listings?limit=500', undefined, headers);
    expect(listings.status).toBe(200);
    expect(
      listings.body.items.every((l: { confidentiality: string }) => l.confidentiality === 'public'),
    ).toBe(true);
    expect((await app.as(PUBLIC).request('GET', '/companies', undefined, headers)).status).toBe(401);
    expect((await app.as(PUBLIC).request('GET', '/suggestions', undefined, headers)).status).toBe(401);
    expect((await app.as(PUBLIC).request('POST', '/listings', offer(smelterSite), headers)).status).toBe(401);
    expect(
      (await app.as(PUBLIC).request('DELETE', `/companies/${smelter}?cascade=true`, undefined, headers))
        .status,
    ).toBe(401);
  });
});

describe("another company's data", () => {
  it('when a business places a listing at, or moves its listing to, another company’s site, then it is refused like a missing site', async () => {
    const foreign = await app.as(other).request('POST', '/listings', offer(smelterSite));
    const missing = await app.as(other).request('POST', '/listings', offer('si_doesnotexist'));
    expect(foreign.status).toBe(400);
    expect(missing.status).toBe(400);
    expect(foreign.body.error.details[0].message.replace(smelterSite, 'X')).toBe(
      missing.body.error.details[0].message.replace('si_doesnotexist', 'X'),
    );
    const mine = await app.as(other).request('POST', '/listings', offer(siliconSite));
    expect(mine.status).toBe(201);
    const moved = await app.as(other).request('PATCH', `/listings/${mine.body.id}`, { siteId: smelterSite });
    expect(moved.status).toBe(400);
    const after = await app.request('GET', `/listings/${mine.body.id}`);
    expect(after.body.siteId).toBe(siliconSite);
    expect(after.body.companyId).toBe(silicon);
  });

  it('when a business tries to take over another company’s site or change its company, then nothing changes', async () => {
    const patch = await app.as(other).request('PATCH', `/sites/${smelterSite}`, { name: 'Ours now' });
    expect(patch.status).toBe(403);
    const sneaky = await app.as(owner).request('PATCH', `/sites/${smelterSite}`, { companyId: silicon });
    expect(sneaky.status).toBe(400);
    expect((await app.request('GET', `/sites/${smelterSite}`)).body.companyId).toBe(smelter);
    const del = await app.as(other).request('DELETE', `/companies/${smelter}?cascade=true`);
    expect(del.status).toBe(403);
    expect((await app.request('GET', `/companies/${smelter}`)).status).toBe(200);
  });

  it('when two businesses use the same refs, then each has its own; a ref reused within a company is 409 and changes nothing', async () => {
    const a = await app
      .as(owner)
      .request('POST', '/companies', { ref: 'acme', name: 'A AB', country: 'SE', industry: '24.420' });
    const b = await app
      .as(other)
      .request('POST', '/companies', { ref: 'acme', name: 'B AB', country: 'SE', industry: '24.420' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    const again = await app
      .as(owner)
      .request('POST', '/companies', { ref: 'acme', name: 'A2 AB', country: 'SE', industry: '24.420' });
    expect(again.status).toBe(409);
    expect((await app.request('GET', `/companies/${a.body.id}`)).body.name).toBe('A AB');

    const first = await app.as(owner).request('POST', '/listings', offer(smelterSite, { ref: 'shared-ref' }));
    const elsewhere = await app
      .as(other)
      .request('POST', '/listings', offer(siliconSite, { ref: 'shared-ref' }));
    expect([first.status, elsewhere.status]).toEqual([201, 201]);
    const dupe = await app
      .as(owner)
      .request('POST', '/listings', offer(smelterSite, { ref: 'shared-ref', title: 'Other' }));
    expect(dupe.status).toBe(409);
    expect((await app.request('GET', `/listings/${first.body.id}`)).body.title).toBe('Dross');
  });

  it('when ids are issued, then they are random, not derived from refs', async () => {
    const one = await app
      .as(owner)
      .request('POST', '/listings', offer(smelterSite, { ref: 'same-ref-twice' }));
    await app.as(owner).request('DELETE', `/listings/${one.body.id}`);
    const two = await app
      .as(owner)
      .request('POST', '/listings', offer(smelterSite, { ref: 'same-ref-twice' }));
    expect(one.body.id).not.toBe(two.body.id);
    expect(two.body.id).toMatch(/^li_[0-9a-f]{32}$/);
  });

  it('when a facilitator imports a company ref held in another region, then the row is rejected and the company unchanged', async () => {
    const oslo = await app.user({ name: 'Oslo', role: 'facilitator', regions: ['03'] });
    const before = await app.request('GET', `/companies/${smelter}`);
    const res = await app.as(oslo).request('POST', '/imports', {
      companies: [
        {
          ref: 'storvik-aluminium',
          name: 'Taken Over AS',
          country: 'SE',
          industry: '24.420',
          sites: [{ ref: 'oslo-yard', lat: 59.91, lon: 10.75 }],
        },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.companies.rejected).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain(smelter);
    expect((await app.request('GET', `/companies/${smelter}`)).body).toEqual(before.body);
  });
});

describe('anonymity', () => {
  let anon: { id: string; lat: number; lon: number };
  let exact: { lat: number; lon: number };

  beforeAll(async () => {
    const id = await idOf('Listing', 'alu-spl');
    exact = (await app.request('GET', `/listings/${id}`)).body;
    anon = (await app.as(other).request('GET', `/listings/${id}`)).body;
  });

  it('when another business reads an anonymous listing, then it has no company, site or ref and a coarse location', async () => {
    expect(anon).not.toHaveProperty('companyId');
    expect(anon).not.toHaveProperty('siteId');
    expect(anon).not.toHaveProperty('ref');
    expect(anon).toMatchObject({ anonymised: true, lat: coarsen(exact.lat), lon: coarsen(exact.lon) });
    expect(JSON.stringify(anon)).not.toContain(smelter);
  });

  it('when another business searches a small circle around the exact site, then the anonymous listing is not found there, only around its coarse point', async () => {
    const coarseKm = haversineKm(exact.lat, exact.lon, anon.lat, anon.lon);
    const r = Math.max(0.2, coarseKm / 2);
    expect(coarseKm).toBeGreaterThan(0.4);
    const atExact = await app
      .as(other)
      .request('GET', `/listings?lat=${exact.lat}&lon=${exact.lon}&radiusKm=${r}&limit=500`);
    expect(atExact.body.items.map((l: { id: string }) => l.id)).not.toContain(anon.id);
    const atCoarse = await app
      .as(other)
      .request('GET', `/listings?lat=${anon.lat}&lon=${anon.lon}&radiusKm=0.1&limit=500`);
    expect(atCoarse.body.items.map((l: { id: string }) => l.id)).toContain(anon.id);
    const asOwner = await app
      .as(owner)
      .request('GET', `/listings?lat=${exact.lat}&lon=${exact.lon}&radiusKm=${r}&limit=500`);
    expect(asOwner.body.items.map((l: { id: string }) => l.id)).toContain(anon.id);
  });

  it('when a counterpart reads a suggestion with the anonymous listing, then every distance is measured from the coarse location', async () => {
    const ofOffer = await app.request('GET', `/listings/${anon.id}/suggestions?limit=50`);
    const needCompany = ofOffer.body.items[0].need.companyId as string;
    const counterpart = await app.user({ name: 'Counterpart', role: 'business', companyIds: [needCompany] });
    const seen = await app.as(counterpart).request('GET', '/suggestions?limit=500');
    const withAnon = seen.body.items.filter((s: { offer: { id: string } }) => s.offer.id === anon.id);
    expect(withAnon.length).toBeGreaterThan(0);
    for (const s of withAnon) {
      const shown = haversineKm(s.offer.lat, s.offer.lon, s.need.lat, s.need.lon);
      expect(Math.abs(s.distanceKm - shown)).toBeLessThan(0.06);
      const term = s.terms.find((t: { name: string }) => t.name === 'distance');
      expect(term.reason).toContain('anonymised');
      const exactKm = haversineKm(exact.lat, exact.lon, s.need.lat, s.need.lon);
      if (Math.abs(exactKm - shown) > 0.1)
        expect(term.reason).not.toContain(`${Math.round(exactKm * 10) / 10} km`);
      expect(JSON.stringify(s.offer)).not.toContain(smelter);
    }
  });

  it('when a company’s suggestions are asked for by another business, then they are not found', async () => {
    expect((await app.as(other).request('GET', `/companies/${smelter}/suggestions`)).status).toBe(404);
  });
});

describe('tokens', () => {
  it('when a token is revoked, expired, malformed or unknown, then 401 with WWW-Authenticate', async () => {
    const made = await app.user({ name: 'Short-lived', role: 'analyst' });
    expect((await app.as(made).request('GET', '/me')).status).toBe(200);
    const me = (await app.as(made).request('GET', '/me')).body;
    const { revoke } = await import('../../src/services/users.ts');
    const { SYSTEM } = await import('../../src/domain/caller.ts');
    await revoke(app.runtime.deps, SYSTEM, { userId: me.id });
    const revoked = await app.as(made).request('GET', '/me');
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await app.as('sym_not-a-real-token').request('GET', '/me')).status).toBe(401);
    expect((await app.as(`sym_${'A'.repeat(43)}`).request('GET', '/listings')).status).toBe(401);
    const basic = await app
      .as(PUBLIC)
      .request('GET', '/me', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect(basic.status).toBe(401);

    const expired = await app.user({ name: 'Expired', role: 'analyst', expiresInDays: 1 });
    const later = { ...app.runtime.deps, now: () => new Date(Date.now() + 2 * 86_400_000) };
    const { authenticate } = await import('../../src/services/users.ts');
    await expect(authenticate(later, expired)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('when requests carry tokens, then no token reaches the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = createApp(
      { ...app.runtime.deps, logger: createLogger('info', sink) },
      {
        bodyLimit: '1mb',
        readiness: app.runtime.readiness,
      },
    );
    const server: Server = await new Promise((resolve) => {
      const s = logged.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await fetch(`${url}/me`, { headers: { authorization: `Bearer ${owner}` } });
      await fetch(`${url}/me`, { headers: { authorization: 'Bearer sym_wrong' } });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain(owner);
      expect(lines.join('\n')).not.toContain('sym_wrong');
      expect(lines.join('\n')).toContain('[redacted]');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('no lost updates', () => {
  it('when 20 edits of one listing run at once, each naming a different field, then every change is kept', async () => {
    const created = await app.as(owner).request('POST', '/listings', offer(smelterSite));
    const id = created.body.id;
    const edits = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? { description: `edit ${i}` }
        : { material: { wasteCodes: ['100308'], contaminants: [`trace ${i}`] } },
    );
    const answers = await Promise.all(edits.map((e) => app.as(owner).request('PATCH', `/listings/${id}`, e)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200).length + statuses.filter((s) => s === 409).length).toBe(20);
    // Both kinds of edit got through, so a lost update would show as one field back at its old value.
    expect(answers.some((a, i) => a.status === 200 && i % 2 === 0)).toBe(true);
    expect(answers.some((a, i) => a.status === 200 && i % 2 === 1)).toBe(true);
    const final = await app.request('GET', `/listings/${id}`);
    const ok = answers.filter((a) => a.status === 200).length;
    expect(final.body.version).toBe(1 + ok);
    // The last description and the last contaminants both survive: neither overwrote the other.
    expect(final.body.description).toMatch(/^edit \d+$/);
    expect(final.body.material.contaminants?.[0]).toMatch(/^trace \d+$/);
  });

  it('when edits name the version they read, then exactly one of many concurrent ones wins and the rest get 412', async () => {
    const created = await app.as(owner).request('POST', '/listings', offer(smelterSite));
    const etag = (await app.request('GET', `/listings/${created.body.id}`)).headers.get('etag')!;
    expect(etag).toBe('"1"');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app
          .as(owner)
          .request('PATCH', `/listings/${created.body.id}`, { title: `T${i}` }, { 'if-match': etag }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 412)).toHaveLength(11);
    const stale = await app
      .as(owner)
      .request('DELETE', `/listings/${created.body.id}`, undefined, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect((await app.request('GET', `/listings/${created.body.id}`)).status).toBe(200);
  });

  it('when a private listing’s title is fixed, then it stays private and its other fields are unchanged', async () => {
    const created = await app
      .as(owner)
      .request('POST', '/listings', offer(smelterSite, { confidentiality: 'private', continuity: 'batch' }));
    const fixed = await app
      .as(owner)
      .request('PATCH', `/listings/${created.body.id}`, { title: 'Dross, skimmed' });
    expect(fixed.status).toBe(200);
    const { title, version, updatedAt, suggestions, ...rest } = fixed.body;
    const { title: _t, version: _v, updatedAt: _u, suggestions: _s, ...before } = created.body;
    expect(title).toBe('Dross, skimmed');
    expect(rest).toEqual(before);
    expect(rest.confidentiality).toBe('private');
    expect(rest.continuity).toBe('batch');
  });
});

describe('the edges', () => {
  it('when a path exists but not the method, then 405 names the allowed methods', async () => {
    const res = await app.request('PUT', '/listings', {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('when a caller writes faster than its limit, then 429 with RateLimit and Retry-After headers', async () => {
    const limited = await startTestApp({ rateLimits: { write: 3, expensive: 1 } });
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<TestApp['request']>> | undefined;
      for (let i = 0; i < 5; i++) {
        last = await limited.request('POST', '/companies', {
          name: `Flood ${i} AB`,
          country: 'SE',
          industry: '24.420',
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(last!.headers.get('ratelimit')).toBeTruthy();
      expect(last!.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('the review workflow', () => {
  // Companies of their own: earlier tests here delete and move the demo's.
  let offerSite = '';
  let needSite = '';
  let seller = '';
  let buyer = '';
  // An admin of its own too: an earlier test revokes the harness's.
  let admin = '';
  beforeAll(async () => {
    admin = await app.user({ name: 'Review admin', role: 'admin' });
    const place = async (name: string, lat: number) => {
      const c = await app
        .as(admin)
        .request('POST', '/companies', { name, country: 'SE', industry: '24.420' });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      const site = await app.as(admin).request('POST', `/companies/${c.body.id}/sites`, {
        name: 'Works',
        lat,
        lon: 5.77,
      });
      return { company: c.body.id as string, site: site.body.id as string };
    };
    const a = await place('Review Seller AB', 59.87);
    const b = await place('Review Buyer AB', 59.9);
    offerSite = a.site;
    needSite = b.site;
    seller = await app.user({ name: 'Seller', role: 'business', companyIds: [a.company] });
    buyer = await app.user({ name: 'Buyer', role: 'business', companyIds: [b.company] });
  });

  /** A fresh suggestion between the seller's offer and the buyer's need (both public). */
  async function pair(): Promise<string> {
    const need = await app.as(admin).request('POST', '/listings', {
      siteId: needSite,
      direction: 'need',
      kind: 'material',
      title: 'Carbon for the furnaces',
      quantity: { value: 300, unit: 't/yr' },
      material: { wasteCodes: ['1003'] },
    });
    const made = await app.as(admin).request('POST', '/listings', {
      ...offer(offerSite),
      title: 'Anode scraps',
      material: { wasteCodes: ['100302'] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return (made.body.suggestions as { id: string; need: { id: string } }[]).find(
      (s) => s.need.id === need.body.id,
    )!.id;
  }

  it('when a business answers for the other side, or a stranger answers, then it is refused and nothing is recorded', async () => {
    const id = await pair();
    const stranger = await app.user({ name: 'Stranger', role: 'business', companyIds: [] });
    expect(
      (
        await app
          .as(seller)
          .request('POST', `/suggestions/${id}/responses`, { answer: 'interested', side: 'need' })
      ).status,
    ).toBe(403);
    expect(
      (await app.as(stranger).request('POST', `/suggestions/${id}/responses`, { answer: 'interested' }))
        .status,
    ).toBe(404);
    const now = await app.as(admin).request('GET', `/suggestions/${id}`);
    expect(now.body).toMatchObject({ version: 0, interest: { offer: null, need: null } });
    expect((await app.as(admin).request('GET', `/suggestions/${id}/events`)).body.items).toEqual([]);
  });

  it('when both businesses answer interested many times at once, then identities are revealed exactly once', async () => {
    const id = await pair();
    await app.as(admin).request('POST', `/suggestions/${id}/transitions`, { to: 'introduced', version: 0 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_v, i) =>
        app
          .as(i % 2 ? seller : buyer)
          .request('POST', `/suggestions/${id}/responses`, { answer: 'interested' }),
      ),
    );
    expect(answers.map((a) => a.status).every((s) => s === 200 || s === 409)).toBe(true);
    const events = (await app.as(admin).request('GET', `/suggestions/${id}/events`)).body.items as {
      type: string;
      seq: number;
    }[];
    expect(events.filter((e) => e.type === 'reveal')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'transition' && e.seq > 1)).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
    expect((await app.as(admin).request('GET', `/suggestions/${id}`)).body).toMatchObject({
      state: 'negotiating',
      revealed: true,
    });
  });

  it('when bodies carry huge numbers, unknown fields or wrong assignees, then 400 names the field and nothing changes', async () => {
    const id = await pair();
    const bad: [string, unknown, string][] = [
      ['transitions', { to: 'under-review', version: 1e15 }, 'version'],
      ['transitions', { to: 'under-review', version: 0, admin: true }, ''],
      ['transitions', { to: 'rejected', version: 0, reason: { code: 'cheaper-elsewhere' } }, 'reason.code'],
      ['readiness', { version: 0, level: 10 }, 'level'],
      ['assignment', { version: 0, assigneeId: 'us_nobody' }, 'assigneeId'],
    ];
    for (const [what, body, path] of bad) {
      const res = await app.as(admin).request('POST', `/suggestions/${id}/${what}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // An assignee must be a facilitator of the suggestion's regions (or an admin), not a business.
    const business = await app.as(seller).request('GET', '/me');
    const toBusiness = await app.as(admin).request('POST', `/suggestions/${id}/assignment`, {
      version: 0,
      assigneeId: business.body.id,
    });
    expect(toBusiness.status).toBe(400);
    const outcome = await app.as(admin).request('POST', `/suggestions/${id}/transitions`, {
      to: 'implemented',
      version: 0,
      outcome: { quantityPerYear: 1e13, quantityBasis: 'measured', startDate: '2026-01-01' },
    });
    expect(outcome.status).toBe(400);
    expect((await app.as(admin).request('GET', `/suggestions/${id}`)).body).toMatchObject({
      state: 'suggested',
      version: 0,
    });
  });
});

/**
 * One-click sign-in on a demo instance: GET /demo/identities hands out the demo business,
 * facilitator and analyst tokens (never the admin's, never a revoked user's), and only where the
 * operator made the instance a demo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignInEnabled } from '../../src/config.ts';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { DemoTokens } from '../../src/services/demo.ts';
import { revoke } from '../../src/services/users.ts';
import { PUBLIC, startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let off: TestApp;
let tokens: Partial<DemoTokens> = {};

beforeAll(async () => {
  app = await startTestApp({ demoSignIn: { tokens: () => tokens } });
  off = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  await off?.close();
});

describe('GET /demo/identities', () => {
  it('on a demo instance, then anyone gets the demo business, facilitator and analyst to sign in as, and never the admin', async () => {
    tokens = {
      business: await app.user({ name: 'Demo business', role: 'business' }),
      facilitator: await app.user({ name: 'Demo facilitator', role: 'facilitator', regions: ['46'] }),
      analyst: await app.user({ name: 'Demo analyst', role: 'analyst' }),
      admin: app.adminToken,
    };
    const res = await app.as(PUBLIC).request('GET', '/demo/identities');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.identities.map((i: { role: string; name: string }) => [i.role, i.name])).toEqual([
      ['business', 'Demo business'],
      ['facilitator', 'Demo facilitator'],
      ['analyst', 'Demo analyst'],
    ]);
    expect(JSON.stringify(res.body)).not.toContain(app.adminToken);
    // Each token handed out signs in as the user it is labelled with.
    for (const identity of res.body.identities) {
      const me = await app.as(identity.token).request('GET', '/me');
      expect(me.status).toBe(200);
      expect(me.body.role).toBe(identity.role);
    }
  });

  it('when a demo user was revoked or the file names a token under another role, then that identity is not offered', async () => {
    const meOf = await app.as(tokens.analyst!).request('GET', '/me');
    await revoke(app.runtime.deps, SYSTEM, { userId: meOf.body.id });
    tokens = { ...tokens, business: tokens.facilitator };
    const res = await app.as(PUBLIC).request('GET', '/demo/identities');
    expect(res.status).toBe(200);
    expect(res.body.identities.map((i: { role: string }) => i.role)).toEqual(['facilitator']);
  });

  it('when the instance is no demo, then no identity is offered, signed in or not (not even the admin asking)', async () => {
    for (const token of [PUBLIC, off.adminToken]) {
      const res = await off.as(token).request('GET', '/demo/identities');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ identities: [] });
    }
  });

  it('when the demo users file is missing or unreadable, then no identity is offered', async () => {
    const saved = tokens;
    tokens = undefined as unknown as Partial<DemoTokens>;
    const res = await app.as(PUBLIC).request('GET', '/demo/identities');
    tokens = saved;
    expect(res.body).toEqual({ identities: [] });
  });
});

describe('DEMO_SIGN_IN', () => {
  it('auto offers demo sign-in only while the service listens on a loopback address; true and false decide alone', () => {
    expect(demoSignInEnabled({ DEMO_SIGN_IN: 'auto', HOST: '127.0.0.1' })).toBe(true);
    expect(demoSignInEnabled({ DEMO_SIGN_IN: 'auto', HOST: 'localhost' })).toBe(true);
    expect(demoSignInEnabled({ DEMO_SIGN_IN: 'auto', HOST: '::1' })).toBe(true);
    expect(demoSignInEnabled({ DEMO_SIGN_IN: 'auto', HOST: '0.0.0.0' })).toBe(false);
    expect(demoSignInEnabled({ DEMO_SIGN_IN: 'auto', HOST: '10.0.0.5' })).toBe(false);
    expect(demoSignInEnabled({ DEMO_SIGN_IN: 'true', HOST: '0.0.0.0' })).toBe(true);
    expect(demoSignInEnabled({ DEMO_SIGN_IN: 'false', HOST: '127.0.0.1' })).toBe(false);
  });
});

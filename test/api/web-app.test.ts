/**
 * The web app served by the service: the document at `/` (revalidated, under a strict
 * Content-Security-Policy it can live with: no inline script or style, nothing from elsewhere)
 * and its hashed files under /assets/ (cached for a year, with their content types). The build
 * comes from the project's global setup (test/support/global-web.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC, startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let html = '';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const get = (path: string) => fetch(app.url + path);

describe('the web app', () => {
  it('when / is asked for, then the app’s document comes, to be revalidated on every load', async () => {
    const res = await get('/');
    html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(html).toContain('<div id="app"></div>');
  });

  it('when the document is read, then a strict Content-Security-Policy covers it and it needs nothing the policy refuses', () => {
    expect(html).not.toBe('');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'every script is a file of this origin').toMatch(/\ssrc="\/assets\/[^"]+\.js"/);
      expect(body!.trim(), 'no inline script').toBe('');
    }
    expect(html, 'no inline style element').not.toMatch(/<style\b/);
    expect(html, 'no style attribute').not.toMatch(/\sstyle=/);
    expect(html, 'no inline event handler').not.toMatch(/\son[a-z]+=/);
    expect(html, 'nothing from another origin').not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  it('when / is answered, then its headers forbid inline code and other origins', async () => {
    const res = await get('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('when the document’s script and stylesheet are asked for, then they come with their content types and a year’s cache', async () => {
    const script = /<script\b[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link\b[^>]*rel="stylesheet"[^>]*href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    for (const [path, type] of [
      [script!, /^text\/javascript/],
      [style!, /^text\/css/],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(res.headers.get('cache-control'), path).toContain('max-age=31536000');
      expect(res.headers.get('cache-control'), path).toContain('immutable');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect((await res.text()).length, path).toBeGreaterThan(0);
    }
  });

  it('when an asset that does not exist is asked for, then the answer is the API’s 404, not the document', async () => {
    const res = await app.as(PUBLIC).request('GET', '/assets/no-such-file.js');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('when the app is served, then the API beside it answers as before', async () => {
    const res = await app.as(PUBLIC).request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect((await app.as(PUBLIC).request('GET', '/me')).status).toBe(401);
  });
});

describe('the web app before it is built', () => {
  let unbuilt: TestApp;
  const empty = mkdtempSync(join(tmpdir(), 'symbiosis-web-unbuilt-'));
  beforeAll(async () => {
    unbuilt = await startTestApp({ webDir: empty });
  });
  afterAll(async () => {
    await unbuilt?.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('when / is asked for, then 503 says how to build the app', async () => {
    const res = await fetch(`${unbuilt.url}/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('npm run build:web');
  });
});

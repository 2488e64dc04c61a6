/**
 * The API reference at /docs: an HTML page that loads Swagger UI from this service only (no CDN,
 * no inline script, a Content-Security-Policy of 'self'), its files served from node_modules under
 * /docs/, and /openapi.json beside it, open to everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const get = (path: string) => fetch(app.url + path);

/** Every src or href the page names. */
const referencesOf = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);

describe('the API reference', () => {
  it('when /docs is asked for without a token, then an HTML page comes that references only files of this service', async () => {
    const res = await get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const references = referencesOf(html);
    expect(references).toEqual(
      expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']),
    );
    for (const ref of references) expect(ref, 'a path of this origin').toMatch(/^\/[^/]/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/docs\/[^"]+\.js"/);
      expect(body!.trim(), 'no inline script').toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/);
  });

  it('when /docs is answered, then its policy allows this origin only', async () => {
    const csp = (await get('/docs')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('when the page’s files are asked for, then they are served with their types', async () => {
    const html = await (await get('/docs')).text();
    for (const ref of referencesOf(html).filter((r) => r.startsWith('/docs/'))) {
      const res = await get(ref);
      expect(res.status, ref).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const type = res.headers.get('content-type') ?? '';
      if (ref.endsWith('.js')) expect(type, ref).toMatch(/javascript/);
      if (ref.endsWith('.css')) expect(type, ref).toMatch(/^text\/css/);
      expect((await res.arrayBuffer()).byteLength, ref).toBeGreaterThan(100);
    }
    const init = await (await get('/docs/init.js')).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('validatorUrl: null');
  });

  it('when a file of the package the page does not name is asked for, then it is not served', async () => {
    for (const path of [
      '/docs/index.html',
      '/docs/swagger-initializer.js',
      '/docs/package.json',
      '/docs/../package.json',
    ])
      expect((await get(path)).status, path).toBe(404);
  });

  it('when /openapi.json is asked for, then the document the page reads comes', async () => {
    const res = await get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.paths['/indicators']).toBeDefined();
  });
});

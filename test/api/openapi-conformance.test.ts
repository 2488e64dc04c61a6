/**
 * What the API document promises is what the service does, for disagreements schemathesis found
 * (tools/fuzz/run.sh): a request the document calls valid is accepted, one it calls invalid is
 * refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read as plain JSON
let doc: any;

beforeAll(async () => {
  app = await startTestApp();
  doc = (await app.request('GET', '/openapi.json')).body;
});
afterAll(() => app.close());

describe('the API document and the service agree', () => {
  it('when POST /match-runs comes without a body, then the document allows it and a run starts', async () => {
    expect(doc.paths['/match-runs'].post.requestBody.required).toBe(false);
    const res = await fetch(`${app.url}/match-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { scope: unknown }).scope).toEqual({});
  });

  it('when a run names region "all", then the document calls it invalid and the service says 400 on scope.region', async () => {
    const body = doc.paths['/match-runs'].post.requestBody.content['application/json'].schema;
    const scope = body.$ref
      ? doc.components.schemas[body.$ref.split('/').pop()].properties.scope
      : body.properties.scope;
    const resolved = scope.$ref ? doc.components.schemas[scope.$ref.split('/').pop()] : scope;
    const pattern = new RegExp(resolved.properties.region.pattern);
    expect(pattern.test('all')).toBe(false);
    expect(pattern.test('46')).toBe(true);
    expect(pattern.test('4617')).toBe(true);
    const res = await app.request('POST', '/match-runs', { scope: { region: 'all' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('scope.region');
  });

  it('when other writes come without a body, then the document requires one', () => {
    expect(doc.paths['/companies'].post.requestBody.required).toBe(true);
    expect(doc.paths['/listings/{id}'].patch.requestBody.required).toBe(true);
  });

  it('when an import leaves out companies or listings, then the document allows it and the service takes it', async () => {
    const body = doc.paths['/imports'].post.requestBody.content['application/json'].schema;
    expect(body.required ?? []).not.toContain('listings');
    expect(body.required ?? []).not.toContain('companies');
    expect(body.properties.companies.maxItems).toBe(100_000);
    expect((await app.request('POST', '/imports?dryRun=true', { companies: [] })).status).toBe(200);
    expect((await app.request('POST', '/imports?dryRun=true', { listings: [] })).status).toBe(200);
  });

  it('when If-Match is empty or not an ETag, then the document calls it invalid and the service says 400', async () => {
    const header = doc.paths['/companies/{id}'].delete.parameters.find(
      (p: { in: string; name: string }) => p.in === 'header' && p.name === 'if-match',
    );
    const pattern = new RegExp(header.schema.pattern);
    const company = await app.request('POST', '/companies', {
      name: 'Etag AB',
      country: 'SE',
      industry: '24.420',
    });
    expect(company.status).toBe(201);
    for (const bad of ['', 'abc', '"v1"', 'W/']) {
      expect(pattern.test(bad), JSON.stringify(bad)).toBe(false);
      const res = await app.request('DELETE', `/companies/${company.body.id}`, undefined, {
        'if-match': bad,
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    for (const good of ['"7"', 'W/"7"', '7', '*']) expect(pattern.test(good), good).toBe(true);
    const stale = await app.request('DELETE', `/companies/${company.body.id}`, undefined, {
      'if-match': '"7"',
    });
    expect(stale.status).toBe(412);
    const fresh = await app.request('DELETE', `/companies/${company.body.id}`, undefined, {
      'if-match': `W/"${company.body.version}"`,
    });
    expect(fresh.status).toBe(204);
  });
});

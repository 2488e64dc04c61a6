import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC, startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const codesOf = (body: { items: { code: string }[] }) => body.items.map((w) => w.code);

describe('the reference lists in English and bokmål', () => {
  it('when the List of Waste is read, then every code has its bokmål text beside the English one', async () => {
    const res = await app.as(PUBLIC).request('GET', '/taxonomy/waste-codes');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(842);
    expect(res.body.items.find((w: { code: string }) => w.code === '170101')).toEqual({
      code: '170101',
      chapter: '17',
      subchapter: '1701',
      description: 'Concrete',
      descriptionNb: 'Betong',
      hazardous: false,
      entryType: 'Mirror non-hazardous',
    });
    expect(res.body.chapters).toHaveLength(20);
    expect(res.body.subchapters).toHaveLength(111);
    expect(res.body.subchapters).toContainEqual({
      code: '1701',
      title: 'Concrete, bricks, tiles and ceramics',
      titleNb: 'Betong, tegl, fliser og keramikk',
    });
  });

  it('when the List of Waste is searched with q, then bokmål and English words find the same code', async () => {
    for (const q of ['betong', 'concrete', 'BETONG']) {
      const res = await app.request('GET', `/taxonomy/waste-codes?q=${q}`);
      expect(res.status).toBe(200);
      expect(codesOf(res.body)).toContain('170101');
      expect(res.body.total).toBe(res.body.items.length);
    }
    const both = await app.request(
      'GET',
      `/taxonomy/waste-codes?prefix=02&q=${encodeURIComponent('slam på stedet')}`,
    );
    expect(codesOf(both.body)).toEqual(['020204', '020305', '020403', '020502', '020603', '020705']);
    expect((await app.request('GET', '/taxonomy/waste-codes?q=%20')).status).toBe(400);
  });

  it('when the material categories are read, then each has a bokmål name and description', async () => {
    const res = await app.request('GET', '/taxonomy/material-categories');
    expect(res.status).toBe(200);
    for (const c of res.body.items) {
      expect(c.nameNb, c.id).toBeTruthy();
      expect(c.descriptionNb, c.id).toBeTruthy();
      expect(c.nameNb, c.id).not.toBe(c.name);
    }
  });

  it('when the industry codes are read, then sections and divisions carry their SN2007 title', async () => {
    const res = await app.request('GET', '/taxonomy/industry-codes');
    const top = res.body.items.filter(
      (c: { level: string }) => c.level === 'section' || c.level === 'division',
    );
    expect(top).toHaveLength(21 + 88);
    expect(top.every((c: { titleNb?: string }) => typeof c.titleNb === 'string' && c.titleNb !== '')).toBe(
      true,
    );
    expect(res.body.items.find((c: { code: string }) => c.code === '24')).toMatchObject({
      title: 'Manufacture of basic metals',
      titleNb: 'Produksjon av metaller',
    });
  });

  it('when the load profiles are read, then the five shipped profiles come with both labels', async () => {
    const res = await app.as(PUBLIC).request('GET', '/taxonomy/load-profiles');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items).toContainEqual({ id: 'hotmaps-no:paper', label: 'Paper', labelNb: 'Papir' });
    const doc = (await app.request('GET', '/openapi.json')).body;
    expect(doc.paths['/taxonomy/load-profiles'].get).toBeDefined();
    expect(doc.components.schemas.LoadProfile.required).toEqual(['id', 'label', 'labelNb']);
  });
});

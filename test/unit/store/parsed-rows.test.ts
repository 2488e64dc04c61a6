import { describe, expect, it } from 'vitest';
import { ParsedRows } from '../../../src/store/parsed-rows.ts';

interface Row {
  id: string;
  doc: string;
  version: number;
  codes?: string[];
  lat?: number | null;
}

const counted = () => {
  let calls = 0;
  const parse = (r: Row) => {
    calls++;
    return { id: r.id, body: JSON.parse(r.doc) as { name: string; tags: string[] }, version: r.version };
  };
  return { parse, calls: () => calls };
};

describe('ParsedRows', () => {
  it('parses a row once while the same content comes again, in a new object each time', () => {
    const rows = new ParsedRows<ReturnType<ReturnType<typeof counted>['parse']>>(10);
    const p = counted();
    const a = rows.get('l1', { id: 'l1', doc: '{"name":"slag","tags":["x"]}', version: 1 }, p.parse);
    const b = rows.get('l1', { id: 'l1', doc: '{"name":"slag","tags":["x"]}', version: 1 }, p.parse);
    expect(b).toBe(a);
    expect(p.calls()).toBe(1);
    expect(b.body.name).toBe('slag');
  });

  it('parses again when any field differs, is missing or is added, and keeps the newest', () => {
    const rows = new ParsedRows<ReturnType<ReturnType<typeof counted>['parse']>>(10);
    const p = counted();
    const base: Row = { id: 'l1', doc: '{"name":"slag","tags":[]}', version: 1, lat: 60 };
    rows.get('l1', base, p.parse);
    expect(rows.get('l1', { ...base, version: 2 }, p.parse).version).toBe(2);
    expect(rows.get('l1', { ...base, version: 2, doc: '{"name":"ash","tags":[]}' }, p.parse).body.name).toBe(
      'ash',
    );
    const { lat: _lat, ...withoutLat } = { ...base, version: 2, doc: '{"name":"ash","tags":[]}' };
    rows.get('l1', withoutLat, p.parse);
    rows.get('l1', { ...withoutLat, lat: null }, p.parse);
    expect(p.calls()).toBe(5);
    // The last one is what is kept.
    rows.get('l1', { ...withoutLat, lat: null }, p.parse);
    expect(p.calls()).toBe(5);
  });

  it('compares arrays of primitives element by element', () => {
    const rows = new ParsedRows<ReturnType<ReturnType<typeof counted>['parse']>>(10);
    const p = counted();
    const row = (codes: string[]): Row => ({ id: 'l1', doc: '{"name":"a","tags":[]}', version: 1, codes });
    rows.get('l1', row(['0301', '03']), p.parse);
    rows.get('l1', row(['0301', '03']), p.parse);
    expect(p.calls()).toBe(1);
    rows.get('l1', row(['0301', '46']), p.parse);
    rows.get('l1', row(['0301']), p.parse);
    expect(p.calls()).toBe(3);
  });

  it('keeps rows of different ids apart and forgets the oldest beyond its size', () => {
    const rows = new ParsedRows<ReturnType<ReturnType<typeof counted>['parse']>>(2);
    const p = counted();
    const row = (id: string): Row => ({ id, doc: `{"name":"${id}","tags":[]}`, version: 1 });
    expect(rows.get('a', row('a'), p.parse).body.name).toBe('a');
    expect(rows.get('b', row('b'), p.parse).body.name).toBe('b');
    rows.get('c', row('c'), p.parse);
    expect(rows.size).toBe(2);
    rows.get('b', row('b'), p.parse);
    rows.get('c', row('c'), p.parse);
    expect(p.calls()).toBe(3);
    rows.get('a', row('a'), p.parse);
    expect(p.calls()).toBe(4);
  });

  it('hands out frozen values, so that no reader can change what the next one gets', () => {
    const rows = new ParsedRows<ReturnType<ReturnType<typeof counted>['parse']>>(10);
    const p = counted();
    const v = rows.get('l1', { id: 'l1', doc: '{"name":"slag","tags":["x"]}', version: 1 }, p.parse);
    expect(() => {
      (v as { version: number }).version = 9;
    }).toThrow(TypeError);
    expect(() => {
      v.body.tags.push('y');
    }).toThrow(TypeError);
    expect(rows.get('l1', { id: 'l1', doc: '{"name":"slag","tags":["x"]}', version: 1 }, p.parse)).toEqual({
      id: 'l1',
      body: { name: 'slag', tags: ['x'] },
      version: 1,
    });
  });

  it('does not keep a row whose parse failed', () => {
    const rows = new ParsedRows<number>(10);
    const bad = () => {
      throw new Error('stored Listing does not match its schema');
    };
    expect(() => rows.get('l1', { id: 'l1' }, bad)).toThrow(/schema/);
    expect(rows.size).toBe(0);
    expect(rows.get('l1', { id: 'l1' }, () => 3)).toBe(3);
  });
});

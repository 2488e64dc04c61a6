import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../../src/util/csv.ts';

describe('parseCsv', () => {
  it('when a quoted cell holds the delimiter, then it stays one cell', () => {
    expect(parseCsv('a,"Verksgata 1, 5900 Fjordby",c')).toEqual([['a', 'Verksgata 1, 5900 Fjordby', 'c']]);
  });

  it('when a quoted cell holds doubled quotes, then each pair is one quote', () => {
    expect(parseCsv('"say ""hi""",""""')).toEqual([['say "hi"', '"']]);
  });

  it('when lines end in CRLF, then no carriage return is left in a cell', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('when a quoted cell holds a line break, then it stays inside the cell', () => {
    expect(parseCsv('a,"line one\nline two",c\r\nd,e,f')).toEqual([
      ['a', 'line one\nline two', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('when the file starts with a byte order mark, then the first cell does not carry it', () => {
    expect(parseCsv('\uFEFFcode,name\n1,x')[0]).toEqual(['code', 'name']);
  });

  it('when the last row has no line break or ends with an empty cell, then it is kept whole', () => {
    expect(parseCsv('a,b\n1,')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('when the file has blank lines and a trailing line break, then no empty rows appear', () => {
    expect(parseCsv('a\n\n1\n\n')).toEqual([['a'], ['1']]);
  });

  it('when another delimiter is given, then commas are ordinary characters', () => {
    expect(parseCsv('a;b,c', ';')).toEqual([['a', 'b,c']]);
  });
});

describe('parseCsvRecords', () => {
  it('when rows follow a header, then each becomes a record keyed by the trimmed header', () => {
    expect(parseCsvRecords('code , name\n100816,ash')).toEqual([
      { line: 2, record: { code: '100816', name: 'ash' } },
    ]);
  });

  it('when a row is short, then its missing cells are empty strings', () => {
    expect(parseCsvRecords('a,b,c\n1')[0]?.record).toEqual({ a: '1', b: '', c: '' });
  });

  it('when each record is on its own line, then line is its 1-based line in the file (header is line 1)', () => {
    expect(parseCsvRecords('a\r\nx\r\ny\r\nz\r\n').map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('when the file starts with a byte order mark, then the first column is found by its name', () => {
    expect(parseCsvRecords('\uFEFFcode,name\n100816,ash')[0]?.record['code']).toBe('100816');
  });

  it('when the text is empty, then there are no records', () => {
    expect(parseCsvRecords('')).toEqual([]);
  });
});

describe('line numbers of records', () => {
  it('when a quoted cell spans lines or a blank line intervenes, then each record keeps the line it starts on', () => {
    const records = parseCsvRecords('a,b\n1,"x\ny"\n2,z\n\n3,w\n');
    expect(records.map((r) => r.line)).toEqual([2, 4, 6]);
  });
});

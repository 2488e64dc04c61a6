import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsvRecords, parseCsvTable, stringifyCsv } from '../../../src/util/csv.ts';

const cells = (text: string, delimiter = ',') =>
  parseCsvRecords(`h1${delimiter}h2${delimiter}h3\n${text}`, delimiter).map((r) => Object.values(r.record));

const syntaxError = (text: string): CsvSyntaxError => {
  try {
    parseCsvTable(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err;
    throw err;
  }
  throw new Error('expected a CsvSyntaxError');
};

describe('parseCsvTable: cells', () => {
  it('when a quoted cell holds the delimiter, then it stays one cell', () => {
    expect(cells('a,"Verksgata 1, 5900 Fjordby",c')).toEqual([['a', 'Verksgata 1, 5900 Fjordby', 'c']]);
  });

  it('when a quoted cell holds doubled quotes, then each pair is one quote', () => {
    expect(cells('"say ""hi""","""",x')).toEqual([['say "hi"', '"', 'x']]);
  });

  it('when an unquoted cell holds a quote (12" pipe), then the quote is kept as a character', () => {
    expect(cells('12" pipe,b,c')).toEqual([['12" pipe', 'b', 'c']]);
  });

  it('when lines end in CRLF, then no carriage return is left in a cell', () => {
    expect(cells('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('when a quoted cell holds a line break, then it stays inside the cell as \\n', () => {
    expect(cells('a,"line one\r\nline two",c\r\nd,e,f')).toEqual([
      ['a', 'line one\nline two', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('when the file starts with a byte order mark, then the first column is found by its name', () => {
    expect(parseCsvTable('\uFEFFcode,name\n100816,ash')).toEqual({
      header: ['code', 'name'],
      records: [{ line: 2, record: { code: '100816', name: 'ash' } }],
    });
  });

  it('when the last row has no line break or ends with an empty cell, then it is kept whole', () => {
    expect(cells('1,2,')).toEqual([['1', '2', '']]);
  });

  it('when another delimiter is given, then commas are ordinary characters', () => {
    expect(cells('a;b,c;d', ';')).toEqual([['a', 'b,c', 'd']]);
  });

  it('when header names have spaces around them, then records are keyed by the trimmed names', () => {
    expect(parseCsvRecords('code , name\n100816,ash')).toEqual([
      { line: 2, record: { code: '100816', name: 'ash' } },
    ]);
  });

  it('when the text is empty or only a header, then there are no records', () => {
    expect(parseCsvTable('')).toEqual({ header: [], records: [] });
    expect(parseCsvTable('a,b\n')).toEqual({ header: ['a', 'b'], records: [] });
  });
});

describe('parseCsvTable: line numbers', () => {
  it('when each record is on its own line, then line is its 1-based line in the file (header is line 1)', () => {
    expect(parseCsvRecords('a\r\nx\r\ny\r\nz\r\n').map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('when a quoted cell spans lines or a blank line intervenes, then each record keeps the line it starts on', () => {
    expect(parseCsvRecords('a,b\n1,"x\ny"\n2,z\n\n3,w\n').map((r) => r.line)).toEqual([2, 4, 6]);
  });

  it('when the file has CRLF line ends and a cell spans three lines, then later lines are still right', () => {
    const text = 'a,b\r\n1,"x\r\ny\r\nz"\r\n2,w\r\n\r\n3,v';
    expect(parseCsvRecords(text).map((r) => r.line)).toEqual([2, 5, 7]);
  });

  it('when the file has blank lines and a trailing line break, then no empty rows appear', () => {
    expect(parseCsvRecords('a\n\n1\n\n').map((r) => r.record)).toEqual([{ a: '1' }]);
  });
});

describe('parseCsvTable: files that cannot be read', () => {
  it('when a quote is never closed, then the read stops at the line the row starts on, naming its column', () => {
    const e = syntaxError('ref,title,unit\nr1,"Sawdust,t/yr\nr2,Ash,t/yr\nr3,Slag,t/yr\n');
    expect(e.line).toBe(2);
    expect(e.column).toBe('title');
    expect(e.message).toMatch(/^line 2, column title: a quoted cell starts in this row/);
  });

  it('when the unterminated row follows a blank line and a multi-line cell, then its own line is named', () => {
    const e = syntaxError('a,b\n1,"x\ny"\n\n2,"oops\n3,z\n');
    expect(e.line).toBe(5);
  });

  it('when a row has fewer cells than the header, then it is named with both counts', () => {
    const e = syntaxError('a,b,c\n1,2,3\n1\n');
    expect(e.line).toBe(3);
    expect(e.reason).toContain('has 1 cells where the header has 3');
  });

  it('when a row has more cells than the header (an unquoted comma), then it is named', () => {
    const e = syntaxError('a,b\n1,2\n\n"x\ny",Verksgata 1, Fjordby\n');
    expect(e.line).toBe(4);
    expect(e.reason).toContain('has 3 cells where the header has 2');
  });

  it('when text follows a closing quote, then the cell is kept as written, quotes and all, not cut', () => {
    expect(parseCsvRecords('ref,title\nr1,"Saw"dust\n')[0]?.record['title']).toBe('"Saw"dust');
  });
});

describe('stringifyCsv', () => {
  it('when cells start with =, +, -, @, tab or CR, then each is neutralised with a leading quote', () => {
    const out = stringifyCsv(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [{ a: '=HYPERLINK("http://evil.example","x")', b: '+1', c: '-2', d: '@SUM(A1)', e: '\tx', f: '\rx' }],
    );
    expect(out).toBe(
      '"a","b","c","d","e","f"\n' +
        `"'=HYPERLINK(""http://evil.example"",""x"")","'+1","'-2","'@SUM(A1)","'\tx","'\rx"\n`,
    );
  });

  it('when cells are ordinary text and numbers, then text is quoted and numbers are written as they are', () => {
    expect(
      stringifyCsv(['section', 'row', 'message'], [{ section: 'listings', row: 3, message: 'a, "b"' }]),
    ).toBe('"section","row","message"\n"listings",3,"a, ""b"""\n');
  });

  it('when a written file is read back, then the neutralised cells keep their text after the quote', () => {
    const text = stringifyCsv(['ref', 'note'], [{ ref: '=1+2', note: 'line\nbreak' }]);
    expect(parseCsvRecords(text)).toEqual([{ line: 2, record: { ref: "'=1+2", note: 'line\nbreak' } }]);
  });
});

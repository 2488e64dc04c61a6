/**
 * CSV export (analytics/export-csv.ts): every table read back by csv-parse gives the same cells,
 * text a spreadsheet would run as a formula is neutralised, numbers stay numbers.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type CsvCell, toCsv } from '../../../src/analytics/export-csv.ts';

const readBack = (text: string): string[][] => parse(text, { bom: true }) as string[][];

/** What a cell reads back as: numbers as JavaScript writes them, booleans as words, none as empty. */
const asRead = (cell: CsvCell): string => (cell === null || cell === undefined ? '' : String(cell));

describe('toCsv', () => {
  it('when cells hold commas, quotes, line breaks and æøå, then they read back unchanged', () => {
    const rows: CsvCell[][] = [
      ['Ålesund, Møre og Romsdal', 'a "quoted" word', 'two\nlines', 'CR\r\nLF'],
      ['blåbær; syltetøy', "it's", '', 'Æ Ø Å æ ø å — 😀'],
    ];
    const text = toCsv({ columns: ['a', 'b', 'c', 'd'], rows });
    expect(readBack(text)).toEqual([['a', 'b', 'c', 'd'], ...rows.map((r) => r.map(asRead))]);
  });

  it('when cells are numbers, booleans and missing, then they read back as numbers, true/false and empty', () => {
    const rows: CsvCell[][] = [[-12.5, 0, 1e-7, 123456789.125, true, false, null, undefined]];
    const text = toCsv({ columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], rows });
    expect(text.split('\n')[1]).toBe('-12.5,0,1e-7,123456789.125,true,false,,');
    expect(readBack(text)[1]).toEqual(['-12.5', '0', '1e-7', '123456789.125', 'true', 'false', '', '']);
    expect(readBack(text)[1]!.slice(0, 4).map(Number)).toEqual([-12.5, 0, 1e-7, 123456789.125]);
  });

  it('when a text starts like a formula, then it gets a leading quote and is quoted; a negative number does not', () => {
    const formulas = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', '＝1+1'];
    const text = toCsv({ columns: ['cell'], rows: [...formulas.map((f) => [f]), [-3], ['-3']] });
    const cells = readBack(text)
      .slice(1)
      .map(([cell]) => cell);
    expect(cells).toEqual([...formulas.map((f) => `'${f}`), '-3', "'-3"]);
    for (const line of text.trimEnd().split('\n').slice(1, 5)) expect(line.startsWith(`"'`)).toBe(true);
    expect(text).toContain('\n-3\n');
  });

  it('when a header looks like a formula, then it is neutralised too', () => {
    expect(readBack(toCsv({ columns: ['=cmd'], rows: [] }))).toEqual([["'=cmd"]]);
  });

  it('when an empty text and a missing cell sit side by side, then the text is "" and the missing cell is empty', () => {
    const text = toCsv({ columns: ['a', 'b'], rows: [['', null]] });
    expect(text.split('\n')[1]).toBe('"",');
  });

  it('when a BOM is asked for, then the text starts with one and still reads back', () => {
    const text = toCsv({ columns: ['navn'], rows: [['Bærum']] }, { bom: true });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(readBack(text)).toEqual([['navn'], ['Bærum']]);
  });

  it('when a row has fewer cells than the table has columns, then it throws rather than shift the columns', () => {
    expect(() => toCsv({ columns: ['a', 'b'], rows: [['x']] })).toThrow(/row 0 has 1 cells/);
  });
});

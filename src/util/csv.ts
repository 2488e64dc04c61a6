/**
 * CSV in and out through csv-parse and csv-stringify (adaltas), RFC 4180: quoted cells may hold
 * the delimiter, doubled quotes and line breaks.
 *
 * Reading is strict where a lenient reader loses data: a quote that is never closed would swallow
 * every row after it, and a row with more or fewer cells than the header has lost its alignment,
 * so both stop the read with the line they start on. A quote inside an unquoted cell (`12" pipe`)
 * is kept as a character. Each record carries the line it starts on, counted after line breaks are
 * made one form, so errors point at the right line after a multi-line cell, a blank line or CRLF.
 *
 * Writing neutralises cells that a spreadsheet would run as a formula (OWASP, "CSV injection"):
 * a text cell starting with =, +, -, @, tab or carriage return gets a leading ' and every text
 * cell is quoted.
 */
import { type CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A row of a CSV file keyed by the trimmed header; `line` is the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  record: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** The file cannot be read as CSV: a quote never closed, a ragged row, a stray quote. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  /** The header name of the column where it went wrong, when known. */
  readonly column: string | undefined;
  readonly reason: string;

  constructor(line: number, column: string | undefined, reason: string) {
    super(`line ${line}${column ? `, column ${column}` : ''}: ${reason}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

const breaksIn = (cells: readonly string[]) =>
  cells.reduce((n, cell) => n + (cell.split('\n').length - 1), 0);

/** Parses a CSV text with a header line; throws CsvSyntaxError naming the line of the bad row. */
export function parseCsvTable(text: string, delimiter = ','): CsvTable {
  // One form of line break: csv-parse counts a CRLF inside a quoted cell as two lines, so with
  // CRLF files every line after a multi-line cell would be off by one.
  const normalised = text.replace(/\r\n?/g, '\n');
  let lastRecordEnd = 0;
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(normalised, {
      bom: true,
      delimiter,
      info: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        lastRecordEnd = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    if ((err as CsvError).code === undefined) throw err;
    throw toSyntaxError(err as CsvError, normalised, delimiter, lastRecordEnd);
  }
  const [first, ...rest] = rows;
  if (!first) return { header: [], records: [] };
  const header = first.record.map((h) => h.trim());
  const records = rest.map(({ record, info }) => ({
    line: info.lines - breaksIn(record),
    record: Object.fromEntries(header.map((key, j) => [key, record[j] ?? ''])),
  }));
  return { header, records };
}

/** The header of a text whose later rows may be broken: only the first record is read. */
function headerOf(source: string, delimiter: string): string[] | undefined {
  try {
    const [header] = parse(source, { bom: true, delimiter, relax_quotes: true, to: 1 }) as string[][];
    return header?.map((h) => h.trim());
  } catch {
    return undefined;
  }
}

/** csv-parse's error as the line and reason a person fixing the file needs. */
function toSyntaxError(e: CsvError, source: string, delimiter: string, after: number): CsvSyntaxError {
  // The failing row starts on the first line with content after the last good record.
  const lines = source.split('\n');
  let start = after + 1;
  while (start < lines.length && lines[start - 1]!.trim() === '') start++;
  const header = after === 0 ? undefined : headerOf(source, delimiter);
  const column = typeof e.index === 'number' ? header?.[e.index] : undefined;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvSyntaxError(
        start,
        column,
        'a quoted cell starts in this row and its closing quote never comes, so every line after it would be read into that cell',
      );
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const cells = Array.isArray(e.record) ? e.record.length : '';
      return new CsvSyntaxError(
        start,
        undefined,
        `has ${cells} cells where the header has ${header?.length ?? 'another number'}; a row needs one cell per column (quote a cell that holds the delimiter)`,
      );
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvSyntaxError(
        start,
        column,
        'a quoted cell goes on after its closing quote; quote the whole cell and double any quote inside it',
      );
    default:
      return new CsvSyntaxError(start, column, e.message);
  }
}

/** Rows as objects keyed by the header line; `line` is the 1-based line the row starts on. */
export function parseCsvRecords(text: string, delimiter = ','): CsvRecord[] {
  return parseCsvTable(text, delimiter).records;
}

/**
 * Writes rows as CSV under the given columns, with formula-like text neutralised (a leading ') and
 * every text cell quoted, so that opening the file in a spreadsheet runs nothing.
 */
export function stringifyCsv(
  columns: readonly string[],
  rows: readonly Record<string, string | number | undefined>[],
): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: [...columns],
    escape_formulas: true,
    quoted_string: true,
  });
}

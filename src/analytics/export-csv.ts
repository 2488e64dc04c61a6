/**
 * A table as CSV (RFC 4180) by csv-stringify, for spreadsheets and statistics tools: a header line,
 * then one line per row; a cell holding the delimiter, a quote or a line break is quoted, with
 * quotes doubled.
 *
 * Formula injection (OWASP, "CSV Injection"): a text cell starting with =, +, -, @, tab or carriage
 * return (or their full-width forms, which some spreadsheets fold into them) is written with a
 * leading ' so that a spreadsheet shows it as text instead of running it, and every text cell is
 * quoted; csv-stringify's `escape_formulas` does this, as util/csv.ts does for the other CSV the
 * service writes. Numbers are never touched: -12.5 stays -12.5, not '-12.5. The neutralised text
 * reads back with its quote, which is the price of opening safely.
 *
 * Cells: text as it is, numbers as JavaScript writes them, booleans as true/false, null and
 * undefined as an empty unquoted cell (an empty text is "", so the two stay apart).
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

export interface TableData {
  columns: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

/** A table under the name it is exported as (a file name without extension). */
export interface NamedTable extends TableData {
  name: string;
}

export interface CsvOptions {
  /** Starts with a UTF-8 byte order mark, which Excel needs to read æøå right. Default false. */
  bom?: boolean;
}

/** The table as CSV text; every row must have one cell per column. */
export function toCsv(table: TableData, options: CsvOptions = {}): string {
  const ragged = table.rows.findIndex((row) => row.length !== table.columns.length);
  if (ragged >= 0) {
    throw new Error(
      `row ${ragged} has ${table.rows[ragged]!.length} cells where the table has ${table.columns.length} columns`,
    );
  }
  return stringify([table.columns, ...table.rows] as CsvCell[][], {
    bom: options.bom === true,
    escape_formulas: true,
    quoted_string: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

/**
 * RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks.
 * Each row carries the physical line it starts on, so errors point at the right line even after
 * a multi-line cell or a blank line.
 */
export interface CsvRow {
  line: number;
  cells: string[];
}

export function parseCsvRows(text: string, delimiter = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '')) rows.push({ line: rowLine, cells: row });
    row = [];
    field = '';
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function parseCsv(text: string, delimiter = ','): string[][] {
  return parseCsvRows(text, delimiter).map((r) => r.cells);
}

/** Rows as objects keyed by the header line; `line` is the 1-based line the row starts on. */
export function parseCsvRecords(
  text: string,
  delimiter = ',',
): { line: number; record: Record<string, string> }[] {
  const [header, ...rows] = parseCsvRows(text, delimiter);
  if (!header) return [];
  const keys = header.cells.map((h) => h.trim());
  return rows.map(({ line, cells }) => {
    const record: Record<string, string> = {};
    keys.forEach((k, j) => {
      record[k] = cells[j] ?? '';
    });
    return { line, record };
  });
}

/** The header of a CSV text, trimmed; empty when the text is empty. */
export function csvHeader(text: string, delimiter = ','): string[] {
  return (parseCsvRows(text, delimiter)[0]?.cells ?? []).map((h) => h.trim());
}

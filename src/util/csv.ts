/**
 * RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks.
 * Returns the rows as arrays of strings; the caller maps the header.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows as objects keyed by the header line; `line` is the 1-based line of the row in the file. */
export function parseCsvRecords(
  text: string,
  delimiter = ',',
): { line: number; record: Record<string, string> }[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) return [];
  const keys = header.map((h) => h.trim());
  return rows.map((cells, i) => {
    const record: Record<string, string> = {};
    keys.forEach((k, j) => {
      record[k] = cells[j] ?? '';
    });
    return { line: i + 2, record };
  });
}

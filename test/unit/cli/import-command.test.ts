import { describe, expect, it } from 'vitest';
import { errorsToCsv } from '../../../src/cli/import-command.ts';
import { parseCsvRecords } from '../../../src/util/csv.ts';

describe('errorsToCsv', () => {
  it('when a rejected row has a ref like =HYPERLINK(...), then the cell is written neutralised with a leading quote', () => {
    const csv = errorsToCsv([
      {
        section: 'listings',
        row: 3,
        ref: '=HYPERLINK("http://evil.example","fix me")',
        path: 'ref',
        message: 'may hold letters, digits and _ . : @ / - only',
      },
    ]);
    const [header, row] = csv.split('\n');
    expect(header).toBe('"section","row","ref","field","message"');
    expect(row).toBe(
      `"listings",3,"'=HYPERLINK(""http://evil.example"",""fix me"")","ref","may hold letters, digits and _ . : @ / - only"`,
    );
  });

  it('when rows are written, then reading the file back gives section, row, ref, field and message per problem', () => {
    const csv = errorsToCsv([
      {
        section: 'companies',
        row: 2,
        path: 'org_number',
        message: 'must be a Norwegian organisation number',
      },
      { section: 'listings', row: 7, ref: 'ash-1', path: 'quantity_unit', message: "'mwh' is ambiguous" },
    ]);
    expect(parseCsvRecords(csv).map((r) => r.record)).toEqual([
      {
        section: 'companies',
        row: '2',
        ref: '',
        field: 'org_number',
        message: 'must be a Norwegian organisation number',
      },
      { section: 'listings', row: '7', ref: 'ash-1', field: 'quantity_unit', message: "'mwh' is ambiguous" },
    ]);
  });

  it('when there are no rejected rows, then the file holds the header only', () => {
    expect(errorsToCsv([])).toBe('"section","row","ref","field","message"\n');
  });
});

import { Record as Neo4jRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { rows } from '../../../src/store/driver.ts';

describe('rows', () => {
  it('when records are read, then each is the object the driver would make of it, its keys in order', () => {
    const records = [
      new Neo4jRecord(['id', 'doc', 'codes', 'site'], ['l1', '{"a":1}', ['170405'], { lat: 59.9 }]),
      new Neo4jRecord(['id', 'doc', 'codes', 'site'], ['l2', null, [], null]),
    ];
    const read = rows<Record<string, unknown>>({ records });
    expect(read).toEqual(records.map((r) => r.toObject()));
    expect(read.map((r) => Object.keys(r))).toEqual([
      ['id', 'doc', 'codes', 'site'],
      ['id', 'doc', 'codes', 'site'],
    ]);
    // The values are the driver's own, not copies.
    expect(read[0]!['codes']).toBe(records[0]!.get('codes'));
  });

  it('when a result has no record, then there is no row', () => {
    expect(rows({ records: [] })).toEqual([]);
  });
});

import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../../src/store/backup-values.ts';

const roundTrip = (v: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(v, 'p'))), 'p');

describe('backup property values', () => {
  it('when integers and floats are copied, then each keeps its type, a float without fraction included', () => {
    expect(encodeValue(neo4j.int(3), 'p')).toBe(3);
    expect(roundTrip(neo4j.int(3))).toEqual(neo4j.int(3));
    expect(encodeValue(3, 'p')).toEqual({ $float: 3 });
    expect(roundTrip(3)).toBe(3);
    expect(roundTrip(2.5)).toBe(2.5);
    expect(roundTrip(neo4j.int('9007199254740993'))).toEqual(neo4j.int('9007199254740993'));
    expect(encodeValue(neo4j.int('-9007199254740993'), 'p')).toEqual({ $int: '-9007199254740993' });
    expect(Number.isNaN(roundTrip(Number.NaN))).toBe(true);
    expect(roundTrip(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('when points, strings, booleans and lists are copied, then they come back as they were', () => {
    const point = new neo4j.types.Point(neo4j.int(4326), 5.32, 60.39);
    expect(roundTrip(point)).toEqual(point);
    const point3d = new neo4j.types.Point(neo4j.int(4979), 5.32, 60.39, 12);
    expect(roundTrip(point3d)).toEqual(point3d);
    expect(roundTrip('Kvinnherad — «ø»')).toBe('Kvinnherad — «ø»');
    expect(roundTrip(true)).toBe(true);
    expect(roundTrip(null)).toBeNull();
    expect(roundTrip(['170405', '1003'])).toEqual(['170405', '1003']);
    expect(roundTrip([1.5, 2])).toEqual([1.5, 2]);
    expect(roundTrip([neo4j.int(1), neo4j.int(2)])).toEqual([neo4j.int(1), neo4j.int(2)]);
  });

  it('when a value of a type a backup does not copy is met, then the backup stops and names where it is', () => {
    expect(() => encodeValue(new neo4j.types.Date(2026, 12, 5), 'node Listing 7.startDate')).toThrow(
      /node Listing 7\.startDate holds a Date/,
    );
    expect(() => encodeValue(new Int8Array([1]), 'p')).toThrow(/holds a Int8Array/);
  });

  it('when a file holds something no backup writes, then the restore refuses it, naming the place', () => {
    for (const bad of [
      { a: 1 },
      { $float: 'x' },
      { $int: '1.5' },
      { $point: [4326, 1] },
      { $point: ['a', 1, 2] },
      { $float: 1, x: 2 },
      [['a']],
      ['a', null],
      ['a', 1],
      [1, 1.5],
    ])
      expect(() => decodeValue(bad, 'line 9.p.title'), JSON.stringify(bad)).toThrow(/line 9\.p\.title/);
  });
});

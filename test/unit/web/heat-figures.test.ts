/**
 * How the heat-network view writes the figures of GET /heat-clusters: money in kroner and euro
 * (whole units, then millions), a cost per MWh, the months by name in each language, and a
 * cluster's members and pipes as the map's points and lines.
 */
import { describe, expect, it } from 'vitest';
import { createFormat } from '../../../web/src/i18n/format.ts';
import {
  clusterMap,
  eurPerMWh,
  money,
  monthNames,
} from '../../../web/src/workspaces/analyst/heat-figures.ts';

const NBSP = '\u00a0';
const en = createFormat('en');
const nb = createFormat('nb');

describe('the heat networks’ figures', () => {
  it('when a capital cost passes a million, then it is written in millions with one decimal', () => {
    expect(money(en, 91_984_321, 'NOK')).toBe('NOK 92.0 million');
    expect(money(nb, 91_984_321, 'NOK')).toBe('92,0 mill. kr');
    expect(money(en, 7_901_234, 'EUR')).toBe('€7.9 million');
    expect(money(nb, 7_901_234, 'EUR')).toBe('7,9 mill. euro');
  });

  it('when an amount is below a million, then it is written in whole units, grouped for the language', () => {
    expect(money(en, 458_765.4, 'EUR')).toBe('€458,765');
    expect(money(nb, 458_765.6, 'EUR')).toBe(`458${NBSP}766 euro`);
    expect(money(en, 999_999.4, 'NOK')).toBe('NOK 999,999');
    expect(money(nb, 1_000_000, 'NOK')).toBe('1,0 mill. kr');
  });

  it('when a cost per MWh is written, then it has two decimals in euro', () => {
    expect(eurPerMWh(en, 2.7)).toBe('€2.70/MWh');
    expect(eurPerMWh(nb, 10)).toBe('10,00 euro/MWh');
  });

  it('when the months are named, then January comes first, in the language', () => {
    const long = monthNames('en', 'long');
    expect(long).toHaveLength(12);
    expect(long[0]).toBe('January');
    expect(long[11]).toBe('December');
    expect(monthNames('nb', 'long')[0]).toBe('januar');
    expect(monthNames('nb', 'long')[4]).toBe('mai');
    expect(monthNames('en', 'short')[1]).toBe('Feb');
    expect(new Set(monthNames('nb', 'short')).size).toBe(12);
  });

  it('when a cluster is drawn, then each member is a point toned by its role and each pipe a dashed line', () => {
    const member = (listingId: string, role: 'source' | 'sink', lat: number) => ({
      listingId,
      role,
      title: `Listing ${listingId}`,
      anonymised: listingId === 'c',
      lat,
      lon: 6,
    });
    const months = Array.from({ length: 12 }, () => 0);
    const cluster = {
      members: [member('a', 'source', 60), member('b', 'sink', 60.01), member('c', 'sink', 60.1)],
      pipes: [
        { from: 'b', to: 'a', lengthKm: 1.1, capacityMW: 0.2, costEur: 1000, monthlyMWh: months },
        { from: 'c', to: 'b', lengthKm: 10, capacityMW: 0.1, costEur: 5000, monthlyMWh: months },
      ],
    };
    const { points, lines } = clusterMap(cluster, (m) => (m.anonymised ? 'Anonymous' : m.title));
    expect(points.map((p) => [p.id, p.tone, p.label, p.lat])).toEqual([
      ['a', 'potential', 'Listing a', 60],
      ['b', 'idle', 'Listing b', 60.01],
      ['c', 'idle', 'Anonymous', 60.1],
    ]);
    expect(lines.map((l) => [l.from, l.to, l.realised])).toEqual([
      ['b', 'a', false],
      ['c', 'b', false],
    ]);
    expect(new Set(lines.map((l) => l.id)).size).toBe(2);
  });
});

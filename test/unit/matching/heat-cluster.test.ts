import { describe, expect, it } from 'vitest';
import { clusterIdOf, DEFAULTS, findHeatClusters } from '../../../src/matching/heat-cluster.ts';
import { ANNUITY, spanningTree } from '../../../src/matching/heat-network.ts';
import { pipeCostEurPerM } from '../../../src/matching/heat-reach.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { loadCostSet } from '../../../src/reference/costs.ts';
import { CTX, energy, northOfOslo } from './fixtures.ts';

const WINTER = [1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1];
const SUMMER = [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0];
const MARCH_TO_OCTOBER = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];

/** Hot water at 90 °C, `mwh` a year, `km` north of Oslo, a company of its own. */
const source = (id: string, km: number, mwh = 1200, extra: Partial<MatchListing['energy']> = {}) =>
  energy(
    id,
    'offer',
    { carrier: 'hot-water', supplyTemperatureC: 90, ...extra },
    { amount: mwh, companyId: `c-${id}`, ...northOfOslo(km) },
  );
/** A 70 °C hot-water need, `mwh` a year, `km` north of Oslo. */
const sink = (id: string, km: number, mwh = 1200, extra: Partial<MatchListing['energy']> = {}) =>
  energy(
    id,
    'need',
    { carrier: 'hot-water', supplyTemperatureC: 70, ...extra },
    { amount: mwh, companyId: `c-${id}`, ...northOfOslo(km) },
  );

const memberIds = (c: { members: { listingId: string }[] }) => c.members.map((m) => m.listingId).sort();

describe('heat clusters', () => {
  it('when three sources and two sinks lie within reach, then they form one cluster joined by a 4 km tree', () => {
    const listings = [source('s1', 0), sink('n1', 1), source('s2', 2), sink('n2', 3), source('s3', 4)];
    const { clusters, sources, sinks } = findHeatClusters(listings, CTX);
    expect({ sources, sinks }).toEqual({ sources: 3, sinks: 2 });
    expect(clusters).toHaveLength(1);
    const c = clusters[0]!;
    expect(memberIds(c)).toEqual(['n1', 'n2', 's1', 's2', 's3']);
    expect({ sources: c.sources, sinks: c.sinks }).toEqual({ sources: 3, sinks: 2 });
    // Along a meridian the members are 1 km apart: the spanning tree is the line, 4 km.
    expect(c.lengthKm).toBeCloseTo(4, 9);
    expect(c.pipes).toHaveLength(4);
    expect(c.capitalEur).toBeCloseTo(
      c.pipes.reduce((s, p) => s + p.lengthKm * 1000 * pipeCostEurPerM(p.capacityMW), 0),
      6,
    );
    // The fixtures' context has no cost set: the default rate, the cost set's.
    expect(c.capitalNok).toBeCloseTo(c.capitalEur * DEFAULTS.eurToNok, 6);
    expect(c.annualisedEur).toBeCloseTo(c.capitalEur * ANNUITY, 6);
    // 3,600 MWh offered, 2,400 wanted, flat: every sink is covered.
    expect(c.deliveredMWh).toBeCloseTo(2400, 9);
    expect(c.costEurPerMWh).toBeCloseTo(c.annualisedEur / 2400, 9);
    expect(c.id).toBe(clusterIdOf(['s1', 's2', 's3', 'n1', 'n2']));
  });

  it('when the listings come in another order, then the clusters and their ids are the same', () => {
    const listings = [source('s1', 0), sink('n1', 1), source('s2', 2), sink('n2', 3), source('s3', 4)];
    const a = findHeatClusters(listings, CTX);
    const b = findHeatClusters([...listings].reverse(), CTX);
    expect(b).toEqual(a);
  });

  it('when a sink is far beyond every reach, then it is left out of the cluster', () => {
    const listings = [source('s1', 0), sink('n1', 1), source('s2', 2), sink('far', 80)];
    const { clusters } = findHeatClusters(listings, CTX);
    expect(clusters.map(memberIds)).toEqual([['n1', 's1', 's2']]);
  });

  it('when a sink is too hot for every source, even through two heat-pump stages, then it is left out', () => {
    // 190 °C from 90 °C: a lift of 110 K incl. approaches, beyond two stages' 100 K.
    const hot = sink('hot', 1.5, 1200, { supplyTemperatureC: 190 });
    const listings = [source('s1', 0), sink('n1', 1), source('s2', 2), hot];
    const { clusters } = findHeatClusters(listings, CTX);
    expect(clusters.map(memberIds)).toEqual([['n1', 's1', 's2']]);
  });

  it('when a source and a sink are alone, then there is no cluster: the pair is a suggestion already', () => {
    const { clusters, links } = findHeatClusters([source('s1', 0), sink('n1', 1)], CTX);
    expect(links).toBe(1);
    expect(clusters).toEqual([]);
  });

  it('when steam needs and cold listings are in reach, then they are not members of a hot-water network', () => {
    const steam = energy(
      'steam-need',
      'need',
      { carrier: 'steam', supplyTemperatureC: 150 },
      { amount: 1200, companyId: 'c-steam', ...northOfOslo(0.5) },
    );
    const { clusters, sinks } = findHeatClusters([source('s1', 0), sink('n1', 1), steam], CTX);
    expect(sinks).toBe(1);
    expect(clusters).toEqual([]);
  });

  it('when month profiles barely overlap, then they limit the heat delivered month by month', () => {
    const listings = [
      source('spring', 0, 1200, { monthlyProfile: MARCH_TO_OCTOBER }),
      source('flat', 2, 120),
      source('summer', 0.5, 1200, { monthlyProfile: SUMMER }),
      sink('winter', 1, 1200, { monthlyProfile: WINTER }),
    ];
    const { clusters } = findHeatClusters(listings, CTX);
    // A summer-only source has nothing for a winter sink: it is not linked, so not a member.
    expect(clusters.map(memberIds)).toEqual([['flat', 'spring', 'winter']]);
    const c = clusters[0]!;
    // The sink wants 200 MWh in each winter month; the flat source has 10 a month, the spring
    // source 150 a month from March to October: both serve it in March and October only.
    expect(c.months.map((m) => m.deliveredMWh)).toEqual([10, 10, 160, 0, 0, 0, 0, 0, 0, 160, 10, 10]);
    expect(c.deliveredMWh).toBeCloseTo(360, 9);
    expect(c.months.map((m) => m.demandMWh)).toEqual(WINTER.map((w) => w * 200));
    expect(c.months[5]).toMatchObject({ month: 6, supplyMWh: 150 + 10, deliveredMWh: 0 });
    const spring = c.members.find((m) => m.listingId === 'spring')!;
    expect(spring.networkMWh).toBeCloseTo(300, 9);
    expect(c.members.find((m) => m.listingId === 'winter')!.networkMWh).toBeCloseTo(360, 9);
  });

  it('when heat flows along a chain, then each pipe carries its net flow and is sized by its peak month', () => {
    // s1 (100 MWh a month) — 1 km — n1 (wants 150 a month) — 1 km — s2 (100 a month).
    const listings = [source('s1', 0), sink('n1', 1, 1800), source('s2', 2)];
    const [c] = findHeatClusters(listings, CTX).clusters;
    const pipe = (a: string, b: string) =>
      c!.pipes.find((p) => (p.from === a && p.to === b) || (p.from === b && p.to === a))!;
    // Equal paths: the lower source index (s1) is served first and gives all it has, s2 the rest.
    const fromS1 = pipe('s1', 'n1');
    const fromS2 = pipe('n1', 's2');
    expect(fromS1.monthlyMWh.every((q) => Math.abs(q - 100) < 1e-9)).toBe(true);
    expect(fromS2.monthlyMWh.every((q) => Math.abs(q - 50) < 1e-9)).toBe(true);
    // February has the fewest hours: its mean load is the peak.
    expect(fromS1.capacityMW).toBeCloseTo(100 / 672, 12);
    expect(fromS2.capacityMW).toBeCloseTo(50 / 672, 12);
    expect(fromS1.costEur).toBeCloseTo(fromS1.lengthKm * 1000 * pipeCostEurPerM(100 / 672), 6);
    expect(c!.deliveredMWh).toBeCloseTo(1800, 9);
  });

  it('when two sources are as near, then the cooler one serves first (the lowest adequate grade)', () => {
    const listings = [
      source('hot', 0, 1200),
      source('warm', 2, 1200, { supplyTemperatureC: 35 }),
      sink('pond', 1, 600, { supplyTemperatureC: 25 }),
    ];
    const [c] = findHeatClusters(listings, CTX).clusters;
    const given = (id: string) => c!.members.find((m) => m.listingId === id)!.networkMWh;
    expect(given('warm')).toBeCloseTo(600, 9);
    expect(given('hot')).toBe(0);
  });

  it('when a source reaches a sink only through the shared trunk, then the cluster delivers more than the pairs', () => {
    // 'far' is 14 km from 'n2': beyond a small pair's 10 km reach, within the tree through s1.
    const listings = [
      sink('n1', 0, 600),
      source('s1', 9, 600),
      sink('n2', 18, 1200),
      source('far', 4, 1200, { supplyTemperatureC: 95 }),
    ];
    const [c] = findHeatClusters(listings, CTX).clusters;
    expect(c).toBeDefined();
    expect(c!.deliveredMWh).toBeGreaterThan(c!.pairwise.deliveredMWh);
    expect(c!.addedMWh).toBeCloseTo(c!.deliveredMWh - c!.pairwise.deliveredMWh, 9);
  });

  it('when members share a point, then they join at zero length', () => {
    const tree = spanningTree([northOfOslo(0), northOfOslo(0), northOfOslo(3)]);
    expect([...tree.parent]).toEqual([-1, 0, 0]);
    expect(tree.lengthKm[1]).toBe(0);
    expect(tree.lengthKm[2]).toBeCloseTo(3, 9);
  });
});

describe('heat clusters priced with a cost set', () => {
  it('when the context has a cost set, then kroner follow its exchange rate, as every suggestion’s economics do', () => {
    const loaded = loadCostSet();
    // Another rate than the default, so that the test tells them apart.
    const costSet = {
      ...loaded,
      factors: { ...loaded.factors, 'exchange.eur': { ...loaded.factors['exchange.eur'], value: 10 } },
    };
    const listings = [source('s1', 0), sink('n1', 1), source('s2', 2), sink('n2', 3), source('s3', 4)];
    const { clusters, assumptions } = findHeatClusters(listings, { ...CTX, costSet });
    const rate = 10;
    expect(assumptions.eurToNok).toBe(rate);
    expect(clusters[0]!.capitalNok).toBeCloseTo(clusters[0]!.capitalEur * rate, 6);
  });
});

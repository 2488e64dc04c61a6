import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundingBox, defaultLimitKm, haversineKm, pairLimitKm } from '../../../src/matching/distance.ts';
import { evaluatePair, explainPair, newPairScore, scorePair } from '../../../src/matching/pair.ts';
import { newNumbering, prepareListing } from '../../../src/matching/prepared-listing.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { HOURLY, randomSnapshot } from './arbitraries.ts';
import { CONFIG, CTX, energy, materialNeed, materialOffer, northOfOslo, OSLO } from './fixtures.ts';

describe('distance', () => {
  it('when measuring Oslo to Bergen, then the great-circle distance is about 305 km', () => {
    expect(haversineKm(59.9139, 10.7522, 60.3913, 5.3221)).toBeCloseTo(305, -1);
  });

  it('when a point is 42 km north along the meridian, then haversine gives 42 km', () => {
    const p = northOfOslo(42);
    expect(haversineKm(OSLO.lat, OSLO.lon, p.lat, p.lon)).toBeCloseTo(42, 9);
  });

  it('when a circle is boxed, then every point within the radius lies in the box, also near the poles and the antimeridian', () => {
    const lat = fc.double({ min: -89.9, max: 89.9, noNaN: true });
    const lon = fc.double({ min: -180, max: 180, noNaN: true });
    fc.assert(
      fc.property(
        lat,
        lon,
        fc.double({ min: 0.001, max: 3000, noNaN: true }),
        lat,
        lon,
        (la, lo, r, pLat, pLon) => {
          if (haversineKm(la, lo, pLat, pLon) > r) return;
          const box = boundingBox(la, lo, r);
          expect(pLat).toBeGreaterThanOrEqual(box.minLat);
          expect(pLat).toBeLessThanOrEqual(box.maxLat);
          expect(pLon).toBeGreaterThanOrEqual(box.minLon);
          expect(pLon).toBeLessThanOrEqual(box.maxLon);
        },
      ),
      { numRuns: 2000, seed: 17 },
    );
    // Points near the centre, where the property above rarely lands: 0.999 r in eight directions.
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const r = 250;
      const la = 69.6;
      const lo = 18.9;
      const b = (bearing * Math.PI) / 180;
      const d = (0.999 * r) / 6371;
      const phi = Math.asin(
        Math.sin((la * Math.PI) / 180) * Math.cos(d) +
          Math.cos((la * Math.PI) / 180) * Math.sin(d) * Math.cos(b),
      );
      const lambda =
        (lo * Math.PI) / 180 +
        Math.atan2(
          Math.sin(b) * Math.sin(d) * Math.cos((la * Math.PI) / 180),
          Math.cos(d) - Math.sin((la * Math.PI) / 180) * Math.sin(phi),
        );
      const box = boundingBox(la, lo, r);
      expect((phi * 180) / Math.PI).toBeLessThanOrEqual(box.maxLat);
      expect((phi * 180) / Math.PI).toBeGreaterThanOrEqual(box.minLat);
      expect((lambda * 180) / Math.PI).toBeLessThanOrEqual(box.maxLon);
      expect((lambda * 180) / Math.PI).toBeGreaterThanOrEqual(box.minLon);
    }
  });

  it("when neither listing states a limit, then the kind's default applies, and for energy the need's carrier decides", () => {
    expect(defaultLimitKm(CONFIG, materialNeed('n', {}))).toBe(300);
    expect(defaultLimitKm(CONFIG, energy('n', 'need', { carrier: 'steam' }))).toBe(3);
    expect(defaultLimitKm(CONFIG, energy('n', 'need', { carrier: 'hot-water' }))).toBe(10);
  });

  it('when a material pair is 301 km apart, then it is beyond the 300 km default', () => {
    const offer = materialOffer('o', ['100105']);
    expect(
      evaluatePair(offer, materialNeed('n', { wasteCodes: ['1001'] }, northOfOslo(299)), CTX),
    ).not.toBeNull();
    expect(
      evaluatePair(offer, materialNeed('n', { wasteCodes: ['1001'] }, northOfOslo(301)), CTX),
    ).toBeNull();
  });

  it('when steam is 4 km from a steam need, then the 3 km steam limit rejects it; a hot-water need 4 km off is fine', () => {
    const steam = energy('o', 'offer', { carrier: 'steam', supplyTemperatureC: 200 });
    expect(
      evaluatePair(
        steam,
        energy('n', 'need', { carrier: 'steam', supplyTemperatureC: 150 }, northOfOslo(4)),
        CTX,
      ),
    ).toBeNull();
    expect(
      evaluatePair(
        steam,
        energy('n', 'need', { carrier: 'hot-water', supplyTemperatureC: 90 }, northOfOslo(4)),
        CTX,
      ),
    ).not.toBeNull();
  });

  it('when one listing states its own limit, then it wins over the default, even when larger', () => {
    const offer = energy(
      'o',
      'offer',
      { carrier: 'hot-water', supplyTemperatureC: 95 },
      { maxDistanceKm: 25 },
    );
    const need = energy('n', 'need', { carrier: 'hot-water', supplyTemperatureC: 70 }, northOfOslo(20));
    expect(pairLimitKm(CONFIG, offer, need)).toBe(25);
    expect(evaluatePair(offer, need, CTX)?.terms.find((t) => t.name === 'distance')?.reason).toBe(
      "20 km of a 25 km limit (the listings' own)",
    );
  });

  it('when both listings state a limit, then the smaller one applies', () => {
    const offer = materialOffer('o', ['100105'], { maxDistanceKm: 50 });
    const near = materialNeed('n', { wasteCodes: ['1001'] }, { ...northOfOslo(40), maxDistanceKm: 500 });
    const far = materialNeed('n', { wasteCodes: ['1001'] }, { ...northOfOslo(60), maxDistanceKm: 500 });
    expect(pairLimitKm(CONFIG, offer, near)).toBe(50);
    expect(evaluatePair(offer, near, CTX)).not.toBeNull();
    expect(evaluatePair(offer, far, CTX)).toBeNull();
  });
});

describe('pair rules common to all kinds', () => {
  const offer = materialOffer('o', ['100105'], { amount: 80 });
  const need = materialNeed('n', { wasteCodes: ['1001'] }, { amount: 100, ...northOfOslo(30) });

  it('when offer and need belong to the same company, then they never match', () => {
    expect(evaluatePair(offer, { ...need, companyId: offer.companyId }, CTX)).toBeNull();
  });

  it('when the arguments are swapped or the kinds differ, then there is no candidate', () => {
    expect(evaluatePair(need, offer, CTX)).toBeNull();
    expect(evaluatePair(offer, { ...need, kind: 'water' }, CTX)).toBeNull();
  });

  it('when every term is known, then the score is the weighted mean of the five terms', () => {
    const c = evaluatePair(offer, need, CTX);
    // Equal weights 0.2: resource 0.9 (sub-chapter), quantity 80/100, distance 1 − 30/300,
    // temporal 1 (no windows), quality 1 (no requirements).
    expect(c?.terms.map((t) => [t.name, t.weight, Number(t.value.toFixed(12))])).toEqual([
      ['resource', 0.2, 0.9],
      ['quantity', 0.2, 0.8],
      ['distance', 0.2, 0.9],
      ['temporal', 0.2, 1],
      ['quality', 0.2, 1],
    ]);
    expect(c?.score).toBeCloseTo(0.2 * (0.9 + 0.8 + 0.9 + 1 + 1), 12);
    expect(c?.terms.find((t) => t.name === 'quantity')?.reason).toBe(
      "the offer covers 80% of the need's 100 t/yr",
    );
    expect(c?.terms.find((t) => t.name === 'distance')?.reason).toBe('30 km of a 300 km limit');
  });

  it('when weights are unequal, then they are normalised to sum 1', () => {
    const weights = { resource: 3, quantity: 1, distance: 0, temporal: 0, quality: 0 };
    const c = evaluatePair(offer, need, { ...CTX, config: { ...CONFIG, weights } });
    expect(c?.terms.map((t) => t.weight)).toEqual([0.75, 0.25, 0, 0, 0]);
    expect(c?.score).toBeCloseTo(0.75 * 0.9 + 0.25 * 0.8, 12);
  });

  it('when the score falls below minScore, then the pair is dropped', () => {
    expect(evaluatePair(offer, need, { ...CTX, config: { ...CONFIG, minScore: 0.93 } })).toBeNull();
    expect(evaluatePair(offer, need, { ...CTX, config: { ...CONFIG, minScore: 0.91 } })).not.toBeNull();
  });

  it('when evaluated twice, then the result is identical', () => {
    expect(evaluatePair(offer, need, CTX)).toEqual(evaluatePair(offer, need, CTX));
  });
});

describe('the two phases of pair evaluation', () => {
  const pairsOf = (listings: MatchListing[]) =>
    listings.flatMap((o) => listings.filter((n) => n !== o).map((n) => [o, n] as const));

  it('when random pairs are scored, then the numeric phase accepts exactly what evaluatePair accepts, with the same score to the bit', () => {
    fc.assert(
      fc.property(randomSnapshot, (listings) => {
        const ctx = { ...CTX, hourlyProfiles: HOURLY };
        const s = newPairScore();
        // Prepared once with one numbering and reused across pairs, as the candidate index does.
        const numbering = newNumbering();
        const prepared = new Map(listings.map((l) => [l, prepareListing(l, numbering)]));
        for (const [o, n] of pairsOf(listings)) {
          const explained = evaluatePair(o, n, ctx);
          const accepted = scorePair(prepared.get(o)!, prepared.get(n)!, ctx, s);
          expect(accepted).toBe(explained !== null);
          if (!explained) continue;
          expect(Object.is(s.score, explained.score)).toBe(true);
          expect(explained.terms.map((t) => t.value)).toEqual([
            s.resource,
            s.quantity,
            s.distance,
            s.temporal,
            s.quality,
          ]);
          expect(explainPair(prepared.get(o)!, prepared.get(n)!, ctx)).toEqual(explained);
        }
      }),
      { numRuns: 150, seed: 99 },
    );
  });

  it('when the score floor is raised, then both phases drop the same pairs', () => {
    fc.assert(
      fc.property(randomSnapshot, fc.double({ min: 0, max: 1, noNaN: true }), (listings, minScore) => {
        const ctx = { ...CTX, config: { ...CONFIG, minScore } };
        const s = newPairScore();
        for (const [o, n] of pairsOf(listings)) {
          const accepted = scorePair(prepareListing(o), prepareListing(n), ctx, s);
          expect(accepted).toBe(evaluatePair(o, n, ctx) !== null);
          if (accepted) expect(s.score).toBeGreaterThanOrEqual(minScore);
        }
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});

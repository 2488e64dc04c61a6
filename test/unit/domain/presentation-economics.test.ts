import { describe, expect, it } from 'vitest';
import type { ListingAccess, ListingFacts } from '../../../src/domain/access.ts';
import { withoutHiddenCosts } from '../../../src/domain/economics.ts';
import { presentSuggestion } from '../../../src/domain/presentation.ts';
import { haversineKm } from '../../../src/matching/distance.ts';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { loadCostSet } from '../../../src/reference/costs.ts';
import { loadLand } from '../../../src/reference/land.ts';
import { CTX, materialNeed, materialOffer } from '../matching/fixtures.ts';

const ANONYMISED: ListingAccess = {
  all: false,
  companyIds: [],
  regions: [],
  anonymised: ['anonymous', 'private'],
  involvedOnly: false,
};
const facts = (companyId: string): ListingFacts => ({ companyId, confidentiality: 'anonymous', regions: [] });

describe('economics shown from an anonymised location', () => {
  it('when both listings are anonymised, then the economics are those of the distance shown, not the exact one', () => {
    const offer = materialOffer('o', ['100101'], { lat: 60.7912, lon: 11.0733 });
    const need = materialNeed(
      'n',
      { wasteCodes: ['100101'] },
      { lat: 61.1149, lon: 10.4658, maxDistanceKm: 100 },
    );
    const c = evaluatePair(offer, need, { ...CTX, costSet: loadCostSet(), land: loadLand() })!;
    const shown = presentSuggestion(
      ANONYMISED,
      { ...c, co2eAvoidedT: c.impact.co2eAvoidedT, impact: c.impact as unknown as Record<string, unknown> },
      { listing: offer, facts: facts(offer.companyId) },
      { listing: need, facts: facts(need.companyId) },
    )!;
    const coarseKm = Math.round(haversineKm(60.8, 11.1, 61.1, 10.5) * 10) / 10;
    expect(shown.distanceKm).toBe(coarseKm);
    expect(shown.economics!.straightKm).toBe(coarseKm);
    expect(shown.economics!.straightKm).not.toBe(c.economics!.straightKm);
    expect(shown.economics!.routeKm).toBeCloseTo(coarseKm * 1.3, 9);
    expect(shown.economics!.transportCostNokPerYear).toBeCloseTo(
      (c.economics!.transportCostNokPerYear! * coarseKm) / c.distanceKm,
      6,
    );
  });
});

describe('economics without the costs a caller may not read', () => {
  const pipe = {
    lengthKm: 5,
    capacityMW: 2,
    costNokPerM: 3000,
    lineCostNok: 15_000_000,
    stationsCostNok: 1_000_000,
    capitalCostNok: 16_000_000,
    annualCostNok: 925_000,
    valueNokPerYear: 4_000_000,
    paybackYears: 4,
  };
  const economics = {
    costSet: 'costs-no-2025@2025.1',
    straightKm: 4,
    routeKm: 5.2,
    detourFactor: 1.3,
    crossesOpenWater: false,
    mode: 'pipe' as const,
    transportCostNokPerYear: 925_000,
    pipe,
    saving: { offerSideNokPerYear: 100_000, needSideNokPerYear: 4_000_000, netNokPerYear: 3_175_000 },
  };

  it('when the need’s cost is hidden, then its saving, the pipe’s value and its payback go, and the net counts the offer alone', () => {
    const shown = withoutHiddenCosts(economics, { offer: true, need: false });
    expect(shown.pipe).toEqual({ ...pipe, valueNokPerYear: null, paybackYears: null });
    expect(shown.saving).toEqual({ offerSideNokPerYear: 100_000, netNokPerYear: 100_000 - 925_000 });
  });

  it('when neither side’s cost may be read, then no saving is shown; when both may, nothing changes', () => {
    expect(withoutHiddenCosts(economics, { offer: false, need: false }).saving).toBeUndefined();
    expect(withoutHiddenCosts(economics, { offer: true, need: true })).toBe(economics);
  });
});

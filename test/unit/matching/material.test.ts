import { describe, expect, it } from 'vitest';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { CTX, materialNeed, materialOffer, REFERENCE, SUBSTITUTIONS } from './fixtures.ts';

const term = (c: { terms: { name: string; value: number; reason: string }[] } | null, name: string) =>
  c?.terms.find((t) => t.name === name);

describe('material compatibility', () => {
  it('when the need names the exact offered code, then it matches with resource fit 1', () => {
    const c = evaluatePair(
      materialOffer('o', ['100105']),
      materialNeed('n', { wasteCodes: ['100105'] }),
      CTX,
    );
    expect(c?.route).toEqual({ type: 'direct', detail: 'code 100105' });
    expect(term(c, 'resource')?.value).toBe(1);
    expect(term(c, 'resource')?.reason).toBe("offer code 100105 is accepted by the need's code 100105");
  });

  it('when the need names the sub-chapter, then it matches with resource fit 0.9', () => {
    const c = evaluatePair(materialOffer('o', ['100105']), materialNeed('n', { wasteCodes: ['1001'] }), CTX);
    expect(c?.route.detail).toBe('sub-chapter 1001');
    expect(term(c, 'resource')?.value).toBe(0.9);
  });

  it('when the need names the chapter, then it matches with resource fit 0.7', () => {
    const c = evaluatePair(materialOffer('o', ['170504']), materialNeed('n', { wasteCodes: ['17'] }), CTX);
    expect(c?.route.detail).toBe('chapter 17');
    expect(term(c, 'resource')?.value).toBe(0.7);
  });

  it('when the need names a code of another sub-chapter, then there is no candidate', () => {
    expect(
      evaluatePair(
        materialOffer('o', ['100105']),
        materialNeed('n', { wasteCodes: ['1705', '100101'] }),
        CTX,
      ),
    ).toBeNull();
  });

  it('when several need codes match, then the most specific one explains the match', () => {
    const c = evaluatePair(
      materialOffer('o', ['100105']),
      materialNeed('n', { wasteCodes: ['10', '1001', '100105'] }),
      CTX,
    );
    expect(c?.route.detail).toBe('code 100105');
  });

  it("when the need's category covers the offered code, then it matches through the category", () => {
    const c = evaluatePair(
      materialOffer('o', ['170504']),
      materialNeed('n', { category: 'soil-and-stone' }),
      CTX,
    );
    expect(c?.route).toEqual({ type: 'direct', detail: 'category soil-and-stone' });
    expect(term(c, 'resource')?.value).toBe(0.85);
    expect(term(c, 'resource')?.reason).toBe(
      "offer code 170504 belongs to the need's category soil-and-stone",
    );
  });

  it('when offer and need name the same category, then they match without codes', () => {
    const offer = materialOffer('o', [], { material: { category: 'gypsum', hazardous: false } });
    const c = evaluatePair(offer, materialNeed('n', { category: 'gypsum' }), CTX);
    expect(term(c, 'resource')?.reason).toBe('both name the material category gypsum');
  });

  it('when only a documented substitution links them, then the route names it by id and description', () => {
    const c = evaluatePair(
      materialOffer('o', ['100102'], { amount: 100 }),
      materialNeed('n', { category: 'cement-raw-material' }, { amount: 200 }),
      CTX,
    );
    expect(c?.route).toEqual({
      type: 'substitution',
      detail: 'fly-ash-cement: coal fly ash as a cement raw material',
    });
    expect(term(c, 'resource')?.reason).toBe(
      'documented substitution fly-ash-cement: coal fly ash as a cement raw material (factor 0.8)',
    );
    expect(term(c, 'resource')?.value).toBeCloseTo(0.8 * 0.8, 12);
    expect(c?.offerUse).toBeCloseTo(1.25, 12);
    // 100 t offered at factor 0.8 covers 80 t of the need.
    expect(c?.maxQuantity).toBeCloseTo(80, 9);
  });

  it('when several substitutions apply, then the highest factor wins', () => {
    // 100102 is in sub-chapter 1001 (factor 0.3) and named by fly-ash-cement (factor 0.8).
    const c = evaluatePair(
      materialOffer('o', ['100102']),
      materialNeed('n', { category: 'cement-raw-material' }),
      CTX,
    );
    expect(c?.route.detail).toMatch(/^fly-ash-cement:/);
  });

  it("when a substitution names the offer's category, then codes in that category qualify", () => {
    const c = evaluatePair(
      materialOffer('o', ['100105']),
      materialNeed('n', { category: 'cement-raw-material' }),
      CTX,
    );
    expect(c?.route.detail).toBe('gypsum-cement: gypsum as set regulator');
    expect(c?.offerUse).toBeCloseTo(2, 12);
  });

  it('when a substitution is described at length, then the route keeps its id and a short description, never its source', () => {
    const long = {
      ...SUBSTITUTIONS[0]!,
      description:
        'Coal fly ash, a pozzolan, replaces part of the clay and limestone of the raw meal in clinker kilns.',
      source: 'A long bibliographic source that belongs in the taxonomy, not in every suggestion',
    };
    const ctx = { ...CTX, reference: { ...REFERENCE, substitutions: [long, ...SUBSTITUTIONS.slice(1)] } };
    const c = evaluatePair(
      materialOffer('o', ['100102']),
      materialNeed('n', { category: 'cement-raw-material' }),
      ctx,
    );
    expect(c?.route.detail).toBe('fly-ash-cement: Coal fly ash, a pozzolan, replaces part of the clay and…');
    expect(JSON.stringify(c)).not.toContain('bibliographic');
  });

  it('when no code, category or substitution links them, then there is no candidate', () => {
    expect(
      evaluatePair(materialOffer('o', ['150102']), materialNeed('n', { category: 'soil-and-stone' }), CTX),
    ).toBeNull();
  });

  it('when the offer is hazardous and the need may not take hazardous waste, then there is no candidate', () => {
    const offer = materialOffer('o', ['100104']);
    expect(offer.material?.hazardous).toBe(true);
    expect(evaluatePair(offer, materialNeed('n', { wasteCodes: ['1001'] }), CTX)).toBeNull();
    expect(
      evaluatePair(offer, materialNeed('n', { wasteCodes: ['1001'], acceptsHazardous: false }), CTX),
    ).toBeNull();
  });

  it('when the offer is hazardous and the need accepts hazardous waste, then it matches', () => {
    const c = evaluatePair(
      materialOffer('o', ['100104']),
      materialNeed('n', { wasteCodes: ['1001'], acceptsHazardous: true }),
      CTX,
    );
    expect(c?.route.detail).toBe('sub-chapter 1001');
  });

  it('when one of several offered codes is hazardous, then the whole offer is hazardous', () => {
    const offer = materialOffer('o', ['100105', '100104']);
    expect(evaluatePair(offer, materialNeed('n', { wasteCodes: ['100105'] }), CTX)).toBeNull();
  });

  it('when the hazardous flag comes from the stored listing alone, then it is still honoured', () => {
    const offer = materialOffer('o', ['100105'], { material: { wasteCodes: ['100105'], hazardous: true } });
    expect(evaluatePair(offer, materialNeed('n', { wasteCodes: ['100105'] }), CTX)).toBeNull();
  });
});

describe('material quality term', () => {
  it('when purity falls 5 points short, moisture is within limits and form differs, then quality is their mean', () => {
    const offer = materialOffer('o', ['100105'], {
      material: { wasteCodes: ['100105'], hazardous: false, purityPct: 90, moisturePct: 8, form: 'powder' },
    });
    const need = materialNeed('n', { wasteCodes: ['100105'] }, {});
    need.material = { ...need.material!, purityPct: 95, moisturePct: 10, form: 'granular' };
    const quality = term(evaluatePair(offer, need, CTX), 'quality');
    // purity 1 − 5/20 = 0.75, moisture 1, form 0.6 → mean 0.7833…
    expect(quality?.value).toBeCloseTo((0.75 + 1 + 0.6) / 3, 12);
    expect(quality?.reason).toBe(
      'purity 90% against ≥ 95%; moisture 8% against ≤ 10%; form powder where granular is wanted',
    );
  });

  it('when the offer declares a contaminant the need excludes, then quality is 0 and says why', () => {
    const offer = materialOffer('o', ['100105'], {
      material: { wasteCodes: ['100105'], hazardous: false, contaminants: ['Mercury'] },
    });
    const need = materialNeed('n', { wasteCodes: ['100105'] });
    need.material = { ...need.material!, contaminants: ['mercury', 'chloride'] };
    const quality = term(evaluatePair(offer, need, CTX), 'quality');
    expect(quality?.value).toBe(0);
    expect(quality?.reason).toBe('contains Mercury, which the need excludes');
  });

  it('when the need states no requirements, then quality is 1', () => {
    const quality = term(
      evaluatePair(materialOffer('o', ['100105']), materialNeed('n', { wasteCodes: ['1001'] }), CTX),
      'quality',
    );
    expect(quality).toMatchObject({ value: 1, reason: 'the need states no quality requirements' });
  });
});

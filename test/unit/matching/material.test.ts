import { describe, expect, it } from 'vitest';
import type { MaterialCategory, ReferenceData } from '../../../src/domain/reference.ts';
import { generateCandidates } from '../../../src/matching/candidates.ts';
import { newFitReasons, newFitValues } from '../../../src/matching/fit-result.ts';
import { fitMaterial } from '../../../src/matching/material-fit.ts';
import { allCompatiblePairs } from '../../../src/matching/naive.ts';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { prepareListing } from '../../../src/matching/prepared-listing.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { CTX, listing, materialNeed, materialOffer, REFERENCE, SUBSTITUTIONS } from './fixtures.ts';

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

describe('a form the need requires', () => {
  const need = (formRequired?: boolean) => {
    const n = materialNeed('n', { wasteCodes: ['100105'] });
    n.material = { ...n.material!, form: 'powder', ...(formRequired === undefined ? {} : { formRequired }) };
    return n;
  };
  const offer = (form?: 'powder' | 'granular') =>
    materialOffer('o', ['100105'], {
      material: { wasteCodes: ['100105'], hazardous: false, ...(form ? { form } : {}) },
    });

  it('when the need requires powder and granular is offered, then there is no candidate', () => {
    expect(evaluatePair(offer('granular'), need(true), CTX)).toBeNull();
  });

  it('when the need only wants powder, then granular still matches, with a lower quality', () => {
    expect(term(evaluatePair(offer('granular'), need(), CTX), 'quality')).toMatchObject({
      value: 0.6,
      reason: 'form granular where powder is wanted',
    });
  });

  it('when the required form is offered, then the quality says so', () => {
    expect(term(evaluatePair(offer('powder'), need(true), CTX), 'quality')).toMatchObject({
      value: 1,
      reason: 'form powder as required',
    });
  });

  it('when the offer states no form, then it is not refused and the quality names the requirement', () => {
    expect(term(evaluatePair(offer(), need(true), CTX), 'quality')).toMatchObject({
      value: 1,
      reason: 'form not stated (the need requires powder)',
    });
  });
});

describe('two materials that share a code (molasses and bagasse, LoW 02 04 99)', () => {
  const sugarCode = {
    code: '020499',
    chapter: '02',
    subchapter: '0204',
    description: 'wastes from sugar processing not otherwise specified',
    hazardous: false,
    entryType: 'Absolute non-hazardous',
  };
  const category = (id: string, prefixes: string[], use?: 'feed'): MaterialCategory => ({
    id,
    name: id,
    description: id,
    wasteCodePrefixes: prefixes,
    ...(use ? { use } : {}),
  });
  const reference: ReferenceData = {
    ...REFERENCE,
    wasteCodes: new Map([...REFERENCE.wasteCodes, ['020499', sugarCode]]),
    materialCategories: new Map([
      ...REFERENCE.materialCategories,
      ...[
        category('molasses', ['020499']),
        category('fibrous-plant-residues', ['020499']),
        category('animal-feed-input', ['0207'], 'feed'),
      ].map((c) => [c.id, c] as const),
    ]),
    substitutions: [
      ...SUBSTITUTIONS,
      {
        id: 'molasses-as-feed',
        offer: { category: 'molasses' },
        need: { category: 'animal-feed-input' },
        factor: 1,
        description: 'molasses is a feed material',
        source: 'test source D',
      },
    ],
  };
  const ctx = { ...CTX, reference };
  const sugar = (id: string, category: string, form: 'liquid' | 'solid') =>
    materialOffer(id, ['020499'], { material: { wasteCodes: ['020499'], category, form, hazardous: false } });
  const molasses = sugar('molasses', 'molasses', 'liquid');
  const bagasse = sugar('bagasse', 'fibrous-plant-residues', 'solid');
  const needOf = (material: NonNullable<MatchListing['material']>) =>
    listing({ id: 'feed-mill', direction: 'need', kind: 'material', material });

  it('when the need names molasses with its code, then molasses matches and bagasse of the same code does not', () => {
    const need = needOf({ wasteCodes: ['020499'], category: 'molasses', hazardous: false });
    expect(evaluatePair(molasses, need, ctx)?.route).toEqual({ type: 'direct', detail: 'code 020499' });
    expect(evaluatePair(bagasse, need, ctx)).toBeNull();
    const why = newFitReasons();
    fitMaterial(prepareListing(bagasse), prepareListing(need), reference, newFitValues(), why);
    expect(why.blocked).toEqual({
      code: 'category',
      reason:
        'the offer is fibrous-plant-residues and the need asks for molasses: their shared code 020499 does not make them the same material, and no documented substitution links them',
    });
  });

  it('when the need names the feed use, then molasses reaches it through its substitution and bagasse not at all', () => {
    const need = needOf({ category: 'animal-feed-input', hazardous: false });
    expect(evaluatePair(molasses, need, ctx)?.route.type).toBe('substitution');
    expect(evaluatePair(bagasse, need, ctx)).toBeNull();
  });

  it('when a feed need accepts the shared code and requires a liquid, then the form tells them apart', () => {
    const need = needOf({
      wasteCodes: ['020499'],
      category: 'animal-feed-input',
      form: 'liquid',
      formRequired: true,
      hazardous: false,
    });
    expect(evaluatePair(molasses, need, ctx)).not.toBeNull();
    expect(evaluatePair(bagasse, need, ctx)).toBeNull();
  });

  it('when the offer names no category, then its code covers both materials and the need of molasses takes it', () => {
    const unnamed = materialOffer('unnamed', ['020499']);
    const need = needOf({ category: 'molasses', hazardous: false });
    expect(evaluatePair(unnamed, need, ctx)?.route).toEqual({ type: 'direct', detail: 'category molasses' });
  });

  it('when candidates are generated, then the index finds exactly the pairs the naive matcher finds', () => {
    const listings = [
      molasses,
      bagasse,
      needOf({ wasteCodes: ['020499'], category: 'molasses', hazardous: false }),
      { ...needOf({ category: 'animal-feed-input', hazardous: false }), id: 'farm' },
    ];
    const input = { ...ctx, listings };
    const pairs = (cs: { offerId: string; needId: string }[]) =>
      cs.map((c) => `${c.offerId}→${c.needId}`).sort();
    expect(pairs(generateCandidates(input))).toEqual(['molasses→farm', 'molasses→feed-mill']);
    expect(pairs(generateCandidates(input))).toEqual(pairs(allCompatiblePairs(input)));
  });
});

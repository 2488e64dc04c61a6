/**
 * Regulation as constraints on material pairs (src/matching/regulation.ts): animal by-product
 * categories against the use of the need's category, and waste status against the receiver's
 * permit, on hand-made listings over a tiny taxonomy whose demand-side categories name their use.
 */
import { describe, expect, it } from 'vitest';
import type { MaterialCategory, ReferenceData, WasteCodeEntry } from '../../../src/domain/reference.ts';
import { newFitReasons, newFitValues } from '../../../src/matching/fit-result.ts';
import { fitMaterial } from '../../../src/matching/material-fit.ts';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { prepareListing } from '../../../src/matching/prepared-listing.ts';
import { ANIMAL_BY_PRODUCT_USES } from '../../../src/matching/regulation.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { CTX, materialNeed, materialOffer, REFERENCE } from './fixtures.ts';

const entry = (code: string): [string, WasteCodeEntry] => [
  code,
  {
    code,
    chapter: code.slice(0, 2),
    subchapter: code.slice(0, 4),
    description: `waste ${code}`,
    hazardous: false,
    entryType: 'Absolute non-hazardous',
  },
];

const use = (id: string, u: MaterialCategory['use'], prefixes: string[]): [string, MaterialCategory] => [
  id,
  { id, name: id, description: id, wasteCodePrefixes: prefixes, use: u },
];

/** Fish by-products (02 02 02) and fallen stock (02 01 02), and needs of each use that takes them. */
const REF: ReferenceData = {
  ...REFERENCE,
  wasteCodes: new Map([...REFERENCE.wasteCodes, entry('020102'), entry('020202')]),
  materialCategories: new Map([
    ...REFERENCE.materialCategories,
    use('feed-input', 'feed', ['0202']),
    use('fertiliser-input', 'fertiliser', ['0201', '0202']),
    use('biogas-feedstock', 'digestion', ['0201', '0202']),
    use('kiln-fuel', 'energy', ['0201', '0202']),
  ]),
};
const ctx = { ...CTX, reference: REF };

const fish = (material: Partial<NonNullable<MatchListing['material']>> = {}) =>
  materialOffer('fish', ['020202'], { material: { wasteCodes: ['020202'], hazardous: false, ...material } });
const needOf = (category: string, material: Partial<NonNullable<MatchListing['material']>> = {}) => {
  const need = materialNeed('need', { category });
  need.material = { ...need.material!, ...material };
  return need;
};
const resource = (offer: MatchListing, need: MatchListing) =>
  evaluatePair(offer, need, ctx)?.terms.find((t) => t.name === 'resource')?.reason;

/** Why the material fit refuses the pair, or undefined when it does not. */
function blocked(offer: MatchListing, need: MatchListing) {
  const why = newFitReasons();
  const ok = fitMaterial(prepareListing(offer), prepareListing(need), REF, newFitValues(), why);
  return ok ? undefined : why.blocked;
}

describe('animal by-product categories (Regulation (EC) No 1069/2009)', () => {
  it('when category 1 material meets a feed need, then there is no candidate and the refusal names the article', () => {
    const offer = fish({ animalByProductCategory: 1 });
    expect(evaluatePair(offer, needOf('feed-input'), ctx)).toBeNull();
    expect(blocked(offer, needOf('feed-input'))).toEqual({
      code: 'animal-by-product',
      reason: 'animal by-product category 1 may not go to feed (Regulation (EC) No 1069/2009, Art. 12)',
    });
  });

  it('when category 1 material meets fertiliser or biogas needs, then there is no candidate; an energy need takes it', () => {
    const offer = fish({ animalByProductCategory: 1 });
    expect(evaluatePair(offer, needOf('fertiliser-input'), ctx)).toBeNull();
    expect(blocked(offer, needOf('biogas-feedstock'))?.reason).toBe(
      'animal by-product category 1 may not go to biogas or compost (Regulation (EC) No 1069/2009, Art. 12)',
    );
    expect(resource(offer, needOf('kiln-fuel'))).toBe(
      "offer code 020202 belongs to the need's category kiln-fuel; animal by-product category 1 to energy recovery: only by incineration, co-incineration or as fuel (Regulation (EC) No 1069/2009, Art. 12)",
    );
  });

  it('when category 2 material meets a feed need, then there is no candidate; a fertiliser need takes it after sterilisation', () => {
    const offer = fish({ animalByProductCategory: 2 });
    expect(blocked(offer, needOf('feed-input'))?.code).toBe('animal-by-product');
    expect(resource(offer, needOf('fertiliser-input'))).toBe(
      "offer code 020202 belongs to the need's category fertiliser-input; animal by-product category 2 to fertiliser or soil improvement: only after pressure sterilisation, except manure and digestive tract content (Regulation (EC) No 1069/2009, Art. 13)",
    );
  });

  it('when category 3 material meets a feed need, then it matches and the explanation names the condition', () => {
    expect(resource(fish({ animalByProductCategory: 3 }), needOf('feed-input'))).toBe(
      "offer code 020202 belongs to the need's category feed-input; animal by-product category 3 to feed: after processing in an approved plant (Regulation (EC) No 1069/2009, Art. 14)",
    );
  });

  it('when the need names no use, then it is not refused and the explanation asks for the approval', () => {
    const need = materialNeed('need', { wasteCodes: ['0202'] });
    expect(resource(fish({ animalByProductCategory: 1 }), need)).toBe(
      "offer code 020202 is accepted by the need's sub-chapter 0202; animal by-product category 1: the receiver needs registration or approval for it (Regulation (EC) No 1069/2009, Art. 23-24)",
    );
  });

  it('when the offer states no category, then the pair matches as before, with no regulatory note', () => {
    expect(resource(fish(), needOf('feed-input'))).toBe(
      "offer code 020202 belongs to the need's category feed-input",
    );
  });

  it('when the table is read, then category 1 goes only to energy and raw material, category 2 to all but feed', () => {
    const allowed = (c: 1 | 2 | 3) =>
      Object.entries(ANIMAL_BY_PRODUCT_USES[c])
        .filter(([, ok]) => ok)
        .map(([u]) => u);
    expect(allowed(1)).toEqual(['energy', 'raw-material']);
    expect(allowed(2)).toEqual(['fertiliser', 'digestion', 'energy', 'raw-material']);
    expect(allowed(3)).toEqual(['feed', 'fertiliser', 'digestion', 'energy', 'raw-material']);
  });
});

describe('waste status and permits (Directive 2008/98/EC)', () => {
  const kiln = (material: Partial<NonNullable<MatchListing['material']>> = {}) =>
    needOf('kiln-fuel', material);

  it('when the offer is waste and the need states no permit, then there is no candidate', () => {
    const offer = fish({ wasteStatus: 'waste' });
    expect(evaluatePair(offer, kiln(), ctx)).toBeNull();
    expect(blocked(offer, kiln())).toEqual({
      code: 'waste-status',
      reason:
        'the offer is waste and the need states no permit to take waste (Directive 2008/98/EC, Art. 23)',
    });
  });

  it('when the offer is waste and the need holds a permit (or one for hazardous waste), then it matches and says so', () => {
    const offer = fish({ wasteStatus: 'waste' });
    expect(resource(offer, kiln({ acceptsWaste: true }))).toBe(
      "offer code 020202 belongs to the need's category kiln-fuel; waste, to a receiver with a permit to take it (Directive 2008/98/EC, Art. 23)",
    );
    expect(evaluatePair(offer, kiln({ acceptsHazardous: true }), ctx)).not.toBeNull();
  });

  it('when the need takes only by-products and end-of-waste, then waste and an unstated status are refused', () => {
    const only = kiln({ acceptsWaste: false });
    expect(blocked(fish({ wasteStatus: 'waste' }), only)?.reason).toBe(
      'the offer is waste and the need takes only by-products and end-of-waste (Directive 2008/98/EC, Art. 5-6)',
    );
    expect(blocked(fish(), only)?.reason).toBe(
      'the offer does not state that it is a by-product or end-of-waste, which the need requires (Directive 2008/98/EC, Art. 5-6)',
    );
  });

  it('when the offer is a by-product or end-of-waste, then any need takes it and the explanation names the article', () => {
    expect(resource(fish({ wasteStatus: 'by-product' }), kiln({ acceptsWaste: false }))).toBe(
      "offer code 020202 belongs to the need's category kiln-fuel; a by-product (Directive 2008/98/EC, Art. 5)",
    );
    expect(resource(fish({ wasteStatus: 'end-of-waste' }), kiln())).toBe(
      "offer code 020202 belongs to the need's category kiln-fuel; end-of-waste (Directive 2008/98/EC, Art. 6)",
    );
  });

  it('when neither side states a status, then the pair matches as before', () => {
    expect(resource(fish(), kiln())).toBe("offer code 020202 belongs to the need's category kiln-fuel");
  });
});

/**
 * Regulation as hard constraints on a material pair, checked before a suggestion is shown and
 * named in its explanation: what an animal by-product may become, and who may take waste.
 *
 * Animal by-products. An offer may state its category under the Animal By-products Regulation;
 * the need's use is the `use` of its material category (data/taxonomy, demand side). A cell of
 * the table says whether that category may go to that use:
 *
 *   category   feed   fertiliser   biogas/compost   energy   raw material
 *   1 (Art. 8)  no      no            no              yes      yes (co-incineration)
 *   2 (Art. 9)  no      yes (1)       yes (1)         yes      yes
 *   3 (Art. 10) yes (2) yes (2)       yes (2)         yes      yes
 *
 *   (1) after pressure sterilisation, except manure and digestive tract content (Art. 13);
 *   (2) after processing in an approved or registered plant (Art. 14).
 *
 * A need whose category names no use (a supply category, or codes only) is not refused: the
 * explanation says that the receiver needs registration or approval for the category.
 *
 * Waste status. An offer may state that it is waste, a by-product or end-of-waste; a need may
 * state that it holds a permit to take waste (`acceptsWaste: true`; a permit for hazardous waste
 * counts) or that it takes only by-products and end-of-waste (`acceptsWaste: false`):
 *
 *   offer \ need      permit   only by-products   unstated
 *   waste             yes      no                 no
 *   by-product        yes      yes                yes
 *   end-of-waste      yes      yes                yes
 *   unstated          yes      no                 yes
 *
 * An unstated status is checked only by a need that asks for a stated one. Every rule is a few
 * comparisons per pair (the numeric phase builds no strings); the sentences are written only for
 * the pairs explained.
 *
 * References:
 *   Regulation (EC) No 1069/2009 (Animal By-products Regulation): categories, Articles 8-10; their
 *     disposal and use, Articles 12 (category 1), 13 (category 2) and 14 (category 3);
 *     registration and approval of the plants that handle them, Articles 23-24.
 *   Directive 2008/98/EC (Waste Framework Directive): by-products, Article 5; end-of-waste status,
 *     Article 6; permits for waste treatment, Article 23.
 */

import type { AnimalByProductCategory } from '../domain/listing-kinds.ts';
import type { MaterialUse, ReferenceData } from '../domain/reference.ts';
import type { MatchListing } from './types.ts';

type MaterialDetails = NonNullable<MatchListing['material']>;

/** The rule that refuses a pair, as fit-result.ts names it. */
export type RegulationBlockCode = 'animal-by-product' | 'waste-status';

/** Whether an animal by-product category may go to a use (the table above). */
export const ANIMAL_BY_PRODUCT_USES: Readonly<
  Record<AnimalByProductCategory, Readonly<Record<MaterialUse, boolean>>>
> = {
  1: { feed: false, fertiliser: false, digestion: false, energy: true, 'raw-material': true },
  2: { feed: false, fertiliser: true, digestion: true, energy: true, 'raw-material': true },
  3: { feed: true, fertiliser: true, digestion: true, energy: true, 'raw-material': true },
};

/** What a use is called in the sentences. */
const USE_WORDS: Readonly<Record<MaterialUse, string>> = {
  feed: 'feed',
  fertiliser: 'fertiliser or soil improvement',
  digestion: 'biogas or compost',
  energy: 'energy recovery',
  'raw-material': 'raw-material use',
};

/** The condition on an allowed use, by category (the footnotes of the table). */
const CONDITIONS: Readonly<Record<AnimalByProductCategory, Readonly<Record<MaterialUse, string>>>> = {
  1: {
    feed: '',
    fertiliser: '',
    digestion: '',
    energy: 'only by incineration, co-incineration or as fuel',
    'raw-material': 'only by co-incineration',
  },
  2: {
    feed: '',
    fertiliser: 'only after pressure sterilisation, except manure and digestive tract content',
    digestion: 'only after pressure sterilisation, except manure and digestive tract content',
    energy: 'by incineration, co-incineration or as fuel',
    'raw-material': 'by co-incineration or as a derived product',
  },
  3: {
    feed: 'after processing in an approved plant',
    fertiliser: 'after processing in an approved or registered plant',
    digestion: 'in an approved or registered biogas or composting plant',
    energy: 'by incineration, co-incineration or as fuel',
    'raw-material': 'by co-incineration or as a derived product',
  },
};

const ABP = 'Regulation (EC) No 1069/2009';
const WFD = 'Directive 2008/98/EC';

/** The use of the need's material category, when it names one that has a use. */
export function needUse(n: MaterialDetails, ref: ReferenceData): MaterialUse | undefined {
  return n.category === undefined ? undefined : ref.materialCategories.get(n.category)?.use;
}

/** True when the need may take waste: it holds a permit, or a permit for hazardous waste. */
const permitted = (n: MaterialDetails): boolean =>
  n.acceptsWaste === true || (n.acceptsWaste === undefined && n.acceptsHazardous === true);

/** The rule of the tables above that refuses the pair, or null when none does. */
export function regulationBlock(
  o: MaterialDetails,
  n: MaterialDetails,
  ref: ReferenceData,
): RegulationBlockCode | null {
  const abp = o.animalByProductCategory;
  if (abp !== undefined) {
    const use = needUse(n, ref);
    if (use !== undefined && !ANIMAL_BY_PRODUCT_USES[abp][use]) return 'animal-by-product';
  }
  const status = o.wasteStatus;
  if (status === 'waste' ? !permitted(n) : status === undefined && n.acceptsWaste === false) {
    return 'waste-status';
  }
  return null;
}

/** The sentence of a refusal by regulationBlock. */
export function regulationBlockReason(
  code: RegulationBlockCode,
  o: MaterialDetails,
  n: MaterialDetails,
  ref: ReferenceData,
): string {
  if (code === 'animal-by-product') {
    const abp = o.animalByProductCategory!;
    const use = needUse(n, ref)!;
    return `animal by-product category ${abp} may not go to ${USE_WORDS[use]} (${ABP}, Art. ${11 + abp})`;
  }
  if (n.acceptsWaste === false) {
    return o.wasteStatus === 'waste'
      ? `the offer is waste and the need takes only by-products and end-of-waste (${WFD}, Art. 5-6)`
      : `the offer does not state that it is a by-product or end-of-waste, which the need requires (${WFD}, Art. 5-6)`;
  }
  return `the offer is waste and the need states no permit to take waste (${WFD}, Art. 23)`;
}

/**
 * The rules a pair that passed regulationBlock met, one phrase each, for its explanation: none
 * when neither side states anything these rules read.
 */
export function regulationNotes(o: MaterialDetails, n: MaterialDetails, ref: ReferenceData): string[] {
  const notes: string[] = [];
  const abp = o.animalByProductCategory;
  if (abp !== undefined) {
    const use = needUse(n, ref);
    notes.push(
      use === undefined
        ? `animal by-product category ${abp}: the receiver needs registration or approval for it (${ABP}, Art. 23-24)`
        : `animal by-product category ${abp} to ${USE_WORDS[use]}: ${CONDITIONS[abp][use]} (${ABP}, Art. ${11 + abp})`,
    );
  }
  switch (o.wasteStatus) {
    case 'waste':
      notes.push(`waste, to a receiver with a permit to take it (${WFD}, Art. 23)`);
      break;
    case 'by-product':
      notes.push(`a by-product (${WFD}, Art. 5)`);
      break;
    case 'end-of-waste':
      notes.push(`end-of-waste (${WFD}, Art. 6)`);
      break;
    default:
  }
  return notes;
}

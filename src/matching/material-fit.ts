/**
 * Material compatibility: List of Waste codes, categories and documented substitutions.
 *
 * An offered code (6 digits) is accepted by a need naming that code, its sub-chapter (4) or its
 * chapter (2); or by a need's category whose waste-code prefixes cover it or that the offer names
 * itself. Failing that, a documented substitution from the offered material into the need's
 * category makes the pair compatible with the substitution's factor. Hazardous offers go only to
 * needs permitted to take hazardous waste: a hard constraint, never a score. So are the rules of
 * regulation.ts (animal by-product categories, waste status and permits) and a form the need
 * requires (`formRequired`; otherwise another form only lowers the quality term).
 *
 * Two materials may share a code (molasses and bagasse are both LoW 02 04 99, wastes of sugar
 * processing): when offer and need both name a material category and the two differ, neither a
 * code they share nor another material category covering the offer's codes makes the match; only
 * a documented substitution from the offer into the need's category does. A need that names a use
 * (a demand-side category such as animal-feed-input) takes what its codes and its category cover,
 * as before; a form it requires tells molasses (liquid) from bagasse (solid).
 *
 * References:
 *   Commission Decision 2000/532/EC (List of Waste), consolidated 2014/955/EU: chapters,
 *     sub-chapters and asterisked hazardous entries.
 */

import { isHazardous } from '../domain/listing-rules.ts';
import type { ReferenceData, Substitution } from '../domain/reference.ts';
import { type FitReasons, type FitValues, INCOMPLETE } from './fit-result.ts';
import type { PreparedListing } from './prepared-listing.ts';
import { regulationBlock, regulationBlockReason, regulationNotes } from './regulation.ts';
import {
  categoriesCovering,
  isUseCategory,
  offerCategories,
  primaryCategory,
  substitutionApplies,
  substitutionsInto,
} from './taxonomy-index.ts';
import type { MatchListing } from './types.ts';

type MaterialDetails = NonNullable<MatchListing['material']>;

/** Resource-term values by how the need names the offered material. */
export const MATERIAL_FIT = {
  code: 1,
  subchapter: 0.9,
  category: 0.85,
  chapter: 0.7,
  substitutionScale: 0.8,
};

/** Levels by the length of an accepted code: chapter (2), sub-chapter (4), code (6). */
const LEVEL_NAMES: readonly ({ name: string; value: number } | undefined)[] = [
  undefined,
  undefined,
  { name: 'chapter', value: MATERIAL_FIT.chapter },
  undefined,
  { name: 'sub-chapter', value: MATERIAL_FIT.subchapter },
  undefined,
  { name: 'code', value: MATERIAL_FIT.code },
];
const NO_CODES: readonly string[] = [];

/** Purity or moisture this many percentage points off the need's requirement scores 0. */
const PERCENT_TOLERANCE = 20;

/** Longest substitution description kept in a route's detail; the full entry is in the taxonomy. */
const DETAIL_DESCRIPTION_CHARS = 60;

/** What a material offer's fit derives from the offer alone, once per prepared listing. */
export interface MaterialMemo {
  hazardous: boolean;
  categories: ReadonlySet<string>;
  /** The substitution chosen into each need category asked about so far (null: none applies). */
  substitutions: Map<string, Substitution | null>;
}

export function isHazardousOffer(offer: Pick<MatchListing, 'material'>, ref: ReferenceData): boolean {
  return offer.material?.hazardous === true || isHazardous(offer.material?.wasteCodes, ref);
}

function memoOf(offer: PreparedListing, o: MaterialDetails, ref: ReferenceData): MaterialMemo {
  offer.materialMemo ??= {
    hazardous: isHazardousOffer(offer, ref),
    categories: offerCategories(ref, o.wasteCodes ?? [], o.category),
    substitutions: new Map(),
  };
  return offer.materialMemo;
}

function substitutionInto(
  memo: MaterialMemo,
  needCategory: string,
  codes: readonly string[],
  ref: ReferenceData,
): Substitution | null {
  let chosen = memo.substitutions.get(needCategory);
  if (chosen === undefined) {
    chosen = bestSubstitution(substitutionsInto(ref, needCategory), codes, memo.categories) ?? null;
    memo.substitutions.set(needCategory, chosen);
  }
  return chosen;
}

/**
 * Writes the pair's resource and quality values and offer use into `fit` and returns true when the
 * offer can serve the need; `why`, when given, receives the route and the reasons, or why not.
 */
export function fitMaterial(
  offer: PreparedListing,
  need: PreparedListing,
  ref: ReferenceData,
  fit: FitValues,
  why?: FitReasons,
): boolean {
  const o = offer.material;
  const n = need.material;
  if (!o || !n) {
    if (why) why.blocked = INCOMPLETE;
    return false;
  }
  const memo = memoOf(offer, o, ref);
  if (n.acceptsHazardous !== true && memo.hazardous) {
    if (why) why.blocked = { code: 'hazardous', reason: hazardReason(o, ref) };
    return false;
  }
  const regulation = regulationBlock(o, n, ref);
  if (regulation !== null) {
    if (why) why.blocked = { code: regulation, reason: regulationBlockReason(regulation, o, n, ref) };
    return false;
  }
  if (n.formRequired === true && n.form !== undefined && o.form !== undefined && o.form !== n.form) {
    if (why)
      why.blocked = { code: 'form', reason: `form ${o.form} offered where the need requires ${n.form}` };
    return false;
  }

  const offerCodes = o.wasteCodes ?? NO_CODES;
  const acceptedCodes = n.wasteCodes ?? NO_CODES;
  let best: { name: string; value: number } | undefined;
  let bestCode = '';
  let bestAccepted = '';
  for (const code of offerCodes) {
    for (const accepted of acceptedCodes) {
      const level = LEVEL_NAMES[accepted.length];
      if (!level || !code.startsWith(accepted) || (best && best.value >= level.value)) continue;
      best = level;
      bestCode = code;
      bestAccepted = accepted;
    }
  }
  const byCategory =
    n.category !== undefined &&
    memo.categories.has(n.category) &&
    (!best || best.value < MATERIAL_FIT.category);
  if (best && apart(o, n, ref) && substitutionInto(memo, n.category!, offerCodes, ref) === null) {
    if (why) why.blocked = { code: 'category', reason: apartReason(o, n, bestCode) };
    return false;
  }
  if (best || byCategory) {
    fit.resource = byCategory ? MATERIAL_FIT.category : best!.value;
    fit.quality = materialQuality(o, n);
    fit.offerUse = 1;
    if (why) {
      const offerCategory = offerCategoryOf(o, ref);
      if (byCategory) {
        const covered = offerCodes.find((code) => categoriesCovering(ref, code).includes(n.category!));
        why.route = { type: 'direct', detail: `category ${n.category}` };
        why.resource =
          o.category === n.category
            ? `both name the material category ${n.category}`
            : `offer code ${covered} belongs to the need's category ${n.category}`;
      } else {
        why.route = { type: 'direct', detail: `${best!.name} ${bestAccepted}` };
        why.resource = `offer code ${bestCode} is accepted by the need's ${best!.name} ${bestAccepted}`;
      }
      why.resource = withNotes(why.resource, o, n, ref);
      why.quality = qualityReason(o, n);
      why.displacedCategory = n.category ?? offerCategory;
      if (offerCategory !== undefined) why.offerCategory = offerCategory;
    }
    return true;
  }

  const substitution = n.category === undefined ? null : substitutionInto(memo, n.category, offerCodes, ref);
  if (!substitution) {
    if (why) why.blocked = { code: 'category', reason: notAcceptedReason(o, n, memo) };
    return false;
  }
  fit.resource = MATERIAL_FIT.substitutionScale * substitution.factor;
  fit.quality = materialQuality(o, n);
  fit.offerUse = 1 / substitution.factor;
  if (why) {
    // The source is long and the same for every pair: it stays in the taxonomy, found by the id.
    why.route = { type: 'substitution', detail: `${substitution.id}: ${shorten(substitution.description)}` };
    why.resource = withNotes(
      `documented substitution ${substitution.id}: ${substitution.description} (factor ${substitution.factor})`,
      o,
      n,
      ref,
    );
    why.quality = qualityReason(o, n);
    why.substitution = substitution;
    why.displacedCategory = n.category;
    const offerCategory = offerCategoryOf(o, ref);
    if (offerCategory !== undefined) why.offerCategory = offerCategory;
  }
  return true;
}

/** A resource reason followed by the rules of regulation.ts the pair met, if any. */
function withNotes(reason: string, o: MaterialDetails, n: MaterialDetails, ref: ReferenceData): string {
  const notes = regulationNotes(o, n, ref);
  return notes.length === 0 ? reason : `${reason}; ${notes.join('; ')}`;
}

/** True when offer and need name different materials (categories that are not uses). */
function apart(o: MaterialDetails, n: MaterialDetails, ref: ReferenceData): boolean {
  return (
    o.category !== undefined &&
    n.category !== undefined &&
    o.category !== n.category &&
    !isUseCategory(ref, o.category) &&
    !isUseCategory(ref, n.category)
  );
}

/** Why a code two materials share does not make the match. */
function apartReason(o: MaterialDetails, n: MaterialDetails, code: string): string {
  return `the offer is ${o.category} and the need asks for ${n.category}: their shared code ${code} does not make them the same material, and no documented substitution links them`;
}

function hazardReason(o: MaterialDetails, ref: ReferenceData): string {
  const code = (o.wasteCodes ?? NO_CODES).find((c) => isHazardous([c], ref));
  return `the offer is hazardous waste${code === undefined ? '' : ` (code ${code})`} and the need does not accept hazardous waste`;
}

/** Why no code, category or substitution of the need takes the offer. */
function notAcceptedReason(o: MaterialDetails, n: MaterialDetails, memo: MaterialMemo): string {
  const accepted = [
    ...(n.wasteCodes?.length ? [`codes ${n.wasteCodes.join(', ')}`] : []),
    ...(n.category === undefined ? [] : [`category ${n.category}`]),
  ];
  const codes = o.wasteCodes?.length ? `code ${o.wasteCodes.join(', ')}` : 'no code';
  const categories = memo.categories.size > 0 ? `category ${[...memo.categories].join(', ')}` : 'no category';
  const substitution =
    n.category === undefined
      ? 'the need names no category a documented substitution could lead to'
      : `no documented substitution leads from it to ${n.category}`;
  return `the need accepts ${accepted.length ? accepted.join(' or ') : 'nothing it names'}; the offer has ${codes} (${categories}), and ${substitution}`;
}

function offerCategoryOf(o: MaterialDetails, ref: ReferenceData): string | undefined {
  if (o.category !== undefined) return o.category;
  for (const code of o.wasteCodes ?? NO_CODES) {
    const id = primaryCategory(ref, code);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** The first `DETAIL_DESCRIPTION_CHARS` characters of a description, cut at a word. */
function shorten(text: string): string {
  if (text.length <= DETAIL_DESCRIPTION_CHARS) return text;
  const cut = text.lastIndexOf(' ', DETAIL_DESCRIPTION_CHARS);
  return `${text.slice(0, cut > 0 ? cut : DETAIL_DESCRIPTION_CHARS).replace(/[\s,;:.]+$/, '')}…`;
}

/** The substitution with the highest factor; ties go to the smaller id so the choice is stable. */
function bestSubstitution(
  candidates: readonly Substitution[],
  codes: readonly string[],
  categories: ReadonlySet<string>,
): Substitution | undefined {
  let best: Substitution | undefined;
  for (const s of candidates) {
    if (!(s.factor > 0) || !substitutionApplies(s, codes, categories)) continue;
    if (!best || s.factor > best.factor || (s.factor === best.factor && s.id < best.id)) best = s;
  }
  return best;
}

/**
 * Purity and moisture against the need's limits, declared contaminants against those the need
 * excludes (a need's `contaminants` lists what it cannot take), and physical form: the mean of
 * the parts the need asks about, 1 when it asks about none. `texts`, when given, receives one
 * phrase per part.
 */
export function materialQuality(o: MaterialDetails, n: MaterialDetails, texts?: string[]): number {
  // A sum and a count rather than an array of parts: the numeric phase allocates nothing here.
  let sum = 0;
  let parts = 0;
  if (n.purityPct !== undefined) {
    parts++;
    if (o.purityPct === undefined) {
      sum += purityPart(n.purityPct, undefined);
      texts?.push(`purity not stated (need ≥ ${n.purityPct}%)`);
    } else {
      sum += purityPart(n.purityPct, o.purityPct);
      texts?.push(`purity ${o.purityPct}% against ≥ ${n.purityPct}%`);
    }
  }
  if (n.moisturePct !== undefined) {
    parts++;
    if (o.moisturePct === undefined) {
      sum += moisturePart(n.moisturePct, undefined);
      texts?.push(`moisture not stated (need ≤ ${n.moisturePct}%)`);
    } else {
      sum += moisturePart(n.moisturePct, o.moisturePct);
      texts?.push(`moisture ${o.moisturePct}% against ≤ ${n.moisturePct}%`);
    }
  }
  const declared = o.contaminants ?? NO_CODES;
  if (declared.length > 0 || (n.contaminants?.length ?? 0) > 0) {
    parts++;
    const excluded = new Set((n.contaminants ?? []).map((c) => c.toLowerCase()));
    const clash = declared.filter((c) => excluded.has(c.toLowerCase()));
    if (clash.length > 0) {
      texts?.push(`contains ${clash.join(', ')}, which the need excludes`);
    } else if (excluded.size === 0) {
      sum += 0.8;
      texts?.push(`declares ${declared.join(', ')}; the need states no exclusions`);
    } else {
      sum += 1;
      texts?.push("none of the need's excluded contaminants declared");
    }
  }
  if (n.form !== undefined && o.form !== undefined) {
    parts++;
    sum += formPart(o.form === n.form);
    // A required form that differs never gets here: fitMaterial refuses the pair.
    const wanted = n.formRequired === true ? 'required' : 'wanted';
    texts?.push(
      o.form === n.form ? `form ${o.form} as ${wanted}` : `form ${o.form} where ${n.form} is wanted`,
    );
  } else if (n.form !== undefined && n.formRequired === true) {
    texts?.push(`form not stated (the need requires ${n.form})`);
  }
  return parts === 0 ? 1 : sum / parts;
}

/** The purity part of materialQuality: 0.5 unstated, 1 at or above the need's minimum, then linear to 0. */
export function purityPart(needPct: number, offerPct: number | undefined): number {
  if (offerPct === undefined) return 0.5;
  const shortfall = needPct - offerPct;
  return shortfall <= 0 ? 1 : Math.max(0, 1 - shortfall / PERCENT_TOLERANCE);
}

/** The moisture part of materialQuality: 0.5 unstated, 1 at or below the need's maximum, then linear to 0. */
export function moisturePart(needPct: number, offerPct: number | undefined): number {
  if (offerPct === undefined) return 0.5;
  const excess = offerPct - needPct;
  return excess <= 0 ? 1 : Math.max(0, 1 - excess / PERCENT_TOLERANCE);
}

/** The form part of materialQuality. */
export const formPart = (same: boolean): number => (same ? 1 : 0.6);

function qualityReason(o: MaterialDetails, n: MaterialDetails): string {
  const texts: string[] = [];
  materialQuality(o, n, texts);
  return texts.length === 0 ? 'the need states no quality requirements' : texts.join('; ');
}

/**
 * Bounds for pruning (candidates.ts). The largest resource value a pair can reach through index
 * key `key` when that key names its best route: the level of an accepted code for `m:p:<code>`,
 * the category or the best substitution for `m:c:<category>`. A pair that also shares a better
 * key is bounded through that one.
 */
export function materialKeyResourceBound(key: string, ref: ReferenceData): number {
  if (key.startsWith('m:p:')) return LEVEL_NAMES[key.length - 4]?.value ?? 1;
  return Math.max(MATERIAL_FIT.category, MATERIAL_FIT.substitutionScale * largestFactor(ref));
}

/** The smallest offer use of a material pair: 1 direct, 1 / factor through a substitution. */
export function materialLowestOfferUse(ref: ReferenceData): number {
  return Math.min(1, 1 / largestFactor(ref));
}

function largestFactor(ref: ReferenceData): number {
  let largest = 0;
  for (const s of ref.substitutions) if (s.factor > largest) largest = s.factor;
  return largest;
}

/** Index keys an offer emits: every prefix of its codes, its categories, and substitution targets. */
export function materialOfferKeys(offer: MatchListing, ref: ReferenceData): string[] {
  const codes = offer.material?.wasteCodes ?? [];
  const keys = new Set<string>();
  for (const code of codes)
    for (let len = 1; len <= code.length; len++) keys.add(`m:p:${code.slice(0, len)}`);
  const categories = offerCategories(ref, codes, offer.material?.category);
  for (const id of categories) keys.add(`m:c:${id}`);
  for (const s of ref.substitutions) {
    if (s.factor > 0 && substitutionApplies(s, codes, categories)) keys.add(`m:c:${s.need.category}`);
  }
  return [...keys];
}

/** Index keys a need accepts: its code prefixes (of the lengths the fit honours) and its category. */
export function materialNeedKeys(need: MatchListing): string[] {
  const keys = (need.material?.wasteCodes ?? [])
    .filter((p) => LEVEL_NAMES[p.length] !== undefined)
    .map((p) => `m:p:${p}`);
  if (need.material?.category !== undefined) keys.push(`m:c:${need.material.category}`);
  return keys;
}

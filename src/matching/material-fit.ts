/**
 * Material compatibility: List of Waste codes, categories and documented substitutions.
 *
 * An offered code (6 digits) is accepted by a need naming that code, its sub-chapter (4) or its
 * chapter (2); or by a need's category whose waste-code prefixes cover it or that the offer names
 * itself. Failing that, a documented substitution from the offered material into the need's
 * category makes the pair compatible with the substitution's factor. Hazardous offers go only to
 * needs permitted to take hazardous waste: a hard constraint, never a score.
 *
 * References:
 *   Commission Decision 2000/532/EC (List of Waste), consolidated 2014/955/EU: chapters,
 *     sub-chapters and asterisked hazardous entries.
 */

import { isHazardous } from '../domain/listing-rules.ts';
import type { ReferenceData, Substitution } from '../domain/reference.ts';
import type { Judgement, ResourceFit } from './fit-result.ts';
import { mean } from './fit-result.ts';
import {
  categoriesCovering,
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

const LEVEL_NAMES: Record<number, { name: string; value: number }> = {
  6: { name: 'code', value: MATERIAL_FIT.code },
  4: { name: 'sub-chapter', value: MATERIAL_FIT.subchapter },
  2: { name: 'chapter', value: MATERIAL_FIT.chapter },
};

/** Purity or moisture this many percentage points off the need's requirement scores 0. */
const PERCENT_TOLERANCE = 20;

export function isHazardousOffer(offer: MatchListing, ref: ReferenceData): boolean {
  return offer.material?.hazardous === true || isHazardous(offer.material?.wasteCodes, ref);
}

export function fitMaterial(offer: MatchListing, need: MatchListing, ref: ReferenceData): ResourceFit | null {
  const o = offer.material;
  const n = need.material;
  if (!o || !n) return null;
  if (n.acceptsHazardous !== true && isHazardousOffer(offer, ref)) return null;

  const offerCodes = o.wasteCodes ?? [];
  const categories = offerCategories(ref, offerCodes, o.category);
  const offerCategory =
    o.category ??
    offerCodes.map((code) => primaryCategory(ref, code)).find((id): id is string => id !== undefined);
  const quality = materialQuality(o, n);

  let best: { value: number; detail: string; reason: string } | undefined;
  for (const code of offerCodes) {
    for (const accepted of n.wasteCodes ?? []) {
      const level = LEVEL_NAMES[accepted.length];
      if (!level || !code.startsWith(accepted) || (best && best.value >= level.value)) continue;
      best = {
        value: level.value,
        detail: `${level.name} ${accepted}`,
        reason: `offer code ${code} is accepted by the need's ${level.name} ${accepted}`,
      };
    }
  }
  if (
    n.category !== undefined &&
    categories.has(n.category) &&
    (!best || best.value < MATERIAL_FIT.category)
  ) {
    const named = o.category === n.category;
    const covered = offerCodes.find((code) => categoriesCovering(ref, code).includes(n.category!));
    best = {
      value: MATERIAL_FIT.category,
      detail: `category ${n.category}`,
      reason: named
        ? `both name the material category ${n.category}`
        : `offer code ${covered} belongs to the need's category ${n.category}`,
    };
  }
  if (best) {
    return {
      route: { type: 'direct', detail: best.detail },
      resource: { value: best.value, reason: best.reason },
      quality,
      offerUse: 1,
      displacedCategory: n.category ?? offerCategory,
      ...(offerCategory === undefined ? {} : { offerCategory }),
    };
  }

  if (n.category === undefined) return null;
  const substitution = bestSubstitution(substitutionsInto(ref, n.category), offerCodes, categories);
  if (!substitution) return null;
  return {
    route: { type: 'substitution', detail: `${substitution.id} (${substitution.source})` },
    resource: {
      value: MATERIAL_FIT.substitutionScale * substitution.factor,
      reason: `documented substitution ${substitution.id}: ${substitution.description} (factor ${substitution.factor}; ${substitution.source})`,
    },
    quality,
    offerUse: 1 / substitution.factor,
    substitution,
    displacedCategory: n.category,
    ...(offerCategory === undefined ? {} : { offerCategory }),
  };
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
 * excludes (a need's `contaminants` lists what it cannot take), and physical form.
 */
export function materialQuality(o: MaterialDetails, n: MaterialDetails): Judgement {
  const parts: { value: number; text: string }[] = [];
  if (n.purityPct !== undefined) {
    if (o.purityPct === undefined)
      parts.push({ value: 0.5, text: `purity not stated (need ≥ ${n.purityPct}%)` });
    else {
      const shortfall = n.purityPct - o.purityPct;
      parts.push({
        value: shortfall <= 0 ? 1 : Math.max(0, 1 - shortfall / PERCENT_TOLERANCE),
        text: `purity ${o.purityPct}% against ≥ ${n.purityPct}%`,
      });
    }
  }
  if (n.moisturePct !== undefined) {
    if (o.moisturePct === undefined)
      parts.push({ value: 0.5, text: `moisture not stated (need ≤ ${n.moisturePct}%)` });
    else {
      const excess = o.moisturePct - n.moisturePct;
      parts.push({
        value: excess <= 0 ? 1 : Math.max(0, 1 - excess / PERCENT_TOLERANCE),
        text: `moisture ${o.moisturePct}% against ≤ ${n.moisturePct}%`,
      });
    }
  }
  const declared = o.contaminants ?? [];
  const excluded = new Set((n.contaminants ?? []).map((c) => c.toLowerCase()));
  if (declared.length > 0 || excluded.size > 0) {
    const clash = declared.filter((c) => excluded.has(c.toLowerCase()));
    if (clash.length > 0)
      parts.push({ value: 0, text: `contains ${clash.join(', ')}, which the need excludes` });
    else if (excluded.size === 0) {
      parts.push({ value: 0.8, text: `declares ${declared.join(', ')}; the need states no exclusions` });
    } else parts.push({ value: 1, text: "none of the need's excluded contaminants declared" });
  }
  if (n.form !== undefined && o.form !== undefined) {
    parts.push(
      o.form === n.form
        ? { value: 1, text: `form ${o.form} as wanted` }
        : { value: 0.6, text: `form ${o.form} where ${n.form} is wanted` },
    );
  }
  if (parts.length === 0) return { value: 1, reason: 'the need states no quality requirements' };
  return { value: mean(parts.map((p) => p.value)), reason: parts.map((p) => p.text).join('; ') };
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
  const keys = (need.material?.wasteCodes ?? []).filter((p) => LEVEL_NAMES[p.length]).map((p) => `m:p:${p}`);
  if (need.material?.category !== undefined) keys.push(`m:c:${need.material.category}`);
  return keys;
}

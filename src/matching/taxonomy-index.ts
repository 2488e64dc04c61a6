/**
 * Lookups over the material taxonomy that the matcher asks for on every pair, built once per
 * ReferenceData object and kept in a WeakMap, so the engine stays a pure function of its input.
 */
import type { ReferenceData, Substitution } from '../domain/reference.ts';

interface TaxonomyIndex {
  categoriesByPrefix: Map<string, string[]>;
  coveringCache: Map<string, readonly string[]>;
  primaryCache: Map<string, string | null>;
  substitutionsByNeedCategory: Map<string, Substitution[]>;
}

const cache = new WeakMap<ReferenceData, TaxonomyIndex>();

function indexOf(ref: ReferenceData): TaxonomyIndex {
  const hit = cache.get(ref);
  if (hit) return hit;
  const categoriesByPrefix = new Map<string, string[]>();
  for (const category of ref.materialCategories.values()) {
    for (const prefix of category.wasteCodePrefixes) {
      const ids = categoriesByPrefix.get(prefix) ?? [];
      if (!ids.includes(category.id)) ids.push(category.id);
      categoriesByPrefix.set(prefix, ids);
    }
  }
  const substitutionsByNeedCategory = new Map<string, Substitution[]>();
  for (const s of ref.substitutions) {
    const list = substitutionsByNeedCategory.get(s.need.category) ?? [];
    list.push(s);
    substitutionsByNeedCategory.set(s.need.category, list);
  }
  const built: TaxonomyIndex = {
    categoriesByPrefix,
    coveringCache: new Map(),
    primaryCache: new Map(),
    substitutionsByNeedCategory,
  };
  cache.set(ref, built);
  return built;
}

/** Categories whose waste-code prefixes cover `code`, sorted by id. */
export function categoriesCovering(ref: ReferenceData, code: string): readonly string[] {
  const index = indexOf(ref);
  const cached = index.coveringCache.get(code);
  if (cached) return cached;
  const ids = new Set<string>();
  for (let len = 1; len <= code.length; len++) {
    for (const id of index.categoriesByPrefix.get(code.slice(0, len)) ?? []) ids.add(id);
  }
  const sorted = [...ids].sort();
  index.coveringCache.set(code, sorted);
  return sorted;
}

/**
 * The category a code belongs to most specifically: the longest covering prefix wins, ties go to
 * the smaller id. Supply categories list exact codes, demand categories broad prefixes, so this
 * names the residue rather than a use it could have.
 */
export function primaryCategory(ref: ReferenceData, code: string): string | undefined {
  const index = indexOf(ref);
  let primary = index.primaryCache.get(code);
  if (primary === undefined) {
    primary = null;
    for (let len = code.length; len >= 1 && primary === null; len--) {
      const ids = index.categoriesByPrefix.get(code.slice(0, len));
      if (ids && ids.length > 0) primary = [...ids].sort()[0]!;
    }
    index.primaryCache.set(code, primary);
  }
  return primary ?? undefined;
}

/** True when the category is a use (demand side: it has a `use`) rather than a material. */
export function isUseCategory(ref: ReferenceData, id: string): boolean {
  return ref.materialCategories.get(id)?.use !== undefined;
}

/**
 * The categories an offered material belongs to: the one it names plus those covering its codes.
 * An offer that names its material keeps, of those covering its codes, only the uses (demand-side
 * categories): a code two materials share (molasses and bagasse, 02 04 99) does not make the one
 * the other.
 */
export function offerCategories(
  ref: ReferenceData,
  codes: readonly string[],
  declared: string | undefined,
): Set<string> {
  const out = new Set<string>();
  const material = declared !== undefined && !isUseCategory(ref, declared);
  if (declared !== undefined) out.add(declared);
  for (const code of codes) {
    for (const id of categoriesCovering(ref, code)) if (!material || isUseCategory(ref, id)) out.add(id);
  }
  return out;
}

/** True when the substitution's offer side describes this material (by code prefix or category). */
export function substitutionApplies(
  s: Substitution,
  codes: readonly string[],
  categories: ReadonlySet<string>,
): boolean {
  if (s.offer.category !== undefined && categories.has(s.offer.category)) return true;
  return (s.offer.wasteCodePrefixes ?? []).some((prefix) => codes.some((code) => code.startsWith(prefix)));
}

export function substitutionsInto(ref: ReferenceData, needCategory: string): readonly Substitution[] {
  return indexOf(ref).substitutionsByNeedCategory.get(needCategory) ?? [];
}

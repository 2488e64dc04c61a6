/**
 * Reference data the domain validates against and the matcher reasons with. Loaded once from
 * data/ by reference/load.ts; plain maps here so the core stays free of I/O.
 */
export interface WasteCodeEntry {
  code: string;
  chapter: string;
  subchapter: string;
  description: string;
  /** The project's own bokmål rendering (data/reference/list-of-waste/list-of-waste-nb.csv). */
  descriptionNb?: string;
  hazardous: boolean;
  entryType: string;
}

/**
 * What a demand-side material category is used for, as the regulation of a material pair sees it
 * (src/matching/regulation.ts): feed, fertiliser and soil improvement, biogas or composting, energy
 * recovery (combustion, co-incineration, biofuels), or a raw material (cement, gypsum, aggregate).
 */
export const MATERIAL_USES = ['feed', 'fertiliser', 'digestion', 'energy', 'raw-material'] as const;
export type MaterialUse = (typeof MATERIAL_USES)[number];

export interface MaterialCategory {
  id: string;
  name: string;
  description: string;
  /** Bokmål name and description, beside the English ones. */
  nameNb?: string;
  descriptionNb?: string;
  /** List of Waste codes or prefixes (2/4/6 digits) whose materials belong to this category. */
  wasteCodePrefixes: string[];
  /** Virgin material a recovered tonne of this category typically displaces (for impact), if any. */
  displaces?: string;
  /** Demand-side categories only: what the receiving process uses the material for. */
  use?: MaterialUse;
}

export interface Substitution {
  id: string;
  /** The offered material, by waste code prefixes and/or category. */
  offer: { wasteCodePrefixes?: string[]; category?: string };
  /** The need it can serve, by category. */
  need: { category: string };
  /** How well it substitutes, 0..1 (1 = equivalent). */
  factor: number;
  description: string;
  source: string;
}

export interface IndustryEntry {
  code: string;
  level: 'section' | 'division' | 'group' | 'class';
  parent: string | null;
  title: string;
  /** The SN2007 bokmål title, for sections and divisions. */
  titleNb?: string;
}

export interface ReferenceData {
  wasteCodes: Map<string, WasteCodeEntry>;
  wasteChapters: Map<string, string>;
  wasteSubchapters: Map<string, { title: string; chapter: string }>;
  /**
   * Bokmål titles of the List of Waste's chapters and sub-chapters, by 2- or 4-digit code. The
   * `Nb` texts here and in the entries are optional so hand-made test data can leave them out.
   */
  wasteTitlesNb?: Map<string, string>;
  /** ISIC Rev. 4 (sections to classes): the Industry taxonomy nodes and /taxonomy/industry-codes. */
  industry: Map<string, IndustryEntry>;
  /**
   * NACE Rev. 2 (sections to classes), which company industry codes are checked against: SN2007
   * and NACE equal ISIC only at division level (NACE group 24.4 has no ISIC group 244).
   */
  nace: Map<string, IndustryEntry>;
  materialCategories: Map<string, MaterialCategory>;
  substitutions: Substitution[];
  /** Names of hourly load profiles available, e.g. `hotmaps-no:paper`. */
  hourlyProfiles: Set<string>;
  /** English and bokmål labels of the hourly profiles, by name. */
  hourlyProfileLabels?: Map<string, { en: string; nb: string }>;
}

/** True when `prefix` is a known LoW code, sub-chapter or chapter. */
export function isKnownWastePrefix(ref: ReferenceData, prefix: string): boolean {
  if (prefix.length === 6) return ref.wasteCodes.has(prefix);
  if (prefix.length === 4) return ref.wasteSubchapters.has(prefix);
  if (prefix.length === 2) return ref.wasteChapters.has(prefix);
  return false;
}

/** SN2007 "24.420" -> division "24" (SN2007 and NACE equal ISIC Rev. 4 at division level). */
export function industryDivision(code: string): string {
  return code.slice(0, 2);
}

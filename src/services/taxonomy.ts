/**
 * The reference lists as GET /taxonomy/... serves them: every English text with its bokmål one
 * beside it (the `Nb` fields; the List of Waste's is the project's own rendering, see
 * data/README.md), so a client shows the language its user reads without a second source.
 */
import type { IndustryEntry, ReferenceData, WasteCodeEntry } from '../domain/reference.ts';

export interface WasteCodeItem {
  code: string;
  chapter: string;
  subchapter: string;
  description: string;
  descriptionNb: string;
  hazardous: boolean;
  entryType: string;
}

/** A chapter (2 digits) or sub-chapter (4 digits) of the List of Waste and its titles. */
export interface WasteHeading {
  code: string;
  title: string;
  titleNb: string;
}

export interface WasteCodeList {
  items: WasteCodeItem[];
  /** The chapters and sub-chapters of the items, once each (not repeated per code). */
  chapters: WasteHeading[];
  subchapters: WasteHeading[];
}

export interface MaterialCategoryItem {
  id: string;
  name: string;
  nameNb: string;
  description: string;
  descriptionNb: string;
  wasteCodePrefixes: string[];
  displaces?: string;
}

export interface LoadProfileItem {
  id: string;
  label: string;
  labelNb: string;
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFC')
    .match(/[\p{L}\d]+/gu) ?? [];

const wasteCodeItem = (w: WasteCodeEntry): WasteCodeItem => ({
  code: w.code,
  chapter: w.chapter,
  subchapter: w.subchapter,
  description: w.description,
  descriptionNb: w.descriptionNb ?? w.description,
  hazardous: w.hazardous,
  entryType: w.entryType,
});

function headingOf(ref: ReferenceData, code: string): WasteHeading {
  const title =
    (code.length === 2 ? ref.wasteChapters.get(code) : ref.wasteSubchapters.get(code)?.title) ?? '';
  return { code, title, titleNb: ref.wasteTitlesNb?.get(code) ?? title };
}

/**
 * The List of Waste, in code order, under a code `prefix` and/or holding every word of `q` in its
 * code or its English or bokmål description (case-insensitive, a word may be part of a longer one),
 * with the titles of their chapters and sub-chapters.
 */
export function listWasteCodes(ref: ReferenceData, filter: { prefix?: string; q?: string }): WasteCodeList {
  const words = filter.q ? wordsOf(filter.q) : [];
  const items: WasteCodeItem[] = [];
  for (const entry of ref.wasteCodes.values()) {
    if (filter.prefix && !entry.code.startsWith(filter.prefix)) continue;
    const item = wasteCodeItem(entry);
    if (words.length > 0) {
      const text = wordsOf(`${item.code} ${item.description} ${item.descriptionNb}`).join(' ');
      if (!words.every((word) => text.includes(word))) continue;
    }
    items.push(item);
  }
  const headings = (codes: Set<string>) => [...codes].map((code) => headingOf(ref, code));
  return {
    items,
    chapters: headings(new Set(items.map((w) => w.chapter))),
    subchapters: headings(new Set(items.map((w) => w.subchapter))),
  };
}

export function listMaterialCategories(ref: ReferenceData): MaterialCategoryItem[] {
  return [...ref.materialCategories.values()].map((c) => ({
    id: c.id,
    name: c.name,
    nameNb: c.nameNb ?? c.name,
    description: c.description,
    descriptionNb: c.descriptionNb ?? c.description,
    wasteCodePrefixes: c.wasteCodePrefixes,
    ...(c.displaces !== undefined ? { displaces: c.displaces } : {}),
  }));
}

/** The ISIC Rev. 4 tree; sections and divisions carry their SN2007 bokmål title. */
export function listIndustryCodes(ref: ReferenceData): IndustryEntry[] {
  return [...ref.industry.values()];
}

/** The hourly load profiles listings may name (`energy.hourlyProfile`), with their labels. */
export function listLoadProfiles(ref: ReferenceData): LoadProfileItem[] {
  return [...ref.hourlyProfiles].sort().map((id) => {
    const label = ref.hourlyProfileLabels?.get(id);
    const fallback = id.replace(/^hotmaps-no:/, '').replaceAll('_', ' ');
    return { id, label: label?.en ?? fallback, labelNb: label?.nb ?? fallback };
  });
}

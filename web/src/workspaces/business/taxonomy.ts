/**
 * The reference lists the forms offer (GET /taxonomy/...), read once per page load: the List of
 * Waste, the material categories, the industry divisions and the hourly load profiles. Each text
 * comes in English and bokmål; `inLanguage` picks the one the user reads.
 */
import { type Api, dataOf } from '../../api/client.ts';
import type { Language } from '../../i18n/format.ts';
import type { WasteCode } from './waste-search.ts';

export interface MaterialCategory {
  id: string;
  name: string;
  nameNb: string;
  description: string;
  descriptionNb: string;
  wasteCodePrefixes: string[];
  displaces?: string;
}

export interface IndustryDivision {
  code: string;
  title: string;
  titleNb: string;
}

/** An hourly load profile a listing may name (`energy.hourlyProfile`). */
export interface LoadProfile {
  id: string;
  label: string;
  labelNb: string;
}

/** A reference text in the UI language: the bokmål one for bokmål readers (when there is one). */
export const inLanguage = (language: Language, en: string, nb: string | undefined): string =>
  language === 'nb' && nb ? nb : en;

/** One load per page; a failed load is forgotten so the next use tries again. */
function once<T>(load: (api: Api) => Promise<T>): (api: Api) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (api) => {
    if (pending) return pending;
    const p = load(api);
    pending = p;
    p.catch(() => {
      if (pending === p) pending = undefined;
    });
    return p;
  };
}

export const loadWasteCodes = once(
  async (api): Promise<WasteCode[]> =>
    dataOf(await api.GET('/taxonomy/waste-codes')).items.map((w) => ({
      code: w.code,
      description: w.description,
      descriptionNb: w.descriptionNb,
      hazardous: w.hazardous,
    })),
);

export const loadCategories = once(
  async (api): Promise<MaterialCategory[]> => dataOf(await api.GET('/taxonomy/material-categories')).items,
);

export const loadDivisions = once(
  async (api): Promise<IndustryDivision[]> =>
    dataOf(await api.GET('/taxonomy/industry-codes'))
      .items.filter((c) => c.level === 'division')
      .map((c) => ({ code: c.code, title: c.title, titleNb: c.titleNb ?? c.title })),
);

export const loadProfiles = once(
  async (api): Promise<LoadProfile[]> => dataOf(await api.GET('/taxonomy/load-profiles')).items,
);

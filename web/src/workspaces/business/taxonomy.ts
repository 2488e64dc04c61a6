/**
 * The reference lists the forms offer (GET /taxonomy/...), read once per page load: the List of
 * Waste, the material categories and the industry divisions. The API types their items as
 * unknown, so each is read with a guard.
 */
import { type Api, dataOf } from '../../api/client.ts';
import type { WasteCode } from './waste-search.ts';

export interface MaterialCategory {
  id: string;
  name: string;
  description: string;
  wasteCodePrefixes: string[];
  displaces?: string;
}

export interface IndustryDivision {
  code: string;
  title: string;
}

/** The hourly load profiles the service ships (data/reference/load-profiles-no); no route lists them yet. */
export const HOURLY_PROFILES = [
  'hotmaps-no:chemicals_and_petrochemicals',
  'hotmaps-no:food_and_tobacco',
  'hotmaps-no:iron_and_steel',
  'hotmaps-no:non_metalic_minerals',
  'hotmaps-no:paper',
] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

let wasteCodes: Promise<WasteCode[]> | undefined;
let categories: Promise<MaterialCategory[]> | undefined;
let divisions: Promise<IndustryDivision[]> | undefined;

/** Forgets a failed load so the next use tries again. */
function once<T>(
  get: () => Promise<T> | undefined,
  set: (p: Promise<T> | undefined) => void,
  load: () => Promise<T>,
) {
  const existing = get();
  if (existing) return existing;
  const p = load();
  set(p);
  p.catch(() => set(undefined));
  return p;
}

export const loadWasteCodes = (api: Api) =>
  once(
    () => wasteCodes,
    (p) => {
      wasteCodes = p;
    },
    async () =>
      dataOf(await api.GET('/taxonomy/waste-codes'))
        .items.filter(isRecord)
        .map((w) => ({
          code: str(w['code']),
          description: str(w['description']),
          hazardous: w['hazardous'] === true,
        })),
  );

export const loadCategories = (api: Api) =>
  once(
    () => categories,
    (p) => {
      categories = p;
    },
    async () =>
      dataOf(await api.GET('/taxonomy/material-categories'))
        .items.filter(isRecord)
        .map((c) => ({
          id: str(c['id']),
          name: str(c['name']),
          description: str(c['description']),
          wasteCodePrefixes: Array.isArray(c['wasteCodePrefixes']) ? c['wasteCodePrefixes'].map(str) : [],
          ...(typeof c['displaces'] === 'string' ? { displaces: c['displaces'] } : {}),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
  );

export const loadDivisions = (api: Api) =>
  once(
    () => divisions,
    (p) => {
      divisions = p;
    },
    async () =>
      dataOf(await api.GET('/taxonomy/industry-codes'))
        .items.filter(isRecord)
        .filter((c) => c['level'] === 'division')
        .map((c) => ({ code: str(c['code']), title: str(c['title']) })),
  );

/**
 * Cold start: "companies like you usually have…" for a company that has listed nothing yet, from
 * its industry division. Two sources, each prompt with its basis:
 *
 * - excess heat from the Hotmaps Industrial Database (domain/excess-heat.ts);
 * - the material streams companies of the same division already list: the categories and List of
 *   Waste codes they offer and need, counted in companies, not listings. Only listings the asking
 *   company may see go in (the store leaves out other companies' private ones), only counts come
 *   out, and a stream fewer than `minCompanies` companies list is never shown, so no single
 *   company's stream can be read from a prompt. A draft names a detail (a code beside a category,
 *   a category beside a code) only when that many companies give it too.
 *
 * Each prompt carries a draft of the listing it suggests (no site, no quantity: the user's own),
 * that the web app opens its listing form with.
 */
import { type ListingAccess, listingAccess } from './access.ts';
import { BAND_FLOOR_C, type DivisionExcessHeat, type HeatBand } from './excess-heat.ts';
import { DIRECTIONS, type Direction, type EnergyCarrier } from './listing-kinds.ts';
import type { ReferenceData } from './reference.ts';

export const COLD_START_DEFAULTS = {
  /** A stream is shown only when at least this many companies list it; below 2 counts as 2 (never one company's alone). */
  minCompanies: 2,
  /** At most this many material prompts per direction, most companies first. */
  streamsPerDirection: 5,
  /** At most this many codes in a category's draft. */
  draftCodes: 10,
};
export type ColdStartOptions = typeof COLD_START_DEFAULTS;

/**
 * What the prompts may count: the listings a business of the asking company may see, whoever
 * asks (a facilitator or an admin is told what the company itself would be told), so that others'
 * private listings never count and the answer is the same for everyone who may read it.
 */
export const peerAccess = (companyId: string): ListingAccess =>
  listingAccess({
    kind: 'user',
    userId: 'cold-start',
    name: 'cold start',
    role: 'business',
    companyIds: [companyId],
    regions: [],
    tokenId: 'none',
    tokenExpiresAt: '9999-12-31T23:59:59.999Z',
  });

/** A material listing of another company of the division, as far as the prompts need it. */
export interface PeerMaterialListing {
  companyId: string;
  direction: Direction;
  /** An offer's codes, or a need's accepted codes and prefixes. */
  wasteCodes: readonly string[];
  category: string | null;
}

export interface MaterialStream {
  direction: Direction;
  /** What the stream is known by: a material category, or one List of Waste code (a need's may be a prefix). */
  by: 'category' | 'waste-code';
  key: string;
  /** Companies of the division that list it. */
  companies: number;
  /** Companies of the division with material listings of this direction that were counted. */
  peers: number;
  /** The draft's codes: a code stream's own; a category's codes that at least minCompanies companies give. */
  wasteCodes: string[];
  /** The draft's category: a category stream's own; a code stream's when at least minCompanies companies give it. */
  category: string | null;
}

interface Candidate {
  by: MaterialStream['by'];
  key: string;
  listings: number[];
  companies: Set<string>;
}

/** Entries seen by at least `min` companies, most companies first, then by key. */
function sharedBy(pairs: Iterable<[string, string]>, min: number): string[] {
  const companies = new Map<string, Set<string>>();
  for (const [key, company] of pairs) {
    const set = companies.get(key) ?? new Set<string>();
    companies.set(key, set.add(company));
  }
  return [...companies]
    .filter(([, set]) => set.size >= min)
    .sort(([a, x], [b, y]) => y.size - x.size || a.localeCompare(b))
    .map(([key]) => key);
}

/**
 * The streams the division's companies list most, per direction: ranked by companies (ties: a
 * category before a code, then by key), a stream dropped when every listing behind it is behind
 * one already chosen (a category and its usual code are one stream), then cut at
 * `streamsPerDirection`.
 */
export function commonMaterialStreams(
  listings: readonly PeerMaterialListing[],
  options: Partial<ColdStartOptions> = {},
): MaterialStream[] {
  const o = { ...COLD_START_DEFAULTS, ...options };
  const min = Math.max(2, o.minCompanies);
  const out: MaterialStream[] = [];
  for (const direction of DIRECTIONS) {
    const mine = listings.filter((l) => l.direction === direction);
    const peers = new Set(mine.map((l) => l.companyId)).size;
    const candidates = new Map<string, Candidate>();
    const add = (by: Candidate['by'], key: string, index: number) => {
      const id = `${by}:${key}`;
      const c = candidates.get(id) ?? { by, key, listings: [], companies: new Set<string>() };
      candidates.set(id, c);
      if (c.listings.at(-1) !== index) c.listings.push(index);
      c.companies.add(mine[index]!.companyId);
    };
    mine.forEach((l, i) => {
      if (l.category) add('category', l.category, i);
      for (const code of l.wasteCodes) add('waste-code', code, i);
    });
    const ranked = [...candidates.values()]
      .filter((c) => c.companies.size >= min)
      .sort(
        (a, b) =>
          b.companies.size - a.companies.size ||
          (a.by === b.by ? 0 : a.by === 'category' ? -1 : 1) ||
          a.key.localeCompare(b.key),
      );
    const covered = new Set<number>();
    let chosen = 0;
    for (const c of ranked) {
      if (chosen >= o.streamsPerDirection) break;
      if (c.listings.every((i) => covered.has(i))) continue;
      for (const i of c.listings) covered.add(i);
      chosen++;
      const behind = c.listings.map((i) => mine[i]!);
      out.push({
        direction,
        by: c.by,
        key: c.key,
        companies: c.companies.size,
        peers,
        wasteCodes:
          c.by === 'waste-code'
            ? [c.key]
            : sharedBy(
                behind.flatMap((l) => l.wasteCodes.map((code): [string, string] => [code, l.companyId])),
                min,
              ).slice(0, o.draftCodes),
        category:
          c.by === 'category'
            ? c.key
            : (sharedBy(
                behind.flatMap((l): [string, string][] => (l.category ? [[l.category, l.companyId]] : [])),
                min,
              )[0] ?? null),
      });
    }
  }
  return out;
}

// ---- Prompts with their drafts ---------------------------------------------------------------

/** The fields of a ListingInput a prompt fills; the site and the quantity are the user's to give. */
export interface ListingDraft {
  kind: 'material' | 'energy';
  direction: Direction;
  title: string;
  quantity: { unit: string };
  material?: { wasteCodes?: string[]; category?: string };
  energy?: { carrier: EnergyCarrier; supplyTemperatureC: number };
}

export interface Named {
  en: string;
  nb: string | null;
}

export interface HeatPrompt {
  type: 'excess-heat';
  direction: 'offer';
  basis: { source: 'hotmaps' } & DivisionExcessHeat;
  draft: ListingDraft;
}

export interface MaterialPrompt {
  type: 'material-stream';
  direction: Direction;
  by: MaterialStream['by'];
  category: ({ id: string } & Named) | null;
  wasteCode: ({ code: string; hazardous: boolean } & Named) | null;
  basis: { source: 'listings'; companies: number; peers: number; minCompanies: number };
  draft: ListingDraft;
}

export type ColdStartPrompt = HeatPrompt | MaterialPrompt;

/** How the band is written in a title: 100–200 °C, above 500 °C. */
const bandText = (band: HeatBand) => (band === '500+' ? 'above 500 °C' : `${band.replace('-', '–')} °C`);

/**
 * Hotmaps estimates the heat of industrial exhaust streams; a draft offers it as flue gas at the
 * lowest temperature of its band, the promise a receiver can count on.
 */
export function heatPrompt(heat: DivisionExcessHeat): HeatPrompt {
  return {
    type: 'excess-heat',
    direction: 'offer',
    basis: { source: 'hotmaps', ...heat },
    draft: {
      kind: 'energy',
      direction: 'offer',
      title: `Excess heat at ${bandText(heat.band)}`,
      quantity: { unit: 'GWh/yr' },
      energy: { carrier: 'flue-gas', supplyTemperatureC: BAND_FLOOR_C[heat.band] },
    },
  };
}

/** A List of Waste code, sub-chapter or chapter by its titles. */
function wasteCodeOf(ref: ReferenceData, code: string): MaterialPrompt['wasteCode'] {
  const entry = ref.wasteCodes.get(code);
  if (entry)
    return { code, hazardous: entry.hazardous, en: entry.description, nb: entry.descriptionNb ?? null };
  const title = code.length === 4 ? ref.wasteSubchapters.get(code)?.title : ref.wasteChapters.get(code);
  return { code, hazardous: false, en: title ?? code, nb: ref.wasteTitlesNb?.get(code) ?? null };
}

export function materialPrompt(
  stream: MaterialStream,
  ref: ReferenceData,
  minCompanies = COLD_START_DEFAULTS.minCompanies,
): MaterialPrompt {
  const c = stream.category === null ? undefined : ref.materialCategories.get(stream.category);
  const category =
    stream.category === null
      ? null
      : { id: stream.category, en: c?.name ?? stream.category, nb: c?.nameNb ?? null };
  const wasteCode = stream.by === 'waste-code' ? wasteCodeOf(ref, stream.key) : null;
  const title = (stream.by === 'category' ? category?.en : wasteCode?.en) ?? stream.key;
  return {
    type: 'material-stream',
    direction: stream.direction,
    by: stream.by,
    category,
    wasteCode,
    basis: { source: 'listings', companies: stream.companies, peers: stream.peers, minCompanies },
    draft: {
      kind: 'material',
      direction: stream.direction,
      title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
      quantity: { unit: 't/yr' },
      material: {
        ...(stream.wasteCodes.length > 0 ? { wasteCodes: stream.wasteCodes } : {}),
        ...(category ? { category: category.id } : {}),
      },
    },
  };
}

/** The prompts of a division: its excess heat first (when Hotmaps knows it), then its material streams. */
export function coldStartPrompts(
  heat: DivisionExcessHeat | null,
  peers: readonly PeerMaterialListing[],
  ref: ReferenceData,
  options: Partial<ColdStartOptions> = {},
): ColdStartPrompt[] {
  const o = { ...COLD_START_DEFAULTS, ...options };
  return [
    ...(heat ? [heatPrompt(heat)] : []),
    ...commonMaterialStreams(peers, o).map((s) => materialPrompt(s, ref, Math.max(2, o.minCompanies))),
  ];
}

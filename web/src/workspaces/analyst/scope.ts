/**
 * The analyst's scope (region, kind, period) and view choices (breakdown key, series interval),
 * kept in the URL's fragment after the route (`#/analyst?region=46&kind=energy&from=2026-01-01`),
 * so a view can be bookmarked and shared. Values the API would refuse are dropped when read, so a
 * hand-edited link opens on the nearest sensible view instead of an error. Pure: tested without a
 * browser.
 */

export const KINDS = ['material', 'energy', 'water', 'land'] as const;
export type Kind = (typeof KINDS)[number];

export const BREAKDOWN_KEYS = [
  'county',
  'municipality',
  'industrySection',
  'industryDivision',
  'wasteChapter',
  'kind',
] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];

export const INTERVALS = ['month', 'quarter'] as const;
export type Interval = (typeof INTERVALS)[number];

/** What every analytics call of the workspace is asked about. */
export interface Scope {
  region?: string;
  kind?: Kind;
  from?: string;
  to?: string;
}

export interface AnalystView extends Scope {
  by: BreakdownKey;
  interval: Interval;
}

export const DEFAULT_VIEW: AnalystView = { by: 'county', interval: 'month' };

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

const isoDate = (value: string | null): string | undefined =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;

/** The view a fragment names (`#/analyst?…`); anything missing or malformed takes its default. */
export function viewOf(hash: string): AnalystView {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const p = new URLSearchParams(query);
  const region = p.get('region');
  const view: AnalystView = {
    by: oneOf(BREAKDOWN_KEYS, p.get('by')) ?? DEFAULT_VIEW.by,
    interval: oneOf(INTERVALS, p.get('interval')) ?? DEFAULT_VIEW.interval,
  };
  if (region !== null && /^(\d{2}|\d{4})$/.test(region)) view.region = region;
  const kind = oneOf(KINDS, p.get('kind'));
  if (kind) view.kind = kind;
  const from = isoDate(p.get('from'));
  const to = isoDate(p.get('to'));
  if (from) view.from = from;
  if (to && (from === undefined || to > from)) view.to = to;
  return view;
}

/** The fragment of a view: only what differs from the defaults, in a stable order. */
export function hashOf(view: AnalystView): string {
  const p = new URLSearchParams();
  if (view.region) p.set('region', view.region);
  if (view.kind) p.set('kind', view.kind);
  if (view.from) p.set('from', view.from);
  if (view.to) p.set('to', view.to);
  if (view.by !== DEFAULT_VIEW.by) p.set('by', view.by);
  if (view.interval !== DEFAULT_VIEW.interval) p.set('interval', view.interval);
  const query = p.toString();
  return query ? `#/analyst?${query}` : '#/analyst';
}

/** The scope alone, as the API's query (no undefined fields). */
export function scopeQuery(view: Scope): Scope {
  const q: Scope = {};
  if (view.region) q.region = view.region;
  if (view.kind) q.kind = view.kind;
  if (view.from) q.from = view.from;
  if (view.to) q.to = view.to;
  return q;
}

/** A key that changes exactly when the scope does (for reloading what depends on it). */
export const scopeKey = (scope: Scope): string => hashOf({ ...DEFAULT_VIEW, ...scopeQuery(scope) });

/** The regions of GET /taxonomy/regions. */
export interface Regions {
  counties: { code: string; name: string }[];
  municipalities: { code: string; name: string; countyCode: string }[];
}

/** Counties by name, each with its municipalities by name (compared as the language sorts). */
export function regionTree(regions: Regions, locale: string) {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, locale);
  return [...regions.counties].sort(byName).map((county) => ({
    ...county,
    municipalities: regions.municipalities.filter((m) => m.countyCode === county.code).sort(byName),
  }));
}

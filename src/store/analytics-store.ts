/**
 * What the indicators are computed from (cypher/analytics.cypher): a scope's suggestions with their
 * reviews, companies and codes, their transition events, and the listings in scope. Plain rows:
 * services/analytics.ts turns them into the pure module's input (src/analytics/).
 */
import type { ReviewRecord } from '../domain/review.ts';
import type { StoredSuggestion } from '../domain/suggestion.ts';
import { rows, type Store } from './driver.ts';
import { fromSuggestionRecord } from './match-store.ts';
import { query } from './queries.ts';
import { fromReviewNode } from './review-store.ts';

export interface ScopeFilter {
  /** County (2 digits) or municipality (4 digits) number; null: everywhere. */
  region: string | null;
  /** Sites inside a box or a circle (metres); null: no shape. */
  shape:
    | { minLat: number; minLon: number; maxLat: number; maxLon: number }
    | { lat: number; lon: number; m: number }
    | null;
  kind: string | null;
}

/** One side of a suggestion: its listing, company and site (null fields once they are gone). */
export interface Endpoint {
  listingId: string;
  companyId: string;
  companyName: string | null;
  confidentiality: string;
  siteId: string | null;
  siteName: string | null;
  lat: number | null;
  lon: number | null;
  coarseLat: number | null;
  coarseLon: number | null;
  /** Municipality and county codes of the site (none once it is gone, or abroad). */
  regions: string[];
}

export interface AnalyticsRow {
  suggestion: StoredSuggestion;
  review: ReviewRecord | null;
  offerCompanyId: string;
  needCompanyId: string;
  regions: string[];
  industryDivisions: string[];
  wasteChapters: string[];
  offer: Endpoint;
  need: Endpoint;
}

export async function analyticsRows(store: Store, scope: ScopeFilter): Promise<AnalyticsRow[]> {
  const r = await store.read((tx) => tx.run(query('analytics', 'suggestionRows'), { ...scope }));
  return r.records.map((rec) => {
    const review = rec.get('review') as Record<string, unknown> | null;
    return {
      suggestion: fromSuggestionRecord(rec.get('suggestion') as Record<string, unknown>),
      review: review ? fromReviewNode(review) : null,
      offerCompanyId: rec.get('offerCompanyId') as string,
      needCompanyId: rec.get('needCompanyId') as string,
      regions: rec.get('regions') as string[],
      industryDivisions: rec.get('industryDivisions') as string[],
      wasteChapters: rec.get('chapters') as string[],
      offer: rec.get('offer') as Endpoint,
      need: rec.get('need') as Endpoint,
    };
  });
}

export async function transitionEvents(
  store: Store,
  suggestionIds: string[],
): Promise<{ suggestionId: string; to: string; at: string }[]> {
  if (suggestionIds.length === 0) return [];
  return store.read((tx) =>
    tx
      .run(query('analytics', 'transitionEvents'), { ids: suggestionIds })
      .then(rows<{ suggestionId: string; to: string; at: string }>),
  );
}

export async function listingCount(store: Store, scope: ScopeFilter): Promise<number> {
  const r = await store.read((tx) =>
    tx.run(query('analytics', 'listingCount'), scope).then(rows<{ listings: number }>),
  );
  return r[0]?.listings ?? 0;
}

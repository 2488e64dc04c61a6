/**
 * A listing with what pair evaluation derives from it alone, computed once per listing rather than
 * once per pair: cos(latitude) for the haversine, and memos the kind's fit fills on first use (the
 * material categories of an offer and the substitution it makes into each need category, the time
 * shape of an energy listing). A prepared listing belongs to one snapshot context (reference data,
 * config, profiles): the candidate index prepares each listing once, evaluatePair prepares afresh
 * on every call.
 */
import { cosLatitude } from './distance.ts';
import type { MaterialMemo } from './material-fit.ts';
import type { TimeShape } from './temporal.ts';
import type { MatchListing } from './types.ts';

export interface PreparedListing {
  readonly listing: MatchListing;
  readonly cosLat: number;
  material: MaterialMemo | undefined;
  shape: TimeShape | undefined;
}

export function prepareListing(listing: MatchListing): PreparedListing {
  return { listing, cosLat: cosLatitude(listing.lat), material: undefined, shape: undefined };
}

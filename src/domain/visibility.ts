import type { MatchListing } from './match-listing.ts';
import { canSeeIdentity, canSeePrivate, type Viewer } from './viewer.ts';

/** Grid size, degrees, to which an anonymous listing's location is rounded for others (≈ 5–10 km). */
const ANONYMOUS_GRID_DEG = 0.1;

export type VisibleListing = Omit<MatchListing, 'companyId' | 'siteId' | 'ref'> & {
  companyId?: string;
  siteId?: string;
  ref?: string;
  anonymised: boolean;
};

/** Rounded through the inverse so 59.9 stays 59.9, not 59.900000000000006. */
const round = (x: number) => Math.round(x / ANONYMOUS_GRID_DEG) / (1 / ANONYMOUS_GRID_DEG);

/**
 * What a viewer may see of a listing: null when it is hidden from them; without company, site,
 * ref and exact location when it is anonymous and not theirs.
 */
export function presentListing(l: MatchListing, viewer: Viewer): VisibleListing | null {
  const own = viewer.companyId !== null && viewer.companyId === l.companyId;
  if (own || canSeeIdentity(viewer)) return { ...l, anonymised: false };
  if (l.confidentiality === 'private' && !canSeePrivate(viewer)) return null;
  if (l.confidentiality === 'anonymous') {
    const { companyId: _c, siteId: _s, ref: _r, ...rest } = l;
    return { ...rest, lat: round(l.lat), lon: round(l.lon), anonymised: true };
  }
  return { ...l, anonymised: false };
}

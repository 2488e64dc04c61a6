/**
 * The located-listing read model: a stored listing plus its site's coordinates. The engine, the
 * access policy, the store and the services all read listings in this shape.
 */
import type { Listing } from './listing.ts';

/** A listing as the engine sees it: the stored listing plus its site's coordinates. */
export type MatchListing = Listing & { lat: number; lon: number };

/**
 * Heat clusters of a region (src/matching/heat-cluster.ts): groups of heat sources and sinks
 * within a pipe's reach of each other and the shared network that would serve them, beside what
 * the pairs alone deliver. For analysts, facilitators (their regions) and admins, like the network
 * of GET /network; businesses are refused (403), because a cluster's tree and pipe lengths say
 * where its other members are more precisely than the suggestions a business is shown.
 *
 * Confidentiality holds before the computation, as for the network (analytics-network.ts
 * networkAccess): a listing the caller may not see is not a member; one it sees anonymised takes
 * part at its coarse grid point, so every length and cost shown is measured from where the caller
 * is told the member is, and its company is not named.
 */
import { z } from 'zod';
import { coarsen, listingView } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { parseOrThrow } from '../domain/validate.ts';
import {
  findHeatClusters,
  type HeatClusterMember,
  type HeatClusterSuggestion,
  type HeatClustersResult,
} from '../matching/heat-cluster.ts';
import type { MatchListing } from '../matching/types.ts';
import { listingsWithFactsInScope } from '../store/listing-store.ts';
import { networkAccess } from './analytics-network.ts';
import { ScopeFields, scopeOf } from './analytics-scope.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';
import { matchContext } from './match-context.ts';

export const HeatClusterQuerySchema = z
  .strictObject({ region: ScopeFields.region })
  .meta({ id: 'HeatClusterQuery' });

export type HeatClusterMemberView = HeatClusterMember & {
  title: string;
  anonymised: boolean;
  companyId?: string;
  siteId?: string;
};

export interface HeatClustersAnswer extends Omit<HeatClustersResult, 'clusters'> {
  scope: { label: string; region: string | null };
  clusters: (Omit<HeatClusterSuggestion, 'members'> & { members: HeatClusterMemberView[] })[];
}

export async function getHeatClusters(
  deps: Deps,
  caller: Caller,
  query: unknown,
): Promise<HeatClustersAnswer> {
  requireRole(caller, 'analytics.read', 'read heat clusters');
  const q = parseOrThrow(HeatClusterQuerySchema, query ?? {}, 'query');
  const scope = scopeOf(deps, caller, q);

  const access = networkAccess(caller);
  const visible = new Map<string, { listing: MatchListing; anonymised: boolean }>();
  for (const { listing, facts } of await listingsWithFactsInScope(deps.store, {
    kind: 'energy',
    ...(q.region ? { region: q.region } : {}),
  })) {
    const view = listingView(access, facts);
    if (view === 'hidden') continue;
    const anonymised = view === 'anonymised';
    visible.set(listing.id, {
      listing: anonymised ? { ...listing, lat: coarsen(listing.lat), lon: coarsen(listing.lon) } : listing,
      anonymised,
    });
  }
  const listings = [...visible.values()].map((v) => v.listing);
  const { clusters, ...rest } = findHeatClusters(listings, matchContext(deps, listings));

  return {
    scope: { label: scope.label, region: q.region ?? null },
    ...rest,
    clusters: clusters.map((c) => ({
      ...c,
      members: c.members.map((m) => {
        const { listing, anonymised } = visible.get(m.listingId)!;
        return anonymised
          ? { ...m, title: listing.title, anonymised }
          : { ...m, title: listing.title, anonymised, companyId: listing.companyId, siteId: listing.siteId };
      }),
    })),
  };
}

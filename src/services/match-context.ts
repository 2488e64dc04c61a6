/**
 * What a computation needs besides the engine: the listings of a scope, the factor set, the
 * matching configuration and hourly profiles, and how suggestions are keyed and written.
 */
import { newId } from '../domain/ids.ts';
import type { MatchListing } from '../domain/match-listing.ts';
import type { MatchScope } from '../domain/suggestion.ts';
import { AppError, validationError } from '../errors.ts';
import type { Chain } from '../matching/chains.ts';
import { haversineKm } from '../matching/distance.ts';
import type { Candidate, MatchInput } from '../matching/types.ts';
import { ENGINE_VERSION } from '../matching/version.ts';
import { loadCostSet } from '../reference/costs.ts';
import { listFactorSets, loadFactorSet } from '../reference/factors.ts';
import { loadLand } from '../reference/land.ts';
import { loadHourlyProfile } from '../reference/load.ts';
import { loadMatchConfig } from '../reference/match-config.ts';
import { listingsInScope as loadListingsInScope } from '../store/listing-store.ts';
import type { SuggestionContent, SuggestionWrite } from '../store/match-store.ts';
import type { Deps } from './deps.ts';

const profiles = new Map<string, Float64Array>();
/** Factor sets and match configs are versioned files: each is read and validated once per process. */
const factorSets = new Map<string, MatchInput['factorSet']>();
const configs = new Map<string, MatchInput['config']>();

function factorSetOf(id: string): MatchInput['factorSet'] {
  let set = factorSets.get(id);
  if (!set) {
    set = loadFactorSet(id);
    factorSets.set(id, set);
  }
  return set;
}

let compared: MatchInput['factorSet'][] | undefined;

/** Every shipped factor set: each suggestion's CO2e is estimated under all of them, side by side. */
function comparedFactorSets(): MatchInput['factorSet'][] {
  compared ??= listFactorSets().map((summary) => factorSetOf(summary.id));
  return compared;
}

function configOf(version: string): MatchInput['config'] {
  let config = configs.get(version);
  if (!config) {
    config = loadMatchConfig(version);
    configs.set(version, config);
  }
  return config;
}

export function hourlyProfilesFor(deps: Deps, listings: readonly MatchListing[]): Map<string, Float64Array> {
  for (const l of listings) {
    const name = l.energy?.hourlyProfile;
    if (name && !profiles.has(name) && deps.reference.hourlyProfiles.has(name))
      profiles.set(name, loadHourlyProfile(name));
  }
  return profiles;
}

/** Everything but the listings that the engine needs, for the configured (or a chosen) factor set. */
export function matchContext(
  deps: Deps,
  listings: readonly MatchListing[],
  factorSetId?: string,
): Omit<MatchInput, 'listings'> {
  let factorSet: MatchInput['factorSet'];
  try {
    factorSet = factorSetOf(factorSetId ?? deps.settings.factorSet);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      throw validationError('unknown factor set', [{ path: 'factorSet', message: err.message }]);
    }
    throw err;
  }
  return {
    reference: deps.reference,
    factorSet,
    comparedFactorSets: comparedFactorSets(),
    costSet: loadCostSet(),
    land: loadLand(),
    config: configOf(deps.settings.matchConfig),
    hourlyProfiles: hourlyProfilesFor(deps, listings),
  };
}

export const pairKeyOf = (offerId: string, needId: string) => `${offerId}|${needId}`;

export function toWrite(
  c: Candidate,
  meta: { runId: string | null; factorSet: string; configVersion: string; allocated: number | null },
): SuggestionWrite {
  return { ...toContent(c, meta), id: newId('sg') };
}

/** A candidate as a suggestion's content (toWrite without an id): what its content hash reads. */
export function toContent(
  c: Candidate,
  meta: { runId: string | null; factorSet: string; configVersion: string; allocated: number | null },
): SuggestionContent {
  return {
    pairKey: pairKeyOf(c.offerId, c.needId),
    offerId: c.offerId,
    needId: c.needId,
    kind: c.kind,
    score: c.score,
    distanceKm: c.distanceKm,
    route: c.route,
    terms: c.terms,
    impact: c.impact as unknown as Record<string, unknown>,
    co2eAvoidedT: c.impact.co2eAvoidedT,
    economics: c.economics ?? null,
    maxQuantity: c.maxQuantity,
    offerUse: c.offerUse,
    allocatedQuantity: meta.allocated,
    unit: c.impact.unit,
    source: meta.runId ? 'run' : 'incremental',
    lastRunId: meta.runId,
    engineVersion: ENGINE_VERSION,
    factorSet: meta.factorSet,
    configVersion: meta.configVersion,
  };
}

/** A chain's key: its four listings, so that a re-run finding the same chain updates it. */
export const chainKeyOf = (c: Pick<Chain, 'offerId' | 'processorNeedId' | 'processorOfferId' | 'needId'>) =>
  `chain|${c.offerId}|${c.processorNeedId}|${c.processorOfferId}|${c.needId}`;

/**
 * The offer and the need a pair's key (pairKeyOf) or a chain's key (chainKeyOf) names: a run reads
 * the published keys alone and finds their listings here. Ids never contain `|` (domain/ids.ts).
 */
export function endsOfKey(key: string): { offerId: string; needId: string } {
  const parts = key.split('|');
  if (parts.length === 2 && parts[0] && parts[1]) return { offerId: parts[0], needId: parts[1] };
  if (parts.length === 5 && parts[0] === 'chain' && parts[1] && parts[4]) {
    return { offerId: parts[1], needId: parts[4] };
  }
  throw new Error(`not a pair or chain key: ${JSON.stringify(key)}`);
}

/** A chain as a suggestion of its own (a run's only: allocation does not cover chains). */
export function chainToWrite(
  c: Chain,
  meta: { runId: string; factorSet: string; configVersion: string },
): SuggestionWrite {
  return {
    id: newId('sg'),
    pairKey: chainKeyOf(c),
    offerId: c.offerId,
    needId: c.needId,
    kind: c.kind,
    score: c.score,
    distanceKm: c.distanceKm,
    route: { type: 'chain' },
    terms: c.terms,
    impact: c.impact as unknown as Record<string, unknown>,
    co2eAvoidedT: c.impact.co2eAvoidedT,
    maxQuantity: c.maxQuantity,
    offerUse: c.offerUse,
    allocatedQuantity: null,
    unit: c.unit,
    source: 'run',
    lastRunId: meta.runId,
    engineVersion: ENGINE_VERSION,
    factorSet: meta.factorSet,
    configVersion: meta.configVersion,
    chain: {
      processorNeedId: c.processorNeedId,
      processorOfferId: c.processorOfferId,
      processorCompanyId: c.processorCompanyId,
      yield: c.yield,
      links: c.links.map((l) => ({ ...l, impact: l.impact as unknown as Record<string, unknown> })),
    },
  };
}

/** True when a scope limits a run to a region: then a pair is the run's only when both listings are in it. */
export const isRegional = (scope: MatchScope): boolean =>
  scope.municipality !== undefined || scope.radiusKm !== undefined || scope.region !== undefined;

export async function listingsInScope(deps: Deps, scope: MatchScope): Promise<MatchListing[]> {
  const { lat, lon, radiusKm } = scope;
  const radius =
    lat !== undefined && lon !== undefined && radiusKm !== undefined ? { lat, lon, km: radiusKm } : undefined;
  const listings = await loadListingsInScope(deps.store, {
    ...(scope.kind ? { kind: scope.kind } : {}),
    ...(scope.municipality ? { municipality: scope.municipality } : {}),
    ...(scope.region ? { region: scope.region } : {}),
    ...(radius ? { radius } : {}),
  });
  // The exact rule: the engine's great-circle distance.
  return radius
    ? listings.filter((l) => haversineKm(radius.lat, radius.lon, l.lat, l.lon) <= radius.km)
    : listings;
}

/**
 * One entry point per question, dispatched by kind: does this offer fit this need (fitValues),
 * and under which keys must the candidate index file a listing (offerKeys, needKeys). Both read the same tables, so any compatible pair shares a key:
 * the index pre-filter is conservative.
 */
import type { ReferenceData } from '../domain/reference.ts';
import { energyNeedKeys, energyOfferKeys, fitEnergy } from './energy-fit.ts';
import type { FitReasons, FitValues } from './fit-result.ts';
import { fitLand, landNeedKeys, landOfferKeys } from './land-fit.ts';
import {
  fitMaterial,
  materialKeyResourceBound,
  materialLowestOfferUse,
  materialNeedKeys,
  materialOfferKeys,
} from './material-fit.ts';
import type { PreparedListing } from './prepared-listing.ts';
import type { MatchConfig, MatchListing } from './types.ts';
import { fitWater, waterNeedKeys, waterOfferKeys } from './water-fit.ts';

/**
 * Writes the resource and quality values and the offer use of a compatible pair into `fit` and
 * returns true, or returns false when the offer cannot serve the need. `why`, when given, receives
 * the route and the reasons: one code path for the numbers, with or without the words.
 */
export function fitValues(
  offer: PreparedListing,
  need: PreparedListing,
  reference: ReferenceData,
  config: MatchConfig,
  fit: FitValues,
  why?: FitReasons,
): boolean {
  switch (need.kind) {
    case 'material':
      return fitMaterial(offer, need, reference, fit, why);
    case 'energy':
      return fitEnergy(offer, need, config, fit, why);
    case 'water':
      return fitWater(offer, need, fit, why);
    case 'land':
      return fitLand(offer, need, fit, why);
  }
}

/**
 * Bounds for pruning (candidates.ts): the largest resource value a pair whose best route is index
 * key `key` can have, and the smallest offer use (offer quantity per unit delivered) a pair of a
 * kind can have. Heat lifted by a heat pump uses (COP − 1) / COP of the offer, which has no
 * positive lower bound, so energy gets 0.
 */
export function keyResourceBound(key: string, reference: ReferenceData): number {
  return key.startsWith('m:') ? materialKeyResourceBound(key, reference) : 1;
}

export function lowestOfferUse(kind: MatchListing['kind'], reference: ReferenceData): number {
  switch (kind) {
    case 'material':
      return materialLowestOfferUse(reference);
    case 'energy':
      return 0;
    case 'water':
    case 'land':
      return 1;
  }
}

export function offerKeys(offer: MatchListing, reference: ReferenceData): string[] {
  switch (offer.kind) {
    case 'material':
      return materialOfferKeys(offer, reference);
    case 'energy':
      return energyOfferKeys(offer);
    case 'water':
      return waterOfferKeys(offer);
    case 'land':
      return landOfferKeys(offer);
  }
}

export function needKeys(need: MatchListing): string[] {
  switch (need.kind) {
    case 'material':
      return materialNeedKeys(need);
    case 'energy':
      return energyNeedKeys(need);
    case 'water':
      return waterNeedKeys(need);
    case 'land':
      return landNeedKeys(need);
  }
}

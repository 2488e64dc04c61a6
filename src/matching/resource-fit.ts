/**
 * One entry point per question, dispatched by kind: does this offer fit this need (fitValues, and
 * fitResource for the explained form), and under which keys must the candidate index file a
 * listing (offerKeys, needKeys). Both read the same tables, so any compatible pair shares a key:
 * the index pre-filter is conservative.
 */
import type { ReferenceData } from '../domain/reference.ts';
import { energyNeedKeys, energyOfferKeys, fitEnergy } from './energy-fit.ts';
import {
  type FitReasons,
  type FitValues,
  newFitReasons,
  newFitValues,
  type ResourceFit,
  resourceFit,
} from './fit-result.ts';
import { fitLand, landNeedKeys, landOfferKeys } from './land-fit.ts';
import { fitMaterial, materialNeedKeys, materialOfferKeys } from './material-fit.ts';
import { type PreparedListing, prepareListing } from './prepared-listing.ts';
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
  switch (need.listing.kind) {
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

/** The explained fit of a pair, or null when the offer cannot serve the need. */
export function fitResource(
  offer: MatchListing | PreparedListing,
  need: MatchListing | PreparedListing,
  reference: ReferenceData,
  config: MatchConfig,
): ResourceFit | null {
  const values = newFitValues();
  const reasons = newFitReasons();
  const ok = fitValues(prepared(offer), prepared(need), reference, config, values, reasons);
  return ok ? resourceFit(values, reasons) : null;
}

const prepared = (l: MatchListing | PreparedListing): PreparedListing =>
  'listing' in l && 'cosLat' in l ? l : prepareListing(l);

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

/**
 * One entry point per question, dispatched by kind: does this offer fit this need (fitResource),
 * and under which keys must the candidate index file a listing (offerKeys, needKeys). Both read
 * the same tables, so any compatible pair shares a key: the index pre-filter is conservative.
 */
import type { ReferenceData } from '../domain/reference.ts';
import { energyNeedKeys, energyOfferKeys, fitEnergy } from './energy-fit.ts';
import type { ResourceFit } from './fit-result.ts';
import { fitLand, landNeedKeys, landOfferKeys } from './land-fit.ts';
import { fitMaterial, materialNeedKeys, materialOfferKeys } from './material-fit.ts';
import type { MatchConfig, MatchListing } from './types.ts';
import { fitWater, waterNeedKeys, waterOfferKeys } from './water-fit.ts';

export function fitResource(
  offer: MatchListing,
  need: MatchListing,
  reference: ReferenceData,
  config: MatchConfig,
): ResourceFit | null {
  switch (need.kind) {
    case 'material':
      return fitMaterial(offer, need, reference);
    case 'energy':
      return fitEnergy(offer, need, config);
    case 'water':
      return fitWater(offer, need);
    case 'land':
      return fitLand(offer, need);
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

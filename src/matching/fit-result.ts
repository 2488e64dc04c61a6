import type { Substitution } from '../domain/reference.ts';
import type { Candidate } from './types.ts';

/** A term's value in [0, 1] and the sentence that explains it. */
export interface Judgement {
  value: number;
  reason: string;
}

/**
 * The numbers a kind-specific fit decides for a pair it accepts: all the numeric phase of pair
 * evaluation reads. The fits write them into an object the caller reuses, so scoring a pair
 * allocates nothing.
 */
export interface FitValues {
  resource: number;
  quality: number;
  /** Offer quantity consumed per unit delivered to the need (see Candidate.offerUse). */
  offerUse: number;
}

/** The rules a fit refuses a pair by; diagnostics.ts shows them with the others. */
export type FitBlockCode =
  | 'category'
  | 'hazardous'
  | 'carrier'
  | 'temperature-lift'
  | 'temperature-approach'
  | 'quality-class'
  | 'land-use'
  | 'facilities'
  | 'form'
  | 'animal-by-product'
  | 'waste-status'
  | 'incomplete';

/** Why a fit refused a pair: its rule and a sentence. */
export interface FitBlock {
  code: FitBlockCode;
  reason: string;
}

/**
 * What the explain phase asks a fit for besides its numbers: the route, the sentences behind the
 * resource and quality terms, and what the impact estimate reads; when the fit refuses the pair,
 * why. A fit fills it only when given.
 */
export interface FitReasons {
  route: Candidate['route'];
  resource: string;
  quality: string;
  heatPump?: { cop: number; liftK: number };
  substitution?: Substitution;
  /** Material category whose `displaces` names the virgin material this exchange replaces. */
  displacedCategory?: string;
  /** Material category of the offered residue, for its avoided-disposal factor. */
  offerCategory?: string;
  /** Set when the fit refuses the pair. */
  blocked?: FitBlock;
}

export const newFitValues = (): FitValues => ({ resource: 0, quality: 0, offerUse: 1 });
const NO_ROUTE: Candidate['route'] = Object.freeze({ type: 'direct' });
export const newFitReasons = (): FitReasons =>
  clearFitReasons({ route: NO_ROUTE, resource: '', quality: '' });

/** Empties reasons for reuse, optional fields included (they are set only by some routes). */
export function clearFitReasons(why: FitReasons): FitReasons {
  why.route = NO_ROUTE;
  why.resource = '';
  why.quality = '';
  why.heatPump = undefined;
  why.substitution = undefined;
  why.displacedCategory = undefined;
  why.offerCategory = undefined;
  why.blocked = undefined;
  return why;
}

/** A refusal of a pair with missing details of its kind (a listing that skipped validation). */
export const INCOMPLETE: Readonly<FitBlock> = Object.freeze({
  code: 'incomplete',
  reason: 'a listing lacks the details of its kind',
});

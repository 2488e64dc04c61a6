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

/**
 * What the explain phase asks a fit for besides its numbers: the route, the sentences behind the
 * resource and quality terms, and what the impact estimate reads. A fit fills it only when given.
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
}

export const newFitValues = (): FitValues => ({ resource: 0, quality: 0, offerUse: 1 });
export const newFitReasons = (): FitReasons => ({ route: { type: 'direct' }, resource: '', quality: '' });

/** What a kind-specific compatibility check found for a pair it accepts, explained. */
export interface ResourceFit {
  route: Candidate['route'];
  resource: Judgement;
  quality: Judgement;
  /** Offer quantity consumed per unit delivered to the need (see Candidate.offerUse). */
  offerUse: number;
  heatPump?: { cop: number; liftK: number };
  substitution?: Substitution;
  displacedCategory?: string;
  offerCategory?: string;
}

/** The values and reasons of one fit, joined into the explained form. */
export function resourceFit(values: FitValues, reasons: FitReasons): ResourceFit {
  const { route, resource, quality, ...extra } = reasons;
  return {
    route,
    resource: { value: values.resource, reason: resource },
    quality: { value: values.quality, reason: quality },
    offerUse: values.offerUse,
    ...extra,
  };
}

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? 1 : values.reduce((a, b) => a + b, 0) / values.length;

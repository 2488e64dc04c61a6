import type { Substitution } from '../domain/reference.ts';
import type { Candidate } from './types.ts';

/** A term's value in [0, 1] and the sentence that explains it. */
export interface Judgement {
  value: number;
  reason: string;
}

/** What a kind-specific compatibility check found for a pair it accepts. */
export interface ResourceFit {
  route: Candidate['route'];
  resource: Judgement;
  quality: Judgement;
  /** Offer quantity consumed per unit delivered to the need (see Candidate.offerUse). */
  offerUse: number;
  heatPump?: { cop: number; liftK: number };
  substitution?: Substitution;
  /** Material category whose `displaces` names the virgin material this exchange replaces. */
  displacedCategory?: string;
  /** Material category of the offered residue, for its avoided-disposal factor. */
  offerCategory?: string;
}

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? 1 : values.reduce((a, b) => a + b, 0) / values.length;

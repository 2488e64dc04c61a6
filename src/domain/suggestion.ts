import { z } from 'zod';
import { refineCircle } from './circle.ts';
import { EconomicsSchema } from './economics.ts';
import { text } from './fields.ts';
import { LISTING_KINDS } from './listing-kinds.ts';

/** What the matching says of a pair: proposed (active) or no longer (withdrawn). Review state is apart (review.ts). */
export const SUGGESTION_STATUSES = ['active', 'withdrawn'] as const;

/** Why a suggestion has nothing allocated (matching/allocation/unallocated.ts). */
export const UNALLOCATED_REASONS = [
  'offer-promised',
  'need-covered',
  'offer-promised-and-need-covered',
  'not-allocated-yet',
  'changed-since',
] as const;
export type UnallocatedReason = (typeof UNALLOCATED_REASONS)[number];

const TermSchema = z.object({ name: z.string(), weight: z.number(), value: z.number(), reason: z.string() });

/** How an offer serves a need: as it is, via a heat pump or a substitution, or through a processor (a chain). */
const RouteSchema = z.object({
  type: z.enum(['direct', 'heat-pump', 'substitution', 'chain']),
  detail: z.string().optional(),
});

/**
 * A chain through a processor (matching/chains.ts): the suggestion's offer (A's) goes to the
 * processor's need, the processor's offer to the suggestion's need (C's); each link with its own
 * explanation and its figures at the chain's quantity (docs/decisions/0016-chains-through-processors.md).
 */
export const ChainSchema = z
  .object({
    processorNeedId: z.string(),
    processorOfferId: z.string(),
    processorCompanyId: z.string(),
    yield: z
      .number()
      .meta({ description: "what the processor gives per unit it takes (its listings' ratio, at most 1)" }),
    links: z
      .array(
        z.object({
          offerId: z.string(),
          needId: z.string(),
          distanceKm: z.number(),
          score: z.number(),
          maxQuantity: z.number(),
          quantity: z.number().meta({ description: 'what the chain moves over this link per year' }),
          unit: z.string(),
          route: RouteSchema,
          terms: z.array(TermSchema),
          impact: z.record(z.string(), z.unknown()),
        }),
      )
      .length(2),
  })
  .meta({ id: 'SuggestionChain' });
export type SuggestionChain = z.infer<typeof ChainSchema>;

/**
 * A suggested exchange as stored: one per (offer, need) pair, refreshed by each computation; or a
 * chain through a processor (`chain`), one per (offer, processor need, processor offer, need).
 */
export const StoredSuggestionSchema = z.object({
  id: z.string(),
  pairKey: z.string(),
  offerId: z.string(),
  needId: z.string(),
  kind: z.enum(LISTING_KINDS),
  score: z.number(),
  distanceKm: z.number(),
  route: RouteSchema,
  terms: z.array(TermSchema),
  impact: z.record(z.string(), z.unknown()),
  co2eAvoidedT: z.number().nullable().meta({
    description: "null: not quantified, a factor is missing (the impact's notQuantified names the parts)",
  }),
  economics: EconomicsSchema.nullable().optional().meta({
    description:
      'route, transport mode and cost, a pipe payback and the saving against stated current costs (engine 2.2.0 on); null or absent: not estimated',
  }),
  maxQuantity: z.number(),
  offerUse: z.number(),
  allocatedQuantity: z.number().nullable(),
  unit: z.string(),
  status: z.enum(SUGGESTION_STATUSES),
  source: z.enum(['run', 'incremental']),
  lastRunId: z.string().nullable(),
  engineVersion: z.string(),
  factorSet: z.string(),
  configVersion: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  chain: ChainSchema.optional().meta({
    description:
      'a chain through a processor: offer → processor → need, with its two links; absent for a pair',
  }),
});
export type StoredSuggestion = z.infer<typeof StoredSuggestionSchema>;

export const MatchScopeSchema = z
  .strictObject({
    kind: z.enum(LISTING_KINDS).optional(),
    region: z
      .string()
      .regex(/^(\d{2}|\d{4})$/, 'must be a county (2 digits) or municipality (4 digits) number')
      .optional()
      .meta({ description: 'county (2 digits) or municipality (4 digits) number: the sites found in it' }),
    municipality: text(100).optional().meta({ description: 'the municipality name typed on the sites' }),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    radiusKm: z.number().positive().max(3000).optional(),
  })
  .superRefine(refineCircle)
  .meta({ id: 'MatchScope' });
export type MatchScope = z.infer<typeof MatchScopeSchema>;

export const MatchRunRequestSchema = z
  .strictObject({
    scope: MatchScopeSchema.default({}),
    factorSet: z
      .string()
      .max(64)
      .optional()
      .meta({ description: 'factor set id; default from configuration' }),
    allocation: z.enum(['optimal', 'greedy']).default('optimal'),
  })
  .meta({ id: 'MatchRunRequest' });
export type MatchRunRequest = z.infer<typeof MatchRunRequestSchema>;

/** What a running run is doing: reading listings, searching, staging its pairs, allocating, publishing. */
export const MATCH_RUN_PHASES = [
  'loading',
  'searching',
  'staging',
  'allocating',
  'publishing',
  'done',
] as const;

const count = (description: string) => z.number().optional().meta({ description });

export const MatchRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'publishing', 'finished', 'failed']).meta({
      description:
        'running until its suggestions are published (finished) or it failed, leaving nothing visible; ' +
        'publishing while a publication too large for one transaction is applied in batches',
    }),
    phase: z.enum(MATCH_RUN_PHASES).optional(),
    scope: MatchScopeSchema,
    engineVersion: z.string(),
    factorSet: z.string(),
    configVersion: z.string(),
    feedback: z.string().optional().meta({
      description:
        "the version of the learned adjustments the run scored with ('none': nothing learned yet); absent when the rule is off",
    }),
    allocationMethod: z.string().optional(),
    allocationObjective: z.number().optional(),
    listings: z.number().optional(),
    pairsEvaluated: z.number().optional(),
    candidates: count('pairs the run proposes'),
    chains: count('chains through processors the run proposes (matching/chains.ts)'),
    explained: count('candidates explained so far'),
    staged: count('candidates staged so far: new or changed, not yet visible'),
    allocated: count('candidates given a quantity'),
    created: count('suggestions published new'),
    updated: count('published suggestions whose values changed (allocation included)'),
    unchanged: count('candidates equal to their published suggestion: not written'),
    withdrawn: count('published suggestions the run no longer proposes'),
    superseded: count('staged pairs not published: a listing changed while the run computed'),
    durationMs: z.number().optional(),
    publishMs: count('the publishing transaction, ms'),
    error: z.string().optional(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
  })
  .meta({ id: 'MatchRun' });
export type MatchRun = z.infer<typeof MatchRunSchema>;

/** The process that runs a match run (services/runner.ts), kept with the run but not shown. */
export interface Runner {
  host: string;
  pid: number;
  /** When the process started, ms since the epoch. */
  startedAt: number;
}

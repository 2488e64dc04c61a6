import { z } from 'zod';
import { refineCircle } from './circle.ts';
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

/** A suggested exchange as stored: one per (offer, need) pair, refreshed by each computation. */
export const StoredSuggestionSchema = z.object({
  id: z.string(),
  pairKey: z.string(),
  offerId: z.string(),
  needId: z.string(),
  kind: z.enum(LISTING_KINDS),
  score: z.number(),
  distanceKm: z.number(),
  route: z.object({ type: z.enum(['direct', 'heat-pump', 'substitution']), detail: z.string().optional() }),
  terms: z.array(z.object({ name: z.string(), weight: z.number(), value: z.number(), reason: z.string() })),
  impact: z.record(z.string(), z.unknown()),
  co2eAvoidedT: z.number().nullable().meta({
    description: "null: not quantified, a factor is missing (the impact's notQuantified names the parts)",
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

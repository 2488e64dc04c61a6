import { z } from 'zod';
import { queryNumber } from '../../domain/fields.ts';
import { LISTING_KINDS } from '../../domain/listing-kinds.ts';
import { PaginationSchema } from '../../domain/listing-query.ts';
import {
  AssignmentSchema,
  EVENT_TYPES,
  FeedSeenSchema,
  NoteSchema,
  OutcomeChangeSchema,
  OutcomeSchema,
  READINESS_DIMENSIONS,
  REASON_CODES,
  REVIEW_SIDES,
  REVIEW_STATES,
  ReadinessSchema,
  ResponseSchema,
  TransitionSchema,
} from '../../domain/review.ts';
import { UNALLOCATED_REASONS } from '../../domain/suggestion.ts';
import type { Deps } from '../../services/deps.ts';
import { currentFeedback } from '../../services/feedback.ts';
import {
  addNote,
  assignableTo,
  assignSuggestion,
  changeOutcome,
  getFeed,
  getReviewQueue,
  getSuggestionReview,
  markSeen,
  recordReadiness,
  respondToSuggestion,
  suggestionEvents,
  transitionSuggestion,
} from '../../services/review.ts';
import { defineRoutes } from '../route.ts';
import { ErrorSchema, IdParams, VisibleSuggestionSchema } from '../schemas.ts';
import { json } from './reply.ts';

const Party = z.object({ companyId: z.string(), name: z.string() }).nullable();

export const SuggestionReviewSchema = z
  .object({
    id: z.string(),
    state: z.enum(REVIEW_STATES),
    version: z.number().meta({ description: 'name it in a transition, assignment, readiness or outcome' }),
    matchStatus: z
      .string()
      .meta({ description: 'what the matching says now: active, or withdrawn (no longer proposed)' }),
    kind: z.string(),
    score: z.number(),
    co2eAvoidedT: z.number().nullable().meta({ description: 'null: not quantified (a factor is missing)' }),
    // Unions, not .nullable(): a nullable copy takes the shared component's id (and makes the
    // component nullable for every route that uses it).
    suggestion: z
      .union([VisibleSuggestionSchema, z.null()])
      .meta({ description: 'null once one of its listings is gone' }),
    parties: z.object({ offer: Party, need: Party, processor: Party.optional() }).meta({
      description:
        "the companies, for those who may know them: a business learns the others once all consented; processor: a chain's",
    }),
    yourSides: z.array(z.enum(REVIEW_SIDES)),
    interest: z.object({
      offer: z.string().nullable(),
      need: z.string().nullable(),
      processor: z.string().nullable().optional(),
    }),
    revealed: z.boolean(),
    revealedAt: z.string().nullable(),
    assigneeId: z.string().nullable(),
    readiness: z
      .object({
        level: z.number(),
        dimensions: z.partialRecord(z.enum(READINESS_DIMENSIONS), z.number()).optional(),
      })
      .nullable(),
    outcome: z.union([OutcomeSchema, z.null()]),
    reason: z.object({ code: z.enum(REASON_CODES), text: z.string().optional() }).nullable(),
    flags: z
      .array(z.string())
      .meta({ description: 'changes to its listings since a facilitator last acted' }),
    nextStates: z.array(z.enum(REVIEW_STATES)).meta({ description: 'the states you may move it to now' }),
    updatedAt: z.string().nullable(),
    unallocated: z.enum(UNALLOCATED_REASONS).nullable().optional().meta({
      description:
        'why nothing is allocated to it (GET /suggestions/{id} only): offer-promised, need-covered or both (the other pairs use that side up), not-allocated-yet (matched when a listing changed; the next run allocates), changed-since (its listings changed since the run); null when something is, or it is no longer proposed',
    }),
  })
  .meta({ id: 'SuggestionReview' });

export const ReviewEventSchema = z
  .object({
    id: z.string(),
    suggestionId: z.string(),
    seq: z.number(),
    type: z.enum(EVENT_TYPES),
    at: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    actorRole: z.string(),
    actorTokenId: z.string().optional().meta({
      description:
        'the token the actor signed in with (who made it is in GET /users/{id}); for facilitators and admins',
    }),
    from: z.enum(REVIEW_STATES).optional(),
    to: z.enum(REVIEW_STATES).optional(),
    note: z.string().optional(),
    reasonCode: z.enum(REASON_CODES).optional(),
    reasonText: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ReviewEvent' });

export const AssigneeSchema = z
  .object({
    id: z.string().meta({ description: 'the user id to name in POST /suggestions/{id}/assignment' }),
    name: z.string(),
    role: z.enum(['facilitator', 'admin']),
    regions: z.union([z.literal('all'), z.array(z.object({ code: z.string(), name: z.string() }))]).meta({
      description:
        "the county and municipality numbers it covers, with their names; 'all' for admins and national facilitators",
    }),
  })
  .meta({ id: 'Assignee' });

const STATE_LIST = new RegExp(`^(${REVIEW_STATES.join('|')})(,(${REVIEW_STATES.join('|')}))*$`);

const ReviewQueueQuerySchema = PaginationSchema.extend({
  state: z
    .string()
    .max(400)
    .regex(STATE_LIST, `must be states separated by commas: ${REVIEW_STATES.join(', ')}`)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(REVIEW_STATES)).min(1))
    .optional()
    .meta({ description: 'comma-separated states; default the open ones (suggested … agreed)' }),
  kind: z.enum(LISTING_KINDS).optional(),
  municipality: z
    .string()
    .regex(/^\d{4}$/, 'must be a municipality number (4 digits)')
    .optional(),
  company: z.string().max(100).optional().meta({ description: 'a company id on either side' }),
  assignee: z.string().max(100).optional().meta({ description: "a user id, 'me', or 'none' for unassigned" }),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}).meta({ id: 'ReviewQueueQuery' });

const EventsQuerySchema = PaginationSchema.extend({
  limit: queryNumber(z.number().int().min(1).max(1000)).default(200),
});

const FeedQuerySchema = z
  .strictObject({
    since: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'default: when you last marked the feed seen' }),
    limit: queryNumber(z.number().int().min(1).max(500)).default(100),
  })
  .meta({ id: 'FeedQuery' });

const reviewAnswer = json(SuggestionReviewSchema, 'the suggestion with its review, as now written');
const conflictAnswer = json(
  ErrorSchema,
  'CONFLICT: the version you sent is not the current one, or the suggestion is in a state that does not allow it; nothing changed',
);

export const reviewRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'get',
      path: '/review-queue',
      tag: 'review',
      summary: "A facilitator's queue: suggestions in your regions, best score and largest impact first",
      description:
        'Open states by default; filter by state (comma-separated), kind, municipality, company, assignee ' +
        "('me', 'none' or a user id) and flagged (a listing changed since you last acted).",
      access: 'review.queue',
      query: ReviewQueueQuerySchema,
      answers: {
        200: json(
          z.object({
            items: z.array(SuggestionReviewSchema),
            limit: z.number(),
            offset: z.number(),
            hasMore: z.boolean(),
          }),
          'a page of the queue',
        ),
      },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getReviewQueue(deps, caller, q) }),
    },
    {
      method: 'get',
      path: '/suggestions/{id}',
      tag: 'review',
      summary: 'A suggestion with its review: state, version, answers, consent, readiness, outcome, flags',
      access: 'read',
      params: IdParams,
      answers: { 200: json(SuggestionReviewSchema, 'the suggestion') },
      handle: async ({ caller, params }) => ({
        status: 200,
        body: await getSuggestionReview(deps, caller, params['id']!),
      }),
    },
    {
      method: 'post',
      path: '/suggestions/{id}/transitions',
      tag: 'review',
      summary: 'Move a suggestion to another state, naming the version you saw',
      description:
        'suggested → under-review → introduced → negotiating → agreed → implemented (with its outcome), or ' +
        'rejected / declined (with a reason code) / withdrawn / expired. Facilitators of either site’s region ' +
        'and admins move suggestions; a business may only decline, for its own side. A stale version is ' +
        '409 and changes nothing.',
      access: 'review.transition',
      params: IdParams,
      body: TransitionSchema,
      limit: 'write',
      answers: { 200: reviewAnswer, 409: conflictAnswer },
      handle: async ({ caller, params, body }) => ({
        status: 200,
        body: await transitionSuggestion(deps, caller, params['id']!, body),
      }),
    },
    {
      method: 'post',
      path: '/suggestions/{id}/responses',
      tag: 'review',
      summary: "A business's answer: interested, or not interested with a reason",
      description:
        'Once both businesses are interested, each sees who the other is (a reveal event) and an introduced ' +
        'suggestion moves to negotiating; not interested declines it.',
      access: 'review.respond',
      params: IdParams,
      body: ResponseSchema,
      limit: 'write',
      answers: { 200: reviewAnswer, 409: conflictAnswer },
      handle: async ({ caller, params, body }) => ({
        status: 200,
        body: await respondToSuggestion(deps, caller, params['id']!, body),
      }),
    },
    {
      method: 'get',
      path: '/suggestions/{id}/events',
      tag: 'review',
      summary:
        "A suggestion's audit trail, in order: transitions, answers, reveals, notes, assignments, flags",
      description: 'Businesses read the events of their own suggestions, without the facilitators’ notes.',
      access: 'review.read',
      params: IdParams,
      query: EventsQuerySchema,
      answers: {
        200: json(
          z.object({ items: z.array(ReviewEventSchema), limit: z.number(), offset: z.number() }),
          'events, oldest first',
        ),
      },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: await suggestionEvents(deps, caller, params['id']!, q),
      }),
    },
    {
      method: 'post',
      path: '/suggestions/{id}/notes',
      tag: 'review',
      summary: "A facilitator's note on a suggestion (resolvesFlags clears its flags)",
      access: 'review.manage',
      params: IdParams,
      body: NoteSchema,
      limit: 'write',
      answers: { 200: reviewAnswer },
      handle: async ({ caller, params, body }) => ({
        status: 200,
        body: await addNote(deps, caller, params['id']!, body),
      }),
    },
    {
      method: 'get',
      path: '/suggestions/{id}/assignable',
      tag: 'review',
      summary: 'Who the suggestion may be assigned to: its regions’ facilitators and the admins, by name',
      description:
        'Exactly those POST /suggestions/{id}/assignment accepts: admins, and facilitators whose regions ' +
        'cover a site of the suggestion (national ones included), who can sign in now (not revoked, a token ' +
        'that has not expired). Each with id, name, role and regions; nothing else of them. For the ' +
        'facilitators who may assign the suggestion, and admins.',
      access: 'review.assignees',
      params: IdParams,
      query: PaginationSchema,
      answers: {
        200: json(
          z.object({
            items: z.array(AssigneeSchema),
            limit: z.number(),
            offset: z.number(),
            hasMore: z.boolean(),
          }),
          'a page of those it may be assigned to, by name',
        ),
      },
      handle: async ({ caller, params, query: q }) => ({
        status: 200,
        body: await assignableTo(deps, caller, params['id']!, q),
      }),
    },
    {
      method: 'post',
      path: '/suggestions/{id}/assignment',
      tag: 'review',
      summary: 'Assign a suggestion to a facilitator of its regions (or an admin), or unassign it (null)',
      description:
        'assigneeId must be one of those GET /suggestions/{id}/assignable lists; anyone else (another ' +
        'region’s facilitator, a business, a revoked or expired user) is 400 naming assigneeId.',
      access: 'review.manage',
      params: IdParams,
      body: AssignmentSchema,
      limit: 'write',
      answers: { 200: reviewAnswer, 409: conflictAnswer },
      handle: async ({ caller, params, body }) => ({
        status: 200,
        body: await assignSuggestion(deps, caller, params['id']!, body),
      }),
    },
    {
      method: 'post',
      path: '/suggestions/{id}/readiness',
      tag: 'review',
      summary: 'Record the readiness level (CORALIS ISRL 1-9, six dimensions optional) of a synergy in work',
      access: 'review.manage',
      params: IdParams,
      body: ReadinessSchema,
      limit: 'write',
      answers: { 200: reviewAnswer, 409: conflictAnswer },
      handle: async ({ caller, params, body }) => ({
        status: 200,
        body: await recordReadiness(deps, caller, params['id']!, body),
      }),
    },
    {
      method: 'post',
      path: '/suggestions/{id}/outcome',
      tag: 'review',
      summary: 'Change the realised exchange of an implemented suggestion: its end date, benefits, quantity',
      access: 'review.manage',
      params: IdParams,
      body: OutcomeChangeSchema,
      limit: 'write',
      answers: { 200: reviewAnswer, 409: conflictAnswer },
      handle: async ({ caller, params, body }) => ({
        status: 200,
        body: await changeOutcome(deps, caller, params['id']!, body),
      }),
    },
    {
      method: 'get',
      path: '/feed',
      tag: 'review',
      summary:
        'What awaits your answer (businesses) and what changed in your regions or companies since you last looked',
      access: 'review.read',
      query: FeedQuerySchema,
      answers: {
        200: json(
          z.object({
            awaiting: z.array(SuggestionReviewSchema),
            changes: z.array(ReviewEventSchema),
            since: z.string(),
            lastSeenAt: z.string().nullable(),
          }),
          'the feed',
        ),
      },
      handle: async ({ caller, query: q }) => ({ status: 200, body: await getFeed(deps, caller, q) }),
    },
    {
      method: 'post',
      path: '/feed/seen',
      tag: 'review',
      summary: 'Mark your feed seen up to a time (now by default)',
      access: 'review.read',
      body: FeedSeenSchema,
      bodyOptional: true,
      limit: 'write',
      answers: { 200: json(z.object({ lastSeenAt: z.string() }), 'recorded') },
      handle: async ({ caller, body }) => ({ status: 200, body: await markSeen(deps, caller, body) }),
    },
    {
      method: 'get',
      path: '/feedback',
      tag: 'review',
      summary: 'The adjustments the next run learns from decisions (the feedback rule), and whether it is on',
      access: 'matchRun.read',
      answers: {
        200: json(
          z.object({
            enabled: z.boolean(),
            configVersion: z.string(),
            version: z.string().nullable(),
            adjustments: z.array(
              z.object({
                group: z.enum(['pairing', 'distance']),
                kind: z.string(),
                offerFamily: z.string().optional(),
                needFamily: z.string().optional(),
                band: z.string().optional(),
                value: z.number(),
                rejections: z.number(),
                accepted: z.number(),
                reasons: z.record(z.string(), z.number()),
              }),
            ),
          }),
          'the learned adjustments',
        ),
      },
      handle: async ({ caller }) => ({ status: 200, body: await currentFeedback(deps, caller) }),
    },
  ]);

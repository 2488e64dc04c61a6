/**
 * The review workflow of a suggestion, from suggested to a running exchange: its states, the one
 * state machine that says which transitions exist and who may make each, and the shapes of what
 * people record along the way (reasons, readiness, the realised exchange). Pure: the service asks
 * it, the store writes what it allowed (docs/decisions/0011-review-workflow.md).
 *
 *   suggested → under-review → introduced → negotiating → agreed → implemented
 *   rejected (facilitator) from suggested, under-review or introduced; and from any open state:
 *   declined (a business, or a facilitator for it), withdrawn (facilitator), expired (facilitator)
 *
 * A suggestion no person has acted on has no review: its state is `suggested` while the matching
 * proposes it and `withdrawn` once the matching no longer does. Once a person acts, the state is
 * the review's own and no match run moves it.
 */
import { z } from 'zod';
import type { Role } from './caller.ts';
import { optionalText, text } from './fields.ts';

const isoDate = z.iso.date().meta({ description: 'ISO date, YYYY-MM-DD' });

/** The parties of a suggestion: its offer's and need's companies, and a chain's processor. */
export const REVIEW_SIDES = ['offer', 'need', 'processor'] as const;
export type ReviewSide = (typeof REVIEW_SIDES)[number];

export const REVIEW_STATES = [
  'suggested',
  'under-review',
  'introduced',
  'negotiating',
  'agreed',
  'implemented',
  'rejected',
  'declined',
  'withdrawn',
  'expired',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** States in which the synergy is still being worked on. */
export const OPEN_STATES: readonly ReviewState[] = [
  'suggested',
  'under-review',
  'introduced',
  'negotiating',
  'agreed',
];
/** States that end the synergy without an exchange. */
export const CLOSED_STATES: readonly ReviewState[] = ['rejected', 'declined', 'withdrawn', 'expired'];
/** States that count as a person accepting the suggestion (introduced or further along). */
export const ACCEPTED_STATES: readonly ReviewState[] = ['introduced', 'negotiating', 'agreed', 'implemented'];

export const REASON_CODES = [
  'distance',
  'quality',
  'quantity',
  'timing',
  'regulation',
  'price',
  'trust',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Who makes a transition: the roles that may, and whether a business must be a party to it. */
interface TransitionRule {
  from: readonly ReviewState[];
  roles: readonly Role[];
  /** A reason code is required (rejections and declines). */
  reason?: true;
  /** The realised exchange is required (implemented). */
  outcome?: true;
}

const FACILITATORS: readonly Role[] = ['facilitator', 'admin'];

/**
 * The transitions that exist, by target state. A business makes its own transitions through its
 * responses (interested / not interested): `declined` is the one it reaches, and the facilitator
 * may record a decline on a business's behalf.
 */
export const TRANSITIONS: Record<ReviewState, TransitionRule | null> = {
  suggested: null,
  'under-review': { from: ['suggested'], roles: FACILITATORS },
  introduced: { from: ['suggested', 'under-review'], roles: FACILITATORS },
  negotiating: { from: ['introduced'], roles: FACILITATORS },
  agreed: { from: ['negotiating'], roles: FACILITATORS },
  implemented: { from: ['agreed'], roles: FACILITATORS, outcome: true },
  rejected: { from: ['suggested', 'under-review', 'introduced'], roles: FACILITATORS, reason: true },
  declined: { from: OPEN_STATES, roles: ['business', ...FACILITATORS], reason: true },
  withdrawn: { from: OPEN_STATES, roles: FACILITATORS },
  expired: { from: OPEN_STATES, roles: FACILITATORS },
};

export type TransitionCheck =
  | { ok: true }
  | { ok: false; status: 'forbidden' | 'conflict' | 'invalid'; path: string; message: string };

/** Whether `role` may move a suggestion from `from` to `to` (with or without a reason / outcome). */
export function checkTransition(
  from: ReviewState,
  to: ReviewState,
  role: Role,
  given: { reason: boolean; outcome: boolean },
): TransitionCheck {
  const rule = TRANSITIONS[to];
  if (!rule) {
    return { ok: false, status: 'invalid', path: 'to', message: `no transition leads to '${to}'` };
  }
  if (!rule.roles.includes(role)) {
    return {
      ok: false,
      status: 'forbidden',
      path: 'to',
      message: `'${to}' is for: ${rule.roles.join(', ')}${role === 'business' && to !== 'declined' ? ' (a business answers with POST /suggestions/{id}/responses)' : ''}`,
    };
  }
  if (!rule.from.includes(from)) {
    const next = nextStates(from, role);
    return {
      ok: false,
      status: 'conflict',
      path: 'to',
      message: `a suggestion that is '${from}' cannot become '${to}'${next.length ? `; it can become: ${next.join(', ')}` : ' (it is closed)'}`,
    };
  }
  if (rule.reason && !given.reason) {
    return { ok: false, status: 'invalid', path: 'reason', message: `'${to}' needs a reason code` };
  }
  if (!rule.reason && given.reason && to !== 'withdrawn' && to !== 'expired') {
    return { ok: false, status: 'invalid', path: 'reason', message: `'${to}' takes no reason code` };
  }
  if (rule.outcome && !given.outcome) {
    return {
      ok: false,
      status: 'invalid',
      path: 'outcome',
      message: `'${to}' records the realised exchange: outcome is required`,
    };
  }
  if (!rule.outcome && given.outcome) {
    return { ok: false, status: 'invalid', path: 'outcome', message: `only 'implemented' takes an outcome` };
  }
  return { ok: true };
}

/** The states a role may move a suggestion to from `from`. */
export function nextStates(from: ReviewState, role: Role): ReviewState[] {
  return REVIEW_STATES.filter((to) => {
    const rule = TRANSITIONS[to];
    return Boolean(rule?.from.includes(from) && rule.roles.includes(role));
  });
}

// ---- What people record ---------------------------------------------------------------------

export const ReasonSchema = z
  .strictObject({
    code: z.enum(REASON_CODES),
    text: optionalText(2000).optional(),
  })
  .meta({ id: 'Reason', description: 'why a suggestion was rejected or declined' });
export type Reason = z.infer<typeof ReasonSchema>;

const note = optionalText(4000);
const version = z.number().int().min(0).max(1e9).meta({ description: 'the review version you saw' });

const benefit = z
  .strictObject({
    value: z.number().min(0).max(1e12),
    basis: z.enum(['measured', 'estimated']),
  })
  .meta({ description: 'a benefit the companies report, measured or estimated' });

export const BenefitsSchema = z
  .strictObject({
    costSavedNokPerYear: benefit.optional(),
    revenueNokPerYear: benefit.optional(),
    jobs: benefit.optional(),
  })
  .meta({ id: 'Benefits' });

export const OutcomeSchema = z
  .strictObject({
    quantityPerYear: z.number().positive().max(1e12).meta({ description: "in the suggestion's unit" }),
    quantityBasis: z.enum(['measured', 'estimated']),
    startDate: isoDate,
    endDate: isoDate.optional(),
    benefits: BenefitsSchema.optional(),
  })
  .refine((o) => o.endDate === undefined || o.endDate >= o.startDate, {
    path: ['endDate'],
    message: 'must not be before startDate',
  })
  .meta({ id: 'Outcome', description: 'the realised exchange' });
export type Outcome = z.infer<typeof OutcomeSchema>;

/** A later change to a realised exchange: its end date, its benefits, a corrected quantity. */
export const OutcomeChangeSchema = z
  .strictObject({
    version,
    endDate: isoDate.optional(),
    quantityPerYear: z.number().positive().max(1e12).optional(),
    quantityBasis: z.enum(['measured', 'estimated']).optional(),
    benefits: BenefitsSchema.optional(),
  })
  .meta({ id: 'OutcomeChange' });

export const TransitionSchema = z
  .strictObject({
    to: z.enum(REVIEW_STATES),
    version,
    note: note.optional(),
    reason: ReasonSchema.optional(),
    outcome: OutcomeSchema.optional(),
  })
  .meta({ id: 'Transition' });
export type TransitionInput = z.infer<typeof TransitionSchema>;

export const RESPONSES = ['interested', 'not-interested'] as const;
export type ResponseAnswer = (typeof RESPONSES)[number];

export const ResponseSchema = z
  .strictObject({
    answer: z.enum(RESPONSES),
    reason: ReasonSchema.optional().meta({ description: "required with 'not-interested'" }),
    note: note.optional(),
    side: z.enum(REVIEW_SIDES).optional().meta({
      description:
        "which side you answer for, needed only when you act for several of its companies ('processor': a chain's)",
    }),
  })
  .superRefine((r, ctx) => {
    if (r.answer === 'not-interested' && !r.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: "'not-interested' needs a reason code" });
    if (r.answer === 'interested' && r.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: "'interested' takes no reason" });
  })
  .meta({ id: 'Response' });
export type ResponseInput = z.infer<typeof ResponseSchema>;

export const NoteSchema = z
  .strictObject({
    text: text(4000),
    resolvesFlags: z.boolean().optional().meta({ description: "clears the suggestion's flags" }),
  })
  .meta({ id: 'Note' });

export const FeedSeenSchema = z
  .strictObject({
    until: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'default: now; a time in the future counts as now' }),
  })
  .meta({ id: 'FeedSeen' });

export const AssignmentSchema = z
  .strictObject({
    version,
    assigneeId: z
      .string()
      .min(1)
      .max(100)
      .nullable()
      .meta({ description: 'a facilitator or admin user id; null unassigns' }),
  })
  .meta({ id: 'Assignment' });

/**
 * The CORALIS Industrial Symbiosis Readiness Level (ISRL, 1-9) of a synergy, with its six
 * dimensions optional (each 1-9).
 */
export const READINESS_DIMENSIONS = [
  'technical',
  'economic',
  'regulatory',
  'organisational',
  'social',
  'environmental',
] as const;
const level = z.number().int().min(1).max(9);
export const ReadinessSchema = z
  .strictObject({
    version,
    level,
    dimensions: z
      .strictObject({
        technical: level.optional(),
        economic: level.optional(),
        regulatory: level.optional(),
        organisational: level.optional(),
        social: level.optional(),
        environmental: level.optional(),
      })
      .optional()
      .meta({ description: 'the six dimensions, each 1-9, all optional' }),
    note: note.optional(),
  })
  .meta({ id: 'Readiness' });

/** Readiness is recorded for a synergy being worked on with the companies. */
export const READINESS_STATES: readonly ReviewState[] = [
  'introduced',
  'negotiating',
  'agreed',
  'implemented',
];

// ---- Events ----------------------------------------------------------------------------------

export const EVENT_TYPES = [
  'transition',
  'response',
  'reveal',
  'note',
  'assignment',
  'readiness',
  'outcome',
  'flag',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The derived state of a suggestion no one has acted on. */
export const untouchedState = (matchStatus: string): ReviewState =>
  matchStatus === 'active' ? 'suggested' : 'withdrawn';

// ---- Records --------------------------------------------------------------------------------

/** What a review keeps of its suggestion from the first act on: enough to decide access and to
 * learn from it even after a listing is gone. */
export interface ReviewSnapshot {
  pairKey: string;
  kind: string;
  offerId: string;
  needId: string;
  offerCompanyId: string;
  needCompanyId: string;
  /** A chain's processor (matching/chains.ts): a third party who answers too. */
  processorCompanyId?: string;
  offerConfidentiality: string;
  needConfidentiality: string;
  /** Municipality and county codes of both sites. */
  regions: string[];
  offerFamily: string;
  needFamily: string;
  /** Distance band of the pair (matching/feedback.ts). */
  band: number;
}

export interface Readiness {
  level: number;
  dimensions?: Partial<Record<(typeof READINESS_DIMENSIONS)[number], number>>;
}

export type Interest = ResponseAnswer | null;

export interface ReviewRecord extends ReviewSnapshot {
  suggestionId: string;
  state: ReviewState;
  version: number;
  eventCount: number;
  assigneeId: string | null;
  offerInterest: Interest;
  needInterest: Interest;
  /** A chain's processor's answer; absent for a pair. */
  processorInterest?: Interest;
  revealedAt: string | null;
  readiness: Readiness | null;
  outcome: Outcome | null;
  flags: string[];
  reasonCode: ReasonCode | null;
  reasonText: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewEvent {
  id: string;
  suggestionId: string;
  seq: number;
  type: EventType;
  at: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  /** The token the actor signed in with (its maker is in the account): for facilitators and admins. */
  actorTokenId?: string;
  from?: ReviewState;
  to?: ReviewState;
  note?: string;
  reasonCode?: ReasonCode;
  reasonText?: string;
  /** What the event recorded beyond the above (a response's answer and side, readiness, outcome). */
  data?: Record<string, unknown>;
}

/** Who acts, as an event names them. */
export interface Actor {
  id: string;
  name: string;
  role: string;
  /** The token it signed in with; none for the system. */
  tokenId?: string;
}

/** The changes an act makes to a review and the events that record it. */
export interface ReviewChange {
  props: Partial<ReviewRecord>;
  events: Omit<ReviewEvent, 'id' | 'suggestionId' | 'seq' | 'at' | 'actorId' | 'actorName' | 'actorRole'>[];
}

/** The sides that answer a suggestion: offer and need, and a chain's processor. */
export const sidesOf = (review: Pick<ReviewSnapshot, 'processorCompanyId'>): ReviewSide[] =>
  review.processorCompanyId === undefined || review.processorCompanyId === null
    ? ['offer', 'need']
    : ['offer', 'need', 'processor'];

/** The company that answers for a side. */
export const companyOfSide = (review: ReviewSnapshot, side: ReviewSide): string | undefined =>
  side === 'offer'
    ? review.offerCompanyId
    : side === 'need'
      ? review.needCompanyId
      : review.processorCompanyId;

const INTEREST_KEY = {
  offer: 'offerInterest',
  need: 'needInterest',
  processor: 'processorInterest',
} as const satisfies Record<ReviewSide, keyof ReviewRecord>;

/**
 * A business's answer for one side: records it; `not-interested` declines the suggestion; once
 * every side is interested (both businesses of a pair, the three of a chain) the identities are
 * revealed (an event), and an introduced suggestion moves on to negotiating. Throws nothing:
 * `problem` says why the answer is refused.
 */
export function respond(
  review: ReviewRecord,
  side: ReviewSide,
  input: ResponseInput,
  now: string,
): ReviewChange | { problem: string; path: string } {
  if (!OPEN_STATES.includes(review.state)) {
    return { problem: `the suggestion is '${review.state}': it takes no more answers`, path: 'answer' };
  }
  if (input.answer === 'interested' && review.state === 'agreed') {
    return { problem: 'the suggestion is agreed already', path: 'answer' };
  }
  const props: Partial<ReviewRecord> = { [INTEREST_KEY[side]]: input.answer };
  const events: ReviewChange['events'] = [
    {
      type: 'response',
      ...(input.note ? { note: input.note } : {}),
      ...(input.reason ? { reasonCode: input.reason.code } : {}),
      ...(input.reason?.text ? { reasonText: input.reason.text } : {}),
      data: { answer: input.answer, side },
    },
  ];
  if (input.answer === 'not-interested') {
    props.state = 'declined';
    props.reasonCode = input.reason?.code ?? 'other';
    props.reasonText = input.reason?.text ?? null;
    events.push({
      type: 'transition',
      from: review.state,
      to: 'declined',
      reasonCode: props.reasonCode,
      ...(input.reason?.text ? { reasonText: input.reason.text } : {}),
    });
    return { props, events };
  }
  const others = sidesOf(review).filter((s) => s !== side);
  if (others.every((s) => review[INTEREST_KEY[s]] === 'interested') && review.revealedAt === null) {
    const all = others.length > 1;
    props.revealedAt = now;
    events.push({
      type: 'reveal',
      note: all
        ? 'all three businesses are interested: each now sees who the others are'
        : 'both businesses are interested: each now sees who the other is',
    });
    if (review.state === 'introduced') {
      props.state = 'negotiating';
      events.push({
        type: 'transition',
        from: 'introduced',
        to: 'negotiating',
        note: all ? 'all three businesses are interested' : 'both businesses are interested',
      });
    }
  }
  return { props, events };
}

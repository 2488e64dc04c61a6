/**
 * The review workflow's state machine and the shapes people record, pure (no store). The expected
 * transition table is written out by hand below, not read from TRANSITIONS, so that a change to
 * the machine fails here until the table (and the documentation) agree.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/domain/caller.ts';
import {
  AssignmentSchema,
  checkTransition,
  NoteSchema,
  nextStates,
  OutcomeSchema,
  REVIEW_STATES,
  ReadinessSchema,
  ResponseSchema,
  type ReviewRecord,
  type ReviewState,
  respond,
  TRANSITIONS,
  TransitionSchema,
  untouchedState,
} from '../../../src/domain/review.ts';

// ---- The documented table ------------------------------------------------------------------
//
//   suggested → under-review → introduced → negotiating → agreed → implemented
//   rejected   (facilitator)        from suggested, under-review, introduced
//   declined   (business or facilitator for it)   from any open state
//   withdrawn, expired (facilitator)              from any open state
//
// Facilitator and admin may make the same moves; a business only declines; an analyst moves
// nothing. Nothing leads back to `suggested`; closed states and `implemented` lead nowhere.

const FACILITATOR_MOVES: Record<ReviewState, ReviewState[]> = {
  suggested: ['under-review', 'introduced', 'rejected', 'declined', 'withdrawn', 'expired'],
  'under-review': ['introduced', 'rejected', 'declined', 'withdrawn', 'expired'],
  introduced: ['negotiating', 'rejected', 'declined', 'withdrawn', 'expired'],
  negotiating: ['agreed', 'declined', 'withdrawn', 'expired'],
  agreed: ['implemented', 'declined', 'withdrawn', 'expired'],
  implemented: [],
  rejected: [],
  declined: [],
  withdrawn: [],
  expired: [],
};

const BUSINESS_MOVES: Record<ReviewState, ReviewState[]> = {
  suggested: ['declined'],
  'under-review': ['declined'],
  introduced: ['declined'],
  negotiating: ['declined'],
  agreed: ['declined'],
  implemented: [],
  rejected: [],
  declined: [],
  withdrawn: [],
  expired: [],
};

const NO_MOVES: Record<ReviewState, ReviewState[]> = {
  suggested: [],
  'under-review': [],
  introduced: [],
  negotiating: [],
  agreed: [],
  implemented: [],
  rejected: [],
  declined: [],
  withdrawn: [],
  expired: [],
};

const MOVES: Record<Role, Record<ReviewState, ReviewState[]>> = {
  facilitator: FACILITATOR_MOVES,
  admin: FACILITATOR_MOVES,
  business: BUSINESS_MOVES,
  analyst: NO_MOVES,
};

/** The targets a role may reach from some state (else the role is forbidden that target). */
const WHO: Record<ReviewState, Role[]> = {
  suggested: [],
  'under-review': ['facilitator', 'admin'],
  introduced: ['facilitator', 'admin'],
  negotiating: ['facilitator', 'admin'],
  agreed: ['facilitator', 'admin'],
  implemented: ['facilitator', 'admin'],
  rejected: ['facilitator', 'admin'],
  declined: ['business', 'facilitator', 'admin'],
  withdrawn: ['facilitator', 'admin'],
  expired: ['facilitator', 'admin'],
};

const NEEDS_REASON: readonly ReviewState[] = ['rejected', 'declined'];
const NEEDS_OUTCOME: readonly ReviewState[] = ['implemented'];

/** What the transition table says of (from, to, role) when given exactly what `to` needs. */
function expected(
  from: ReviewState,
  to: ReviewState,
  role: Role,
): 'ok' | 'forbidden' | 'conflict' | 'invalid' {
  if (to === 'suggested') return 'invalid';
  if (!WHO[to].includes(role)) return 'forbidden';
  return MOVES[role][from].includes(to) ? 'ok' : 'conflict';
}

const needs = (to: ReviewState) => ({
  reason: NEEDS_REASON.includes(to),
  outcome: NEEDS_OUTCOME.includes(to),
});

describe('the transition table', () => {
  it('when the hand-written table is checked, then it covers every state and role', () => {
    expect(Object.keys(FACILITATOR_MOVES).sort()).toEqual([...REVIEW_STATES].sort());
    expect(Object.keys(WHO).sort()).toEqual([...REVIEW_STATES].sort());
    expect(Object.keys(MOVES).sort()).toEqual([...ROLES].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...REVIEW_STATES].sort());
    // WHO is consistent with the moves: a role reaches a target from some state iff it may.
    for (const role of ROLES) {
      for (const to of REVIEW_STATES) {
        const somewhere = REVIEW_STATES.some((from) => MOVES[role][from].includes(to));
        expect(somewhere, `${role} → ${to}`).toBe(WHO[to].includes(role));
      }
    }
  });

  describe.each(REVIEW_STATES)('to %s', (to) => {
    it.each(ROLES)('when a %s asks from every state, then the answer is the documented one', (role) => {
      const mismatches: string[] = [];
      for (const from of REVIEW_STATES) {
        const check = checkTransition(from, to, role, needs(to));
        const got = check.ok ? 'ok' : check.status;
        const want = expected(from, to, role);
        if (got !== want) mismatches.push(`${from} → ${to} as ${role}: ${got}, expected ${want}`);
        if (!check.ok && check.status !== 'invalid') expect(check.path).toBe('to');
      }
      expect(mismatches).toEqual([]);
    });
  });

  it.each(ROLES)(
    'when a %s asks where a suggestion can go, then nextStates lists the documented moves',
    (role) => {
      for (const from of REVIEW_STATES) {
        expect(nextStates(from, role).sort(), `${from} as ${role}`).toEqual([...MOVES[role][from]].sort());
      }
    },
  );
});

describe('checkTransition: forbidden, conflict, invalid', () => {
  const none = { reason: false, outcome: false };
  const reason = { reason: true, outcome: false };
  const outcome = { reason: false, outcome: true };

  it('when nothing leads to the target (suggested), then it is invalid on `to` for every role', () => {
    for (const role of ROLES) {
      expect(checkTransition('under-review', 'suggested', role, none)).toMatchObject({
        ok: false,
        status: 'invalid',
        path: 'to',
      });
    }
  });

  it('when a business asks for a facilitator move, then it is forbidden and told to answer instead', () => {
    const check = checkTransition('suggested', 'introduced', 'business', none);
    expect(check).toMatchObject({ ok: false, status: 'forbidden', path: 'to' });
    expect(!check.ok && check.message).toContain('/responses');
  });

  it('when an analyst asks to decline, then it is forbidden (the role, not the state)', () => {
    expect(checkTransition('suggested', 'declined', 'analyst', reason)).toMatchObject({
      ok: false,
      status: 'forbidden',
    });
  });

  it('when the role may not make the move and the state is wrong too, then forbidden wins over conflict', () => {
    expect(checkTransition('rejected', 'introduced', 'business', none)).toMatchObject({
      status: 'forbidden',
    });
  });

  it('when the state is wrong and the reason or outcome missing too, then conflict wins over invalid', () => {
    expect(checkTransition('suggested', 'implemented', 'facilitator', none)).toMatchObject({
      status: 'conflict',
    });
    expect(checkTransition('negotiating', 'rejected', 'facilitator', none)).toMatchObject({
      status: 'conflict',
    });
  });

  it('when the from-state is wrong, then the conflict names the states it can go to, or says it is closed', () => {
    const open = checkTransition('introduced', 'agreed', 'facilitator', none);
    expect(open).toMatchObject({ ok: false, status: 'conflict', path: 'to' });
    expect(!open.ok && open.message).toContain(
      'it can become: negotiating, rejected, declined, withdrawn, expired',
    );
    const closed = checkTransition('declined', 'withdrawn', 'facilitator', none);
    expect(closed).toMatchObject({ ok: false, status: 'conflict' });
    expect(!closed.ok && closed.message).toContain('(it is closed)');
  });

  it.each([
    ['suggested', 'rejected', 'facilitator'],
    ['introduced', 'rejected', 'admin'],
    ['negotiating', 'declined', 'business'],
    ['agreed', 'declined', 'facilitator'],
  ] as const)('when %s → %s as %s has no reason, then it is invalid on `reason`', (from, to, role) => {
    expect(checkTransition(from, to, role, none)).toMatchObject({
      ok: false,
      status: 'invalid',
      path: 'reason',
    });
    expect(checkTransition(from, to, role, reason)).toEqual({ ok: true });
  });

  it('when implemented has no outcome, then it is invalid on `outcome`', () => {
    expect(checkTransition('agreed', 'implemented', 'facilitator', none)).toMatchObject({
      ok: false,
      status: 'invalid',
      path: 'outcome',
    });
    expect(checkTransition('agreed', 'implemented', 'facilitator', outcome)).toEqual({ ok: true });
  });

  it.each([
    ['suggested', 'under-review'],
    ['under-review', 'introduced'],
    ['introduced', 'negotiating'],
    ['negotiating', 'agreed'],
  ] as const)('when %s → %s comes with a reason, then it is invalid on `reason`', (from, to) => {
    expect(checkTransition(from, to, 'facilitator', reason)).toMatchObject({
      ok: false,
      status: 'invalid',
      path: 'reason',
    });
  });

  it('when implemented comes with an outcome and a reason, then the reason is refused', () => {
    expect(checkTransition('agreed', 'implemented', 'admin', { reason: true, outcome: true })).toMatchObject({
      status: 'invalid',
      path: 'reason',
    });
  });

  it.each([
    ['negotiating', 'agreed', none],
    ['suggested', 'introduced', none],
    ['introduced', 'rejected', reason],
    ['agreed', 'declined', reason],
    ['agreed', 'withdrawn', none],
    ['negotiating', 'expired', none],
  ] as const)('when %s → %s comes with an outcome, then it is invalid on `outcome`', (from, to, given) => {
    expect(checkTransition(from, to, 'facilitator', { ...given, outcome: true })).toMatchObject({
      ok: false,
      status: 'invalid',
      path: 'outcome',
    });
  });

  it('when withdrawn or expired comes with a reason, then it is accepted (the reason is optional there)', () => {
    // The module lets a facilitator say why it withdraws or expires a suggestion; neither feeds
    // the learning loop (only rejected and declined do).
    expect(checkTransition('negotiating', 'withdrawn', 'facilitator', reason)).toEqual({ ok: true });
    expect(checkTransition('suggested', 'expired', 'admin', reason)).toEqual({ ok: true });
    expect(checkTransition('suggested', 'withdrawn', 'admin', none)).toEqual({ ok: true });
  });
});

// ---- respond ---------------------------------------------------------------------------------

const T0 = '2025-03-01T10:00:00.000Z';
const NOW = '2025-03-02T12:00:00.000Z';

const review = (over: Partial<ReviewRecord> = {}): ReviewRecord => ({
  pairKey: 'o1|n1',
  kind: 'material',
  offerId: 'o1',
  needId: 'n1',
  offerCompanyId: 'company-offer',
  needCompanyId: 'company-need',
  offerConfidentiality: 'confidential',
  needConfidentiality: 'public',
  regions: ['0301', '03'],
  offerFamily: 'LoW 10',
  needFamily: 'LoW 10',
  band: 1,
  suggestionId: 's1',
  state: 'suggested',
  version: 3,
  eventCount: 2,
  assigneeId: null,
  offerInterest: null,
  needInterest: null,
  revealedAt: null,
  readiness: null,
  outcome: null,
  flags: [],
  reasonCode: null,
  reasonText: null,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

describe('respond', () => {
  it('when one side says interested, then it is recorded without a reveal or a state change', () => {
    const r = review({ state: 'introduced' });
    const change = respond(r, 'offer', { answer: 'interested' }, NOW);
    expect(change).toEqual({
      props: { offerInterest: 'interested' },
      events: [{ type: 'response', data: { answer: 'interested', side: 'offer' } }],
    });
  });

  it('when the need side answers first, with a note, then only needInterest is set and the note is kept', () => {
    const change = respond(review(), 'need', { answer: 'interested', note: 'call us' }, NOW);
    expect(change).toEqual({
      props: { needInterest: 'interested' },
      events: [{ type: 'response', note: 'call us', data: { answer: 'interested', side: 'need' } }],
    });
  });

  it('when the second side of an introduced suggestion says interested, then both are revealed and it moves to negotiating', () => {
    const r = review({ state: 'introduced', offerInterest: 'interested' });
    const change = respond(r, 'need', { answer: 'interested' }, NOW);
    if ('problem' in change) throw new Error(change.problem);
    expect(change.props).toEqual({ needInterest: 'interested', revealedAt: NOW, state: 'negotiating' });
    expect(change.events.map((e) => e.type)).toEqual(['response', 'reveal', 'transition']);
    expect(change.events[2]).toMatchObject({ type: 'transition', from: 'introduced', to: 'negotiating' });
  });

  it.each(['suggested', 'under-review'] as const)(
    'when the second side of a %s suggestion says interested, then both are revealed and the state stays',
    (state) => {
      const r = review({ state, needInterest: 'interested' });
      const change = respond(r, 'offer', { answer: 'interested' }, NOW);
      if ('problem' in change) throw new Error(change.problem);
      expect(change.props).toEqual({ offerInterest: 'interested', revealedAt: NOW });
      expect(change.props.state).toBeUndefined();
      expect(change.events.map((e) => e.type)).toEqual(['response', 'reveal']);
    },
  );

  it('when both sides were revealed already and one answers interested again, then there is no second reveal', () => {
    for (const state of ['suggested', 'introduced', 'negotiating'] as const) {
      const r = review({ state, offerInterest: 'interested', needInterest: 'interested', revealedAt: T0 });
      const change = respond(r, 'need', { answer: 'interested' }, NOW);
      if ('problem' in change) throw new Error(change.problem);
      expect(change.props, state).toEqual({ needInterest: 'interested' });
      expect(change.events.map((e) => e.type)).toEqual(['response']);
    }
  });

  it('when a side says interested twice before the other answers, then nothing is revealed', () => {
    const r = review({ state: 'introduced', offerInterest: 'interested' });
    const change = respond(r, 'offer', { answer: 'interested' }, NOW);
    if ('problem' in change) throw new Error(change.problem);
    expect(change.props).toEqual({ offerInterest: 'interested' });
    expect(change.events.map((e) => e.type)).toEqual(['response']);
  });

  it('when a side says not-interested, then the suggestion is declined with the reason and a transition event', () => {
    const r = review({ state: 'introduced', needInterest: 'interested' });
    const change = respond(
      r,
      'offer',
      { answer: 'not-interested', reason: { code: 'distance', text: 'too far to truck' }, note: 'sorry' },
      NOW,
    );
    expect(change).toEqual({
      props: {
        offerInterest: 'not-interested',
        state: 'declined',
        reasonCode: 'distance',
        reasonText: 'too far to truck',
      },
      events: [
        {
          type: 'response',
          note: 'sorry',
          reasonCode: 'distance',
          reasonText: 'too far to truck',
          data: { answer: 'not-interested', side: 'offer' },
        },
        {
          type: 'transition',
          from: 'introduced',
          to: 'declined',
          reasonCode: 'distance',
          reasonText: 'too far to truck',
        },
      ],
    });
  });

  it('when not-interested has a reason code without text, then reasonText is null and no text is in the events', () => {
    const change = respond(
      review({ state: 'agreed' }),
      'need',
      { answer: 'not-interested', reason: { code: 'price' } },
      NOW,
    );
    if ('problem' in change) throw new Error(change.problem);
    expect(change.props).toEqual({
      needInterest: 'not-interested',
      state: 'declined',
      reasonCode: 'price',
      reasonText: null,
    });
    expect(change.events[1]).toEqual({
      type: 'transition',
      from: 'agreed',
      to: 'declined',
      reasonCode: 'price',
    });
  });

  it.each(['implemented', 'rejected', 'declined', 'withdrawn', 'expired'] as const)(
    'when the suggestion is %s, then it takes no answer',
    (state) => {
      const r = review({ state });
      expect(respond(r, 'offer', { answer: 'interested' }, NOW)).toMatchObject({ path: 'answer' });
      expect(
        respond(r, 'need', { answer: 'not-interested', reason: { code: 'quality' } }, NOW),
      ).toMatchObject({ path: 'answer', problem: expect.stringContaining(`'${state}'`) });
    },
  );

  it('when an agreed suggestion gets interested, then it is refused; not-interested still declines it', () => {
    const r = review({
      state: 'agreed',
      offerInterest: 'interested',
      needInterest: 'interested',
      revealedAt: T0,
    });
    expect(respond(r, 'offer', { answer: 'interested' }, NOW)).toMatchObject({ path: 'answer' });
    expect(respond(r, 'offer', { answer: 'not-interested', reason: { code: 'trust' } }, NOW)).toMatchObject({
      props: { state: 'declined', reasonCode: 'trust' },
    });
  });

  it('when respond is asked, then the review it was given is left as it was', () => {
    const r = review({ state: 'introduced', offerInterest: 'interested' });
    const before = structuredClone(r);
    respond(r, 'need', { answer: 'interested' }, NOW);
    expect(r).toEqual(before);
  });
});

describe('untouchedState', () => {
  it('when the matching still proposes the pair, then it is suggested; otherwise withdrawn', () => {
    expect(untouchedState('active')).toBe('suggested');
    expect(untouchedState('withdrawn')).toBe('withdrawn');
    expect(untouchedState('superseded')).toBe('withdrawn');
    expect(untouchedState('')).toBe('withdrawn');
  });
});

// ---- Schemas ---------------------------------------------------------------------------------

const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));

describe('TransitionSchema', () => {
  it('when a transition names a state and a version, then it parses', () => {
    expect(TransitionSchema.safeParse({ to: 'introduced', version: 0 }).success).toBe(true);
    expect(
      TransitionSchema.safeParse({ to: 'rejected', version: 4, reason: { code: 'quality', text: ' wet ' } })
        .data,
    ).toEqual({ to: 'rejected', version: 4, reason: { code: 'quality', text: 'wet' } });
  });

  it('when a field is unknown, here or in the reason, then it is refused', () => {
    expect(issuesOf(TransitionSchema.safeParse({ to: 'introduced', version: 0, by: 'me' }))).toEqual([
      { path: '', code: 'unrecognized_keys' },
    ]);
    expect(
      issuesOf(
        TransitionSchema.safeParse({ to: 'rejected', version: 0, reason: { code: 'price', why: 'x' } }),
      ),
    ).toEqual([{ path: 'reason', code: 'unrecognized_keys' }]);
  });

  it('when the state, the reason code or the version is not one there is, then it is refused', () => {
    expect(TransitionSchema.safeParse({ to: 'done', version: 0 }).success).toBe(false);
    expect(TransitionSchema.safeParse({ to: 'rejected', version: 0, reason: { code: 'ugly' } }).success).toBe(
      false,
    );
    expect(TransitionSchema.safeParse({ to: 'introduced', version: -1 }).success).toBe(false);
    expect(TransitionSchema.safeParse({ to: 'introduced', version: 1.5 }).success).toBe(false);
    expect(TransitionSchema.safeParse({ to: 'introduced' }).success).toBe(false);
  });
});

describe('ResponseSchema', () => {
  it('when not-interested comes without a reason, then it is refused on `reason`', () => {
    const r = ResponseSchema.safeParse({ answer: 'not-interested' });
    expect(issuesOf(r)).toEqual([{ path: 'reason', code: 'custom' }]);
  });

  it('when interested comes with a reason, then it is refused on `reason`', () => {
    const r = ResponseSchema.safeParse({ answer: 'interested', reason: { code: 'price' } });
    expect(issuesOf(r)).toEqual([{ path: 'reason', code: 'custom' }]);
  });

  it('when an answer is well formed, then it parses, with the side when given', () => {
    expect(ResponseSchema.safeParse({ answer: 'interested', side: 'need' }).success).toBe(true);
    expect(
      ResponseSchema.safeParse({ answer: 'not-interested', reason: { code: 'timing' }, note: 'next year' })
        .success,
    ).toBe(true);
  });

  it('when a field is unknown or the answer or side is not one there is, then it is refused', () => {
    expect(issuesOf(ResponseSchema.safeParse({ answer: 'interested', urgent: true }))).toEqual([
      { path: '', code: 'unrecognized_keys' },
    ]);
    expect(ResponseSchema.safeParse({ answer: 'maybe' }).success).toBe(false);
    expect(ResponseSchema.safeParse({ answer: 'interested', side: 'both' }).success).toBe(false);
  });
});

describe('OutcomeSchema', () => {
  const outcome = { quantityPerYear: 120, quantityBasis: 'estimated', startDate: '2025-04-01' };

  it('when an outcome is well formed, then it parses, with an end date on or after the start', () => {
    expect(OutcomeSchema.safeParse(outcome).success).toBe(true);
    expect(OutcomeSchema.safeParse({ ...outcome, endDate: '2025-04-01' }).success).toBe(true);
    expect(
      OutcomeSchema.safeParse({
        ...outcome,
        endDate: '2026-04-01',
        benefits: { costSavedNokPerYear: { value: 1e5, basis: 'measured' } },
      }).success,
    ).toBe(true);
  });

  it('when the end date is before the start date, then it is refused on `endDate`', () => {
    expect(issuesOf(OutcomeSchema.safeParse({ ...outcome, endDate: '2025-03-31' }))).toEqual([
      { path: 'endDate', code: 'custom' },
    ]);
  });

  it('when a field is unknown, here or in the benefits, then it is refused', () => {
    expect(issuesOf(OutcomeSchema.safeParse({ ...outcome, partner: 'x' }))).toEqual([
      { path: '', code: 'unrecognized_keys' },
    ]);
    expect(
      OutcomeSchema.safeParse({ ...outcome, benefits: { happiness: { value: 1, basis: 'measured' } } })
        .success,
    ).toBe(false);
  });

  it('when the quantity is not positive or a date not a date, then it is refused', () => {
    expect(OutcomeSchema.safeParse({ ...outcome, quantityPerYear: 0 }).success).toBe(false);
    expect(OutcomeSchema.safeParse({ ...outcome, startDate: '2025-13-01' }).success).toBe(false);
    expect(OutcomeSchema.safeParse({ ...outcome, startDate: '2025-04-01T00:00:00Z' }).success).toBe(false);
  });
});

describe('ReadinessSchema', () => {
  it.each([0, 10, 4.5, -1])('when the level is %s, then it is refused on `level`', (level) => {
    expect(issuesOf(ReadinessSchema.safeParse({ version: 1, level })).map((i) => i.path)).toEqual(['level']);
  });

  it.each([1, 9])('when the level is %s, then it parses', (level) => {
    expect(ReadinessSchema.safeParse({ version: 1, level }).success).toBe(true);
  });

  it('when a dimension is out of 1-9 or unknown, then it is refused', () => {
    expect(ReadinessSchema.safeParse({ version: 1, level: 3, dimensions: { technical: 4 } }).success).toBe(
      true,
    );
    expect(ReadinessSchema.safeParse({ version: 1, level: 3, dimensions: { technical: 10 } }).success).toBe(
      false,
    );
    expect(ReadinessSchema.safeParse({ version: 1, level: 3, dimensions: { spiritual: 4 } }).success).toBe(
      false,
    );
  });

  it('when a field is unknown, then it is refused', () => {
    expect(issuesOf(ReadinessSchema.safeParse({ version: 1, level: 3, isrl: 3 }))).toEqual([
      { path: '', code: 'unrecognized_keys' },
    ]);
  });
});

describe('AssignmentSchema and NoteSchema', () => {
  it('when an assignment names a user or null, then it parses; without assigneeId or with extras it is refused', () => {
    expect(AssignmentSchema.safeParse({ version: 2, assigneeId: 'u-7' }).success).toBe(true);
    expect(AssignmentSchema.safeParse({ version: 2, assigneeId: null }).success).toBe(true);
    expect(AssignmentSchema.safeParse({ version: 2 }).success).toBe(false);
    expect(AssignmentSchema.safeParse({ version: 2, assigneeId: '' }).success).toBe(false);
    expect(issuesOf(AssignmentSchema.safeParse({ version: 2, assigneeId: null, region: '03' }))).toEqual([
      { path: '', code: 'unrecognized_keys' },
    ]);
  });

  it('when a note is blank it is refused; otherwise trimmed; unknown fields are refused', () => {
    expect(NoteSchema.safeParse({ text: '   ' }).success).toBe(false);
    expect(NoteSchema.safeParse({ text: '  called both  ', resolvesFlags: true }).data).toEqual({
      text: 'called both',
      resolvesFlags: true,
    });
    expect(issuesOf(NoteSchema.safeParse({ text: 'x', pinned: true }))).toEqual([
      { path: '', code: 'unrecognized_keys' },
    ]);
  });
});

describe('respond, for a chain through a processor (three sides)', () => {
  const chain = (over: Partial<ReviewRecord> = {}) =>
    review({ processorCompanyId: 'company-processor', state: 'introduced', ...over });

  it('when two of the three businesses are interested, then nothing is revealed yet', () => {
    const change = respond(
      chain({ offerInterest: 'interested' }),
      'processor',
      { answer: 'interested' },
      NOW,
    );
    if ('problem' in change) throw new Error(change.problem);
    expect(change.props).toEqual({ processorInterest: 'interested' });
  });

  it('when the third says interested, then all three are revealed and it moves to negotiating', () => {
    const r = chain({ offerInterest: 'interested', processorInterest: 'interested' });
    const change = respond(r, 'need', { answer: 'interested' }, NOW);
    if ('problem' in change) throw new Error(change.problem);
    expect(change.props).toEqual({ needInterest: 'interested', revealedAt: NOW, state: 'negotiating' });
    expect(change.events[1]).toMatchObject({
      type: 'reveal',
      note: 'all three businesses are interested: each now sees who the others are',
    });
  });

  it('when the processor is not interested, then the chain is declined for everyone', () => {
    const change = respond(
      chain(),
      'processor',
      { answer: 'not-interested', reason: { code: 'quality' } },
      NOW,
    );
    if ('problem' in change) throw new Error(change.problem);
    expect(change.props).toMatchObject({ processorInterest: 'not-interested', state: 'declined' });
  });
});

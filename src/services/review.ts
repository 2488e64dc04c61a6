/**
 * The review workflow as use-cases: reading a suggestion with its review, the review queue,
 * transitions, businesses' answers (and the consent that reveals identities), notes,
 * assignments (and who may be assigned), readiness, the realised exchange, the audit trail and the
 * feed. The rules are in domain/review.ts; the transaction that serialises acts on one suggestion is
 * in store/review-store.ts. Match runs never call any of this.
 */
import { inRegions, type ListingAccess, listingAccess, mayBeAssigned } from '../domain/access.ts';
import { type Caller, SYSTEM, type UserCaller } from '../domain/caller.ts';
import { presentSuggestion } from '../domain/presentation.ts';
import { regionName } from '../domain/regions.ts';
import {
  type Actor,
  AssignmentSchema,
  CLOSED_STATES,
  checkTransition,
  companyOfSide,
  FeedSeenSchema,
  NoteSchema,
  nextStates,
  OPEN_STATES,
  OutcomeChangeSchema,
  READINESS_STATES,
  REVIEW_STATES,
  ReadinessSchema,
  ResponseSchema,
  type ReviewChange,
  type ReviewEvent,
  type ReviewRecord,
  type ReviewSide,
  type ReviewSnapshot,
  type ReviewState,
  respond,
  sidesOf,
  TransitionSchema,
  untouchedState,
} from '../domain/review.ts';
import type { UnallocatedReason } from '../domain/suggestion.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, conflict, notFound, validationError } from '../errors.ts';
import { unallocatedReason } from '../matching/allocation/unallocated.ts';
import { distanceBand, resourceFamily } from '../matching/feedback.ts';
import { getCompany } from '../store/company-store.ts';
import { type ListingWithFacts, listingsByIds } from '../store/listing-store.ts';
import { fromSuggestionRecord, promisedOfListings, suggestionDistanceKm } from '../store/match-store.ts';
import {
  actOnReview,
  awaitingAnswer,
  companyNames,
  eventsOf,
  feedEvents,
  feedSeenAt,
  markFeedSeen,
  type QueueFilter,
  reviewContext,
  reviewQueue,
} from '../store/review-store.ts';
import { type Assignable, assignableUsers } from '../store/user-store.ts';
import { requireRole } from './authorize.ts';
import type { Deps } from './deps.ts';
import { forgetFeedback } from './feedback.ts';
import { consented, processorOf, type VisibleSuggestion } from './suggestions.ts';

/** A suggestion with its review, as a caller may see it. */
export interface SuggestionReview {
  id: string;
  state: ReviewState;
  /** The version a transition or another act must name. */
  version: number;
  /** What the matching says of the pair now: active, or withdrawn (no longer proposed). */
  matchStatus: string;
  kind: string;
  score: number;
  /** null: not quantified (a factor is missing). */
  co2eAvoidedT: number | null;
  /** The suggestion as you may see it; null once one of its listings is gone. */
  suggestion: VisibleSuggestion | null;
  /** The companies of every side, for those who may know them (after consent, for a business). */
  parties: { offer: Party | null; need: Party | null; processor?: Party | null };
  /** Which side(s) you answer for, as a business. */
  yourSides: ReviewSide[];
  interest: { offer: string | null; need: string | null; processor?: string | null };
  revealed: boolean;
  revealedAt: string | null;
  assigneeId: string | null;
  readiness: ReviewRecord['readiness'];
  outcome: ReviewRecord['outcome'];
  reason: { code: string; text?: string } | null;
  flags: string[];
  /** The states you may move it to now. */
  nextStates: ReviewState[];
  updatedAt: string | null;
  /**
   * Why nothing is allocated to it (matching/allocation/unallocated.ts); null when something is,
   * or it is no longer proposed. Given by getSuggestionReview only.
   */
  unallocated?: UnallocatedReason | null;
}

interface Party {
  companyId: string;
  name: string;
}

/** Who stands where towards one suggestion. */
interface Standing {
  suggestion: Record<string, unknown>;
  review: ReviewRecord | null;
  snapshot: ReviewSnapshot;
  offer: ListingWithFacts | undefined;
  need: ListingWithFacts | undefined;
  /** A chain's processor listings; undefined for a pair (or once one is gone). */
  processor: { need: ListingWithFacts; offer: ListingWithFacts } | undefined;
  /** Sides the caller answers for (a business acting for that side's company). */
  sides: ReviewSide[];
  /** A facilitator of one of the sites' regions, or an admin. */
  facilitates: boolean;
  state: ReviewState;
  version: number;
}

const actorOf = (caller: UserCaller): Actor => ({
  id: caller.userId,
  name: caller.name,
  role: caller.role,
  ...(caller.tokenId === SYSTEM.tokenId ? {} : { tokenId: caller.tokenId }),
});

/** Which token acted is for those who manage accounts (facilitators, admins), not for businesses. */
const withoutToken = ({ actorTokenId: _, ...event }: ReviewEvent): ReviewEvent => event;

function snapshotOf(
  sg: Record<string, unknown>,
  offer: ListingWithFacts,
  need: ListingWithFacts,
  processor: { need: ListingWithFacts; offer: ListingWithFacts } | undefined,
): ReviewSnapshot {
  const through = processor ? [...processor.need.facts.regions, ...processor.offer.facts.regions] : [];
  return {
    pairKey: sg['pairKey'] as string,
    kind: sg['kind'] as string,
    offerId: offer.listing.id,
    needId: need.listing.id,
    offerCompanyId: offer.listing.companyId,
    needCompanyId: need.listing.companyId,
    ...(processor ? { processorCompanyId: processor.need.listing.companyId } : {}),
    offerConfidentiality: offer.listing.confidentiality,
    needConfidentiality: need.listing.confidentiality,
    // A chain's processor site counts: its facilitators move the chain too.
    regions: [...new Set([...offer.facts.regions, ...need.facts.regions, ...through])],
    offerFamily: resourceFamily(offer.listing),
    needFamily: resourceFamily(need.listing),
    band: distanceBand(suggestionDistanceKm(sg)),
  };
}

/** The access a caller has to one suggestion: a business party sees the other side once revealed. */
function accessFor(caller: Caller, st: Pick<Standing, 'review'>): ListingAccess {
  return consented(listingAccess(caller), st.review);
}

/**
 * Where the caller stands towards a suggestion; NOT_FOUND when it may not see it (or it is not
 * published). With both listings present, visibility is the access policy's; once a listing is
 * gone, only the parties, the facilitators of its regions and admins see what the review kept.
 */
async function standing(deps: Deps, caller: Caller, id: string): Promise<Standing> {
  const ctx = await reviewContext(deps.store, id);
  if (!ctx || caller.kind === 'public') throw notFound('suggestion', id);
  const listings = await listingsByIds(deps.store, listingIdsOfNode(ctx.suggestion));
  const st = standingOf(caller, ctx.suggestion, ctx.review, listings);
  if (!st) throw notFound('suggestion', id);
  return st;
}

/** The listings a stored suggestion names: offer and need, and a chain's processor need and offer. */
function listingIdsOfNode(sg: Record<string, unknown>): string[] {
  const ids = [sg['offerId'] as string, sg['needId'] as string];
  if (typeof sg['processorNeedId'] === 'string')
    ids.push(sg['processorNeedId'], sg['processorOfferId'] as string);
  return ids;
}

/** A chain's processor listings, read with the others; undefined for a pair or when one is gone. */
function processorListings(
  sg: Record<string, unknown>,
  listings: Map<string, ListingWithFacts>,
): { need: ListingWithFacts; offer: ListingWithFacts } | undefined {
  if (typeof sg['processorNeedId'] !== 'string') return undefined;
  return processorOf(
    {
      chain: { processorNeedId: sg['processorNeedId'], processorOfferId: sg['processorOfferId'] as string },
    } as Parameters<typeof processorOf>[0],
    listings,
  );
}

/** Where the caller stands, from what is read already; null when it may not see the suggestion. */
function standingOf(
  caller: Caller,
  sg: Record<string, unknown>,
  review: ReviewRecord | null,
  listings: Map<string, ListingWithFacts>,
): Standing | null {
  if (caller.kind === 'public') return null;
  const offer = listings.get(sg['offerId'] as string);
  const need = listings.get(sg['needId'] as string);
  const processor = processorListings(sg, listings);
  const chain = typeof sg['processorNeedId'] === 'string';
  const whole = offer && need && (!chain || processor);
  const snapshot = whole ? snapshotOf(sg, offer, need, processor) : review;
  if (!snapshot) return null;
  const sides: ReviewSide[] = [];
  if (caller.role === 'business') {
    for (const side of sidesOf(snapshot)) {
      const company = companyOfSide(snapshot, side);
      if (company !== undefined && caller.companyIds.includes(company)) sides.push(side);
    }
  }
  const facilitates =
    caller.role === 'admin' || (caller.role === 'facilitator' && inRegions(caller, snapshot.regions));
  const st: Standing = {
    suggestion: sg,
    review,
    snapshot,
    offer,
    need,
    processor,
    sides,
    facilitates,
    state: review?.state ?? untouchedState(sg['status'] as string),
    version: review?.version ?? 0,
  };
  const visible = whole
    ? presentSuggestion(accessFor(caller, st), fromSuggestionRecord(sg), offer, need, processor) !== null
    : facilitates || sides.length > 0;
  return visible ? st : null;
}

/** Many suggestions' standings at once (a queue page, the feed): one read of their listings. */
async function standingsOf(
  deps: Deps,
  caller: Caller,
  rows: { suggestion: Record<string, unknown>; review: ReviewRecord | null }[],
): Promise<Standing[]> {
  const ids = rows.flatMap((r) => listingIdsOfNode(r.suggestion));
  const listings = await listingsByIds(deps.store, [...new Set(ids)]);
  return rows
    .map((r) => standingOf(caller, r.suggestion, r.review, listings))
    .filter((st): st is Standing => st !== null);
}

/** Views of many standings, with the company names they may show read in one query. */
async function viewsOf(deps: Deps, caller: Caller, standings: Standing[]): Promise<SuggestionReview[]> {
  const companyIds = standings.flatMap((st) =>
    sidesOf(st.snapshot).map((side) => companyOfSide(st.snapshot, side)!),
  );
  const names = await companyNames(deps.store, [...new Set(companyIds)]);
  return Promise.all(standings.map((st) => viewOf(deps, caller, st, names)));
}

async function partyOf(deps: Deps, companyId: string, names?: Map<string, string>): Promise<Party | null> {
  if (names) {
    const name = names.get(companyId);
    return name === undefined ? null : { companyId, name };
  }
  const c = await getCompany(deps.store, companyId);
  return c ? { companyId, name: c.company.name } : null;
}

async function viewOf(
  deps: Deps,
  caller: Caller,
  st: Standing,
  names?: Map<string, string>,
): Promise<SuggestionReview> {
  const sg = st.suggestion;
  const r = st.review;
  const access = accessFor(caller, st);
  let suggestion: VisibleSuggestion | null = null;
  if (st.offer && st.need) {
    const { pairKey: _p, offerId: _o, needId: _n, ...rest } = fromSuggestionRecord(sg);
    const shown = presentSuggestion(access, rest, st.offer, st.need, st.processor);
    suggestion = shown ? { ...shown, reviewState: st.state } : null;
  }
  const identified = (side: ReviewSide) => {
    if (st.facilitates) return true;
    if (st.sides.includes(side)) return true;
    if (r?.revealedAt && st.sides.length > 0) return true;
    const shown =
      side === 'offer' ? suggestion?.offer : side === 'need' ? suggestion?.need : suggestion?.processor?.need;
    return shown !== undefined && !shown.anonymised;
  };
  const chain = st.snapshot.processorCompanyId !== undefined && st.snapshot.processorCompanyId !== null;
  const [offerParty, needParty, processorParty] = await Promise.all([
    identified('offer') ? partyOf(deps, st.snapshot.offerCompanyId, names) : null,
    identified('need') ? partyOf(deps, st.snapshot.needCompanyId, names) : null,
    chain && identified('processor') ? partyOf(deps, st.snapshot.processorCompanyId!, names) : null,
  ]);
  const role = caller.kind === 'user' ? caller.role : null;
  const next =
    role === null
      ? []
      : role === 'business'
        ? st.sides.length > 0
          ? nextStates(st.state, role)
          : []
        : st.facilitates
          ? nextStates(st.state, role)
          : [];
  return {
    id: sg['id'] as string,
    state: st.state,
    version: st.version,
    matchStatus: sg['status'] as string,
    kind: sg['kind'] as string,
    score: suggestion?.score ?? (sg['score'] as number),
    co2eAvoidedT: suggestion ? suggestion.co2eAvoidedT : ((sg['co2eAvoidedT'] as number | undefined) ?? null),
    suggestion,
    parties: { offer: offerParty, need: needParty, ...(chain ? { processor: processorParty } : {}) },
    yourSides: st.sides,
    interest: {
      offer: r?.offerInterest ?? null,
      need: r?.needInterest ?? null,
      ...(chain ? { processor: r?.processorInterest ?? null } : {}),
    },
    revealed: Boolean(r?.revealedAt),
    revealedAt: r?.revealedAt ?? null,
    assigneeId: r?.assigneeId ?? null,
    readiness: r?.readiness ?? null,
    outcome: r?.outcome ?? null,
    reason: r?.reasonCode ? { code: r.reasonCode, ...(r.reasonText ? { text: r.reasonText } : {}) } : null,
    flags: r?.flags ?? [],
    nextStates: next,
    updatedAt: r?.updatedAt ?? null,
  };
}

/** A suggestion with its review state, as the caller may see it. */
export async function getSuggestionReview(deps: Deps, caller: Caller, id: string): Promise<SuggestionReview> {
  requireRole(caller, 'read', 'read suggestions');
  const st = await standing(deps, caller, id);
  const view = await viewOf(deps, caller, st);
  return { ...view, unallocated: await whyUnallocated(deps, st) };
}

/** Why an active suggestion has nothing allocated, from what its listings' pairs are promised. */
async function whyUnallocated(deps: Deps, st: Standing): Promise<UnallocatedReason | null> {
  const sg = st.suggestion;
  // A chain is not allocated: its links are, as pairs.
  if (sg['status'] !== 'active' || typeof sg['processorNeedId'] === 'string') return null;
  const allocated = (sg['allocatedQuantity'] as number | null | undefined) ?? null;
  if (allocated !== null && allocated > 0) return null;
  const offerId = sg['offerId'] as string;
  const needId = sg['needId'] as string;
  const promised = allocated === null ? new Map() : await promisedOfListings(deps.store, [offerId, needId]);
  return unallocatedReason(allocated, promised.get(offerId), promised.get(needId));
}

function requireFacilitates(st: Standing, id: string, doing: string): void {
  if (!st.facilitates) {
    throw new AppError('FORBIDDEN', `you may not ${doing} suggestion '${id}'`, [
      {
        path: 'authorization',
        message: 'facilitators act on suggestions with a site in their regions; admins on any',
      },
    ]);
  }
}

const staleReview = (id: string, current: number, seen: number) =>
  conflict(`suggestion '${id}' has changed since you read it`, [
    {
      path: 'version',
      message: `you sent version ${seen}; the current version is ${current}: read it again`,
    },
  ]);

/** Runs an act on a suggestion's review in one locked transaction; `decide` may throw to refuse it. */
async function act(
  deps: Deps,
  caller: UserCaller,
  st: Standing,
  decide: (current: ReviewRecord) => ReviewChange,
): Promise<{ review: ReviewRecord; events: ReviewEvent[] }> {
  const id = st.suggestion['id'] as string;
  const done = await actOnReview(
    deps.store,
    id,
    st.snapshot,
    actorOf(caller),
    deps.now().toISOString(),
    decide,
  );
  if (!done) throw notFound('suggestion', id);
  if (done.events.some((e) => e.type === 'transition')) forgetFeedback();
  return done;
}

async function reread(deps: Deps, caller: Caller, id: string): Promise<SuggestionReview> {
  return viewOf(deps, caller, await standing(deps, caller, id));
}

/** Moves a suggestion to another state; the body names the version it saw. */
export async function transitionSuggestion(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
): Promise<SuggestionReview> {
  requireRole(caller, 'review.transition', 'move suggestions through the review');
  const input = parseOrThrow(TransitionSchema, body, 'transition');
  const st = await standing(deps, caller, id);
  const user = caller as UserCaller;
  if (user.role === 'business') {
    // A business declines through its answer; it may only decline, for its own side.
    if (st.sides.length === 0) throw notFound('suggestion', id);
  } else requireFacilitates(st, id, 'move');
  await act(deps, user, st, (current) => {
    if (current.version !== input.version) throw staleReview(id, current.version, input.version);
    const check = checkTransition(current.state, input.to, user.role, {
      reason: input.reason !== undefined,
      outcome: input.outcome !== undefined,
    });
    if (!check.ok) {
      const detail = [{ path: check.path, message: check.message }];
      if (check.status === 'forbidden') throw new AppError('FORBIDDEN', check.message, detail);
      if (check.status === 'conflict') throw conflict(check.message, detail);
      throw validationError(check.message, detail);
    }
    if (user.role === 'business') {
      const side = st.sides[0]!;
      const change = respond(
        current,
        side,
        {
          answer: 'not-interested',
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.note ? { note: input.note } : {}),
        },
        deps.now().toISOString(),
      );
      if ('problem' in change)
        throw conflict(change.problem, [{ path: change.path, message: change.problem }]);
      return change;
    }
    const props: Partial<ReviewRecord> = { state: input.to, flags: [] };
    if (input.reason) {
      props.reasonCode = input.reason.code;
      props.reasonText = input.reason.text ?? null;
    }
    if (input.outcome) props.outcome = input.outcome;
    const events: ReviewChange['events'] = [
      {
        type: 'transition',
        from: current.state,
        to: input.to,
        ...(input.note ? { note: input.note } : {}),
        ...(input.reason ? { reasonCode: input.reason.code } : {}),
        ...(input.reason?.text ? { reasonText: input.reason.text } : {}),
        ...(input.outcome ? { data: { outcome: input.outcome } } : {}),
      },
    ];
    // Both businesses said yes before the introduction: it goes straight on to negotiating.
    if (input.to === 'introduced' && current.revealedAt !== null) {
      props.state = 'negotiating';
      events.push({
        type: 'transition',
        from: 'introduced',
        to: 'negotiating',
        note: 'both businesses are interested',
      });
    }
    return { props, events };
  });
  return reread(deps, caller, id);
}

/** A business's answer to a suggestion of one of its companies. */
export async function respondToSuggestion(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
): Promise<SuggestionReview> {
  requireRole(caller, 'review.respond', 'answer suggestions');
  const input = parseOrThrow(ResponseSchema, body, 'response');
  const st = await standing(deps, caller, id);
  if (st.sides.length === 0) throw notFound('suggestion', id);
  const side = input.side ?? (st.sides.length === 1 ? st.sides[0]! : undefined);
  if (!side) {
    throw validationError('say which side you answer for', [
      { path: 'side', message: 'you act for both companies of this suggestion: offer or need' },
    ]);
  }
  if (!st.sides.includes(side)) {
    throw new AppError('FORBIDDEN', `you do not act for the ${side} side of suggestion '${id}'`, [
      { path: 'side', message: `you answer for: ${st.sides.join(', ')}` },
    ]);
  }
  await act(deps, caller as UserCaller, st, (current) => {
    const change = respond(current, side, input, deps.now().toISOString());
    if ('problem' in change) throw conflict(change.problem, [{ path: change.path, message: change.problem }]);
    return change;
  });
  return reread(deps, caller, id);
}

/** A facilitator's note; `resolvesFlags` clears the suggestion's flags. */
export async function addNote(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
): Promise<SuggestionReview> {
  requireRole(caller, 'review.manage', 'add notes to suggestions');
  const input = parseOrThrow(NoteSchema, body, 'note');
  const st = await standing(deps, caller, id);
  requireFacilitates(st, id, 'add a note to');
  await act(deps, caller as UserCaller, st, () => ({
    props: input.resolvesFlags ? { flags: [] } : {},
    events: [
      { type: 'note', note: input.text, ...(input.resolvesFlags ? { data: { resolvesFlags: true } } : {}) },
    ],
  }));
  return reread(deps, caller, id);
}

/** A facilitator or admin a suggestion may be assigned to: who it is and where it works, nothing more. */
export interface Assignee {
  id: string;
  name: string;
  role: 'facilitator' | 'admin';
  /** The regions it covers, with their names; 'all' for admins and national facilitators. */
  regions: { code: string; name: string }[] | 'all';
}

const assigneeOf = (deps: Deps, user: Assignable): Assignee => ({
  id: user.id,
  name: user.name,
  role: user.role === 'admin' ? 'admin' : 'facilitator',
  regions:
    user.role === 'admin' || user.regions.includes('all')
      ? 'all'
      : user.regions.map((code) => ({ code, name: regionName(deps.regions, code) ?? code })),
});

/**
 * Who a suggestion may be assigned to, by name: the admins and the facilitators of its regions who
 * can act now (not disabled, a token neither revoked nor expired), exactly those the assignment
 * accepts. For those who may assign it.
 */
export async function assignableTo(
  deps: Deps,
  caller: Caller,
  id: string,
  page: { offset: number; limit: number },
): Promise<{ items: Assignee[]; offset: number; limit: number; hasMore: boolean }> {
  requireRole(caller, 'review.assignees', 'list who suggestions may be assigned to');
  const st = await standing(deps, caller, id);
  requireFacilitates(st, id, 'assign');
  const fitting = (await assignableUsers(deps.store, deps.now().toISOString())).filter((u) =>
    mayBeAssigned(u, st.snapshot.regions),
  );
  return {
    items: fitting.slice(page.offset, page.offset + page.limit).map((u) => assigneeOf(deps, u)),
    offset: page.offset,
    limit: page.limit,
    hasMore: fitting.length > page.offset + page.limit,
  };
}

/**
 * Assigns a suggestion to one of those `assignableTo` lists (a facilitator of its regions or an
 * admin, who can act now), or unassigns it.
 */
export async function assignSuggestion(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
): Promise<SuggestionReview> {
  requireRole(caller, 'review.manage', 'assign suggestions');
  const input = parseOrThrow(AssignmentSchema, body, 'assignment');
  const st = await standing(deps, caller, id);
  requireFacilitates(st, id, 'assign');
  if (input.assigneeId !== null) {
    const [user] = await assignableUsers(deps.store, deps.now().toISOString(), input.assigneeId);
    if (!user || !mayBeAssigned(user, st.snapshot.regions)) {
      throw validationError('assignment is not valid', [
        {
          path: 'assigneeId',
          message:
            "must be a facilitator of one of the suggestion's regions, or an admin, who can sign in now " +
            '(GET /suggestions/{id}/assignable lists them)',
        },
      ]);
    }
  }
  await act(deps, caller as UserCaller, st, (current) => {
    if (current.version !== input.version) throw staleReview(id, current.version, input.version);
    return {
      props: { assigneeId: input.assigneeId },
      events: [{ type: 'assignment', data: { from: current.assigneeId, to: input.assigneeId } }],
    };
  });
  return reread(deps, caller, id);
}

/** Records the readiness level (CORALIS ISRL 1-9) of a synergy being worked on. */
export async function recordReadiness(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
): Promise<SuggestionReview> {
  requireRole(caller, 'review.manage', 'record readiness');
  const input = parseOrThrow(ReadinessSchema, body, 'readiness');
  const st = await standing(deps, caller, id);
  requireFacilitates(st, id, 'record readiness of');
  await act(deps, caller as UserCaller, st, (current) => {
    if (current.version !== input.version) throw staleReview(id, current.version, input.version);
    if (!READINESS_STATES.includes(current.state)) {
      throw conflict(`readiness is recorded once a suggestion is introduced; it is '${current.state}'`, [
        { path: 'level', message: `allowed in: ${READINESS_STATES.join(', ')}` },
      ]);
    }
    const readiness = { level: input.level, ...(input.dimensions ? { dimensions: input.dimensions } : {}) };
    return {
      props: { readiness },
      events: [{ type: 'readiness', ...(input.note ? { note: input.note } : {}), data: readiness }],
    };
  });
  return reread(deps, caller, id);
}

/** Changes the realised exchange of an implemented suggestion: its end, benefits, or quantity. */
export async function changeOutcome(
  deps: Deps,
  caller: Caller,
  id: string,
  body: unknown,
): Promise<SuggestionReview> {
  requireRole(caller, 'review.manage', 'record outcomes');
  const input = parseOrThrow(OutcomeChangeSchema, body, 'outcome');
  const st = await standing(deps, caller, id);
  requireFacilitates(st, id, 'record the outcome of');
  await act(deps, caller as UserCaller, st, (current) => {
    if (current.version !== input.version) throw staleReview(id, current.version, input.version);
    if (current.state !== 'implemented' || !current.outcome) {
      throw conflict(`an outcome is changed once a suggestion is implemented; it is '${current.state}'`, [
        { path: 'version', message: "move it to 'implemented' with its outcome first" },
      ]);
    }
    const { version: _v, ...changes } = input;
    const outcome = { ...current.outcome, ...changes };
    if (outcome.endDate !== undefined && outcome.endDate < outcome.startDate) {
      throw validationError('outcome is not valid', [
        { path: 'endDate', message: 'must not be before startDate' },
      ]);
    }
    return { props: { outcome }, events: [{ type: 'outcome', data: changes }] };
  });
  return reread(deps, caller, id);
}

/** Event types a business party reads: not the facilitators' own notes, assignments or flags. */
const BUSINESS_EVENTS = new Set(['transition', 'response', 'reveal', 'readiness', 'outcome']);

/** A suggestion's audit trail, in order. */
export async function suggestionEvents(
  deps: Deps,
  caller: Caller,
  id: string,
  page: { offset: number; limit: number },
): Promise<{ items: ReviewEvent[]; offset: number; limit: number }> {
  requireRole(caller, 'review.read', 'read the audit trail');
  const st = await standing(deps, caller, id);
  if (!st.facilitates && st.sides.length === 0) {
    throw new AppError('FORBIDDEN', `you may not read the audit trail of suggestion '${id}'`, [
      { path: 'authorization', message: 'for its businesses, the facilitators of its regions and admins' },
    ]);
  }
  const events = await eventsOf(deps.store, id, page);
  const items = st.facilitates ? events : events.filter((e) => businessSees(e, st)).map(withoutToken);
  return { items, ...page };
}

function businessSees(e: ReviewEvent, st: Standing): boolean {
  if (!BUSINESS_EVENTS.has(e.type)) return false;
  if (e.type !== 'response') return true;
  // The other side's answers (and reasons) only once both have consented.
  const side = (e.data as { side?: ReviewSide } | undefined)?.side;
  return (side !== undefined && st.sides.includes(side)) || Boolean(st.review?.revealedAt);
}

/** The facilitator's review queue. */
export async function getReviewQueue(
  deps: Deps,
  caller: Caller,
  q: {
    state?: ReviewState[];
    kind?: string;
    municipality?: string;
    company?: string;
    assignee?: string;
    flagged?: boolean;
    offset: number;
    limit: number;
  },
): Promise<{ items: SuggestionReview[]; offset: number; limit: number; hasMore: boolean }> {
  requireRole(caller, 'review.queue', 'read the review queue');
  const user = caller as UserCaller;
  const all = user.role === 'admin' || user.regions === 'all';
  const filter: QueueFilter = {
    all,
    regions: all ? [] : [...(user.regions as readonly string[])],
    states: q.state ?? [...OPEN_STATES],
    kind: q.kind ?? null,
    municipality: q.municipality ?? null,
    company: q.company ?? null,
    assignee: q.assignee === 'me' ? user.userId : q.assignee === 'none' ? '' : (q.assignee ?? null),
    flagged: q.flagged ?? null,
  };
  const rows = await reviewQueue(deps.store, filter, { offset: q.offset, limit: q.limit + 1 });
  const items = await viewsOf(deps, caller, await standingsOf(deps, caller, rows.slice(0, q.limit)));
  return { items, offset: q.offset, limit: q.limit, hasMore: rows.length > q.limit };
}

/** What awaits the caller and what changed in its regions or companies since it last looked. */
export async function getFeed(
  deps: Deps,
  caller: Caller,
  q: { since?: string; limit: number },
): Promise<{
  awaiting: SuggestionReview[];
  changes: ReviewEvent[];
  since: string;
  lastSeenAt: string | null;
}> {
  requireRole(caller, 'review.read', 'read the feed');
  const user = caller as UserCaller;
  const lastSeenAt = await feedSeenAt(deps.store, user.userId);
  // Events are compared as UTC ISO strings: a time with an offset is brought to UTC first.
  const since = q.since ? new Date(q.since).toISOString() : (lastSeenAt ?? '1970-01-01T00:00:00.000Z');
  const all = user.role === 'admin' || user.regions === 'all';
  const events = await feedEvents(deps.store, {
    since,
    userId: user.userId,
    all,
    regions: user.role === 'facilitator' && !all ? [...(user.regions as readonly string[])] : [],
    companyIds: [...user.companyIds],
    limit: q.limit,
  });
  const changes =
    user.role === 'business'
      ? events.filter((e) => BUSINESS_EVENTS.has(e.type) && e.type !== 'response').map(withoutToken)
      : events;
  const awaiting =
    user.role === 'business'
      ? await viewsOf(
          deps,
          caller,
          await standingsOf(deps, caller, await awaitingAnswer(deps.store, user.companyIds, q.limit)),
        )
      : [];
  return { awaiting, changes, since, lastSeenAt };
}

/** Records that the caller has seen its feed up to a time (now by default). */
export async function markSeen(deps: Deps, caller: Caller, body: unknown): Promise<{ lastSeenAt: string }> {
  requireRole(caller, 'review.read', 'mark the feed seen');
  const input = parseOrThrow(FeedSeenSchema, body === undefined ? {} : body, 'feed seen');
  const now = deps.now().toISOString();
  // A time in the future counts as now: later events must still reach the feed.
  const at =
    input.until === undefined || Date.parse(input.until) > Date.parse(now)
      ? now
      : new Date(input.until).toISOString();
  await markFeedSeen(deps.store, (caller as UserCaller).userId, at);
  return { lastSeenAt: at };
}

export { CLOSED_STATES, REVIEW_STATES };

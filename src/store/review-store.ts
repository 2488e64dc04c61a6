/**
 * Reviews and their events in Neo4j (cypher/review.cypher). Every act on a suggestion runs in one
 * transaction that first write-locks its review (creating it at the first act), so acts on one
 * suggestion are serialised: the caller's `decide` sees the committed review and either returns
 * the change to make or throws, which rolls back everything, the review's creation included.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, ReviewChange, ReviewEvent, ReviewRecord, ReviewSnapshot } from '../domain/review.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import { query } from './queries.ts';

const JSON_PROPS = ['readiness', 'outcome'] as const;

/** A review as the domain reads it: nullable properties put back, JSON ones parsed. */
export function fromReviewNode(node: Record<string, unknown>): ReviewRecord {
  const out: Record<string, unknown> = {
    assigneeId: null,
    offerInterest: null,
    needInterest: null,
    revealedAt: null,
    readiness: null,
    outcome: null,
    reasonCode: null,
    reasonText: null,
    flags: [],
    ...node,
  };
  for (const f of JSON_PROPS) if (typeof out[f] === 'string') out[f] = JSON.parse(out[f] as string);
  delete out['_lock'];
  return out as unknown as ReviewRecord;
}

function toReviewProps(props: Partial<ReviewRecord>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...props };
  for (const f of JSON_PROPS) {
    if (f in props) out[f] = props[f] === null ? null : JSON.stringify(props[f]);
  }
  return out;
}

function toEventProps(e: ReviewEvent, review: ReviewRecord): Record<string, unknown> {
  const { data, ...rest } = e;
  return {
    ...rest,
    ...(data ? { data: JSON.stringify(data) } : {}),
    // Copied so that feeds filter events without reading their reviews.
    regions: review.regions,
    offerCompanyId: review.offerCompanyId,
    needCompanyId: review.needCompanyId,
    ...(review.processorCompanyId ? { processorCompanyId: review.processorCompanyId } : {}),
  };
}

/** The order an event's fields are shown in (Neo4j returns a node's properties in no order). */
const EVENT_FIELDS = [
  'id',
  'suggestionId',
  'seq',
  'type',
  'at',
  'actorId',
  'actorName',
  'actorRole',
  'actorTokenId',
  'from',
  'to',
  'note',
  'reasonCode',
  'reasonText',
] as const;

export function fromEventNode(node: Record<string, unknown>): ReviewEvent {
  const out: Record<string, unknown> = {};
  for (const f of EVENT_FIELDS) if (node[f] !== undefined && node[f] !== null) out[f] = node[f];
  if (typeof node['data'] === 'string') out['data'] = JSON.parse(node['data']);
  return out as unknown as ReviewEvent;
}

/** A published suggestion (as stored) and its review, if any. */
export async function reviewContext(
  store: Store,
  suggestionId: string,
): Promise<{ suggestion: Record<string, unknown>; review: ReviewRecord | null } | null> {
  const r = await store.read((tx) => tx.run(query('review', 'context'), { id: suggestionId }));
  const rec = r.records[0];
  if (!rec) return null;
  const review = rec.get('review') as Record<string, unknown> | null;
  return {
    suggestion: rec.get('suggestion') as Record<string, unknown>,
    review: review ? fromReviewNode(review) : null,
  };
}

/**
 * Applies an act to a suggestion's review: locks it (created from `snapshot` at the first act),
 * lets `decide` judge the committed review, writes the change with its events and returns the
 * review as written, with the events. Null when the suggestion is not published.
 */
export async function actOnReview(
  store: Store,
  suggestionId: string,
  snapshot: ReviewSnapshot,
  actor: Actor,
  now: string,
  decide: (current: ReviewRecord) => ReviewChange,
): Promise<{ review: ReviewRecord; events: ReviewEvent[] } | null> {
  return store.write(async (tx) => {
    const locked = await tx.run(query('review', 'lockReview'), { id: suggestionId, snapshot, now });
    const node = locked.records[0]?.get('review') as Record<string, unknown> | undefined;
    if (!node) return null;
    const current = fromReviewNode(node);
    const change = decide(current);
    return writeChange(tx, current, change, actor, now);
  });
}

async function writeChange(
  tx: ManagedTransaction,
  current: ReviewRecord,
  change: ReviewChange,
  actor: Actor,
  now: string,
): Promise<{ review: ReviewRecord; events: ReviewEvent[] }> {
  let seq = current.eventCount;
  const events: ReviewEvent[] = change.events.map((e) => ({
    ...e,
    id: `ev_${randomUUID().replaceAll('-', '')}`,
    suggestionId: current.suggestionId,
    seq: ++seq,
    at: now,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    ...(actor.tokenId ? { actorTokenId: actor.tokenId } : {}),
  }));
  // Every act but a note moves the version: a transition names the version it saw.
  const moves = change.events.some((e) => e.type !== 'note' && e.type !== 'flag');
  const props = {
    ...toReviewProps(change.props),
    eventCount: int(seq),
    version: int(current.version + (moves ? 1 : 0)),
    updatedAt: now,
  };
  const written = await tx.run(query('review', 'updateReview'), { id: current.suggestionId, props });
  await tx.run(query('review', 'addEvents'), {
    events: events.map((e) => ({ ...toEventProps(e, current), seq: int(e.seq) })),
  });
  return { review: fromReviewNode(written.records[0]!.get('review') as Record<string, unknown>), events };
}

/** A suggestion's events in order. */
export async function eventsOf(
  store: Store,
  suggestionId: string,
  page: { offset: number; limit: number },
): Promise<ReviewEvent[]> {
  const r = await store.read((tx) =>
    tx.run(query('review', 'events'), {
      id: suggestionId,
      offset: int(page.offset),
      limit: int(page.limit),
    }),
  );
  return r.records.map((rec) => fromEventNode(rec.get('event') as Record<string, unknown>));
}

/**
 * Flags the reviews still in play of the suggestions of changed listings (in the caller's
 * transaction, the one that changed them): "listing <id> changed".
 */
export async function flagReviewsOfListings(
  tx: ManagedTransaction,
  listingIds: string[],
  actor: Actor,
  now: string,
  closed: readonly string[],
): Promise<number> {
  if (listingIds.length === 0) return 0;
  const r = await tx
    .run(query('review', 'flagReviewsOfListings'), {
      listingIds,
      now,
      closed,
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
    })
    .then(rows<{ flagged: number }>);
  return r[0]?.flagged ?? 0;
}

export interface QueueFilter {
  all: boolean;
  regions: string[];
  states: string[];
  kind: string | null;
  municipality: string | null;
  company: string | null;
  /** A user id, '' for unassigned, null for any. */
  assignee: string | null;
  flagged: boolean | null;
}

export interface QueueRow {
  suggestion: Record<string, unknown>;
  review: ReviewRecord | null;
  state: string;
}

/** The states a suggestion has without a review, derived from its match status. */
const DERIVED_STATES = ['suggested', 'withdrawn'];

/**
 * How many suggestions a page may pass over in score order: a queue confined to some regions or
 * to a municipality is read in score order (queueInRegions, queueAll) when (offset + limit)
 * divided by their share of the sites stays within it, else from their sites (queue,
 * queueOfMunicipality). At 10^5 listings the first page of a county of 0.9 % of the sites costs
 * about the same either way (62 and 67 ms); one of 13 % takes 27 ms in score order, 434 ms from its
 * sites.
 */
export const QUEUE_SCORE_ORDER_ROWS = 5000;

/**
 * Which of the queue's forms (cypher/review.cypher) reads the fewest suggestions for the same rows:
 * from an assignee's reviews; from the reviews when every row must have one (states only a review
 * has, flagged); from a company's suggestions and reviews when filtered by one; from the score
 * index for every region, or for regions (or a municipality) holding enough of the sites (`share`,
 * 0 to 1, queueShareScope); else from their sites.
 */
export function queueQueryName(
  filter: Pick<QueueFilter, 'all' | 'states' | 'assignee' | 'flagged' | 'company' | 'municipality'>,
  page: { offset: number; limit: number } = { offset: 0, limit: 50 },
  share = 0,
): string {
  if (filter.assignee !== null && filter.assignee !== '') return 'queueOfAssignee';
  const reviewedOnly = !filter.states.some((s) => DERIVED_STATES.includes(s)) || filter.flagged === true;
  if (reviewedOnly) return 'queueReviewed';
  if (filter.company !== null) return 'queueOfCompany';
  if (filter.all && filter.municipality === null) return 'queueAll';
  if (page.offset + page.limit <= share * QUEUE_SCORE_ORDER_ROWS)
    return filter.all ? 'queueAll' : 'queueInRegions';
  return filter.municipality !== null ? 'queueOfMunicipality' : 'queue';
}

/**
 * The sites whose share decides between the score order and the sites: the municipality filtered
 * by (within the caller's regions), else the caller's regions (regionSiteShare's parameters).
 */
export function queueShareScope(filter: Pick<QueueFilter, 'all' | 'regions' | 'municipality'>) {
  return filter.municipality !== null
    ? { codes: [filter.municipality], within: filter.all ? null : filter.regions }
    : { codes: filter.regions, within: null };
}

export async function reviewQueue(
  store: Store,
  filter: QueueFilter,
  page: { offset: number; limit: number },
): Promise<QueueRow[]> {
  const r = await store.read(async (tx) => {
    // The regions' share of the sites is read only where it can change the form.
    const share =
      queueQueryName(filter, page, 1) !== queueQueryName(filter, page, 0)
        ? ((
            await tx
              .run(query('review', 'regionSiteShare'), queueShareScope(filter))
              .then(rows<{ share: number }>)
          )[0]?.share ?? 0)
        : 0;
    return tx.run(query('review', queueQueryName(filter, page, share)), {
      ...filter,
      offset: int(page.offset),
      limit: int(page.limit),
    });
  });
  return r.records.map((rec) => {
    const review = rec.get('review') as Record<string, unknown> | null;
    return {
      suggestion: rec.get('suggestion') as Record<string, unknown>,
      review: review ? fromReviewNode(review) : null,
      state: rec.get('state') as string,
    };
  });
}

export async function awaitingAnswer(
  store: Store,
  companyIds: readonly string[],
  limit: number,
): Promise<{ suggestion: Record<string, unknown>; review: ReviewRecord }[]> {
  const r = await store.read((tx) =>
    tx.run(query('review', 'awaiting'), { companyIds: [...companyIds], limit: int(limit) }),
  );
  return r.records.map((rec) => ({
    suggestion: rec.get('suggestion') as Record<string, unknown>,
    review: fromReviewNode(rec.get('review') as Record<string, unknown>),
  }));
}

/**
 * A caller of no region (a business) reads its companies' events by index (review.cypher
 * feedOfCompanies), a facilitator of some regions its regions' newest events (feedInRegions); only
 * a caller of every region reads every event newest first (feed).
 */
export function feedQueryName(args: { all: boolean; regions: string[] }): string {
  if (args.all) return 'feed';
  return args.regions.length === 0 ? 'feedOfCompanies' : 'feedInRegions';
}

export async function feedEvents(
  store: Store,
  args: {
    since: string;
    userId: string;
    all: boolean;
    regions: string[];
    companyIds: string[];
    limit: number;
  },
): Promise<ReviewEvent[]> {
  const r = await store.read((tx) =>
    tx.run(query('review', feedQueryName(args)), { ...args, limit: int(args.limit) }),
  );
  return r.records.map((rec) => fromEventNode(rec.get('event') as Record<string, unknown>));
}

export async function feedSeenAt(store: Store, userId: string): Promise<string | null> {
  const r = await store.read((tx) => tx.run(query('review', 'feedSeenAt'), { userId }));
  return (r.records[0]?.get('at') as string | null | undefined) ?? null;
}

export async function markFeedSeen(store: Store, userId: string, at: string): Promise<boolean> {
  const r = await store.write((tx) => tx.run(query('review', 'feedSeen'), { userId, at }));
  return r.records.length > 0;
}

/** A decision as the learning loop reads it: the review's state, reason and recorded pairing. */
export interface DecisionRecord {
  kind: string;
  offerFamily: string;
  needFamily: string;
  band: number;
  state: string;
  reasonCode: string | null;
}

/** The decisions the learning loop reads. */
export async function readDecisions(store: Store, states: readonly string[]): Promise<DecisionRecord[]> {
  return store.read((tx) => tx.run(query('review', 'decisions'), { states }).then(rows<DecisionRecord>));
}

/** A decision beside its suggestion's score and terms (JSON), for evaluation. */
export interface DecisionWithSuggestion {
  id: string;
  state: string;
  reasonCode: string | null;
  score: number;
  terms: string;
  needId: string;
  offerId: string;
  kind: string;
}

/** Decisions with the suggestion's score and terms (evaluation). */
export async function readDecisionsWithSuggestions(
  store: Store,
  states: readonly string[],
): Promise<DecisionWithSuggestion[]> {
  const found = await store.read((tx) =>
    tx
      .run(query('review', 'decisionsWithSuggestions'), { states })
      .then(rows<Omit<DecisionWithSuggestion, 'terms'> & { terms: string | null; doc: string | null }>),
  );
  // Terms are their own property on suggestions written before the compact rows (decision 0018).
  return found.map(({ doc, terms, ...d }) => ({
    ...d,
    terms: terms ?? JSON.stringify((JSON.parse(doc ?? '{}') as { terms?: unknown }).terms ?? []),
  }));
}

/** The names of some companies, by id (the parties a page of reviews may show). */
export async function companyNames(store: Store, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await store.read((tx) => tx.run(query('review', 'companyNames'), { ids }));
  return new Map(r.records.map((rec) => [rec.get('id') as string, rec.get('name') as string]));
}

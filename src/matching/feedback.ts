/**
 * The learning loop: what facilitators and businesses decided about past suggestions, turned into
 * bounded score adjustments for future ones (docs/decisions/0011-review-workflow.md, README
 * "The feedback rule").
 *
 * Decisions are grouped two ways:
 *   pairing        kind + the offer's resource family → the need's family (material: List of
 *                  Waste chapter or category; energy: carriers; water: types; land: uses). Fed by
 *                  rejections and declines for quality, regulation or price: what the resources
 *                  are, not where they are.
 *   distance band  kind + the band of the pair's distance (0-5, 5-20, 20-50, 50-150, 150+ km).
 *                  Fed by rejections and declines for distance.
 * Reasons that concern the particular companies or listings (quantity, timing, trust, other) are
 * recorded but not learned from: they say nothing about the next pair of the same kind.
 *
 * For a group with r such rejections and a suggestions people took forward (introduced or further),
 *   adjustment = −maxPenalty × max(0, r − a) / (r + a + prior),   applied only when r ≥ minRejections,
 * rounded to 0.001. It is never positive and never below −maxPenalty; a pair gets its pairing's
 * and its band's adjustment added to its weighted score (then clamped to [0, 1]). Pure: the service
 * reads the decisions, builds the table once per run (or per minute for incremental refreshes),
 * and passes it in the match input.
 */
import type { MatchListing } from '../domain/match-listing.ts';

/** The feedback rule's parameters (match config `feedback`). */
export interface FeedbackRule {
  enabled: boolean;
  /** The largest penalty one group may give, in score units. */
  maxPenalty: number;
  /** Pseudo-decisions that damp small samples. */
  prior: number;
  /** Rejections a group needs before it adjusts anything. */
  minRejections: number;
}

/** Upper bounds of the distance bands, km; the last band is open. */
export const DISTANCE_BANDS_KM = [5, 20, 50, 150] as const;
export const PAIRING_REASONS = ['quality', 'regulation', 'price'] as const;
export const DISTANCE_REASONS = ['distance'] as const;

export function distanceBand(km: number): number {
  for (let i = 0; i < DISTANCE_BANDS_KM.length; i++) if (km < DISTANCE_BANDS_KM[i]!) return i;
  return DISTANCE_BANDS_KM.length;
}

export function bandLabel(band: number): string {
  const lower = band === 0 ? 0 : DISTANCE_BANDS_KM[band - 1];
  const upper = DISTANCE_BANDS_KM[band];
  return upper === undefined ? `${lower}+ km` : `${lower}-${upper} km`;
}

type FamilyFields = Pick<MatchListing, 'kind' | 'material' | 'energy' | 'water' | 'land'>;

/** The resource family of a listing: what a pairing is grouped by. */
export function resourceFamily(l: FamilyFields): string {
  switch (l.kind) {
    case 'material': {
      const code = l.material?.wasteCodes?.[0];
      if (code) return `LoW ${code.slice(0, 2)}`;
      return l.material?.category ? `category ${l.material.category}` : 'material';
    }
    case 'energy':
      return l.energy?.carrier ?? 'energy';
    case 'water':
      return (l.water as { type?: string } | undefined)?.type ?? 'water';
    case 'land':
      return (l.land as { landUse?: string } | undefined)?.landUse ?? 'land';
  }
}

/** One decision people made about a suggestion, as the rule reads it. */
export interface Decision {
  kind: MatchListing['kind'];
  offerFamily: string;
  needFamily: string;
  band: number;
  /** Taken forward (introduced or further), or turned down (rejected, declined). */
  outcome: 'accepted' | 'turned-down';
  reasonCode?: string;
}

export interface Adjustment {
  value: number;
  rejections: number;
  accepted: number;
  /** Rejections by reason code. */
  reasons: Record<string, number>;
}

/** The learned adjustments, as the engine looks them up. Plain maps: it crosses to worker threads. */
export interface FeedbackTable {
  /** Which decisions it was learned from: changes whenever an adjustment does. */
  version: string;
  /** kind → offer family → need family → adjustment. */
  pairings: Map<string, Map<string, Map<string, Adjustment>>>;
  /** kind → band → adjustment. */
  bands: Map<string, Map<number, Adjustment>>;
}

interface Tally {
  rejections: number;
  accepted: number;
  reasons: Record<string, number>;
}

const tally = (): Tally => ({ rejections: 0, accepted: 0, reasons: {} });

function adjustment(t: Tally, rule: FeedbackRule): Adjustment | null {
  if (t.rejections < rule.minRejections) return null;
  const net = Math.max(0, t.rejections - t.accepted);
  const raw = (-rule.maxPenalty * net) / (t.rejections + t.accepted + rule.prior);
  const value = Math.max(-rule.maxPenalty, Math.round(raw * 1000) / 1000);
  if (value === 0) return null;
  return { value, rejections: t.rejections, accepted: t.accepted, reasons: t.reasons };
}

function nested<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** FNV-1a over a string, as 8 hex digits: a short, stable version of the table. */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** An adjustment's rejections by reason, in code order: part of the version, as the reason words are. */
const reasonList = (a: Adjustment): [string, number][] =>
  Object.entries(a.reasons).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));

/** The table of adjustments the rule gives for these decisions. */
export function buildFeedback(decisions: readonly Decision[], rule: FeedbackRule): FeedbackTable {
  const pairingTally = new Map<string, Tally>();
  const bandTally = new Map<string, Tally>();
  const isPairingReason = (c: string | undefined) => (PAIRING_REASONS as readonly string[]).includes(c ?? '');
  const isDistanceReason = (c: string | undefined) =>
    (DISTANCE_REASONS as readonly string[]).includes(c ?? '');
  for (const d of decisions) {
    const pk = JSON.stringify([d.kind, d.offerFamily, d.needFamily]);
    const bk = JSON.stringify([d.kind, d.band]);
    if (d.outcome === 'accepted') {
      nested(pairingTally, pk, tally).accepted++;
      nested(bandTally, bk, tally).accepted++;
      continue;
    }
    const code = d.reasonCode ?? 'other';
    const target = isPairingReason(code)
      ? nested(pairingTally, pk, tally)
      : isDistanceReason(code)
        ? nested(bandTally, bk, tally)
        : null;
    if (!target) continue;
    target.rejections++;
    target.reasons[code] = (target.reasons[code] ?? 0) + 1;
  }
  const table: FeedbackTable = { version: '', pairings: new Map(), bands: new Map() };
  const canonical: unknown[] = [];
  for (const [key, t] of [...pairingTally].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const adj = adjustment(t, rule);
    if (!adj) continue;
    const [kind, offerFamily, needFamily] = JSON.parse(key) as [string, string, string];
    nested(
      nested(table.pairings, kind, () => new Map()),
      offerFamily,
      () => new Map(),
    ).set(needFamily, adj);
    canonical.push([
      'p',
      kind,
      offerFamily,
      needFamily,
      adj.value,
      adj.rejections,
      adj.accepted,
      reasonList(adj),
    ]);
  }
  for (const [key, t] of [...bandTally].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const adj = adjustment(t, rule);
    if (!adj) continue;
    const [kind, band] = JSON.parse(key) as [string, number];
    nested(table.bands, kind, () => new Map()).set(band, adj);
    canonical.push(['b', kind, band, adj.value, adj.rejections, adj.accepted, reasonList(adj)]);
  }
  table.version = canonical.length === 0 ? 'none' : `fb-${fnv(JSON.stringify(canonical))}`;
  return table;
}

/** The table with no adjustments (the rule switched off, or nothing learned yet). */
export const NO_FEEDBACK: FeedbackTable = { version: 'none', pairings: new Map(), bands: new Map() };

export const isEmpty = (t: FeedbackTable | undefined): boolean =>
  t === undefined || (t.pairings.size === 0 && t.bands.size === 0);

/** The pairing's and band's adjustments of a pair; undefined where the table has none. */
export function adjustmentsOf(
  t: FeedbackTable,
  kind: string,
  offerFamily: string,
  needFamily: string,
  distanceKm: number,
): { pairing: Adjustment | undefined; band: Adjustment | undefined; bandIndex: number } {
  const bandIndex = distanceBand(distanceKm);
  return {
    pairing: t.pairings.get(kind)?.get(offerFamily)?.get(needFamily),
    band: t.bands.get(kind)?.get(bandIndex),
    bandIndex,
  };
}

const signed = (v: number) => (v < 0 ? `−${(-v).toFixed(2)}` : `+${v.toFixed(2)}`);

function reasonWords(a: Adjustment): string {
  const parts = Object.entries(a.reasons)
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([code, n]) => `${n} ${code} rejection${n === 1 ? '' : 's'}`);
  const taken = a.accepted > 0 ? `, ${a.accepted} taken forward` : '';
  return `${parts.join(' and ')}${taken}`;
}

/** The sentence of the feedback term: "facilitator feedback: −0.11 from 5 quality rejections (...)". */
export function feedbackReason(
  total: number,
  parts: { pairing: Adjustment | undefined; band: Adjustment | undefined; bandIndex: number },
  kind: string,
  offerFamily: string,
  needFamily: string,
): string {
  const pieces: string[] = [];
  if (parts.pairing) {
    pieces.push(
      `${signed(parts.pairing.value)} from ${reasonWords(parts.pairing)} of ${kind} ${offerFamily} → ${needFamily}`,
    );
  }
  if (parts.band) {
    pieces.push(
      `${signed(parts.band.value)} from ${reasonWords(parts.band)} of ${kind} pairs ${bandLabel(parts.bandIndex)} apart`,
    );
  }
  if (pieces.length === 1) return `facilitator feedback: ${pieces[0]}`;
  return `facilitator feedback: ${signed(total)} (${pieces.join('; ')})`;
}

// ---- The engine's form of a table --------------------------------------------------------------

/**
 * A table as the numeric phase reads it, tens of millions of times a run: each family the table
 * names gets a number, the pairing adjustments a dense matrix over those numbers, and each kind its
 * bands' adjustments in an array with their ceiling. A pair then costs two memoised numbers and
 * three array reads, no strings. Built once per table (a worker thread builds its own copy's).
 */
export interface CompiledFeedback {
  /** `kind|family` → number, for the families the table's pairings name. */
  readonly ids: Map<string, number>;
  readonly n: number;
  /** pairing[o * n + v]: the adjustment of offer family o → need family v (0 when none). */
  readonly pairing: Float64Array;
  /** kind → the adjustment of each distance band (0 when none). */
  readonly bands: Map<string, Float64Array>;
  /** kind → the largest band adjustment (0 unless every band has one). */
  readonly bandCeiling: Map<string, number>;
}

const compiled = new WeakMap<FeedbackTable, CompiledFeedback>();

export function compileFeedback(t: FeedbackTable): CompiledFeedback {
  const hit = compiled.get(t);
  if (hit) return hit;
  const ids = new Map<string, number>();
  const idOf = (kind: string, family: string) => {
    const key = `${kind}|${family}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const entries: [number, number, number][] = [];
  for (const [kind, byOffer] of t.pairings) {
    for (const [offerFamily, byNeed] of byOffer) {
      for (const [needFamily, a] of byNeed)
        entries.push([idOf(kind, offerFamily), idOf(kind, needFamily), a.value]);
    }
  }
  const n = ids.size;
  const pairing = new Float64Array(n * n);
  for (const [o, v, value] of entries) pairing[o * n + v] = value;
  const bands = new Map<string, Float64Array>();
  const bandCeiling = new Map<string, number>();
  for (const [kind, byBand] of t.bands) {
    const values = new Float64Array(DISTANCE_BANDS_KM.length + 1);
    for (const [band, a] of byBand) values[band] = a.value;
    bands.set(kind, values);
    bandCeiling.set(kind, Math.max(...values));
  }
  const out: CompiledFeedback = { ids, n, pairing, bands, bandCeiling };
  compiled.set(t, out);
  return out;
}

/** What a prepared listing memoises for one compiled table: its family's number (−1: not named). */
export interface FamilyMemo {
  familyTable: CompiledFeedback | undefined;
  familyId: number;
}

export function familyIdOf(
  l: FamilyMemo & Pick<MatchListing, 'kind' | 'material' | 'energy' | 'water' | 'land'>,
  c: CompiledFeedback,
): number {
  if (l.familyTable !== c) {
    l.familyId = c.ids.get(`${l.kind}|${resourceFamily(l)}`) ?? -1;
    l.familyTable = c;
  }
  return l.familyId;
}

/** The adjustment of a pair (pairing + band), from the compiled table. */
export function adjustmentOf(
  c: CompiledFeedback,
  kind: string,
  offerId: number,
  needId: number,
  distanceKm: number,
): number {
  const pairing = offerId >= 0 && needId >= 0 ? c.pairing[offerId * c.n + needId]! : 0;
  const bands = c.bands.get(kind);
  return pairing + (bands ? bands[distanceBand(distanceKm)]! : 0);
}

/**
 * An upper bound of a pair's adjustment that needs no distance: its pairing's adjustment plus the
 * largest (least negative) adjustment any band of its kind has. The search (candidates.ts)
 * subtracts it from its score bounds, so that pairs of penalised pairings are pruned as early as
 * their scores fall.
 */
export function ceilingOf(c: CompiledFeedback, kind: string, offerId: number, needId: number): number {
  const pairing = offerId >= 0 && needId >= 0 ? c.pairing[offerId * c.n + needId]! : 0;
  return pairing + (c.bandCeiling.get(kind) ?? 0);
}

const reasons = new WeakMap<FeedbackTable, Map<string, string>>();

/** feedbackReason, once per table, pairing and band: hundreds of thousands of candidates share a few. */
export function feedbackReasonOf(
  t: FeedbackTable,
  total: number,
  kind: string,
  offerFamily: string,
  needFamily: string,
  distanceKm: number,
): string {
  let cache = reasons.get(t);
  if (!cache) {
    cache = new Map();
    reasons.set(t, cache);
  }
  const parts = adjustmentsOf(t, kind, offerFamily, needFamily, distanceKm);
  const key = `${kind}|${offerFamily}|${needFamily}|${parts.bandIndex}`;
  let reason = cache.get(key);
  if (reason === undefined) {
    reason = feedbackReason(total, parts, kind, offerFamily, needFamily);
    cache.set(key, reason);
  }
  return reason;
}

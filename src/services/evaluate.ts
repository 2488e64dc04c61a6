/**
 * Evaluation of the matcher on a case file: import it into an empty database, run a match,
 * and compare the suggestions with the exchanges the case says exist. Or, on the service's own
 * database, compare past suggestions with what people decided about them (evaluateDecisions).
 */
import { z } from 'zod';
import { SYSTEM } from '../domain/caller.ts';
import { ExpectedExchangeSchema } from '../domain/import-document.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { validationError } from '../errors.ts';
import {
  DECISION_STATES,
  type DecisionEvaluation,
  type DecisionRow,
  evaluateDecisions as evaluateDecisionRows,
} from '../matching/decision-evaluation.ts';
import { type AtK, evaluateSuggestions, type Miss } from '../matching/evaluation.ts';
import { companiesByRefs } from '../store/company-store.ts';
import { countAll } from '../store/listing-store.ts';
import { readDecisionsWithSuggestions } from '../store/review-store.ts';
import type { Deps } from './deps.ts';
import { importDocument } from './import.ts';
import { startMatchRun } from './match-runs.ts';
import { suggestionsOfRun } from './suggestions.ts';

const CaseSchema = z.looseObject({
  description: z.string().optional(),
  source: z.string().optional(),
  expected: z.array(ExpectedExchangeSchema).min(1),
});

export interface CaseResult {
  description?: string;
  companies: number;
  listings: number;
  suggestions: number;
  atK: AtK[];
  misses: Miss[];
}

export async function evaluateCase(deps: Deps, document: unknown, ks = [1, 3, 5]): Promise<CaseResult> {
  const kase = parseOrThrow(CaseSchema, document, 'case file');
  const counts = await countAll(deps.store);
  if (counts.companies > 0 || counts.listings > 0) {
    throw validationError('evaluation needs an empty database', [
      { path: '(database)', message: `holds ${counts.companies} companies and ${counts.listings} listings` },
    ]);
  }
  const imported = await importDocument(deps, SYSTEM, document);
  if (imported.errors.length) {
    throw validationError(
      'the case file has invalid rows',
      imported.errors.map((e) => ({ path: e.path, message: e.message })),
    );
  }
  const refs = new Set(((document as { companies: { ref: string }[] }).companies ?? []).map((c) => c.ref));
  for (const [i, e] of kase.expected.entries()) {
    for (const side of ['from', 'to'] as const) {
      if (!refs.has(e[side])) {
        throw validationError('the case file is not consistent', [
          { path: `expected[${i}].${side}`, message: `no company with ref '${e[side]}' in this case` },
        ]);
      }
    }
  }
  const run = await startMatchRun(deps, {});
  const stored = await deps.store.read((tx) => companiesByRefs(tx, 'registry', [...refs]));
  const refOfCompany = new Map([...stored].map(([ref, c]) => [c.id, ref]));
  const visible = await suggestionsOfRun(deps, SYSTEM, run.id);
  const ranked = visible.map((s) => ({
    offerId: s.offer.id,
    needId: s.need.id,
    offerCompany: refOfCompany.get(s.offer.companyId ?? '') ?? '',
    needCompany: refOfCompany.get(s.need.companyId ?? '') ?? '',
    score: s.score,
  }));
  const { atK, misses } = evaluateSuggestions(ranked, kase.expected, { ks });
  return {
    ...(kase.description ? { description: kase.description } : {}),
    companies: imported.companies.created,
    listings: imported.listings.created,
    suggestions: ranked.length,
    atK,
    misses,
  };
}

const TermsSchema = z.array(z.looseObject({ name: z.string(), value: z.number() }));

/** A suggestion's stored terms (a JSON string), or none when they are missing or unreadable. */
function parseTerms(terms: unknown): { terms: DecisionRow['terms']; readable: boolean } {
  let value: unknown = terms;
  if (typeof terms === 'string') {
    try {
      value = JSON.parse(terms);
    } catch {
      return { terms: [], readable: false };
    }
  }
  const parsed = TermsSchema.safeParse(value);
  return parsed.success
    ? { terms: parsed.data.map((t) => ({ name: t.name, value: t.value })), readable: true }
    : { terms: [], readable: false };
}

export interface DecisionsResult extends DecisionEvaluation {
  /** Decisions whose suggestion's terms could not be read: ranked, but left out of the term means. */
  unreadableTerms: number;
}

/**
 * Past suggestions against what people decided about them (accepted: introduced or further;
 * turned down: rejected or declined), from the decisions recorded in this database.
 */
export async function evaluateDecisions(deps: Deps, ks = [1, 3, 5]): Promise<DecisionsResult> {
  const rows = await readDecisionsWithSuggestions(deps.store, DECISION_STATES);
  let unreadableTerms = 0;
  const decisions: DecisionRow[] = rows.map((r) => {
    const { terms, readable } = parseTerms(r.terms);
    if (!readable) unreadableTerms++;
    return {
      id: r.id,
      needId: r.needId,
      state: r.state,
      reasonCode: r.reasonCode ?? null,
      score: Number(r.score) || 0,
      terms,
    };
  });
  return { ...evaluateDecisionRows(decisions, { ks }), unreadableTerms };
}

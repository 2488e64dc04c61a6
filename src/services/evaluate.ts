/**
 * Evaluation of the matcher on a case file: import it into an empty database, run a match,
 * and compare the suggestions with the exchanges the case says exist, by company pair and by
 * stream (matching/evaluation.ts). Or, on the service's own
 * database, compare past suggestions with what people decided about them (evaluateDecisions).
 */
import { z } from 'zod';
import { SYSTEM } from '../domain/caller.ts';
import {
  type DocumentListing,
  ExpectedExchangeSchema,
  expectedExchangeProblems,
} from '../domain/import-document.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { validationError } from '../errors.ts';
import {
  DECISION_STATES,
  type DecisionEvaluation,
  type DecisionRow,
  evaluateDecisions as evaluateDecisionRows,
} from '../matching/decision-evaluation.ts';
import { evaluateSuggestions, type LevelEvaluation } from '../matching/evaluation.ts';
import { companiesByRefs } from '../store/company-store.ts';
import { allListings, countAll } from '../store/listing-store.ts';
import { readDecisionsWithSuggestions } from '../store/review-store.ts';
import type { Deps } from './deps.ts';
import { importDocument } from './import.ts';
import { startMatchRun } from './match-runs.ts';
import { suggestionsOfRun } from './suggestions.ts';

/** What evaluation reads of a case; its rows are validated by the importer. */
const CaseSchema = z.looseObject({
  description: z.string().optional(),
  source: z.string().optional(),
  expected: z.array(ExpectedExchangeSchema).min(1),
  companies: z
    .array(z.looseObject({ ref: z.string(), sites: z.array(z.looseObject({ ref: z.string() })).default([]) }))
    .default([]),
  listings: z
    .array(
      z.looseObject({
        ref: z.string(),
        site: z.string(),
        company: z.string().optional(),
        direction: z.enum(['offer', 'need']),
      }),
    )
    .default([]),
});
type Case = z.output<typeof CaseSchema>;

export interface CaseResult {
  description?: string;
  companies: number;
  listings: number;
  suggestions: number;
  /** Judged by company pair: any offer of `from` in the top k of any need of `to`. */
  company: LevelEvaluation;
  /** Judged by stream: the named offer in the top k of the named need. */
  stream: LevelEvaluation;
}

/** The case's company refs and its listings by ref, as the checks of expected exchanges read them. */
function refsOf(kase: Case) {
  const companies = new Set(kase.companies.map((c) => c.ref));
  const companyOfSite = new Map<string, string>();
  for (const c of kase.companies) for (const s of c.sites) companyOfSite.set(s.ref, c.ref);
  const listings = new Map<string, DocumentListing>();
  for (const l of kase.listings) {
    const company = l.company ?? companyOfSite.get(l.site);
    if (company !== undefined) listings.set(l.ref, { company, direction: l.direction });
  }
  return { companies, listings };
}

export async function evaluateCase(deps: Deps, document: unknown, ks = [1, 3, 5]): Promise<CaseResult> {
  const kase = parseOrThrow(CaseSchema, document, 'case file');
  const refs = refsOf(kase);
  const problems = kase.expected.flatMap((e, i) =>
    expectedExchangeProblems(e, refs.companies, refs.listings).map((p) => ({
      path: `expected[${i}].${p.path}`,
      message: p.message,
    })),
  );
  if (problems.length > 0) throw validationError('the case file is not consistent', problems);
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
  const run = await startMatchRun(deps, {});
  const stored = await deps.store.read((tx) => companiesByRefs(tx, 'registry', [...refs.companies]));
  const refOfCompany = new Map([...stored].map(([ref, c]) => [c.id, ref]));
  // Cases document exchanges between two companies: a chain through a processor (decision 0016) is
  // not a direct exchange of its supplier and receiver, so it is not ranked among their pairs.
  const visible = (await suggestionsOfRun(deps, SYSTEM, run.id)).filter((s) => s.chain === undefined);
  const ranked = visible.map((s) => ({
    offerId: s.offer.id,
    needId: s.need.id,
    offerCompany: refOfCompany.get(s.offer.companyId ?? '') ?? '',
    needCompany: refOfCompany.get(s.need.companyId ?? '') ?? '',
    ...(s.offer.ref ? { offerRef: s.offer.ref } : {}),
    ...(s.need.ref ? { needRef: s.need.ref } : {}),
    score: s.score,
  }));
  const needs = (await allListings(deps.store))
    .filter((l) => l.direction === 'need')
    .map((l) => ({ id: l.id, company: refOfCompany.get(l.companyId) ?? '', ref: l.ref }));
  const { company, stream } = evaluateSuggestions(ranked, kase.expected, { ks, needs });
  return {
    ...(kase.description ? { description: kase.description } : {}),
    companies: imported.companies.created,
    listings: imported.listings.created,
    suggestions: ranked.length,
    company,
    stream,
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

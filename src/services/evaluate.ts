/**
 * Evaluation of the matcher on a case file: import it into an empty database, run a match,
 * and compare the suggestions with the exchanges the case says exist.
 */
import { z } from 'zod';
import { SYSTEM } from '../domain/caller.ts';
import { ExpectedExchangeSchema } from '../domain/import-document.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { validationError } from '../errors.ts';
import { type AtK, evaluateSuggestions, type Miss } from '../matching/evaluation.ts';
import { companiesByRefs } from '../store/company-store.ts';
import { countAll } from '../store/listing-store.ts';
import type { Deps } from './deps.ts';
import { importDocument } from './import.ts';
import { startMatchRun } from './matching.ts';
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

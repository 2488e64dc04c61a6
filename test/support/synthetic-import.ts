/**
 * A synthetic region (bench/synthetic-region.ts) as the import document a user would send
 * (bench/region-document.ts), for tests that need a few thousand valid listings.
 */
import { importDocumentOf } from '../../bench/region-document.ts';
import { generateRegion } from '../../bench/synthetic-region.ts';
import { loadReferenceData } from '../../src/reference/load.ts';

export type ImportDocument = ReturnType<typeof importDocumentOf>;

export function syntheticImport(listings: number, seed = 7): ImportDocument {
  return importDocumentOf(generateRegion(loadReferenceData(), { listings, seed }));
}

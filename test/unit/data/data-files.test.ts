import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument, validateTaxonomy } from '../../../src/cli/validate-data.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';
import { DATA_DIR } from '../../../src/reference/paths.ts';

const ref = loadReferenceData();
const read = (rel: string): unknown => JSON.parse(readFileSync(join(DATA_DIR, rel), 'utf8'));

describe('data files', () => {
  it('taxonomy: every prefix is a LoW code and every substitution names real categories', () => {
    expect(validateTaxonomy(ref)).toEqual([]);
    expect(ref.materialCategories.size).toBeGreaterThanOrEqual(30);
    expect(ref.substitutions.length).toBeGreaterThanOrEqual(15);
  });

  it('demo region is valid and large enough, with all kinds in both directions', () => {
    const doc = read('demo/region.json') as { listings: { kind: string; direction: string }[] };
    const report = validateDocument('demo/region.json', doc, ref);
    expect(report.problems).toEqual([]);
    expect(report.companies).toBeGreaterThanOrEqual(40);
    expect(report.listings).toBeGreaterThanOrEqual(150);
    for (const kind of ['material', 'energy', 'water', 'land']) {
      for (const direction of ['offer', 'need']) {
        expect(doc.listings.some((l) => l.kind === kind && l.direction === direction)).toBe(true);
      }
    }
  });

  it('industry codes: NACE Rev. 2 has its 21 sections, 88 divisions, 272 groups and 615 classes, each under a parent of the level above', () => {
    const count = (m: Map<string, { level: string }>) =>
      Object.fromEntries(
        ['section', 'division', 'group', 'class'].map((l) => [
          l,
          [...m.values()].filter((e) => e.level === l).length,
        ]),
      );
    expect(count(ref.nace)).toEqual({ section: 21, division: 88, group: 272, class: 615 });
    const above = { division: 'section', group: 'division', class: 'group' } as const;
    for (const e of ref.nace.values()) {
      if (e.level === 'section') continue;
      expect(ref.nace.get(e.parent ?? '')?.level, e.code).toBe(above[e.level]);
      if (e.level !== 'division') expect(e.code.startsWith(e.parent!), e.code).toBe(true);
    }
    // The ISIC tree that /taxonomy/industry-codes serves stays, with the same 88 divisions.
    const isicDivisions = [...ref.industry.values()].filter((e) => e.level === 'division').map((e) => e.code);
    const naceDivisions = [...ref.nace.values()].filter((e) => e.level === 'division').map((e) => e.code);
    expect(isicDivisions.sort()).toEqual(naceDivisions.sort());
  });

  it('small example is valid', () => {
    expect(validateDocument('small-import.json', read('examples/small-import.json'), ref).problems).toEqual(
      [],
    );
  });

  it('bad example fails in exactly the intended rows and fields', () => {
    const report = validateDocument('bad-import.json', read('examples/bad-import.json'), ref);
    expect(report.problems.map((p) => `${p.row} ${p.path}`).sort()).toEqual(
      [
        'companies[1] orgNumber',
        'companies[2] industry',
        'listings[2] material.wasteCodes[0]',
        'listings[3] quantity.value',
        'listings[4] quantity.unit',
        'listings[5] site',
        'listings[6] site',
        'listings[7] material.category',
      ].sort(),
    );
  });

  it.each(readdirSync(join(DATA_DIR, 'cases')).filter((f) => f.endsWith('.json')))(
    'case %s is valid, names the stream of every expected exchange and has distractors',
    (file) => {
      const doc = read(`cases/${file}`) as {
        expected?: { offer?: string; need?: string }[];
        listings: unknown[];
        source?: string;
      };
      expect(validateDocument(file, doc, ref).problems).toEqual([]);
      expect(doc.expected?.length ?? 0).toBeGreaterThan(0);
      expect(doc.source?.length ?? 0).toBeGreaterThan(0);
      for (const e of doc.expected ?? [])
        expect([e.offer, e.need].every((r) => typeof r === 'string')).toBe(true);
      expect(doc.listings.length).toBeGreaterThanOrEqual(20);
    },
  );

  it('when an expected exchange names a stream that is not one, then validation says which side and why', () => {
    const doc = structuredClone(read('cases/ulsan.json')) as {
      expected: { offer?: string; need?: string }[];
    };
    doc.expected[0]!.offer = 'hyosung-need-steam';
    doc.expected[1]!.need = 'ske-need-steam';
    doc.expected[2]!.offer = 'no-such-listing';
    delete doc.expected[2]!.need;
    const problems = validateDocument('ulsan.json', doc, ref).problems.map(
      (p) => `${p.row} ${p.path}: ${p.message}`,
    );
    expect(problems).toEqual([
      "expected[0] offer: listing 'hyosung-need-steam' is a need, not an offer",
      "expected[1] need: listing 'ske-need-steam' belongs to 'sk-energy', not to 'hanju' (to)",
      'expected[2] need: a stream names both its offer and its need',
      "expected[2] offer: no listing with ref 'no-such-listing' in this document",
    ]);
  });
});

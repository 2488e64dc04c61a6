import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../src/reference/load.ts';
import { DATA_DIR } from '../../../src/reference/paths.ts';
import { listLoadProfiles, listWasteCodes } from '../../../src/services/taxonomy.ts';
import { parseCsvRecords } from '../../../src/util/csv.ts';

const ref = loadReferenceData();
const rows = (rel: string) =>
  parseCsvRecords(readFileSync(join(DATA_DIR, rel), 'utf8')).map(({ record }) => record);
const english = rows('reference/list-of-waste/list-of-waste.csv');
const bokmal = rows('reference/list-of-waste/list-of-waste-nb.csv');

describe('the bokmål List of Waste', () => {
  it('when both files are read, then they hold the same 842 codes in the same order', () => {
    expect(bokmal.map((r) => r['code'])).toEqual(english.map((r) => r['code']));
    expect(bokmal).toHaveLength(842);
  });

  it('when a code is read, then its description, chapter and sub-chapter are given in bokmål', () => {
    for (const r of bokmal) {
      for (const column of ['description', 'chapter', 'subchapter']) {
        expect(r[column]?.trim(), `${r['code']} ${column}`).toBeTruthy();
      }
    }
  });

  it('when titles repeat per row, then each chapter and sub-chapter has one title (20 and 111)', () => {
    const titles = new Map<string, Set<string>>();
    for (const r of bokmal) {
      const code = r['code']!;
      for (const [key, title] of [
        [code.slice(0, 2), r['chapter']!],
        [code.slice(0, 4), r['subchapter']!],
      ] as const) {
        titles.set(key, (titles.get(key) ?? new Set()).add(title));
      }
    }
    expect([...titles.keys()].filter((k) => k.length === 2)).toHaveLength(20);
    expect([...titles.keys()].filter((k) => k.length === 4)).toHaveLength(111);
    for (const [key, set] of titles) expect(set.size, key).toBe(1);
  });

  it('when a description refers to other codes, then the bokmål one refers to the same codes', () => {
    const refs = (s: string) => s.match(/\d\d \d\d( \d\d)?/g) ?? [];
    english.forEach((r, i) => {
      expect(refs(bokmal[i]!['description']!), r['code']).toEqual(refs(r['description']!));
    });
  });

  it('when the list is searched, then bokmål and English words find the same code', () => {
    const codes = (q: string) => listWasteCodes(ref, { q }).items.map((w) => w.code);
    expect(codes('betong')).toContain('170101');
    expect(codes('concrete')).toContain('170101');
    expect(codes('slam avløpsvann')).toContain('020204');
    expect(listWasteCodes(ref, { prefix: '1701', q: 'tegl' }).items.map((w) => w.code)).toEqual([
      '170102',
      '170106',
      '170107',
    ]);
    const concrete = listWasteCodes(ref, { prefix: '170101' });
    expect(concrete.items).toEqual([
      expect.objectContaining({ description: 'Concrete', descriptionNb: 'Betong' }),
    ]);
    expect(concrete.chapters).toEqual([
      {
        code: '17',
        title: 'Construction and demolition wastes (including excavated soil from contaminated sites)',
        titleNb: 'Bygg- og rivingsavfall (herunder oppgravde masser fra forurensede områder)',
      },
    ]);
    expect(concrete.subchapters.map((h) => h.titleNb)).toEqual(['Betong, tegl, fliser og keramikk']);
    const all = listWasteCodes(ref, {});
    expect([all.items.length, all.chapters.length, all.subchapters.length]).toEqual([842, 20, 111]);
  });
});

describe('the other bokmål reference texts', () => {
  it('when the material categories are read, then every one has a bokmål name and description', () => {
    expect(ref.materialCategories.size).toBeGreaterThan(0);
    for (const c of ref.materialCategories.values()) {
      expect(c.nameNb?.trim(), c.id).toBeTruthy();
      expect(c.descriptionNb?.trim(), c.id).toBeTruthy();
    }
  });

  it('when the industry trees are read, then their 21 sections and 88 divisions have SN2007 titles', () => {
    for (const tree of [ref.industry, ref.nace]) {
      const top = [...tree.values()].filter((e) => e.level === 'section' || e.level === 'division');
      expect(top).toHaveLength(21 + 88);
      for (const e of top) expect(e.titleNb?.trim(), e.code).toBeTruthy();
    }
    expect(ref.nace.get('24')?.titleNb).toBe('Produksjon av metaller');
  });

  it('when the load profiles are listed, then every profile file has an English and a bokmål label', () => {
    const profiles = listLoadProfiles(ref);
    expect(profiles.map((p) => p.id)).toEqual([...ref.hourlyProfiles].sort());
    for (const p of profiles) expect(ref.hourlyProfileLabels?.has(p.id), p.id).toBe(true);
    expect(profiles.find((p) => p.id === 'hotmaps-no:paper')).toEqual({
      id: 'hotmaps-no:paper',
      label: 'Paper',
      labelNb: 'Papir',
    });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  IndustryEntry,
  MaterialCategory,
  ReferenceData,
  Substitution,
  WasteCodeEntry,
} from '../domain/reference.ts';
import { parseCsvRecords } from '../util/csv.ts';
import { DATA_DIR } from './paths.ts';

let cached: ReferenceData | undefined;

/** Loads the reference data in data/ once per process. */
export function loadReferenceData(dataDir: string = DATA_DIR): ReferenceData {
  if (cached && dataDir === DATA_DIR) return cached;
  const wasteCodes = new Map<string, WasteCodeEntry>();
  const wasteChapters = new Map<string, string>();
  const wasteSubchapters = new Map<string, { title: string; chapter: string }>();
  const lowText = readFileSync(join(dataDir, 'reference/list-of-waste/list-of-waste.csv'), 'utf8');
  for (const { record: r } of parseCsvRecords(lowText)) {
    const entry: WasteCodeEntry = {
      code: r['code']!,
      chapter: r['chapter_code']!,
      subchapter: r['subchapter_code']!,
      description: r['description']!,
      hazardous: r['hazardous'] === 'true',
      entryType: r['entry_type']!,
    };
    wasteCodes.set(entry.code, entry);
    wasteChapters.set(entry.chapter, r['chapter']!);
    wasteSubchapters.set(entry.subchapter, { title: r['subchapter']!, chapter: entry.chapter });
  }
  // The project's own bokmål rendering: same codes, titles repeated per row like the English file.
  const wasteTitlesNb = new Map<string, string>();
  const lowNb = readFileSync(join(dataDir, 'reference/list-of-waste/list-of-waste-nb.csv'), 'utf8');
  for (const { record: r } of parseCsvRecords(lowNb)) {
    const entry = wasteCodes.get(r['code']!);
    if (entry) entry.descriptionNb = r['description']!;
    wasteTitlesNb.set(r['code']!.slice(0, 2), r['chapter']!);
    wasteTitlesNb.set(r['code']!.slice(0, 4), r['subchapter']!);
  }

  const industry = readIndustryCodes(join(dataDir, 'reference/industry-codes/isic-rev4.csv'));
  const nace = readIndustryCodes(join(dataDir, 'reference/industry-codes/nace-rev2.csv'));
  // SN2007 bokmål titles of sections and divisions, which ISIC, NACE and SN2007 share.
  const sn2007 = readFileSync(join(dataDir, 'reference/industry-codes/sn2007-nb.csv'), 'utf8');
  for (const { record: r } of parseCsvRecords(sn2007)) {
    for (const tree of [industry, nace]) {
      const entry = tree.get(r['code']!);
      if (entry) entry.titleNb = r['title_nb']!;
    }
  }

  const categories = JSON.parse(readFileSync(join(dataDir, 'taxonomy/material-categories.json'), 'utf8')) as {
    categories: MaterialCategory[];
  };
  const substitutions = JSON.parse(readFileSync(join(dataDir, 'taxonomy/substitutions.json'), 'utf8')) as {
    substitutions: Substitution[];
  };

  const hourlyProfiles = new Set(
    readdirSync(join(dataDir, 'reference/load-profiles-no'))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => `hotmaps-no:${f.replace(/\.csv$/, '')}`),
  );
  const labels = JSON.parse(
    readFileSync(join(dataDir, 'reference/load-profiles-no/labels.json'), 'utf8'),
  ) as {
    profiles: Record<string, { en: string; nb: string }>;
  };
  const hourlyProfileLabels = new Map(
    Object.entries(labels.profiles).map(([file, label]) => [`hotmaps-no:${file}`, label] as const),
  );

  const data: ReferenceData = {
    wasteCodes,
    wasteChapters,
    wasteSubchapters,
    wasteTitlesNb,
    industry,
    nace,
    materialCategories: new Map(categories.categories.map((c) => [c.id, c])),
    substitutions: substitutions.substitutions,
    hourlyProfiles,
    hourlyProfileLabels,
  };
  if (dataDir === DATA_DIR) cached = data;
  return data;
}

/** An industry classification file: code, level (section .. class), parent, title. */
function readIndustryCodes(file: string): Map<string, IndustryEntry> {
  const out = new Map<string, IndustryEntry>();
  for (const { record: r } of parseCsvRecords(readFileSync(file, 'utf8'))) {
    out.set(r['code']!, {
      code: r['code']!,
      level: r['level'] as IndustryEntry['level'],
      parent: r['parent'] ? r['parent'] : null,
      title: r['title']!,
    });
  }
  return out;
}

/** The 8,760 hourly loads of a named profile, normalised to mean 1. */
export function loadHourlyProfile(name: string, dataDir: string = DATA_DIR): Float64Array {
  const file = name.replace(/^hotmaps-no:/, '');
  const text = readFileSync(join(dataDir, 'reference/load-profiles-no', `${file}.csv`), 'utf8');
  const values = parseCsvRecords(text).map(({ record }) => Number(record['load']));
  const out = new Float64Array(values);
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  for (let i = 0; i < out.length; i++) out[i]! /= mean;
  return out;
}

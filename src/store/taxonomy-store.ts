/**
 * The List of Waste tree, the industry classification and the material categories as nodes, so
 * listings link to them and analytics can walk them. Loaded at start-up when the reference data
 * changed (a checksum is recorded), never otherwise.
 */
import { createHash } from 'node:crypto';
import type { ReferenceData } from '../domain/reference.ts';
import type { Logger } from '../logger.ts';
import { rows, type Store } from './driver.ts';
import { query } from './queries.ts';

const LOAD_ID = 'taxonomy';
const BATCH = 1000;

function checksum(ref: ReferenceData): string {
  const h = createHash('sha256');
  for (const w of ref.wasteCodes.values()) h.update(`${w.code}|${w.description}|${w.hazardous}\n`);
  for (const i of ref.industry.values()) h.update(`${i.code}|${i.parent}|${i.title}\n`);
  for (const c of ref.materialCategories.values()) h.update(`${JSON.stringify(c)}\n`);
  return h.digest('hex');
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function loadTaxonomy(store: Store, ref: ReferenceData, logger: Logger): Promise<boolean> {
  const sum = checksum(ref);
  const state = await store.read((tx) =>
    tx.run(query('taxonomy', 'loadState'), { id: LOAD_ID }).then(rows<{ checksum: string }>),
  );
  if (state[0]?.checksum === sum) return false;

  const waste = [...ref.wasteCodes.values()].map((w) => ({
    code: w.code,
    description: w.description,
    hazardous: w.hazardous,
    entryType: w.entryType,
    chapter: w.chapter,
    chapterTitle: ref.wasteChapters.get(w.chapter) ?? '',
    subchapter: w.subchapter,
    subchapterTitle: ref.wasteSubchapters.get(w.subchapter)?.title ?? '',
  }));
  for (const batch of chunks(waste, BATCH))
    await store.write((tx) => tx.run(query('taxonomy', 'upsertWasteTree'), { rows: batch }));

  // Parents first, so every PART_OF points at a node that carries its title.
  const order = { section: 0, division: 1, group: 2, class: 3 } as const;
  const industry = [...ref.industry.values()].sort((a, b) => order[a.level] - order[b.level]);
  for (const batch of chunks(industry, BATCH))
    await store.write((tx) => tx.run(query('taxonomy', 'upsertIndustry'), { rows: batch }));

  const categories = [...ref.materialCategories.values()].map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    displaces: c.displaces ?? null,
    prefixes: c.wasteCodePrefixes,
  }));
  await store.write((tx) => tx.run(query('taxonomy', 'upsertCategories'), { rows: categories }));
  await store.write((tx) =>
    tx.run(query('taxonomy', 'recordLoad'), {
      id: LOAD_ID,
      checksum: sum,
      loadedAt: new Date().toISOString(),
    }),
  );
  logger.info(
    { wasteCodes: waste.length, industryCodes: industry.length, categories: categories.length },
    'loaded taxonomy',
  );
  return true;
}

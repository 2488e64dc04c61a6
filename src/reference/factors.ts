/**
 * Named, versioned factor sets in data/factors/<id>.json, validated on load: every value with its
 * unit, source and year, and the factors the engine reads in the unit it computes with.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FACTOR_FAMILY_UNITS, FACTOR_UNITS, type FactorSet } from '../domain/factor-set.ts';
import { AppError, notFound } from '../errors.ts';
import { DATA_DIR } from './paths.ts';

export const DEFAULT_FACTOR_SET = 'no-physical-2025';

const ID = /^[a-z0-9][a-z0-9-]*$/;

const FactorSchema = z.strictObject({
  value: z.number().finite(),
  unit: z.string().min(1),
  source: z.string().min(10),
  year: z.number().int().min(1990).max(2100),
});

export const FactorSetSchema = z
  .strictObject({
    id: z.string().regex(ID),
    version: z.string().min(1),
    description: z.string().min(1),
    factors: z.record(z.string().min(1), FactorSchema),
  })
  .superRefine((set, ctx) => {
    for (const [name, factor] of Object.entries(set.factors)) {
      const family = Object.keys(FACTOR_FAMILY_UNITS).find((prefix) => name.startsWith(prefix));
      const expected = FACTOR_UNITS[name] ?? (family === undefined ? undefined : FACTOR_FAMILY_UNITS[family]);
      if (expected !== undefined && factor.unit !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['factors', name, 'unit'],
          message: `must be ${expected}: the engine computes with it`,
        });
      }
    }
  });

export interface FactorSetSummary {
  id: string;
  version: string;
  description: string;
}

const dirOf = (dataDir: string): string => join(dataDir, 'factors');

/** The factor sets shipped in data/factors, sorted by id. */
export function listFactorSets(dataDir: string = DATA_DIR): FactorSetSummary[] {
  return readdirSync(dirOf(dataDir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const { id, version, description } = loadFactorSet(f.replace(/\.json$/, ''), dataDir);
      return { id, version, description };
    });
}

export function loadFactorSet(id: string = DEFAULT_FACTOR_SET, dataDir: string = DATA_DIR): FactorSet {
  // The id becomes a file name: only a plain slug may reach the file system.
  const file = join(dirOf(dataDir), `${id}.json`);
  if (!ID.test(id) || !existsSync(file)) throw notFound('factor set', id);
  const parsed = FactorSetSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new AppError('INTERNAL', `factor set '${id}' is invalid`, [
      { path: `data/factors/${id}.json`, message: z.prettifyError(parsed.error) },
    ]);
  }
  if (parsed.data.id !== id) {
    throw new AppError('INTERNAL', `factor set file '${id}.json' declares id '${parsed.data.id}'`);
  }
  return parsed.data;
}

/**
 * Named, versioned cost sets in data/costs/<id>.json, validated on load like the factor sets
 * (factors.ts): every factor the engine reads present, in its unit, with a source and a year.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  COST_FACTOR_NAMES,
  COST_FACTOR_UNITS,
  type CostFactorName,
  type CostSet,
} from '../domain/cost-set.ts';
import { AppError, notFound } from '../errors.ts';
import { DATA_DIR } from './paths.ts';

export const DEFAULT_COST_SET = 'costs-no-2025';

const ID = /^[a-z0-9][a-z0-9-]*$/;

const CostFactorSchema = z.strictObject({
  value: z.number().finite().nonnegative(),
  unit: z.string().min(1),
  source: z.string().min(10),
  year: z.number().int().min(1990).max(2100),
});

/** Every factor the engine reads, in its unit; detour.road is a ratio of at least 1. */
const FactorsSchema = z.strictObject(
  Object.fromEntries(
    COST_FACTOR_NAMES.map((name) => [
      name,
      CostFactorSchema.extend({
        unit: z.literal(COST_FACTOR_UNITS[name]),
        ...(name === 'detour.road' ? { value: z.number().finite().min(1) } : {}),
      }),
    ]),
  ) as unknown as Record<CostFactorName, typeof CostFactorSchema>,
);

export const CostSetSchema = z.strictObject({
  id: z.string().regex(ID),
  version: z.string().min(1),
  description: z.string().min(1),
  factors: FactorsSchema,
});

const cache = new Map<string, CostSet>();

export function loadCostSet(id: string = DEFAULT_COST_SET, dataDir: string = DATA_DIR): CostSet {
  const key = `${dataDir}\u0000${id}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // The id becomes a file name: only a plain slug may reach the file system.
  const file = join(dataDir, 'costs', `${id}.json`);
  if (!ID.test(id) || !existsSync(file)) throw notFound('cost set', id);
  const parsed = CostSetSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new AppError('INTERNAL', `cost set '${id}' is invalid`, [
      { path: `data/costs/${id}.json`, message: z.prettifyError(parsed.error) },
    ]);
  }
  if (parsed.data.id !== id) {
    throw new AppError('INTERNAL', `cost set file '${id}.json' declares id '${parsed.data.id}'`);
  }
  const set = parsed.data as CostSet;
  cache.set(key, set);
  return set;
}

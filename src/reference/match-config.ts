/**
 * Versioned matching configuration in data/matching/config-<version>.json: the weights and
 * limits of the engine, validated on load so a typo fails at start-up, not in a score.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ENERGY_CARRIERS } from '../domain/listing-kinds.ts';
import type { MatchConfig } from '../domain/match-config.ts';
import { AppError, notFound } from '../errors.ts';
import { DATA_DIR } from './paths.ts';

export const DEFAULT_MATCH_CONFIG = '2';

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.-]*$/;
const weight = z.number().min(0).finite();
const km = z.number().positive().finite();
const temperatures = z.partialRecord(z.enum(ENERGY_CARRIERS), z.number().min(-60).max(1600));

export const MatchConfigSchema = z
  .strictObject({
    version: z.string().regex(VERSION),
    notes: z.string().optional(),
    weights: z.strictObject({
      resource: weight,
      quantity: weight,
      distance: weight,
      temporal: weight,
      quality: weight,
    }),
    distanceLimitsKm: z.strictObject({
      material: km,
      water: km,
      land: km,
      // Every carrier needs a limit: a missing one would silently reject all its pairs.
      energy: z.record(z.enum(ENERGY_CARRIERS), km),
    }),
    minApproachK: z.number().min(0).max(100),
    heatPumpCarnotEfficiency: z.number().gt(0).max(1),
    maxHeatPumpLiftK: z.number().positive().max(200),
    maxTwoStageHeatPumpLiftK: z.number().positive().max(300).optional(),
    maxHeatPumpCop: z.number().gt(1).max(50).optional(),
    minScore: z.number().min(0).max(1),
    // Each listing's best pairs are kept in a heap of this size: a few dozen at most is the intent.
    maxCandidatesPerListing: z.number().int().min(1).max(1000).optional(),
    assumedTemperatureC: z.strictObject({ offer: temperatures, need: temperatures }).optional(),
    feedback: z
      .strictObject({
        enabled: z.boolean(),
        // Bounded: feedback may lower a score, never dominate it.
        maxPenalty: z.number().min(0).max(0.5),
        prior: z.number().min(0).max(100),
        minRejections: z.number().int().min(1).max(1000),
      })
      .optional(),
  })
  .refine((c) => Object.values(c.weights).some((w) => w > 0), {
    path: ['weights'],
    message: 'at least one weight must be positive',
  });

/** Versions of the shipped configurations, sorted. */
export function listMatchConfigs(dataDir: string = DATA_DIR): string[] {
  return readdirSync(join(dataDir, 'matching'))
    .map((f) => /^config-(.+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort();
}

export function loadMatchConfig(
  version: string = DEFAULT_MATCH_CONFIG,
  dataDir: string = DATA_DIR,
): MatchConfig {
  const file = join(dataDir, 'matching', `config-${version}.json`);
  if (!VERSION.test(version) || !existsSync(file)) throw notFound('match configuration', version);
  const parsed = MatchConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new AppError('INTERNAL', `match configuration '${version}' is invalid`, [
      { path: `data/matching/config-${version}.json`, message: z.prettifyError(parsed.error) },
    ]);
  }
  if (parsed.data.version !== version) {
    throw new AppError('INTERNAL', `config-${version}.json declares version '${parsed.data.version}'`);
  }
  return parsed.data;
}

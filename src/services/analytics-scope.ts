/**
 * The scope of every analytics question (indicators, breakdowns, series, barriers, the network,
 * exports and the report): the whole country, a county or a municipality (`region`), a bounding
 * box (`bbox`) or a circle (`lat`, `lon`, `radiusKm`), a period (`from`, `to`) and a resource
 * kind. A region and a shape together mean both. Regional facilitators ask about their own
 * regions only; analysts and admins about anything.
 */
import { z } from 'zod';
import { inRegions } from '../domain/access.ts';
import type { Caller, UserCaller } from '../domain/caller.ts';
import { refineCircle } from '../domain/circle.ts';
import { queryNumber } from '../domain/fields.ts';
import { LISTING_KINDS } from '../domain/listing-kinds.ts';
import { regionName } from '../domain/regions.ts';
import { AppError, validationError } from '../errors.ts';
import type { ScopeFilter } from '../store/analytics-store.ts';
import type { Deps } from './deps.ts';

const isoDate = z.iso.date().meta({ description: 'ISO date, YYYY-MM-DD' });

const BBOX = /^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/;

export const ScopeFields = {
  region: z
    .string()
    .regex(/^(\d{2}|\d{4})$/, 'must be a county (2 digits) or municipality (4 digits) number')
    .optional()
    .meta({ description: 'county or municipality number; default the whole country' }),
  bbox: z
    .string()
    .regex(BBOX, 'must be minLon,minLat,maxLon,maxLat in degrees')
    .optional()
    .meta({ description: 'sites inside a box: minLon,minLat,maxLon,maxLat (WGS84 degrees)' }),
  lat: queryNumber(z.number().min(-90).max(90)).optional(),
  lon: queryNumber(z.number().min(-180).max(180)).optional(),
  radiusKm: queryNumber(z.number().positive().max(2000))
    .optional()
    .meta({ description: 'sites within this distance of lat, lon' }),
  kind: z.enum(LISTING_KINDS).optional(),
  from: isoDate.optional().meta({ description: 'start of the period (inclusive)' }),
  to: isoDate
    .optional()
    .meta({ description: 'end of the period (exclusive); realised figures are as of it' }),
};

type ScopeInput = {
  bbox?: string | undefined;
  lat?: number | undefined;
  radiusKm?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** The checks every scope schema adds: a well-formed box, a whole circle, not both, a period in order. */
export function refineScope(q: ScopeInput & { lon?: number | undefined }, ctx: z.RefinementCtx): void {
  refineCircle(q, ctx);
  if (q.bbox !== undefined) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox.split(',').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const problem =
      minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90
        ? 'must lie within -180..180 longitude and -90..90 latitude'
        : minLon >= maxLon || minLat >= maxLat
          ? 'must have min before max on both axes'
          : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['bbox'], message: problem });
    if (q.radiusKm !== undefined)
      ctx.addIssue({ code: 'custom', path: ['bbox'], message: 'give a box or a circle, not both' });
  }
  if (q.from !== undefined && q.to !== undefined && q.from >= q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
}

export type ScopeQuery = z.output<z.ZodObject<typeof ScopeFields>>;

/** A parsed scope: the store's filter, the period, and a label to print. */
export interface Scope {
  filter: ScopeFilter;
  period: { from?: string; to?: string };
  label: string;
  query: ScopeQuery;
}

/** A regional facilitator asks about one of its regions; analysts and admins about any. */
function assertScopeAllowed(caller: Caller, region: string | undefined): void {
  if (caller.kind !== 'user' || caller.role !== 'facilitator' || caller.regions === 'all') return;
  const inside =
    region !== undefined && inRegions(caller, region.length === 4 ? [region, region.slice(0, 2)] : [region]);
  if (!inside) {
    throw new AppError('FORBIDDEN', 'a facilitator reads the analytics of one of its regions', [
      { path: 'region', message: `must be one of your regions: ${(caller as UserCaller).regions}` },
    ]);
  }
}

/** Reads the scope fields of a query (after the route's own schema has taken its fields). */
export function scopeOf(deps: Deps, caller: Caller, q: ScopeQuery): Scope {
  assertScopeAllowed(caller, q.region);
  let label = 'Norway';
  if (q.region !== undefined) {
    const name = regionName(deps.regions, q.region);
    if (name === null)
      throw validationError('no such region', [
        { path: 'region', message: `'${q.region}' is no county or municipality number` },
      ]);
    label = `${name} (${q.region})`;
  }
  let shape: ScopeFilter['shape'] = null;
  if (q.bbox !== undefined) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox.split(',').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    shape = { minLat, minLon, maxLat, maxLon };
    label += `, box ${q.bbox}`;
  } else if (q.lat !== undefined && q.lon !== undefined && q.radiusKm !== undefined) {
    shape = { lat: q.lat, lon: q.lon, m: q.radiusKm * 1000 };
    label += `, within ${q.radiusKm} km of ${q.lat}, ${q.lon}`;
  }
  if (q.kind !== undefined) label += `, ${q.kind}`;
  return {
    filter: { region: q.region ?? null, shape, kind: q.kind ?? null },
    period: { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) },
    label,
    query: q,
  };
}

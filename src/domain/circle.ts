import type { z } from 'zod';

/** A search circle given as three optional fields that only make sense together. */
export interface CircleFields {
  lat?: number | undefined;
  lon?: number | undefined;
  radiusKm?: number | undefined;
}

export function refineCircle(q: CircleFields, ctx: z.RefinementCtx): void {
  const given = [q.lat, q.lon, q.radiusKm].filter((v) => v !== undefined).length;
  if (given === 0 || given === 3) return;
  for (const key of ['lat', 'lon', 'radiusKm'] as const) {
    if (q[key] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'is required with lat, lon and radiusKm together',
      });
    }
  }
}

/** The circle as store filters take it: a point and a radius in metres, or nulls. */
export function circleFilter(q: CircleFields): {
  center: { latitude: number; longitude: number } | null;
  radiusM: number | null;
} {
  if (q.lat === undefined || q.lon === undefined || q.radiusKm === undefined)
    return { center: null, radiusM: null };
  return { center: { latitude: q.lat, longitude: q.lon }, radiusM: q.radiusKm * 1000 };
}

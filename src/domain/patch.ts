/**
 * Partial updates. zod 4 keeps a field's `.default()` under `.partial()`, so a patch schema derived
 * from the input schema would fill every default the caller did not send: fixing a title would
 * publish a private listing. Patch schemas are therefore built from the field schemas with their
 * defaults taken off, and the parsed patch is laid over the stored fields by `mergePatch`: what
 * the patch names replaces, everything else stays.
 */
import { z } from 'zod';

/** A field schema without its top-level default. */
type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/** The fields of an object shape with their defaults taken off, for a patch schema. */
export function withoutDefaults<S extends z.ZodRawShape>(shape: S): { [K in keyof S]: WithoutDefault<S[K]> } {
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [
      key,
      field instanceof z.ZodDefault ? field.unwrap() : field,
    ]),
  ) as { [K in keyof S]: WithoutDefault<S[K]> };
}

/** The type of a stored object with a patch laid over it: a field the patch may name is either. */
export type Merged<T, P> = {
  [K in keyof T | keyof P]: K extends keyof P
    ? K extends keyof T
      ? T[K] | Exclude<P[K], undefined>
      : P[K]
    : K extends keyof T
      ? T[K]
      : never;
};

/**
 * The stored editable fields with a parsed patch laid over them: a field the patch names (with a
 * value) replaces the stored one whole, a kind block included; a field it does not name stays.
 */
export function mergePatch<T extends object, P extends object>(stored: T, patch: P): Merged<T, P> {
  const merged: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as Merged<T, P>;
}

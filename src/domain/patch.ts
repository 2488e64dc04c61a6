/**
 * PATCH changes only what it names: a parsed patch (whose schema carries no defaults) replaces the
 * named top-level fields of the stored entity's editable fields and nothing else. A kind block
 * (material, energy, ...) is replaced whole.
 */
export function mergePatch<T extends object, P extends object>(editable: T, patch: P): T & P {
  const named = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return { ...editable, ...named } as T & P;
}

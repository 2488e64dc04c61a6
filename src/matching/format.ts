/** Numbers in reasons: at most `digits` decimals, no trailing zeros, no locale (output is stable). */
export function fmt(value: number, digits = 1): string {
  const scale = 10 ** digits;
  return String(Math.round(value * scale) / scale);
}

/** Whole-percent rendering of a share in [0, 1]. */
export const pct = (share: number): string => `${Math.round(share * 100)}%`;

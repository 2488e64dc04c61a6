/**
 * Norwegian organisation numbers (Enhetsregisteret): nine digits, the last a modulus-11 check
 * digit over the first eight with weights 3 2 7 6 5 4 3 2. A remainder that gives check digit 10
 * is never issued, so such numbers are invalid.
 * Reference: Brønnøysundregistrene, "Organisasjonsnummer" (modulus 11 control).
 */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

export function orgNumberCheckDigit(firstEight: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(firstEight[i]) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  return orgNumberCheckDigit(value.slice(0, 8)) === Number(value[8]);
}

/** Accepts the common spellings "923 609 016" and "NO923609016MVA" and returns nine digits. */
export function normaliseOrgNumber(value: string): string {
  return value
    .replace(/^NO/i, '')
    .replace(/MVA$/i, '')
    .replace(/[\s.-]/g, '');
}

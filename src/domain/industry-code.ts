/**
 * A company's industry code, checked level by level as deep as the shipped classification goes.
 * SN2007 (Statistics Norway) is NACE Rev. 2 down to the class (`24.42`) plus a national fifth
 * digit (`24.420`); we ship NACE Rev. 2, so division, group and class are checked and the fifth
 * digit is accepted whenever its class exists. ISIC Rev. 4 cannot serve below the division: NACE
 * refines it differently (NACE group 24.4 is ISIC 242 and 243 combined), so aluminium, 24.420,
 * would be refused.
 */
import type { ErrorDetail } from '../errors.ts';
import type { ReferenceData } from './reference.ts';

const SN2007_NOTE = "the 5th digit is SN2007's national subclass and is not checked";

/** The levels a code names, from the division down: `24.420` -> 24, 24.4, 24.42. */
function levelsOf(code: string): { level: 'division' | 'group' | 'class'; code: string }[] {
  const out: { level: 'division' | 'group' | 'class'; code: string }[] = [
    { level: 'division', code: code.slice(0, 2) },
  ];
  if (code.length >= 4) out.push({ level: 'group', code: code.slice(0, 4) });
  if (code.length >= 5) out.push({ level: 'class', code: code.slice(0, 5) });
  return out;
}

/**
 * Problems with an industry code of the form IndustryCodeSchema accepts (`dd`, `dd.d`, `dd.dd`,
 * `dd.ddd`): the first level that does not exist in NACE Rev. 2, named with its parent.
 */
export function checkIndustryCode(code: string, ref: ReferenceData, path = 'industry'): ErrorDetail[] {
  const note = code.length === 6 ? ` (${SN2007_NOTE})` : '';
  let parent: { level: string; code: string } | undefined;
  for (const l of levelsOf(code)) {
    if (ref.nace.get(l.code)?.level !== l.level) {
      const where = parent
        ? `${parent.level} ${parent.code} has no ${l.level} ${l.code}`
        : `${l.code} is not a division`;
      return [{ path, message: `'${code}': ${where} in NACE Rev. 2 / SN2007${note}` }];
    }
    parent = l;
  }
  return [];
}

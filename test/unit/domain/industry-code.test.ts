import { describe, expect, it } from 'vitest';
import { checkIndustryCode } from '../../../src/domain/industry-code.ts';
import { industryDivision } from '../../../src/domain/reference.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';

const ref = loadReferenceData();
const messageOf = (code: string) => checkIndustryCode(code, ref)[0]?.message;

describe('checkIndustryCode', () => {
  it.each(['24', '24.4', '24.42', '24.420', '35.300', '10.200', '01.410', '38.32', '99.00'])(
    'when %s exists in NACE Rev. 2 down to its class, then it is accepted',
    (code) => {
      expect(checkIndustryCode(code, ref)).toEqual([]);
    },
  );

  it('when a NACE group has no ISIC group of the same digits (24.4 precious and non-ferrous metals), then it is still accepted', () => {
    expect(ref.industry.get('244')).toBeUndefined();
    expect(checkIndustryCode('24.420', ref)).toEqual([]);
  });

  it('when the division does not exist, then the division is named', () => {
    expect(checkIndustryCode('04.100', ref)).toEqual([
      {
        path: 'industry',
        message:
          "'04.100': 04 is not a division in NACE Rev. 2 / SN2007 (the 5th digit is SN2007's national subclass and is not checked)",
      },
    ]);
    expect(messageOf('34')).toBe("'34': 34 is not a division in NACE Rev. 2 / SN2007");
  });

  it('when division 99 has no group 99.9, then 99.999 is refused naming that level', () => {
    expect(messageOf('99.999')).toContain('division 99 has no group 99.9');
    expect(messageOf('99.9')).toBe("'99.9': division 99 has no group 99.9 in NACE Rev. 2 / SN2007");
  });

  it('when the group exists but not the class, then the class is named with its group', () => {
    expect(messageOf('24.49')).toBe("'24.49': group 24.4 has no class 24.49 in NACE Rev. 2 / SN2007");
    expect(messageOf('24.400')).toContain('group 24.4 has no class 24.40');
  });

  it('when the class exists, then any 5th digit is accepted and the message says why it is not checked', () => {
    for (const d of '0123456789') expect(checkIndustryCode(`24.42${d}`, ref)).toEqual([]);
    expect(messageOf('24.490')).toContain("the 5th digit is SN2007's national subclass and is not checked");
  });

  it('when a path is given, then the problem is reported there', () => {
    expect(checkIndustryCode('00', ref, 'companies[3].industry')[0]?.path).toBe('companies[3].industry');
  });

  it('when the division of a code is asked for, then it is its first two digits', () => {
    expect(industryDivision('24.420')).toBe('24');
  });
});

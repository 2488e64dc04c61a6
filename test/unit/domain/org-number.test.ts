import { describe, expect, it } from 'vitest';
import { isValidOrgNumber, normaliseOrgNumber, orgNumberCheckDigit } from '../../../src/domain/org-number.ts';

describe('organisation number check digit', () => {
  it('when given published numbers (Equinor, Brønnøysundregistrene), then they are valid', () => {
    expect(isValidOrgNumber('923609016')).toBe(true);
    expect(isValidOrgNumber('974760673')).toBe(true);
  });

  it('when the first eight digits are 92360901, then mod-11 with weights 3 2 7 6 5 4 3 2 gives 6', () => {
    // 9·3 + 2·2 + 3·7 + 6·6 + 0·5 + 9·4 + 0·3 + 1·2 = 126; 126 mod 11 = 5; 11 − 5 = 6.
    expect(orgNumberCheckDigit('92360901')).toBe(6);
  });

  it('when one digit of a valid number is changed, then it is invalid', () => {
    expect(isValidOrgNumber('923609017')).toBe(false);
    expect(isValidOrgNumber('923609106')).toBe(false);
  });

  it('when the remainder is 0, then the check digit is 0 (11 becomes 0)', () => {
    // 9·3 + 3·2 = 33 ≡ 0 (mod 11).
    expect(orgNumberCheckDigit('90000003')).toBe(0);
    expect(isValidOrgNumber('900000030')).toBe(true);
  });

  it('when the check digit would be 10, then no ninth digit makes the number valid', () => {
    // 9·3 + 9·2 = 45 ≡ 1 (mod 11), so the check digit would be 10: never issued.
    expect(orgNumberCheckDigit('90000009')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidOrgNumber(`90000009${d}`)).toBe(false);
  });

  it('when the value is not exactly nine digits, then it is invalid', () => {
    expect(isValidOrgNumber('92360901')).toBe(false);
    expect(isValidOrgNumber('9236090160')).toBe(false);
    expect(isValidOrgNumber('92360901a')).toBe(false);
    expect(isValidOrgNumber('923 609 016')).toBe(false);
  });
});

describe('organisation number normalisation', () => {
  it('when written as "NO 923 609 016 MVA", then it becomes nine digits that validate', () => {
    expect(normaliseOrgNumber('NO 923 609 016 MVA')).toBe('923609016');
    expect(isValidOrgNumber(normaliseOrgNumber('NO 923 609 016 MVA'))).toBe(true);
  });

  it('when the VAT form is written together or in lower case, then prefix and suffix are dropped', () => {
    expect(normaliseOrgNumber('NO923609016MVA')).toBe('923609016');
    expect(normaliseOrgNumber('no923609016mva')).toBe('923609016');
  });

  it('when digits are grouped with spaces, dots or hyphens, then the separators are removed', () => {
    expect(normaliseOrgNumber('974 760 673')).toBe('974760673');
    expect(normaliseOrgNumber('974.760.673')).toBe('974760673');
    expect(normaliseOrgNumber('974-760-673')).toBe('974760673');
  });
});

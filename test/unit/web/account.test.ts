/**
 * My account's pure parts: when the header warns that the sign-in is about to expire, and the
 * view's texts in both languages (the same values filled in, every key of its own).
 */
import { describe, expect, it } from 'vitest';
import { EXPIRY_NOTICE_DAYS, expiresSoon } from '../../../web/src/session/expiry.ts';
import { en, nb } from '../../../web/src/workspaces/account/messages.ts';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');
const inDays = (days: number) => new Date(NOW + days * DAY_MS).toISOString();

describe('the notice that the sign-in is about to expire', () => {
  it('when the token ends within two weeks, then the notice shows', () => {
    expect(EXPIRY_NOTICE_DAYS).toBe(14);
    expect(expiresSoon(inDays(7), NOW)).toBe(true);
    expect(expiresSoon(inDays(0.5), NOW)).toBe(true);
    expect(expiresSoon(inDays(14), NOW)).toBe(true);
  });

  it('when the token ends later, then no notice shows', () => {
    expect(expiresSoon(inDays(14.01), NOW)).toBe(false);
    expect(expiresSoon(inDays(90), NOW)).toBe(false);
  });

  it('when the expiry is no date, then no notice shows', () => {
    expect(expiresSoon('', NOW)).toBe(false);
    expect(expiresSoon('soon', NOW)).toBe(false);
  });
});

describe('My account’s texts', () => {
  const marks = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('when a text has values, then its bokmål fills in the same ones', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(marks(nb[key]), key).toEqual(marks(en[key]));
  });

  it('when the texts are listed, then each is the account’s own and has bokmål of its own', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(key, key).toMatch(/^(account\.|workspace\.account$)/);
      expect(nb[key].trim(), key).not.toBe('');
      expect(nb[key], key).not.toBe(en[key]);
    }
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
  });
});

/**
 * When the app warns that the token in use is about to expire: within two weeks of its end (from
 * GET /me's tokenExpiresAt), time enough to renew it in My account. Pure, so it is tested without
 * a browser.
 */
export const EXPIRY_NOTICE_DAYS = 14;

const DAY_MS = 86_400_000;

/** Whether a token that ends at `expiresAt` (ISO) ends within EXPIRY_NOTICE_DAYS of `now`. */
export function expiresSoon(expiresAt: string, now: number = Date.now()): boolean {
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && at - now <= EXPIRY_NOTICE_DAYS * DAY_MS;
}

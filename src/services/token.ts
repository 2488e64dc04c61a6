/**
 * Bearer tokens: 256 random bits from the operating system's CSPRNG, written `sym_<base64url>`.
 * Only their SHA-256 is stored. A slow password hash (bcrypt, scrypt, argon2) protects guessable
 * secrets; a 256-bit random token cannot be guessed, so one SHA-256 suffices (as for GitHub's and
 * GitLab's personal access tokens) and keeps each request's check a single indexed lookup. Both
 * come from node:crypto (OpenSSL), not home-made code.
 */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sym_';
const FORMAT = /^sym_[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A syntactically possible token; anything else is refused before the database is asked. */
export const isTokenShaped = (text: string): boolean => FORMAT.test(text);

/**
 * Users, tokens and who a request comes from. Managing users is for admins (and the operator's
 * CLI, which acts as the system); every token is shown once, when it is made.
 */

import { roleMay } from '../domain/access.ts';
import type { Caller, UserCaller } from '../domain/caller.ts';
import { newId } from '../domain/ids.ts';
import { regionName } from '../domain/regions.ts';
import { type TokenInfo, type User, type UserInput, UserInputSchema } from '../domain/user.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { getCompany } from '../store/company-store.ts';
import * as users from '../store/user-store.ts';
import type { Deps } from './deps.ts';
import { hashToken, isTokenShaped, newToken } from './token.ts';

const DAY_MS = 86_400_000;

function requireAdmin(caller: Caller): void {
  const d = roleMay(caller, 'user.manage');
  if (d === 'unauthenticated') throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
  if (d !== 'allow') throw new AppError('FORBIDDEN', 'only admins manage users');
}

function tokenRow(deps: Deps, expiresInDays: number) {
  const token = newToken();
  const now = deps.now();
  return {
    token,
    row: {
      id: newId('tok'),
      hash: hashToken(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS).toISOString(),
    },
  };
}

/** Creates a user with a first token; the token's text is in the answer and nowhere else. */
export async function createUser(
  deps: Deps,
  caller: Caller,
  input: UserInput,
): Promise<{ user: User; token: string; expiresAt: string }> {
  requireAdmin(caller);
  const data = parseOrThrow(UserInputSchema, input, 'user');
  const problems = [];
  for (const [i, code] of data.regions.entries()) {
    if (code !== 'all' && regionName(deps.regions, code) === null)
      problems.push({
        path: `regions[${i}]`,
        message: `'${code}' is no Norwegian county or municipality number`,
      });
  }
  for (const [i, id] of data.companyIds.entries()) {
    if (!(await getCompany(deps.store, id)))
      problems.push({ path: `companyIds[${i}]`, message: `no company '${id}'` });
  }
  if (problems.length) throw validationError('user is not valid', problems);
  const user: User = {
    id: newId('usr'),
    name: data.name,
    role: data.role,
    companyIds: data.companyIds,
    regions: data.regions,
    createdAt: deps.now().toISOString(),
  };
  const { token, row } = tokenRow(deps, data.expiresInDays);
  await users.createUser(deps.store, user, row);
  return { user, token, expiresAt: row.expiresAt };
}

/** A new token for an existing user (rotation); the old ones stay valid until revoked or expired. */
export async function issueToken(
  deps: Deps,
  caller: Caller,
  userId: string,
  expiresInDays = 90,
): Promise<{ token: string; tokenId: string; expiresAt: string }> {
  requireAdmin(caller);
  const { token, row } = tokenRow(deps, expiresInDays);
  if (!(await users.addToken(deps.store, userId, row))) throw notFound('active user', userId);
  return { token, tokenId: row.id, expiresAt: row.expiresAt };
}

export async function listUsers(deps: Deps, caller: Caller): Promise<{ user: User; tokens: TokenInfo[] }[]> {
  requireAdmin(caller);
  return users.listUsers(deps.store);
}

/** Revokes every token of a user (and disables it), or one token. Takes effect at once in this process. */
export async function revoke(
  deps: Deps,
  caller: Caller,
  target: { userId: string } | { tokenId: string },
): Promise<{ userId: string; tokenIds: string[] }> {
  requireAdmin(caller);
  const done = await users.revoke(deps.store, target, deps.now().toISOString());
  if (!done)
    throw notFound(
      'userId' in target ? 'user' : 'token',
      'userId' in target ? target.userId : target.tokenId,
    );
  for (const [hash, entry] of cache) if (entry.caller.userId === done.userId) cache.delete(hash);
  return done;
}

// ---- Authentication ------------------------------------------------------------------------

/**
 * Verified tokens are remembered for a few seconds, so a burst of requests costs one lookup.
 * A revocation through this process clears them at once; one made by another process (the CLI)
 * takes effect within CACHE_MS.
 */
export const CACHE_MS = 10_000;
const CACHE_MAX = 10_000;
const cache = new Map<string, { caller: UserCaller; until: number }>();

/** The caller behind a bearer token; UNAUTHENTICATED when it is unknown, expired or revoked. */
export async function authenticate(deps: Deps, token: string): Promise<UserCaller> {
  const refused = () =>
    new AppError('UNAUTHENTICATED', 'the bearer token is not valid (unknown, expired or revoked)');
  if (!isTokenShaped(token)) throw refused();
  const hash = hashToken(token);
  const now = deps.now();
  const hit = cache.get(hash);
  if (hit && hit.until > now.getTime() && hit.caller.tokenExpiresAt > now.toISOString()) return hit.caller;
  const found = await users.userByTokenHash(deps.store, hash, now.toISOString());
  if (!found) {
    cache.delete(hash);
    throw refused();
  }
  const caller: UserCaller = {
    kind: 'user',
    userId: found.user.id,
    name: found.user.name,
    role: found.user.role,
    companyIds: found.user.companyIds,
    regions: found.user.regions.includes('all') ? 'all' : found.user.regions,
    tokenId: found.tokenId,
    tokenExpiresAt: found.expiresAt,
  };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(hash, { caller, until: now.getTime() + CACHE_MS });
  return caller;
}

/** Forget cached callers of a user whose companies changed, so the next request sees them. */
export function forgetCaller(userId: string): void {
  for (const [hash, entry] of cache) if (entry.caller.userId === userId) cache.delete(hash);
}

export interface Me {
  id: string;
  name: string;
  role: UserCaller['role'];
  companies: { id: string; name: string }[];
  regions: { code: string; name: string }[] | 'all';
  tokenExpiresAt: string;
}

export async function me(deps: Deps, caller: Caller): Promise<Me> {
  if (caller.kind === 'public') throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
  const companies = [];
  for (const id of caller.companyIds) {
    const c = await getCompany(deps.store, id);
    if (c) companies.push({ id: c.company.id, name: c.company.name });
  }
  return {
    id: caller.userId,
    name: caller.name,
    role: caller.role,
    companies,
    regions:
      caller.regions === 'all'
        ? 'all'
        : caller.regions.map((code) => ({ code, name: regionName(deps.regions, code) ?? code })),
    tokenExpiresAt: caller.tokenExpiresAt,
  };
}

/** On a database without users, the first admin; its token goes where only the operator reads it. */
export async function bootstrapFirstAdmin(deps: Deps, caller: Caller): Promise<string | null> {
  if ((await users.countUsers(deps.store)) > 0) return null;
  const { token } = await createUser(deps, caller, {
    name: 'Administrator',
    role: 'admin',
    expiresInDays: 365,
  });
  return token;
}

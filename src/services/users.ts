/**
 * Users, tokens and who a request comes from. Admins manage every account; a facilitator adds and
 * manages the business users of the companies it acts for (domain/access.ts mayManageUser); the
 * operator's CLI acts as the system. Every token is shown once, when it is made; its text is
 * stored nowhere.
 */

import { actsFor, mayManageUser, roleMay } from '../domain/access.ts';
import type { Caller, UserCaller } from '../domain/caller.ts';
import { newId } from '../domain/ids.ts';
import { regionName } from '../domain/regions.ts';
import {
  MAX_ACTIVE_TOKENS,
  OwnTokenRequestSchema,
  type TokenInfo,
  TokenRequestSchema,
  type User,
  type UserInput,
  UserInputSchema,
} from '../domain/user.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, conflict, notFound, validationError } from '../errors.ts';
import { getCompany } from '../store/company-store.ts';
import * as users from '../store/user-store.ts';
import type { Deps } from './deps.ts';
import { hashToken, isTokenShaped, newToken } from './token.ts';

const DAY_MS = 86_400_000;

/** The caller as a user who may manage accounts at all (admins and facilitators). */
function manager(caller: Caller): UserCaller {
  const d = roleMay(caller, 'user.manage');
  if (d === 'unauthenticated' || caller.kind === 'public')
    throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
  if (d !== 'allow') throw new AppError('FORBIDDEN', 'only admins and facilitators manage users');
  return caller;
}

function tokenRow(deps: Deps, expiresInDays: number, by: string) {
  const token = newToken();
  const now = deps.now();
  return {
    token,
    row: {
      id: newId('tok'),
      hash: hashToken(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS).toISOString(),
      createdBy: by,
    },
  };
}

/** Creates a user with a first token; the token's text is in the answer and nowhere else. */
export async function createUser(
  deps: Deps,
  caller: Caller,
  input: UserInput,
): Promise<{ user: User; token: string; tokenId: string; expiresAt: string }> {
  const by = manager(caller);
  const data = parseOrThrow(UserInputSchema, input, 'user');
  if (by.role === 'facilitator') {
    if (data.role !== 'business')
      throw new AppError('FORBIDDEN', 'facilitators add business users only', [
        { path: 'role', message: 'a facilitator may add business users only' },
      ]);
    if (data.companyIds.length === 0)
      throw validationError('user is not valid', [
        { path: 'companyIds', message: 'name at least one company you act for' },
      ]);
  }
  const problems = [];
  const refused = [];
  for (const [i, code] of data.regions.entries()) {
    if (code !== 'all' && regionName(deps.regions, code) === null)
      problems.push({
        path: `regions[${i}]`,
        message: `'${code}' is no Norwegian county or municipality number`,
      });
  }
  for (const [i, id] of data.companyIds.entries()) {
    const company = await getCompany(deps.store, id);
    if (!company) problems.push({ path: `companyIds[${i}]`, message: `no company '${id}'` });
    else if (!actsFor(by, company.facts))
      refused.push({ path: `companyIds[${i}]`, message: `you do not act for company '${id}'` });
    else if (data.companyIds.indexOf(id) !== i)
      problems.push({ path: `companyIds[${i}]`, message: `company '${id}' is named twice` });
  }
  if (problems.length) throw validationError('user is not valid', problems);
  if (refused.length)
    throw new AppError('FORBIDDEN', 'you may add users only for companies you act for', refused);
  const user: User = {
    id: newId('usr'),
    name: data.name,
    role: data.role,
    companyIds: data.companyIds,
    regions: data.regions,
    createdAt: deps.now().toISOString(),
    createdBy: by.userId,
  };
  const { token, row } = tokenRow(deps, data.expiresInDays, by.userId);
  await users.createUser(deps.store, user, row);
  return { user, token, tokenId: row.id, expiresAt: row.expiresAt };
}

/** A new token for an existing user (rotation); the old ones stay valid until revoked or expired. */
export async function issueToken(
  deps: Deps,
  caller: Caller,
  userId: string,
  expiresInDays?: number,
): Promise<{ token: string; tokenId: string; expiresAt: string }> {
  return createToken(deps, caller, userId, expiresInDays === undefined ? undefined : { expiresInDays });
}

/** Every user with its tokens (the operator's list). */
export async function listUsers(deps: Deps, caller: Caller): Promise<{ user: User; tokens: TokenInfo[] }[]> {
  const by = manager(caller);
  return (await users.accounts(deps.store)).filter((a) => mayManageUser(by, roleAndCompanies(a)));
}

/**
 * Revokes every token of a user (and disables it), or one token (of `userId` when given). Takes
 * effect at once in this process, within CACHE_MS in others. Nothing leaves the service without
 * an admin who can sign in (409): nobody could manage users after that but the operator's CLI.
 */
export async function revoke(
  deps: Deps,
  caller: Caller,
  target: { userId: string } | { tokenId: string; userId?: string },
): Promise<{ userId: string; tokenIds: string[] }> {
  const by = manager(caller);
  if (target.userId !== undefined) await managedAccount(deps, by, target.userId);
  else if (by.role !== 'admin') throw new AppError('FORBIDDEN', 'only admins revoke a token by its id alone');
  return revokeAs(deps, by, target);
}

async function revokeAs(
  deps: Deps,
  by: UserCaller,
  target: { userId: string } | { tokenId: string; userId?: string },
): Promise<{ userId: string; tokenIds: string[] }> {
  const done = await users.revoke(deps.store, target, deps.now().toISOString(), by.userId);
  if (done === 'last-admin')
    throw 'tokenId' in target
      ? conflict('no admin could sign in without this token; make another token or admin first', [
          { path: 'tokenId', message: 'the last valid token of the last admin who can sign in' },
        ])
      : conflict('no other admin can sign in; make another admin before disabling this one', [
          { path: 'id', message: 'the last admin who can sign in' },
        ]);
  if (!done) throw 'tokenId' in target ? notFound('token', target.tokenId) : notFound('user', target.userId);
  forgetCaller(done.userId);
  return done;
}

async function addTokenFor(
  deps: Deps,
  by: UserCaller,
  userId: string,
  days: number,
): Promise<{ token: string; tokenId: string; expiresAt: string }> {
  const { token, row } = tokenRow(deps, days, by.userId);
  const added = await users.addToken(deps.store, userId, row, MAX_ACTIVE_TOKENS);
  if (added === 'missing') throw notFound('user', userId);
  if (added === 'disabled')
    throw conflict(`user '${userId}' is disabled; it gets no new token`, [
      { path: 'id', message: 'the user is disabled' },
    ]);
  if (added === 'full')
    throw conflict(`user '${userId}' already holds ${MAX_ACTIVE_TOKENS} valid tokens; revoke one first`, [
      { path: 'id', message: `at most ${MAX_ACTIVE_TOKENS} valid tokens per user` },
    ]);
  return { token, tokenId: row.id, expiresAt: row.expiresAt };
}

// ---- Account management over the API -------------------------------------------------------

export type TokenState = 'valid' | 'expired' | 'revoked';

/** A user as the one who manages it sees it: never a token's text or hash. */
export interface AccountView {
  id: string;
  name: string;
  role: User['role'];
  companies: { id: string; name: string }[];
  regions: string[];
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  state: 'enabled' | 'disabled';
  disabledAt?: string;
  disabledBy?: { id: string; name: string } | null;
  validTokens: number;
  tokens: {
    id: string;
    state: TokenState;
    createdAt: string;
    expiresAt: string;
    revokedAt?: string;
    createdBy: { id: string; name: string } | null;
    revokedBy?: { id: string; name: string } | null;
    lastUsedAt?: string;
  }[];
}

const roleAndCompanies = (a: users.Account) => ({ role: a.user.role, companies: a.companies });

const tokenState = (t: TokenInfo, now: string): TokenState =>
  t.revokedAt ? 'revoked' : t.expiresAt > now ? 'valid' : 'expired';

async function viewsOf(deps: Deps, list: users.Account[]): Promise<AccountView[]> {
  const ids = new Set<string>();
  for (const a of list) {
    if (a.user.createdBy) ids.add(a.user.createdBy);
    if (a.user.disabledBy) ids.add(a.user.disabledBy);
    for (const t of a.tokens) {
      if (t.createdBy) ids.add(t.createdBy);
      if (t.revokedBy) ids.add(t.revokedBy);
    }
  }
  ids.delete('system');
  const names = await users.userNames(deps.store, [...ids]);
  const who = (id: string | undefined) =>
    id === undefined ? null : { id, name: id === 'system' ? 'system' : (names.get(id) ?? id) };
  const now = deps.now().toISOString();
  return list.map(({ user, tokens, companies }) => ({
    id: user.id,
    name: user.name,
    role: user.role,
    companies: companies.map((c) => ({ id: c.id, name: c.name })),
    regions: user.regions,
    createdAt: user.createdAt,
    createdBy: who(user.createdBy),
    state: user.disabledAt ? 'disabled' : 'enabled',
    ...(user.disabledAt ? { disabledAt: user.disabledAt, disabledBy: who(user.disabledBy) } : {}),
    validTokens: tokens.filter((t) => tokenState(t, now) === 'valid').length,
    tokens: tokens.map((t) => ({
      id: t.id,
      state: tokenState(t, now),
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      ...(t.revokedAt ? { revokedAt: t.revokedAt, revokedBy: who(t.revokedBy) } : {}),
      ...(t.lastUsedAt ? { lastUsedAt: t.lastUsedAt } : {}),
      createdBy: who(t.createdBy),
    })),
  }));
}

/** The account when the caller may manage it; 404 otherwise (its existence stays hidden). */
async function managedAccount(deps: Deps, by: UserCaller, id: string): Promise<users.Account> {
  const [found] = await users.accounts(deps.store, id);
  if (!found || !mayManageUser(by, roleAndCompanies(found))) throw notFound('user', id);
  return found;
}

export interface AccountQuery {
  role?: User['role'];
  state?: 'enabled' | 'disabled';
  company?: string;
  q?: string;
  limit: number;
  offset: number;
  count?: boolean;
}

/** A page of the accounts the caller manages, by name; filtered by role, state, company and words of the name. */
export async function listAccounts(
  deps: Deps,
  caller: Caller,
  query: AccountQuery,
): Promise<{ items: AccountView[]; hasMore: boolean; total?: number }> {
  const by = manager(caller);
  const words = (query.q ?? '').toLocaleLowerCase('nb').split(/\s+/).filter(Boolean);
  const matching = (await users.accounts(deps.store)).filter(
    (a) =>
      mayManageUser(by, roleAndCompanies(a)) &&
      (query.role === undefined || a.user.role === query.role) &&
      (query.state === undefined || (a.user.disabledAt ? 'disabled' : 'enabled') === query.state) &&
      (query.company === undefined || a.user.companyIds.includes(query.company)) &&
      words.every(
        (w) =>
          a.user.name.toLocaleLowerCase('nb').includes(w) ||
          a.companies.some((c) => c.name.toLocaleLowerCase('nb').includes(w)),
      ),
  );
  const slice = matching.slice(query.offset, query.offset + query.limit);
  return {
    items: await viewsOf(deps, slice),
    hasMore: query.offset + query.limit < matching.length,
    ...(query.count ? { total: matching.length } : {}),
  };
}

export async function getAccount(deps: Deps, caller: Caller, id: string): Promise<AccountView> {
  const by = manager(caller);
  const [view] = await viewsOf(deps, [await managedAccount(deps, by, id)]);
  return view!;
}

/** Creates a user over the API: the account as its manager sees it, and the token, once. */
export async function createAccount(
  deps: Deps,
  caller: Caller,
  input: unknown,
): Promise<{ user: AccountView; token: string; tokenId: string; expiresAt: string }> {
  const made = await createUser(deps, caller, input as UserInput);
  return {
    user: await getAccount(deps, caller, made.user.id),
    token: made.token,
    tokenId: made.tokenId,
    expiresAt: made.expiresAt,
  };
}

/** A new token of a user the caller manages (body `{ expiresInDays? }`). */
export async function createToken(
  deps: Deps,
  caller: Caller,
  userId: string,
  body: unknown,
): Promise<{ token: string; tokenId: string; expiresAt: string }> {
  const by = manager(caller);
  const { expiresInDays } = parseOrThrow(TokenRequestSchema, body === undefined ? {} : body, 'token request');
  await managedAccount(deps, by, userId);
  return addTokenFor(deps, by, userId, expiresInDays);
}

/** Revokes one token of a user the caller manages; the account as it is then. */
export async function revokeToken(
  deps: Deps,
  caller: Caller,
  userId: string,
  tokenId: string,
): Promise<AccountView> {
  await revoke(deps, caller, { userId, tokenId });
  return getAccount(deps, caller, userId);
}

/** Disables a user the caller manages and revokes all its tokens; the account as it is then. */
export async function disableAccount(deps: Deps, caller: Caller, userId: string): Promise<AccountView> {
  await revoke(deps, caller, { userId });
  return getAccount(deps, caller, userId);
}

// ---- One's own tokens ----------------------------------------------------------------------

/** A token of the caller's own, marked `current` when it is the one this request came with. */
export type OwnToken = AccountView['tokens'][number] & { current: boolean };

function self(caller: Caller): UserCaller {
  if (caller.kind === 'public') throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
  return caller;
}

/** Your tokens, oldest first, never a token's text. */
export async function ownTokens(deps: Deps, caller: Caller): Promise<{ items: OwnToken[] }> {
  const me = self(caller);
  const [found] = await users.accounts(deps.store, me.userId);
  if (!found)
    throw new AppError('UNAUTHENTICATED', 'the bearer token is not valid (unknown, expired or revoked)');
  const [view] = await viewsOf(deps, [found]);
  return { items: view!.tokens.map((t) => ({ ...t, current: t.id === me.tokenId })) };
}

/**
 * A new token of your own (body `{ expiresInDays? }`, at most 365): to renew a sign-in before it
 * expires, or for another device or a script. Shown once.
 */
export async function makeOwnToken(
  deps: Deps,
  caller: Caller,
  body: unknown,
): Promise<{ token: string; tokenId: string; expiresAt: string }> {
  const me = self(caller);
  const { expiresInDays } = parseOrThrow(
    OwnTokenRequestSchema,
    body === undefined ? {} : body,
    'token request',
  );
  return addTokenFor(deps, me, me.userId, expiresInDays);
}

/** Revokes one of your tokens (the current one too: that signs this client out for good). */
export async function revokeOwnToken(
  deps: Deps,
  caller: Caller,
  tokenId: string,
): Promise<{ items: OwnToken[] }> {
  const me = self(caller);
  await revokeAs(deps, me, { tokenId, userId: me.userId });
  return ownTokens(deps, caller);
}

// ---- Authentication ------------------------------------------------------------------------

/**
 * Verified tokens are remembered for a few seconds, so a burst of requests costs one lookup.
 * A revocation through this process clears them at once; one made by another process (the CLI)
 * takes effect within CACHE_MS.
 */
export const CACHE_MS = 10_000;
/** How fresh a token's `lastUsedAt` is kept. */
export const TOUCH_MS = 3_600_000;
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
  // When it was last used, to the hour: at most one small write per token an hour, never in the
  // request's way (a failure only loses the mark).
  const before = new Date(now.getTime() - TOUCH_MS).toISOString();
  if (found.lastUsedAt === null || found.lastUsedAt < before)
    users
      .touchToken(deps.store, found.tokenId, now.toISOString(), before)
      .catch((err: unknown) => deps.logger.debug({ err }, 'the time a token was last used was not recorded'));
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

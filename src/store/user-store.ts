/**
 * Users and their bearer tokens. A token is stored only as the SHA-256 hash of its text
 * (domain/token.ts explains why a fast hash is right for 256-bit random tokens); the text itself
 * is shown once, when it is made, and never stored or logged.
 */
import { type TokenInfo, type User, UserSchema } from '../domain/user.ts';
import { type ManagedTransaction, rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

export interface TokenRow {
  id: string;
  hash: string;
  createdAt: string;
  expiresAt: string;
}

const fromNode = (node: Record<string, unknown>): User =>
  parseRow(UserSchema, Object.fromEntries(Object.entries(node).filter(([, v]) => v != null)), 'User');

export async function createUser(store: Store, user: User, token: TokenRow): Promise<void> {
  await store.write((tx) => tx.run(query('user', 'create'), { user, token }));
}

export async function addToken(store: Store, userId: string, token: TokenRow): Promise<boolean> {
  const r = await store.write((tx) => tx.run(query('user', 'addToken'), { userId, token }));
  return r.records.length > 0;
}

export async function userByTokenHash(
  store: Store,
  hash: string,
  now: string,
): Promise<{ user: User; tokenId: string; expiresAt: string } | null> {
  const r = await store.read((tx) => tx.run(query('user', 'byTokenHash'), { hash, now }));
  const rec = r.records[0];
  if (!rec) return null;
  return {
    user: fromNode(rec.get('user') as Record<string, unknown>),
    tokenId: rec.get('tokenId') as string,
    expiresAt: rec.get('expiresAt') as string,
  };
}

export async function getUser(store: Store, id: string): Promise<User | null> {
  const r = await store.read((tx) => tx.run(query('user', 'byId'), { id }));
  const node = r.records[0]?.get('user') as Record<string, unknown> | undefined;
  return node ? fromNode(node) : null;
}

export async function listUsers(store: Store): Promise<{ user: User; tokens: TokenInfo[] }[]> {
  const r = await store.read((tx) => tx.run(query('user', 'list')));
  return r.records.map((rec) => ({
    user: fromNode(rec.get('user') as Record<string, unknown>),
    tokens: (rec.get('tokens') as Record<string, unknown>[]).map(
      (t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v != null)) as unknown as TokenInfo,
    ),
  }));
}

/** A user who may be given work: id, name, role and regions (no tokens, nothing else). */
export interface Assignable {
  id: string;
  name: string;
  role: User['role'];
  regions: string[];
}

/**
 * Facilitators and admins who can act now (not disabled, a token neither revoked nor expired), by
 * name; only `userId` when given.
 */
export async function assignableUsers(store: Store, now: string, userId?: string): Promise<Assignable[]> {
  const r = await store.read((tx) =>
    tx.run(query('user', 'assignable'), { now, userId: userId ?? null }).then(rows<{ user: Assignable }>),
  );
  return r.map(({ user }) => ({
    id: user.id,
    name: user.name,
    role: user.role,
    regions: user.regions ?? [],
  }));
}

export async function countUsers(store: Store): Promise<number> {
  const r = await store.read((tx) => tx.run(query('user', 'count')).then(rows<{ users: number }>));
  return r[0]?.users ?? 0;
}

/** Revokes a user's tokens (and disables the user) or one token; null when nothing matched. */
export async function revoke(
  store: Store,
  target: { userId: string } | { tokenId: string },
  now: string,
): Promise<{ userId: string; tokenIds: string[] } | null> {
  const r = await store.write((tx) =>
    'userId' in target
      ? tx.run(query('user', 'revokeUser'), { userId: target.userId, now })
      : tx.run(query('user', 'revokeToken'), { tokenId: target.tokenId, now }),
  );
  const rec = r.records[0];
  return rec ? { userId: rec.get('userId') as string, tokenIds: rec.get('tokenIds') as string[] } : null;
}

/** A business user who registers a company acts for it from then on (same transaction as the company). */
export async function addCompanyToUser(
  tx: ManagedTransaction,
  userId: string,
  companyId: string,
): Promise<void> {
  await tx.run(query('user', 'addCompany'), { userId, companyId });
}

/** A deleted company is no longer anyone's (same transaction as the delete). */
export async function dropCompanyFromUsers(tx: ManagedTransaction, companyId: string): Promise<void> {
  await tx.run(query('user', 'dropCompany'), { companyId });
}

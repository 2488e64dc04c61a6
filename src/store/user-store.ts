/**
 * Users and their bearer tokens. A token is stored only as the SHA-256 hash of its text
 * (domain/token.ts explains why a fast hash is right for 256-bit random tokens); the text itself
 * is shown once, when it is made, and never stored or logged.
 */
import { type TokenInfo, type User, UserSchema } from '../domain/user.ts';
import { int, type ManagedTransaction, rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

const fromNode = (node: Record<string, unknown>): User =>
  parseRow(UserSchema, Object.fromEntries(Object.entries(node).filter(([, v]) => v != null)), 'User');

export async function createUser(store: Store, user: User, token: TokenRow): Promise<void> {
  await store.write((tx) => tx.run(query('user', 'create'), { user, token }));
}

export interface TokenRow {
  id: string;
  hash: string;
  createdAt: string;
  expiresAt: string;
  createdBy?: string;
}

/**
 * Adds a token unless the user is missing (`missing`), disabled (`disabled`) or already holds
 * `max` valid tokens (`full`); the user is locked while it counts.
 */
export async function addToken(
  store: Store,
  userId: string,
  token: TokenRow,
  max: number,
): Promise<'added' | 'missing' | 'disabled' | 'full'> {
  const r = await store.write((tx) =>
    tx
      .run(query('user', 'addToken'), { userId, token, now: token.createdAt, max: int(max) })
      .then(rows<{ enabled: boolean; valid: number; created: number }>),
  );
  const row = r[0];
  if (!row) return 'missing';
  if (!row.enabled) return 'disabled';
  return row.created > 0 ? 'added' : 'full';
}

export async function userByTokenHash(
  store: Store,
  hash: string,
  now: string,
): Promise<{ user: User; tokenId: string; expiresAt: string; lastUsedAt: string | null } | null> {
  const r = await store.read((tx) => tx.run(query('user', 'byTokenHash'), { hash, now }));
  const rec = r.records[0];
  if (!rec) return null;
  return {
    user: fromNode(rec.get('user') as Record<string, unknown>),
    tokenId: rec.get('tokenId') as string,
    expiresAt: rec.get('expiresAt') as string,
    lastUsedAt: (rec.get('lastUsedAt') as string | null) ?? null,
  };
}

/** Records that a token was used now, unless that was recorded after `before`. */
export async function touchToken(store: Store, tokenId: string, now: string, before: string): Promise<void> {
  await store.write((tx) => tx.run(query('user', 'touchToken'), { tokenId, now, before }));
}

export async function getUser(store: Store, id: string): Promise<User | null> {
  const r = await store.read((tx) => tx.run(query('user', 'byId'), { id }));
  const node = r.records[0]?.get('user') as Record<string, unknown> | undefined;
  return node ? fromNode(node) : null;
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

/**
 * Revokes a user's tokens (and disables the user) or one token (of `userId` when given); null
 * when nothing matched. Nothing here leaves the service without an admin who can sign in: when
 * the target is an enabled admin, every admin is locked first (so two admins acting on each other
 * at once are serialised), and disabling it, or revoking its last valid token, is refused
 * (`last-admin`) unless another enabled admin holds a valid token.
 */
export async function revoke(
  store: Store,
  target: { userId: string } | { tokenId: string; userId?: string },
  now: string,
  by: string,
): Promise<{ userId: string; tokenIds: string[] } | 'last-admin' | null> {
  return store.write(async (tx) => {
    const tokenId = 'tokenId' in target ? target.tokenId : null;
    const owner =
      target.userId ??
      ((await tx.run(query('user', 'ownerOfToken'), { tokenId })).records[0]?.get('userId') as
        | string
        | undefined);
    const user =
      owner === undefined
        ? undefined
        : ((await tx.run(query('user', 'byId'), { id: owner })).records[0]?.get('user') as
            | Record<string, unknown>
            | undefined);
    if (!('tokenId' in target) && !user) return null;
    if (owner !== undefined && user?.['role'] === 'admin' && user['disabledAt'] == null) {
      await tx.run(query('user', 'lockAdmins'));
      const [standing] = await tx
        .run(query('user', 'adminStanding'), { userId: owner, tokenId, now })
        .then(rows<{ otherAdmins: number; otherTokens: number }>);
      const keepsSigningIn = tokenId !== null && (standing?.otherTokens ?? 0) > 0;
      if (!keepsSigningIn && (standing?.otherAdmins ?? 0) === 0) return 'last-admin';
    }
    const r =
      tokenId !== null
        ? await tx.run(query('user', 'revokeToken'), { tokenId, userId: target.userId ?? null, now, by })
        : await tx.run(query('user', 'revokeUser'), { userId: target.userId, now, by });
    const rec = r.records[0];
    return rec ? { userId: rec.get('userId') as string, tokenIds: rec.get('tokenIds') as string[] } : null;
  });
}

/** A user as account management shows it: its tokens and its companies with their regions. */
export interface Account {
  user: User;
  tokens: TokenInfo[];
  companies: { id: string; name: string; regions: string[] }[];
}

const withoutNulls = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v != null));

/** Every account, by name (`id`: only that one). Users number in the thousands at most. */
export async function accounts(store: Store, id: string | null = null): Promise<Account[]> {
  const r = await store.read((tx) =>
    tx.run(query('user', 'accounts'), { id }).then(
      rows<{
        user: Record<string, unknown>;
        tokens: Record<string, unknown>[];
        companies: { id: string; name: string; regions: string[] }[];
      }>,
    ),
  );
  return r.map((row) => ({
    user: fromNode(row.user),
    tokens: row.tokens.map((t) => withoutNulls(t) as unknown as TokenInfo),
    companies: row.companies,
  }));
}

/** Names of users by id (ids that name no user are left out). */
export async function userNames(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await store.read((tx) =>
    tx.run(query('user', 'names'), { ids: [...new Set(ids)] }).then(rows<{ id: string; name: string }>),
  );
  return new Map(r.map((x) => [x.id, x.name]));
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

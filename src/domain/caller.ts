/**
 * Who is asking. The HTTP layer verifies a bearer token once per request and hands the caller to
 * every use-case, reads and writes alike; a request without a token is the public. Headers such
 * as X-Role grant nothing.
 */
export const ROLES = ['business', 'facilitator', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface PublicCaller {
  kind: 'public';
}

export interface UserCaller {
  kind: 'user';
  userId: string;
  name: string;
  role: Role;
  /** The companies a business user acts for; empty for the other roles. */
  companyIds: readonly string[];
  /** A facilitator's county (2-digit) and municipality (4-digit) codes, or every region. */
  regions: readonly string[] | 'all';
  /** The token this request came with, so a user can see when it expires. */
  tokenId: string;
  tokenExpiresAt: string;
}

export type Caller = PublicCaller | UserCaller;

export const PUBLIC: PublicCaller = { kind: 'public' };

/** The system itself: the main job loading the demo, a CLI import run by an operator. */
export const SYSTEM: UserCaller = {
  kind: 'user',
  userId: 'system',
  name: 'system',
  role: 'admin',
  companyIds: [],
  regions: 'all',
  tokenId: 'none',
  tokenExpiresAt: '9999-12-31T23:59:59.999Z',
};

export const roleOf = (c: Caller): Role | 'public' => (c.kind === 'public' ? 'public' : c.role);

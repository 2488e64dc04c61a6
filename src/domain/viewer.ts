/**
 * Who is asking. Roles and tokens arrive with the facilitation work; until then the HTTP layer
 * derives a viewer from request headers (see http/viewer.ts), and every output passes through
 * visibility.ts with it.
 */
export const ROLES = ['business', 'facilitator', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  role: Role;
  /** The company a business user acts for; null for other roles and for the public. */
  companyId: string | null;
}

export const PUBLIC_VIEWER: Viewer = { role: 'business', companyId: null };
export const FACILITATOR: Viewer = { role: 'facilitator', companyId: null };

/** Private listings are for facilitators (and admins) only, besides their own company. */
export function canSeePrivate(v: Viewer): boolean {
  return v.role === 'facilitator' || v.role === 'admin';
}

/** Facilitators and admins may see who is behind an anonymous listing; nobody else. */
export function canSeeIdentity(v: Viewer): boolean {
  return v.role === 'facilitator' || v.role === 'admin';
}

import type { Request } from 'express';
import { PUBLIC_VIEWER, ROLES, type Role, type Viewer } from '../domain/viewer.ts';
import { validationError } from '../errors.ts';

/**
 * The caller's identity. Until signed tokens arrive with the facilitation work, a trusted front
 * end states it in two headers: `X-Role` (business | facilitator | analyst | admin) and, for a
 * business, `X-Company-Id`. Without them the caller is the public: a business of no company.
 */
export function viewerOf(req: Request): Viewer {
  const role = req.get('x-role');
  const companyId = req.get('x-company-id') ?? null;
  if (role === undefined) return companyId ? { role: 'business', companyId } : PUBLIC_VIEWER;
  if (!(ROLES as readonly string[]).includes(role)) {
    throw validationError('unknown role', [
      { path: 'header x-role', message: `must be one of ${ROLES.join(', ')}` },
    ]);
  }
  return { role: role as Role, companyId: role === 'business' ? companyId : null };
}

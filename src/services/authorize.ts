/** Turns a decision of the access policy (domain/access.ts) into the error a client sees. */
import { ACTION_ROLES, type Action, type Decision, roleMay } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';
import { AppError, notFound } from '../errors.ts';

export function enforce(decision: Decision, what: string, id: string, doing = 'change'): void {
  if (decision === 'allow') return;
  if (decision === 'unauthenticated') throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
  if (decision === 'forbidden')
    throw new AppError('FORBIDDEN', `you may not ${doing} ${what} '${id}'`, [
      { path: 'authorization', message: 'your role or your companies and regions do not allow it' },
    ]);
  throw notFound(what, id);
}

/** The caller's role may attempt the action at all (401 without a token, 403 otherwise). */
export function requireRole(caller: Caller, action: Action, doing: string): void {
  const d = roleMay(caller, action);
  if (d === 'unauthenticated') throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
  if (d !== 'allow')
    throw new AppError('FORBIDDEN', `your role may not ${doing}`, [
      { path: 'authorization', message: `allowed for: ${roleList(action)}` },
    ]);
}

const roleList = (action: Action) => ACTION_ROLES[action].join(', ');

/** A write that names a version (If-Match) the record no longer has. */
export const staleVersion = (what: string, id: string, current: number) =>
  new AppError('PRECONDITION_FAILED', `${what} '${id}' has changed since you read it`, [
    { path: 'header if-match', message: `the current version is ${current}; read it again and retry` },
  ]);

/** Who acts, as review events name them (a deletion flags the reviews it touches). */
export function actingAs(deps: { now: () => Date }, caller: Caller) {
  const actor =
    caller.kind === 'user'
      ? { id: caller.userId, name: caller.name, role: caller.role }
      : { id: 'public', name: 'public', role: 'public' };
  return { now: deps.now().toISOString(), actor };
}

/**
 * Who is asking: the bearer token of the Authorization header, verified once per request and
 * kept for the route. No header is the public; a header that is not a valid bearer token is a
 * 401 (never silently the public). X-Role and similar headers grant nothing.
 */
import type { RequestHandler } from 'express';
import { type Caller, PUBLIC } from '../domain/caller.ts';
import { AppError } from '../errors.ts';
import type { Deps } from '../services/deps.ts';
import { authenticate } from '../services/users.ts';
import type { RouteDef } from './route.ts';

export function callerOf(res: { locals: Record<string, unknown> }): Caller {
  return (res.locals['caller'] as Caller | undefined) ?? PUBLIC;
}

/** Open routes (health, the API description) never read a token: they answer even when the database does not. */
export function authMiddleware(deps: Deps, routes: RouteDef[]): RequestHandler {
  const open = new Set(
    routes.filter((r) => r.access === 'open').map((r) => `${r.method.toUpperCase()} ${r.path}`),
  );
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined || open.has(`${req.method === 'HEAD' ? 'GET' : req.method} ${req.path}`)) {
      res.locals['caller'] = PUBLIC;
      next();
      return;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) {
      next(
        new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"', [
          { path: 'header authorization', message: 'is not a bearer token' },
        ]),
      );
      return;
    }
    try {
      res.locals['caller'] = await authenticate(deps, m[1]!);
      next();
    } catch (err) {
      next(err);
    }
  };
}

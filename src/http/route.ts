/**
 * One table of routes: each entry is the route's method and path, who may call it, its request
 * schemas, its answers and its handler. The express router, the OpenAPI document and the route ×
 * role test are all built from it, so a route cannot be added undocumented or untested.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Action } from '../domain/access.ts';
import type { Caller } from '../domain/caller.ts';

export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface Answer {
  description: string;
  schema?: z.ZodType;
  /** Media types of a non-JSON answer (a file); the schema then describes each of them. */
  mediaTypes?: readonly string[];
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Context {
  caller: Caller;
  params: Record<string, string>;
  /** The query parsed by the route's `query` schema. */
  // biome-ignore lint/suspicious/noExplicitAny: each route reads its own query schema's output
  query: any;
  /** The raw JSON body: the use-case validates it (once). */
  body: unknown;
  /** The version named by If-Match, or null. */
  ifMatch: number | null;
  req: Request;
  res: Response;
}

export interface RouteDef {
  method: Method;
  /** OpenAPI form: `/listings/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * Who may call: `public` routes need no token (one may still be sent, and must then be valid);
   * `open` routes never look at one (health, the API description); otherwise the access action
   * whose roles domain/access.ts lists.
   */
  access: 'open' | 'public' | Action;
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be left out: the use-case then takes its defaults (documented as not required). */
  bodyOptional?: boolean;
  /** Reads answer an ETag; writes accept If-Match. */
  versioned?: 'read' | 'write';
  /** Writes and expensive work are rate-limited per caller. */
  limit?: 'write' | 'expensive';
  /** Whether the route needs the database (documented 503). */
  store?: boolean;
  /** Answers specific to the route (the common ones are added from the fields above). */
  answers: Record<number, Answer>;
  handle(ctx: Context): Promise<Reply> | Reply;
}

/** If-Match as this service reads it: `*`, or a version as `"3"`, `W/"3"` or `3`. */
export const IF_MATCH_PATTERN = /^\s*(?:\*|(?:W\/)?"?\d{1,15}"?)\s*$/;

export const defineRoutes = (routes: RouteDef[]): RouteDef[] => routes;

/** `/listings/{id}` -> `/listings/:id` for express. */
export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** Every status a route can answer, with why: its own answers and those its fields imply. */
export function answersOf(route: RouteDef): Record<number, Answer> {
  const out: Record<number, Answer> = {};
  const add = (status: number, description: string) => {
    out[status] ??= { description };
  };
  if (route.query || route.body || route.params || route.versioned === 'write' || route.access !== 'open')
    add(400, 'invalid input: details name each field and reason');
  if (route.access !== 'open')
    add(401, 'the bearer token is missing (where required), unknown, expired or revoked');
  if (route.access !== 'open' && route.access !== 'public')
    add(403, 'your role, companies or regions do not allow it');
  if (route.params) add(404, 'no such resource, or one you may not see');
  if (route.versioned === 'write') add(412, 'If-Match names a version the resource no longer has');
  if (route.body) {
    add(413, 'the body is too large');
    add(415, 'the body is not application/json');
  }
  if (route.limit) add(429, 'too many requests: see the RateLimit and Retry-After headers');
  if (route.store !== false)
    add(503, 'the database is not reachable right now; retry after Retry-After seconds');
  return { ...out, ...route.answers };
}

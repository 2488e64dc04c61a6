/**
 * createApp(deps): the express application, with no listening socket, so tests run it on port 0.
 * Every route comes from one table (route.ts): the router, the OpenAPI document and the route ×
 * role test are built from it. Routes are thin: parse the request, call one use-case with the
 * caller, shape the answer.
 */
import { createHash } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { roleMay } from '../domain/access.ts';
import { unsafeTextDetails } from '../domain/text-safety.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { AppError, validationError } from '../errors.ts';
import type { Deps } from '../services/deps.ts';
import { authMiddleware, callerOf } from './auth.ts';
import { DOCS_CSP, docsAssets, docsPage } from './docs-page.ts';
import { RETRY_AFTER_BY_CODE, STATUS_BY_CODE } from './error-status.ts';
import { buildOpenApi } from './openapi.ts';
import { requestIdOf, requestLog } from './request-log.ts';
import { expressPath, IF_MATCH_PATTERN, type RouteDef } from './route.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { companyRoutes } from './routes/companies.ts';
import { type DemoSignIn, demoRoutes } from './routes/demo.ts';
import { healthRoutes, type Readiness } from './routes/health.ts';
import { heatClusterRoutes } from './routes/heat-clusters.ts';
import { importRoutes } from './routes/imports.ts';
import { listingRoutes } from './routes/listings.ts';
import { matchingRoutes } from './routes/matching.ts';
import { promptRoutes } from './routes/prompts.ts';
import { reviewRoutes } from './routes/review.ts';
import { siteRoutes } from './routes/sites.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';
import { userRoutes } from './routes/users.ts';
import { TURNS, turnTaking } from './turns.ts';
import { webApp } from './web.ts';

export interface AppOptions {
  bodyLimit: string;
  /** How long a request waits for its database reads before it answers 503 (none when absent). */
  readTimeoutMs?: number;
  readiness: Readiness;
  /** Requests per minute per caller (or per address without a token). */
  rateLimits?: { write: number; expensive: number };
  /** The built web app served at `/` (default web/dist; see web.ts). */
  webDir?: string;
  /** On a demo instance: where the demo users' tokens are, for one-click sign-in (routes/demo.ts). */
  demoSignIn?: DemoSignIn;
  /** The length of a turn of the event loop aimed at when requests wait their turn (turns.ts; 0: no turn taking). */
  turnTargetMs?: number;
}

export const DEFAULT_RATE_LIMITS = { write: 600, expensive: 30 };

/** Every route of the service, in the order they are matched. */
export function allRoutes(deps: Deps, readiness: Readiness, demoSignIn?: DemoSignIn): RouteDef[] {
  let openapi: object | undefined;
  const describe: RouteDef[] = [
    {
      method: 'get',
      path: '/openapi.json',
      tag: 'operations',
      summary: 'This API description (OpenAPI 3.1)',
      access: 'open',
      store: false,
      answers: { 200: { description: 'the document' } },
      handle: () => ({ status: 200, body: openapi }),
    },
    {
      method: 'get',
      path: '/docs',
      tag: 'operations',
      summary: 'A browsable list of the API',
      access: 'open',
      store: false,
      answers: { 200: { description: 'an HTML page' } },
      handle: () => ({
        status: 200,
        body: docsPage,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': DOCS_CSP,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        },
      }),
    },
  ];
  const routes = [
    ...describe,
    ...healthRoutes(deps, readiness),
    ...userRoutes(deps),
    ...demoRoutes(deps, demoSignIn),
    ...companyRoutes(deps),
    ...promptRoutes(deps),
    ...siteRoutes(deps),
    ...listingRoutes(deps),
    ...importRoutes(deps),
    ...taxonomyRoutes(deps),
    ...matchingRoutes(deps),
    ...reviewRoutes(deps),
    ...analyticsRoutes(deps),
    ...heatClusterRoutes(deps),
  ];
  openapi = buildOpenApi(routes);
  return routes;
}

const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is('application/json')) {
    next(
      new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json', [
        {
          path: 'header content-type',
          message: `is '${req.get('content-type') ?? 'missing'}', expected application/json`,
        },
      ]),
    );
    return;
  }
  next();
};

/** NUL and lone surrogates are refused before any route reads the request (domain/text-safety.ts). */
const refuseUnsafeText: RequestHandler = (req, _res, next) => {
  const details = [...unsafeTextDetails(req.body), ...unsafeTextDetails(req.query)];
  if (details.length > 0) {
    next(validationError('the request holds text that cannot be stored', details));
    return;
  }
  next();
};

/** If-Match: `"3"`, `W/"3"` or `3` name version 3; `*` or no header names none. */
function ifMatchOf(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '*') return null;
  const m = IF_MATCH_PATTERN.test(header) ? /\d+/.exec(header) : null;
  if (!m) {
    throw new AppError('VALIDATION_FAILED', 'If-Match must name a version', [
      { path: 'header if-match', message: 'must be an ETag this service gave, e.g. "3"' },
    ]);
  }
  return Number(m[0]);
}

function handlerOf(route: RouteDef): RequestHandler {
  return async (req, res) => {
    const caller = callerOf(res);
    if (route.access !== 'open' && route.access !== 'public') {
      const decision = roleMay(caller, route.access);
      if (decision === 'unauthenticated')
        throw new AppError('UNAUTHENTICATED', 'sign in with a bearer token');
      if (decision !== 'allow')
        throw new AppError('FORBIDDEN', `your role may not call ${route.method.toUpperCase()} ${route.path}`);
    }
    const params = route.params ? parseOrThrow(route.params, req.params, 'path') : {};
    const query = route.query ? parseOrThrow(route.query, req.query, 'query') : {};
    const ifMatch = route.versioned === 'write' ? ifMatchOf(req.get('if-match')) : null;
    const reply = await route.handle({
      caller,
      params: params as Record<string, string>,
      query,
      body: req.body,
      ifMatch,
      req,
      res,
    });
    // A read past its deadline has been answered 503 already (readDeadline).
    if (res.headersSent) return;
    if (reply.headers) res.set(reply.headers);
    res.status(reply.status);
    if (reply.body === undefined) res.end();
    else if (typeof reply.body === 'string') res.send(reply.body);
    else {
      const json = jsonOf(reply.body);
      // A version's ETag (set by the route) stands; otherwise the body's, as express would make it.
      if (!res.get('etag')) res.set('etag', json.etag);
      res.type('application/json').send(json.bytes);
    }
  };
}

/**
 * Answers that the read cache hands to many callers (services/read-cache.ts) are the same object
 * each time, and never changed once made: they are serialised, and their ETag computed, once. A
 * page of 50 suggestions is about 130 kB, whose serialisation, encoding and hash otherwise cost more
 * than everything else the request does.
 */
interface Json {
  /** The body as sent: encoded once, not per response. */
  bytes: Buffer;
  etag: string;
}
const serialised = new WeakMap<object, Json>();
function jsonOf(body: unknown): Json {
  if (body === null || typeof body !== 'object') return jsonText(JSON.stringify(body));
  let json = serialised.get(body);
  if (json === undefined) {
    json = jsonText(JSON.stringify(body));
    serialised.set(body, json);
  }
  return json;
}

/** The body in UTF-8, with express's weak ETag: length and SHA-1 of the body. */
function jsonText(text: string): Json {
  const bytes = Buffer.from(text, 'utf8');
  const hash = createHash('sha1').update(bytes).digest('base64').slice(0, 27);
  return { bytes, etag: `W/"${bytes.length.toString(16)}-${hash}"` };
}

function limiterOf(kind: 'write' | 'expensive', perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: kind,
    keyGenerator: (req, res) => {
      const caller = callerOf(res);
      return caller.kind === 'user' ? `user:${caller.userId}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      res.set(
        'retry-after',
        String(Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000))),
      );
      next(
        new AppError(
          'RATE_LIMITED',
          `too many ${kind === 'write' ? 'changes' : 'imports or match runs'}; slow down`,
          [{ path: '(request)', message: `at most ${perMinute} per minute per caller` }],
        ),
      );
    },
  });
}

function mountRoutes(router: Router, routes: RouteDef[], limits: { write: number; expensive: number }): void {
  const limiters = {
    write: limiterOf('write', limits.write),
    expensive: limiterOf('expensive', limits.expensive),
  };
  const methodsByPath = new Map<string, string[]>();
  for (const route of routes) {
    const path = expressPath(route.path);
    methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), route.method.toUpperCase()]);
    const chain: RequestHandler[] = [];
    if (route.limit) chain.push(limiters[route.limit]);
    router[route.method](path, ...chain, handlerOf(route));
  }
  // A path that exists answers 405 (with Allow) to the methods it does not declare.
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    router.all(path, (req, res, next) => {
      res.set('allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      next(
        new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}`, [
          { path: 'method', message: `allowed: ${allow}` },
        ]),
      );
    });
  }
}

export function createApp(deps: Deps, options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLog(deps.logger));
  // After the request log, so that its response times include the wait for a turn.
  const turnTargetMs = options.turnTargetMs ?? TURNS.targetMs;
  if (turnTargetMs > 0) app.use(turnTaking({ ...TURNS, targetMs: turnTargetMs }));
  // Only reads get a deadline: a write or an import answered 503 might still commit afterwards.
  const readTimeoutMs = options.readTimeoutMs;
  if (readTimeoutMs) app.use(readDeadline(readTimeoutMs, errorHandler(deps)));
  app.use(requireJson);
  app.use(express.json({ limit: options.bodyLimit, strict: false }));
  app.use(refuseUnsafeText);

  app.use(webApp(options.webDir));
  app.use(docsAssets());

  const routes = allRoutes(deps, options.readiness, options.demoSignIn);
  const router = express.Router();
  router.use(authMiddleware(deps, routes));
  mountRoutes(router, routes, options.rateLimits ?? DEFAULT_RATE_LIMITS);
  app.use(router);

  app.use((req, _res, next) => {
    next(
      new AppError('NOT_FOUND', `no route for ${req.method} ${req.path}`, [
        { path: 'url', message: 'see /openapi.json' },
      ]),
    );
  });
  app.use(errorHandler(deps));
  return app;
}

/**
 * A GET that has no answer after `ms` (a Neo4j that hangs: alive, not answering, which the driver
 * would wait on for ever) is answered 503; whatever the handler finds later is dropped.
 */
function readDeadline(ms: number, answerError: ErrorRequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const late = new AppError(
        'STORE_UNAVAILABLE',
        `the database did not answer within ${ms} ms; try again in a few seconds`,
      );
      answerError(late, req, res, () => {});
    }, ms);
    res.on('close', () => clearTimeout(timer));
    next();
  };
}

function errorHandler(deps: Deps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // Answered already (a read past its deadline): what failed later is only worth a debug line.
    if (res.headersSent) {
      deps.logger.debug({ err, reqId: requestIdOf(res) }, 'failed after it was answered');
      return;
    }
    const e = toAppError(err);
    const status = STATUS_BY_CODE[e.code];
    const retryAfter = RETRY_AFTER_BY_CODE[e.code];
    if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
    // The database being away is an operating condition (warn, once per request, no stack); any
    // other 5xx is a bug worth its stack.
    if (status === 503)
      deps.logger.warn({ reqId: requestIdOf(res), code: e.code, reason: e.message }, 'request refused');
    else if (status >= 500) deps.logger.error({ err, reqId: requestIdOf(res) }, 'request failed');
    if (status === 401) {
      res.set(
        'www-authenticate',
        req.get('authorization')
          ? 'Bearer realm="symbiosis", error="invalid_token"'
          : 'Bearer realm="symbiosis"',
      );
    }
    if (status === 503 && !res.get('retry-after')) res.set('retry-after', '5');
    res.status(status).json({
      error: {
        code: e.code,
        message:
          status >= 500 && e.code === 'INTERNAL'
            ? 'internal error; the request id names it in our logs'
            : e.message,
        details: e.details,
        requestId: requestIdOf(res),
      },
    });
  };
}

/** Body-parser errors carry a `type`; everything unknown becomes a generic INTERNAL. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') {
    return new AppError('MALFORMED_JSON', 'the body is not valid JSON', [
      { path: '(body)', message: e.message ?? 'parse error' },
    ]);
  }
  if (e?.type === 'entity.too.large') {
    return new AppError('PAYLOAD_TOO_LARGE', 'the body is too large', [
      { path: '(body)', message: 'exceeds the size limit' },
    ]);
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding', [
      { path: 'header content-type', message: e.message ?? '' },
    ]);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('VALIDATION_FAILED', e.message ?? 'bad request', [
      { path: '(request)', message: e.message ?? '' },
    ]);
  }
  return new AppError('INTERNAL', 'internal error', [], { cause: err });
}

/**
 * createApp(deps): the express application, with no listening socket, so tests run it on port 0.
 * Routes are thin: parse the request, call one use-case, shape the answer.
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { unsafeTextDetails } from '../domain/text-safety.ts';
import { AppError, validationError } from '../errors.ts';
import type { Deps } from '../services/deps.ts';
import { docsPage } from './docs-page.ts';
import { STATUS_BY_CODE } from './error-status.ts';
import { buildOpenApi } from './openapi.ts';
import { companyRoutes } from './routes/companies.ts';
import { healthRoutes, type Readiness } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { listingRoutes } from './routes/listings.ts';
import { matchingRoutes } from './routes/matching.ts';
import { siteRoutes } from './routes/sites.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';

export interface AppOptions {
  bodyLimit: string;
  readiness: Readiness;
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

export function createApp(deps: Deps, options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );
  app.use(requireJson);
  app.use(express.json({ limit: options.bodyLimit, strict: false }));
  app.use(refuseUnsafeText);

  const openapi = buildOpenApi();
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  app.use(healthRoutes(deps, options.readiness));
  app.use(companyRoutes(deps));
  app.use(siteRoutes(deps));
  app.use(listingRoutes(deps));
  app.use(importRoutes(deps));
  app.use(taxonomyRoutes(deps));
  app.use(matchingRoutes(deps));

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

function errorHandler(deps: Deps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = toAppError(err);
    const status = STATUS_BY_CODE[e.code];
    if (status >= 500) {
      deps.logger.error({ err, reqId: req.id }, 'request failed');
    }
    res.status(status).json({
      error: {
        code: e.code,
        message:
          status >= 500 && e.code === 'INTERNAL'
            ? 'internal error; the request id names it in our logs'
            : e.message,
        details: e.details,
        requestId: String(req.id ?? ''),
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

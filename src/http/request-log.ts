import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import pino, { type Level, type Logger } from 'pino';

/** The id of a request: the caller's `x-request-id` when it is a plain token, else a new UUID. */
export function requestIdOf(res: Response): string {
  return (res.locals['requestId'] as string | undefined) ?? '';
}

/** A request's log level by how it ended: refused for now (503) warn, failed error, refused warn. */
function levelOf(status: number, err?: unknown): Level {
  if (status === 503) return 'warn';
  if (err || status >= 500) return 'error';
  return status >= 400 ? 'warn' : 'info';
}

/**
 * Names each request (`x-request-id`, echoed in the answer and in error bodies) and logs one line
 * when it ends: the request (its credentials redacted by the logger, logger.ts), the status and
 * the response time, at the level `levelOf` gives. The line is built only when the logger writes
 * that level: pino-http, used before, made a child logger holding the serialised request for
 * every request, whatever the level (pino serialises and redacts a child's bindings as it is
 * made), which cost about a tenth of the CPU of a read answered from the read cache.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    res.locals['requestId'] = id;
    res.setHeader('x-request-id', id);
    const start = performance.now();
    const done = (err?: unknown) => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      res.removeListener('error', done);
      logEnd(logger, req, res, id, performance.now() - start, err instanceof Error ? err : undefined);
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    next();
  };
}

function logEnd(logger: Logger, req: Request, res: Response, id: string, ms: number, err?: Error): void {
  // A connection closed before the answer was sent: the client went away.
  const aborted = !res.writableFinished && err === undefined;
  const level = aborted ? 'warn' : levelOf(res.statusCode, err);
  if (!logger.isLevelEnabled(level)) return;
  const line = {
    reqId: id,
    req: pino.stdSerializers.req(req),
    res: pino.stdSerializers.res(res),
    responseTime: Math.round(ms),
    ...(err ? { err: pino.stdSerializers.err(err) } : {}),
  };
  const message = aborted
    ? 'request aborted'
    : err || res.statusCode >= 500
      ? 'request errored'
      : 'request completed';
  logger[level](line, message);
}

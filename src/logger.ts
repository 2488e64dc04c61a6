import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Credentials never reach a log line: bearer tokens in request headers (http/request-log.ts logs the
 * request) and anything a log call names `token`.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'token',
  '*.token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'symbiosis-engine' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

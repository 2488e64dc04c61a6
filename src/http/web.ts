/**
 * The web app (web/, built by Vite into web/dist) served by the same service as the API: the
 * document at `/`, revalidated on every load (`no-cache`) so a new build shows at once, and its
 * content-hashed files under `/assets/`, cached for a year and never revalidated (a new build
 * has new names). The app routes in the URL's fragment (`/#/analyst`), so `/` and `/assets/` are
 * the only paths it takes from the API's namespace. Without a build, `/` says how to make one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

export const WEB_DIST = join(import.meta.dirname, '../../web/dist');

/** The app loads nothing but its own files and talks to nothing but this service. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const NOT_BUILT =
  'The web app is not built: run `npm run build:web` (`npm start` builds it when it is missing or stale).\n' +
  'The API answers as usual; it is described at /docs and /openapi.json.\n';

export function webApp(dir: string = WEB_DIST): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.get('/', (_req, res, next) => {
    if (!existsSync(index)) {
      res.status(503).set('cache-control', 'no-store').type('text/plain').send(NOT_BUILT);
      return;
    }
    res.sendFile(
      index,
      {
        cacheControl: false,
        headers: {
          'cache-control': 'no-cache',
          'content-security-policy': WEB_CSP,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        },
      },
      (err) => {
        if (err) next(err);
      },
    );
  });
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      redirect: false,
      setHeaders: (res) => res.setHeader('x-content-type-options', 'nosniff'),
    }),
  );
  return router;
}

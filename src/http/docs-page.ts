/**
 * The API reference at /docs: Swagger UI (the npm package swagger-ui-dist) over /openapi.json,
 * browsable and with "Try it out", working offline. Its script and style are served from
 * node_modules by this service under /docs/ (no CDN), and so is the few lines that start it: the
 * page's Content-Security-Policy allows scripts, styles and requests of this origin only, with no
 * inline script. Only the files the page names are served, not the package's whole folder (whose
 * own index.html and initializer point at a demo API on the internet).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The page loads nothing but its own files and talks to nothing but this service. */
export const DOCS_CSP = [
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

/** The files under /docs/ and where each comes from. */
export const DOCS_ASSETS = {
  'swagger-ui.css': join(SWAGGER_UI_DIR, 'swagger-ui.css'),
  'swagger-ui-bundle.js': join(SWAGGER_UI_DIR, 'swagger-ui-bundle.js'),
  'favicon-32x32.png': join(SWAGGER_UI_DIR, 'favicon-32x32.png'),
} as const;

/**
 * Starts Swagger UI on the document this service describes itself with. No validator badge (it
 * would call validator.swagger.io); the bearer token typed under "Authorize" stays in the page.
 */
export const docsInit = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    persistAuthorization: false,
  });
});
`;

export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Symbiosis engine API</title>
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"><noscript><h1>Symbiosis engine API</h1>
<p>This reference needs JavaScript. The machine-readable description is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></noscript></main>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;

/** The reference's script, style and start-up file under /docs/, revalidated by ETag. */
export function docsAssets(): Router {
  const router = express.Router();
  const headers = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
  for (const [name, path] of Object.entries(DOCS_ASSETS)) {
    router.get(`/docs/${name}`, (_req, res, next) => {
      res.sendFile(path, { cacheControl: false, headers }, (err) => {
        if (err) next(err);
      });
    });
  }
  router.get('/docs/init.js', (_req, res) => {
    res.set(headers).type('text/javascript').send(docsInit);
  });
  return router;
}

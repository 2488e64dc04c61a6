#!/usr/bin/env node
/**
 * Builds the web app (as `npm run build:web` does) when web/dist is missing or older than
 * anything it is built from: `npm start` runs this before the service, and the test projects
 * that serve the app run it in their global setup, so neither needs a manual build first.
 * A fresh build costs a look at some file times and nothing else.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const WEB = join(ROOT, 'web');
const BUILT = join(WEB, 'dist/index.html');

/**
 * What the build reads: the app, the domain schemas and unit tables its forms share with the API,
 * its build set-up, the boundaries it bundles, the installed packages.
 */
const SOURCES = [
  'web/src',
  'src/domain',
  'src/errors.ts',
  'web/index.html',
  'web/vite.config.ts',
  'web/build',
  'data/reference/boundaries-no',
  'package-lock.json',
];

/** The most recently changed file at or under `path`. */
function newest(path) {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let found = null;
  for (const entry of readdirSync(path)) {
    const candidate = newest(join(path, entry));
    if (candidate && (found === null || candidate.mtimeMs > found.mtimeMs)) found = candidate;
  }
  return found;
}

/** Why the app needs building, or null when web/dist is newer than all it is built from. */
export function staleReason() {
  if (!existsSync(BUILT)) return 'web/dist is missing';
  const builtAt = statSync(BUILT).mtimeMs;
  for (const source of SOURCES) {
    const changed = newest(join(ROOT, source));
    if (changed && changed.mtimeMs > builtAt)
      return `${relative(ROOT, changed.path)} changed after the last build`;
  }
  return null;
}

/** Builds when stale; whether it built. Throws when the build fails. */
export async function buildWebIfStale(log = (line) => console.error(line)) {
  const reason = staleReason();
  if (reason === null) return false;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    log(
      `web app: not built (${reason}), and vite is not installed (npm ci --omit=dev?): ` +
        'the service answers 503 at / until `npm run build:web` runs where dev dependencies are installed',
    );
    return false;
  }
  log(`web app: building (${reason})`);
  const started = Date.now();
  await vite.build({ root: WEB, logLevel: 'warn' });
  log(`web app: built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildWebIfStale().catch((err) => {
    console.error(`web app: the build failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}

/**
 * The built web app, for the projects whose tests open it (the service serves web/dist): built
 * now when missing or stale (tools/build-web-if-stale.mjs), so `npm test` needs no manual build.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup() {
  execFileSync(process.execPath, [join(import.meta.dirname, '../../tools/build-web-if-stale.mjs')], {
    stdio: 'inherit',
  });
}

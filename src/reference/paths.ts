import { fileURLToPath } from 'node:url';

/** Repository folders, resolved from this file so commands work from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
export const CYPHER_DIR = fileURLToPath(new URL('../../cypher/', import.meta.url));

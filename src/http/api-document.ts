/**
 * The OpenAPI document without a database or a listening server, for the web app's typed client
 * (tools/api-types). Route builders keep their deps for the handlers only, and describing the
 * routes calls no handler, so deps that refuse every read are enough; a route builder that reads
 * its deps up front breaks this on purpose, with a message saying so.
 */
import type { Deps } from '../services/deps.ts';
import { allRoutes } from './app.ts';
import { buildOpenApi } from './openapi.ts';

export function apiDocument(): object {
  const noDeps = new Proxy({} as Deps, {
    get(_target, key) {
      throw new Error(
        `apiDocument: a route builder read deps.${String(key)} while the routes were described; read deps inside handlers only`,
      );
    },
  });
  const notServing = () => Promise.reject(new Error('apiDocument: the routes are described, not served'));
  return buildOpenApi(allRoutes(noDeps, notServing));
}

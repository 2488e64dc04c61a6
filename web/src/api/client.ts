/**
 * The typed API client: openapi-fetch over the paths of schema.d.ts (generated from the service's
 * route table by `npm run api:types`), so a call the API does not have, or a field it does not
 * answer, is a type error. Every request carries the bearer token; a 401 while signed in ends
 * the session.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type Schemas = components['schemas'];
export type Me = Schemas['Me'];
export type Role = Me['role'];
export type Api = ReturnType<typeof createApi>;

/** An answer other than 2xx: its status and, when the service sent one, its error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Schemas['Error'] | null,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body?.error.code ?? `HTTP_${this.status}`;
  }
}

const isErrorBody = (value: unknown): value is Schemas['Error'] =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { error?: { code?: unknown } }).error?.code === 'string';

export function createApi(token: string, onUnauthenticated: () => void = () => {}) {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  });
  return client;
}

/** The body of a 2xx answer; anything else throws an ApiError. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new ApiError(result.response.status, isErrorBody(result.error) ? result.error : null);
}

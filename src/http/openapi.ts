/**
 * OpenAPI 3.1 generated from the route table (route.ts) and the same zod schemas that validate
 * requests, so the document cannot drift from what the service accepts and answers.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ACTION_ROLES } from '../domain/access.ts';
import { answersOf, IF_MATCH_PATTERN, type RouteDef } from './route.ts';
import { ErrorSchema } from './schemas.ts';

const header = (description: string) => ({ description, schema: { type: 'string' as const } });

const RATE_LIMIT_HEADERS = {
  RateLimit: header('remaining requests and seconds to the window reset (IETF draft-8)'),
  'RateLimit-Policy': header('the limit and window (IETF draft-8)'),
};

function responsesOf(route: RouteDef): RouteConfig['responses'] {
  const out: RouteConfig['responses'] = {};
  for (const [code, answer] of Object.entries(answersOf(route))) {
    const status = Number(code);
    const schema = answer.schema ?? (status >= 400 ? ErrorSchema : undefined);
    const headers: Record<string, ReturnType<typeof header>> = {};
    if (status < 300 && route.versioned && status !== 204)
      headers['ETag'] = header('the version, for If-Match');
    if (status === 201) headers['Location'] = header('where the new resource is');
    if (route.limit && status !== 503) Object.assign(headers, RATE_LIMIT_HEADERS);
    if (status === 429 || status === 503) headers['Retry-After'] = header('seconds to wait before retrying');
    if (status === 401) headers['WWW-Authenticate'] = header('Bearer');
    out[status] = {
      description: answer.description,
      ...(schema
        ? {
            content: Object.fromEntries(
              (answer.mediaTypes ?? ['application/json']).map((type) => [type, { schema }]),
            ),
          }
        : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
    };
  }
  return out;
}

function whoMay(route: RouteDef): string {
  if (route.access === 'open') return 'Open to everyone; no token is read.';
  if (route.access === 'public')
    return 'Open to everyone; a bearer token, when sent, must be valid and widens what you see.';
  return `Bearer token of a ${ACTION_ROLES[route.access].join(', ')} user.`;
}

export function buildOpenApi(routes: RouteDef[]): object {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `npm run cli -- users add` (or .demo-tokens.json on a demo instance).',
  });
  for (const route of routes) {
    const security =
      route.access === 'open'
        ? []
        : route.access === 'public'
          ? [{}, { [bearer.name]: [] }]
          : [{ [bearer.name]: [] }];
    const ifMatch =
      route.versioned === 'write'
        ? z.object({
            'if-match': z
              .string()
              .regex(IF_MATCH_PATTERN)
              .optional()
              .meta({ description: 'the ETag (version) you read; a change of another version answers 412' }),
          })
        : undefined;
    registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      description: [route.description, whoMay(route)].filter(Boolean).join('\n\n'),
      tags: [route.tag],
      security,
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(ifMatch ? { headers: ifMatch } : {}),
        ...(route.body
          ? {
              body: {
                required: !route.bodyOptional,
                content: { 'application/json': { schema: route.body } },
              },
            }
          : {}),
      },
      responses: responsesOf(route),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Symbiosis engine',
      version: '0.2.0',
      description:
        'Register surplus and needs of materials, energy, water and land; get explained, quantified matches. ' +
        'Errors: { error: { code, message, details: [{ path, message }], requestId } }. Text holding NUL ' +
        '(U+0000) or an unpaired surrogate is refused with 400 in every field. Sign in with a bearer ' +
        'token; without one you see public listings and reference data only.',
    },
  });
}

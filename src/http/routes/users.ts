/**
 * Accounts over the API: admins manage every user; a facilitator adds business users for the
 * companies it acts for and manages those (domain/access.ts mayManageUser). A token's text is in
 * the answer that makes it and nowhere else, so those answers are never stored by a cache.
 */
import { z } from 'zod';
import { ROLES } from '../../domain/caller.ts';
import { text } from '../../domain/fields.ts';
import { PaginationSchema } from '../../domain/listing-query.ts';
import {
  MAX_ACTIVE_TOKENS,
  OwnTokenRequestSchema,
  TokenRequestSchema,
  UserInputSchema,
} from '../../domain/user.ts';
import type { Deps } from '../../services/deps.ts';
import {
  createAccount,
  createToken,
  disableAccount,
  getAccount,
  listAccounts,
  makeOwnToken,
  ownTokens,
  revokeOwnToken,
  revokeToken,
} from '../../services/users.ts';
import { defineRoutes } from '../route.ts';
import { CountQuery, ErrorSchema, IdParams, page } from '../schemas.ts';
import { json } from './reply.ts';

const Who = z
  .object({ id: z.string(), name: z.string() })
  .meta({ id: 'Actor', description: 'a user, or `system` for the operator’s CLI and the main job' });

const AccountTokenSchema = z.object({
  id: z.string(),
  state: z.enum(['valid', 'expired', 'revoked']),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
  createdBy: z.union([Who, z.null()]),
  revokedBy: z.union([Who, z.null()]).optional(),
  lastUsedAt: z
    .string()
    .optional()
    .meta({ description: 'when a request last came with it, to the hour; absent if never' }),
});

export const AccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    companies: z.array(z.object({ id: z.string(), name: z.string() })).meta({
      description: 'the companies a business user acts for',
    }),
    regions: z
      .array(z.string())
      .meta({ description: 'a facilitator’s county and municipality numbers, or all' }),
    createdAt: z.string(),
    createdBy: z.union([Who, z.null()]).meta({ description: 'null for accounts made before this was kept' }),
    state: z.enum(['enabled', 'disabled']),
    disabledAt: z.string().optional(),
    disabledBy: z.union([Who, z.null()]).optional(),
    validTokens: z.number().meta({ description: 'tokens neither revoked nor expired' }),
    tokens: z.array(AccountTokenSchema).meta({ description: 'oldest first; never a token’s text' }),
  })
  .meta({ id: 'Account' });

const IssuedToken = {
  token: z.string().meta({ description: 'the bearer token: shown in this answer only, stored nowhere' }),
  tokenId: z.string(),
  expiresAt: z.string(),
};

const NoStore = { 'cache-control': 'no-store' };

export const AccountQuerySchema = PaginationSchema.extend({
  role: z.enum(ROLES).optional(),
  state: z.enum(['enabled', 'disabled']).optional(),
  company: z.string().max(200).optional().meta({ description: 'users who act for this company id' }),
  q: text(200).optional().meta({ description: 'words of the user’s name or of its companies’ names' }),
  ...CountQuery,
});

const TokenParams = z.object({ id: z.string().max(200), tokenId: z.string().max(200) });

const OwnTokensSchema = z
  .object({
    items: z.array(
      AccountTokenSchema.extend({
        current: z.boolean().meta({ description: 'the token this request came with' }),
      }),
    ),
  })
  .meta({ id: 'OwnTokens' });

export const userRoutes = (deps: Deps) =>
  defineRoutes([
    {
      method: 'get',
      path: '/me/tokens',
      tag: 'identity',
      summary: 'Your tokens: which is this one, when each expires',
      access: 'account.self',
      answers: { 200: json(OwnTokensSchema, 'your tokens, oldest first; never a token’s text') },
      handle: async ({ caller }) => ({ status: 200, body: await ownTokens(deps, caller) }),
    },
    {
      method: 'post',
      path: '/me/tokens',
      tag: 'identity',
      summary: 'A new token of your own, shown once',
      description:
        'To renew your sign-in before it expires (then revoke the old one), or for another device or a ' +
        `script. At most 365 days; at most ${MAX_ACTIVE_TOKENS} valid tokens at once. \`Cache-Control: no-store\`.`,
      access: 'account.self',
      body: OwnTokenRequestSchema,
      bodyOptional: true,
      limit: 'write',
      answers: {
        201: {
          ...json(z.object(IssuedToken), 'the new token, shown once'),
          headers: { 'cache-control': 'no-store' },
        },
        409: json(ErrorSchema, `you hold ${MAX_ACTIVE_TOKENS} valid tokens`),
      },
      handle: async ({ caller, body }) => ({
        status: 201,
        body: await makeOwnToken(deps, caller, body),
        headers: NoStore,
      }),
    },
    {
      method: 'delete',
      path: '/me/tokens/{tokenId}',
      tag: 'identity',
      summary: 'Revoke one of your tokens, at once (this one signs you out for good)',
      access: 'account.self',
      params: z.object({ tokenId: z.string().max(200) }),
      limit: 'write',
      answers: {
        200: json(OwnTokensSchema, 'your tokens, that one revoked'),
        409: json(ErrorSchema, 'the last valid token of the last admin who can sign in'),
      },
      handle: async ({ caller, params }) => ({
        status: 200,
        body: await revokeOwnToken(deps, caller, params['tokenId']!),
      }),
    },
    {
      method: 'get',
      path: '/users',
      tag: 'identity',
      summary: 'The accounts you manage, by name',
      description:
        'Admins: every account. Facilitators: the business users all of whose companies they act for ' +
        '(a company with a site in their regions). Each with its companies, regions, who made it, and its ' +
        'tokens (ids, dates and states; never a token).',
      access: 'user.manage',
      query: AccountQuerySchema,
      answers: { 200: json(page(AccountSchema), 'a page of accounts') },
      handle: async ({ caller, query: q }) => ({
        status: 200,
        body: {
          ...(await listAccounts(deps, caller, {
            role: q.role,
            state: q.state,
            company: q.company,
            q: q.q,
            limit: q.limit,
            offset: q.offset,
            count: q.count === 'true',
          })),
          limit: q.limit,
          offset: q.offset,
        },
      }),
    },
    {
      method: 'post',
      path: '/users',
      tag: 'identity',
      summary: 'Add a user: the answer holds its first token, once',
      description:
        'Admins add any role. Facilitators add business users for companies they act for (at least one). ' +
        'The token is in this answer and nowhere else (`Cache-Control: no-store`): hand it to the user.',
      access: 'user.manage',
      body: UserInputSchema,
      limit: 'write',
      answers: {
        201: {
          ...json(z.object({ user: AccountSchema, ...IssuedToken }), 'created, with its first token'),
          headers: { location: 'the new account', 'cache-control': 'no-store' },
        },
      },
      handle: async ({ caller, body }) => {
        const made = await createAccount(deps, caller, body);
        return { status: 201, body: made, headers: { location: `/users/${made.user.id}`, ...NoStore } };
      },
    },
    {
      method: 'get',
      path: '/users/{id}',
      tag: 'identity',
      summary: 'An account you manage, with its tokens',
      access: 'user.manage',
      params: IdParams,
      answers: { 200: json(AccountSchema, 'the account') },
      handle: async ({ caller, params }) => ({
        status: 200,
        body: await getAccount(deps, caller, params['id']!),
      }),
    },
    {
      method: 'post',
      path: '/users/{id}/tokens',
      tag: 'identity',
      summary: 'A new token for an account you manage (its other tokens stay valid)',
      description: `For a user who lost its token or needs one per device; at most ${MAX_ACTIVE_TOKENS} valid at once.`,
      access: 'user.manage',
      params: IdParams,
      body: TokenRequestSchema,
      bodyOptional: true,
      limit: 'write',
      answers: {
        201: {
          ...json(z.object(IssuedToken), 'the new token, shown once'),
          headers: { 'cache-control': 'no-store' },
        },
        409: json(ErrorSchema, `the user is disabled, or holds ${MAX_ACTIVE_TOKENS} valid tokens`),
      },
      handle: async ({ caller, params, body }) => ({
        status: 201,
        body: await createToken(deps, caller, params['id']!, body),
        headers: NoStore,
      }),
    },
    {
      method: 'delete',
      path: '/users/{id}/tokens/{tokenId}',
      tag: 'identity',
      summary: 'Revoke one token of an account you manage; at once',
      access: 'user.manage',
      params: TokenParams,
      limit: 'write',
      answers: {
        200: json(AccountSchema, 'the account, the token revoked'),
        409: json(ErrorSchema, 'the last valid token of the last admin who can sign in'),
      },
      handle: async ({ caller, params }) => ({
        status: 200,
        body: await revokeToken(deps, caller, params['id']!, params['tokenId']!),
      }),
    },
    {
      method: 'post',
      path: '/users/{id}/disable',
      tag: 'identity',
      summary: 'Disable an account you manage: every token revoked, at once',
      description:
        'The account stays, with what it did in the audit trails; it cannot sign in again. The last admin who ' +
        'can sign in (enabled, with a valid token) cannot be disabled (409).',
      access: 'user.manage',
      params: IdParams,
      limit: 'write',
      answers: {
        200: json(AccountSchema, 'the account, disabled'),
        409: json(ErrorSchema, 'the last admin who can sign in'),
      },
      handle: async ({ caller, params }) => ({
        status: 200,
        body: await disableAccount(deps, caller, params['id']!),
      }),
    },
  ]);

import { z } from 'zod';
import { DEMO_SIGN_IN_ROLES, type DemoTokens, demoIdentities } from '../../services/demo.ts';
import type { Deps } from '../../services/deps.ts';
import { defineRoutes } from '../route.ts';
import { json } from './reply.ts';

/** Where a demo instance finds its demo users' tokens; absent when one-click sign-in is off. */
export interface DemoSignIn {
  tokens(): Partial<DemoTokens> | undefined;
}

const DemoIdentitiesSchema = z
  .object({
    identities: z.array(
      z.object({
        role: z.enum(DEMO_SIGN_IN_ROLES),
        name: z.string(),
        token: z.string(),
        expiresAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'DemoIdentities' });

/**
 * One-click sign-in on a demo instance: the demo business, facilitator and analyst with their
 * tokens (never the admin). Empty unless the instance is a demo (config DEMO_SIGN_IN).
 */
export const demoRoutes = (deps: Deps, demo: DemoSignIn | undefined) =>
  defineRoutes([
    {
      method: 'get',
      path: '/demo/identities',
      tag: 'identity',
      summary: 'The demo users one may sign in as, on a demo instance',
      description:
        'Answers the demo business, facilitator and analyst with their bearer tokens, so the web app ' +
        'can sign in with one click. Only on a demo instance (DEMO_SIGN_IN: on by default while the ' +
        'service listens on a loopback address only); everywhere else the list is empty. Revoked or ' +
        'expired demo users are left out; the admin is never offered.',
      access: 'public',
      answers: {
        200: json(DemoIdentitiesSchema, 'the demo identities (none on an instance that is no demo)'),
      },
      handle: async () => {
        const tokens = demo?.tokens();
        return {
          status: 200,
          body: { identities: tokens ? await demoIdentities(deps, tokens) : [] },
          headers: { 'cache-control': 'no-store' },
        };
      },
    },
  ]);

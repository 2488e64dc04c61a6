/**
 * The workspaces and who opens which. Routes live in the URL's fragment (`#/business`), so no
 * path of the app can ever shadow a path of the API the same service answers.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import type { Role } from '../api/client.ts';

export const WORKSPACES = ['business', 'facilitator', 'analyst', 'users', 'account'] as const;
export type WorkspaceName = (typeof WORKSPACES)[number];

/**
 * The first is where the role lands after signing in. Every role opens its own account (`#/account`),
 * last: it is reached from the user's name in the header, not from a tab.
 */
export const WORKSPACES_OF: Record<Role, readonly WorkspaceName[]> = {
  business: ['business', 'account'],
  facilitator: ['facilitator', 'analyst', 'users', 'account'],
  analyst: ['analyst', 'account'],
  admin: ['facilitator', 'analyst', 'users', 'account'],
};

/** The workspaces the header reaches otherwise than by a tab of its navigation. */
const UNTABBED: readonly WorkspaceName[] = ['account'];

/** The header's tabs: the role's workspaces but those reached otherwise. */
export const tabsOf = (role: Role): WorkspaceName[] =>
  WORKSPACES_OF[role].filter((w) => !UNTABBED.includes(w));

export const hrefOf = (workspace: WorkspaceName) => `#/${workspace}`;

/** The workspace the fragment names, when the role may open it. */
export function workspaceIn(hash: string, role: Role): WorkspaceName | null {
  const name = /^#\/([\w-]+)/.exec(hash)?.[1];
  return WORKSPACES_OF[role].find((w) => w === name) ?? null;
}

/**
 * The URL's fragment, redrawn on every change. The listener is attached in the render's own
 * commit, and the fragment read again there: a change between the first read and the listener
 * (a link followed as the view appears) is never missed.
 */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useLayoutEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    changed();
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

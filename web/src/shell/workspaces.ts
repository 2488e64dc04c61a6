/**
 * The workspaces and who opens which. Routes live in the URL's fragment (`#/business`), so no
 * path of the app can ever shadow a path of the API the same service answers.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../api/client.ts';

export const WORKSPACES = ['business', 'facilitator', 'analyst'] as const;
export type WorkspaceName = (typeof WORKSPACES)[number];

/** The first is where the role lands after signing in. */
export const WORKSPACES_OF: Record<Role, readonly WorkspaceName[]> = {
  business: ['business'],
  facilitator: ['facilitator', 'analyst'],
  analyst: ['analyst'],
  admin: ['facilitator', 'analyst'],
};

export const hrefOf = (workspace: WorkspaceName) => `#/${workspace}`;

/** The workspace the fragment names, when the role may open it. */
export function workspaceIn(hash: string, role: Role): WorkspaceName | null {
  const name = /^#\/([\w-]+)/.exec(hash)?.[1];
  return WORKSPACES_OF[role].find((w) => w === name) ?? null;
}

export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

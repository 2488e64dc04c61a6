/**
 * The users workspace's own routes inside the fragment: `#/users` is the list, `#/users/new` the
 * form that adds a user, `#/users/<id>` one account. Pure, so it is tested without a browser.
 */
export const USERS_HREF = '#/users';
export const NEW_USER_HREF = `${USERS_HREF}/new`;

export const accountHref = (id: string) => `${USERS_HREF}/${encodeURIComponent(id)}`;

export type UsersRoute = { name: 'list' } | { name: 'new' } | { name: 'account'; id: string };

/** The view the fragment names; the list for anything it does not know. */
export function usersRouteIn(hash: string): UsersRoute {
  const encoded = /^#\/users\/([^/?#]+)/.exec(hash)?.[1];
  if (encoded === undefined) return { name: 'list' };
  if (encoded === 'new') return { name: 'new' };
  try {
    return { name: 'account', id: decodeURIComponent(encoded) };
  } catch {
    return { name: 'list' };
  }
}

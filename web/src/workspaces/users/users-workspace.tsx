/**
 * The users workspace, for admins and facilitators: the accounts they manage (GET /users, filtered
 * and paged), at `#/users/new` the form that adds one, and at `#/users/<id>` an account with its
 * tokens and what may be done with it. The list's filters live here, so they are kept while an
 * account is open. A token's text lives only in the state of the view that shows it, never in the
 * URL or the browser's storage: leaving that view forgets it.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Api, Me } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useHash } from '../../shell/workspaces.ts';
import { AccountView } from './account.tsx';
import { EMPTY_QUERY, UserList, type UserQuery } from './list.tsx';
import { NewUser } from './new-user.tsx';
import { usersRouteIn } from './routes.ts';
import type { RegionNames } from './user-input.ts';
import './users.css';

export function UsersWorkspace({ api, me }: { api: Api; me: Me }) {
  const hash = useHash();
  const [query, setQuery] = useState<UserQuery>(EMPTY_QUERY);
  const regions = useRegions(api);
  const route = usersRouteIn(hash);
  return (
    <div class="users">
      {route.name === 'account' ? (
        <AccountView key={route.id} api={api} me={me} id={route.id} regions={regions} />
      ) : route.name === 'new' ? (
        <NewUser api={api} me={me} regions={regions} />
      ) : (
        <UserList api={api} me={me} query={query} onQuery={setQuery} regions={regions} />
      )}
    </div>
  );
}

/** The counties and municipalities (GET /taxonomy/regions) by code; null until they are read. */
export interface Regions {
  names: RegionNames | null;
  counties: { code: string; name: string }[];
  municipalities: { code: string; name: string; countyCode: string }[];
}

function useRegions(api: Api): Regions {
  const [regions] = useResource(
    async (signal) => dataOf(await api.GET('/taxonomy/regions', { signal })),
    [api],
  );
  return useMemo(() => {
    if (regions.state !== 'ready') return { names: null, counties: [], municipalities: [] };
    const { counties, municipalities } = regions.data;
    return {
      names: {
        counties: new Map(counties.map((c) => [c.code, c.name])),
        municipalities: new Map(municipalities.map((m) => [m.code, m.name])),
      },
      counties: [...counties].sort((a, b) => a.name.localeCompare(b.name, 'nb')),
      municipalities: [...municipalities].sort((a, b) => a.name.localeCompare(b.name, 'nb')),
    };
  }, [regions]);
}

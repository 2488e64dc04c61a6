/**
 * The accounts the caller manages (GET /users): admins every account, a facilitator the business
 * users of the companies in its regions; filtered by role (admins only), state and words of the
 * name or of a company's name, a page at a time. Each row links to the account.
 */
import { useState } from 'preact/hooks';
import type { Api, Me, Role } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { accountHref, NEW_USER_HREF } from './routes.ts';
import { Scope, StateBadge, When } from './show.tsx';
import { ROLES } from './user-input.ts';
import type { Regions } from './users-workspace.tsx';

export const USERS_PAGE = 25;

export interface UserQuery {
  role: '' | Role;
  state: '' | 'enabled' | 'disabled';
  q: string;
  offset: number;
}

export const EMPTY_QUERY: UserQuery = { role: '', state: '', q: '', offset: 0 };

/** The query of GET /users for a query of the form. */
export function apiQuery(q: UserQuery) {
  return {
    limit: USERS_PAGE,
    offset: q.offset,
    count: 'true' as const,
    ...(q.role && { role: q.role }),
    ...(q.state && { state: q.state }),
    ...(q.q.trim() && { q: q.q.trim() }),
  };
}

export function UserList({
  api,
  me,
  query,
  onQuery,
  regions,
}: {
  api: Api;
  me: Me;
  query: UserQuery;
  onQuery: (q: UserQuery) => void;
  regions: Regions;
}) {
  const { t, number } = useI18n();
  const [users, retry] = useResource(
    async (signal) => dataOf(await api.GET('/users', { params: { query: apiQuery(query) }, signal })),
    [api, query],
  );
  const filtered = JSON.stringify({ ...query, offset: 0 }) !== JSON.stringify(EMPTY_QUERY);
  const admin = me.role === 'admin';
  return (
    <Page title={t('users.title')} intro={t(admin ? 'users.intro.admin' : 'users.intro.facilitator')}>
      <p class="users-add">
        <a class="users-button" href={NEW_USER_HREF}>
          {t('users.add')}
        </a>
      </p>
      <Filters admin={admin} query={query} onQuery={onQuery} />
      <ResourceView resource={users} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p role="status">{filtered ? t('users.noMatch') : t('users.empty')}</p>
          ) : (
            <>
              <p class="note" role="status">
                {t('users.range', {
                  from: page.offset + 1,
                  to: page.offset + page.items.length,
                  total: page.total ?? page.offset + page.items.length,
                })}
              </p>
              <div class="table-scroll">
                <table class="users-table">
                  <caption>{t('users.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('users.col.name')}</th>
                      <th scope="col">{t('users.col.role')}</th>
                      <th scope="col">{t('users.col.scope')}</th>
                      <th scope="col" class="number">
                        {t('users.col.tokens')}
                      </th>
                      <th scope="col">{t('users.col.created')}</th>
                      <th scope="col">{t('users.col.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((account) => (
                      <tr key={account.id}>
                        <th scope="row">
                          <a href={accountHref(account.id)}>{account.name}</a>
                        </th>
                        <td data-label={t('users.col.role')}>{t(`role.${account.role}`)}</td>
                        <td data-label={t('users.col.scope')}>
                          <Scope account={account} regions={regions} />
                        </td>
                        <td data-label={t('users.col.tokens')} class="number">
                          {number(account.validTokens, 0)}
                        </td>
                        <td data-label={t('users.col.created')}>
                          <When at={account.createdAt} by={account.createdBy} />
                        </td>
                        <td data-label={t('users.col.state')}>
                          <StateBadge state={account.state} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {(page.offset > 0 || page.hasMore) && (
                <nav class="pager" aria-label={t('users.pages')}>
                  <button
                    type="button"
                    class="users-secondary"
                    disabled={page.offset === 0}
                    onClick={() => onQuery({ ...query, offset: Math.max(0, page.offset - USERS_PAGE) })}
                  >
                    {t('users.previous')}
                  </button>
                  <button
                    type="button"
                    class="users-secondary"
                    disabled={!page.hasMore}
                    onClick={() => onQuery({ ...query, offset: page.offset + USERS_PAGE })}
                  >
                    {t('users.next')}
                  </button>
                </nav>
              )}
            </>
          )
        }
      </ResourceView>
    </Page>
  );
}

function Filters({
  admin,
  query,
  onQuery,
}: {
  admin: boolean;
  query: UserQuery;
  onQuery: (q: UserQuery) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(query);
  const set = (change: Partial<UserQuery>) => setDraft({ ...draft, ...change });
  return (
    <form
      class="filters"
      aria-label={t('users.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onQuery({ ...draft, offset: 0 });
      }}
    >
      {/* Only admins manage other roles than business: a facilitator has nothing to choose. */}
      {admin && (
        <div class="users-field">
          <label for="users-filter-role">{t('users.filter.role')}</label>
          <select
            id="users-filter-role"
            value={draft.role}
            onChange={(e) => set({ role: e.currentTarget.value as UserQuery['role'] })}
          >
            <option value="">{t('users.filter.anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="users-field">
        <label for="users-filter-state">{t('users.filter.state')}</label>
        <select
          id="users-filter-state"
          value={draft.state}
          onChange={(e) => set({ state: e.currentTarget.value as UserQuery['state'] })}
        >
          <option value="">{t('users.filter.anyState')}</option>
          <option value="enabled">{t('users.state.enabled')}</option>
          <option value="disabled">{t('users.state.disabled')}</option>
        </select>
      </div>
      <div class="users-field">
        <label for="users-filter-q">{t('users.filter.q')}</label>
        <input
          id="users-filter-q"
          type="search"
          value={draft.q}
          maxLength={200}
          onInput={(e) => set({ q: e.currentTarget.value })}
        />
      </div>
      <div class="filter-buttons">
        <button type="submit">{t('users.filter.apply')}</button>
        <button
          type="button"
          class="users-secondary"
          onClick={() => {
            setDraft(EMPTY_QUERY);
            onQuery(EMPTY_QUERY);
          }}
        >
          {t('users.filter.reset')}
        </button>
      </div>
    </form>
  );
}

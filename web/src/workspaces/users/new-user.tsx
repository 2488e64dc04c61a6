/**
 * Adding a user (POST /users): its name; its role (admins choose any; a facilitator adds business
 * users only, so the role is shown, not asked); a business user's companies, found by searching
 * GET /companies and chosen among those shown in full (those the caller acts for); a
 * facilitator's regions (counties, municipalities or the whole country); the token's lifetime.
 * Checked with the API's own schema first. Once added, the token is shown, once.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { UserInputSchema } from '../../../../src/domain/user.ts';
import type { Api, Me, Role, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { schemaProblems } from '../../forms/schema-check.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { type Act, ActStatus, Field, useAct } from './forms.tsx';
import { accountHref, USERS_HREF } from './routes.ts';
import { DaysField } from './token-form.tsx';
import { type Issued, TokenPanel } from './token-panel.tsx';
import {
  type CompanyEntry,
  emptyDraft,
  isFullCompany,
  ROLES,
  regionLabel,
  type UserDraft,
  userBody,
  withRegion,
} from './user-input.ts';
import type { Regions } from './users-workspace.tsx';

const FORM = 'user';
const FIELDS = ['name', 'role', 'companyIds', 'regions', 'expiresInDays'];
/** Companies a search shows; a longer answer says so. */
const SEARCH_PAGE = 20;

type Created = Issued & { user: Schemas['Account'] };

export function NewUser({ api, me, regions }: { api: Api; me: Me; regions: Regions }) {
  const { t } = useI18n();
  // The token lives here and nowhere else: leaving this view (to the account, the list, another
  // workspace) forgets it.
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <>
      <p class="users-back">
        <a href={USERS_HREF}>← {t('users.back')}</a>
      </p>
      {created ? (
        <Page key="created" title={t('users.created.title', { name: created.user.name })}>
          <TokenPanel
            issued={created}
            name={created.user.name}
            doneLabel={t('users.created.open')}
            onDone={() => {
              window.location.hash = accountHref(created.user.id);
            }}
          />
        </Page>
      ) : (
        <Page
          key="form"
          title={t('users.new.title')}
          intro={t(me.role === 'admin' ? 'users.new.intro.admin' : 'users.new.intro.facilitator')}
        >
          <UserForm api={api} me={me} regions={regions} onCreated={setCreated} />
        </Page>
      )}
    </>
  );
}

function UserForm({
  api,
  me,
  regions,
  onCreated,
}: {
  api: Api;
  me: Me;
  regions: Regions;
  onCreated: (created: Created) => void;
}) {
  const { t, language, number } = useI18n();
  const admin = me.role === 'admin';
  const act = useAct(() => {}, admin ? FIELDS : FIELDS.filter((f) => f !== 'role'));
  const [draft, setDraft] = useState<UserDraft>(() => emptyDraft('business'));
  const set = (change: Partial<UserDraft>) => setDraft((d) => ({ ...d, ...change }));
  return (
    <form
      ref={act.form}
      class="users-form"
      aria-labelledby="user-form-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body = userBody(draft, language);
        // The API's own schema first: a bad field is named at once, in the API's words.
        if (!act.check(schemaProblems(UserInputSchema, body))) return;
        void act.run(async () => {
          const made = dataOf(await api.POST('/users', { body }));
          onCreated(made);
          return t('users.created.title', { name: made.user.name });
        });
      }}
    >
      <h2 id="user-form-h" class="visually-hidden">
        {t('users.new.title')}
      </h2>
      <Field form={FORM} path="name" label={t('users.field.name')} hint={t('users.field.nameHint')} act={act}>
        {(c) => (
          <input
            {...c}
            type="text"
            autocomplete="off"
            maxLength={200}
            value={draft.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        )}
      </Field>
      {admin ? (
        <Field form={FORM} path="role" label={t('users.field.role')} act={act}>
          {(c) => (
            <select {...c} value={draft.role} onChange={(e) => set({ role: e.currentTarget.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <p class="users-fixed">
          <span class="users-label">{t('users.field.role')}:</span> {t('role.business')}{' '}
          <span class="users-hint">{t('users.field.roleBusinessOnly')}</span>
        </p>
      )}
      {draft.role === 'business' && (
        <CompanyPicker
          api={api}
          act={act}
          admin={admin}
          chosen={draft.companies}
          onChange={(companies) => set({ companies })}
        />
      )}
      {draft.role === 'facilitator' && (
        <RegionPicker
          act={act}
          regions={regions}
          chosen={draft.regions}
          onChange={(r) => set({ regions: r })}
        />
      )}
      <DaysField
        form={FORM}
        label={t('users.field.days')}
        hint={t('users.field.daysHint', { max: number(3650, 0) })}
        act={act}
        value={draft.days}
        onInput={(days) => set({ days })}
      />
      <ActStatus act={act} />
      <div class="users-buttons">
        <button type="submit" disabled={act.state.kind === 'busy'}>
          {t('users.new.submit')}
        </button>
        <a class="users-button secondary" href={USERS_HREF}>
          {t('users.new.cancel')}
        </a>
      </div>
    </form>
  );
}

/**
 * A business user's companies: a search over GET /companies; a company shown in full (one the
 * caller acts for) may be chosen, a directory entry may not. The search field is the field the
 * API's `companyIds` messages go to.
 */
function CompanyPicker({
  api,
  act,
  admin,
  chosen,
  onChange,
}: {
  api: Api;
  act: Act;
  admin: boolean;
  chosen: { id: string; name: string }[];
  onChange: (companies: { id: string; name: string }[]) => void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const field = useRef<HTMLInputElement | null>(null);
  const [results, retry] = useResource(
    async (signal) =>
      search === null
        ? null
        : dataOf(
            await api.GET('/companies', {
              params: { query: { limit: SEARCH_PAGE, ...(search.trim() && { q: search.trim() }) } },
              signal,
            }),
          ),
    [api, search],
  );
  const find = () => {
    setSaid('');
    setSearch(typed);
  };
  const choose = (c: { id: string; name: string }) => {
    onChange([...chosen.filter((x) => x.id !== c.id), { id: c.id, name: c.name }]);
    setSaid(t('users.companies.added', { name: c.name }));
    // The button goes with the choice: the keyboard goes back to the search field.
    field.current?.focus();
  };
  const remove = (c: { id: string; name: string }) => {
    onChange(chosen.filter((x) => x.id !== c.id));
    setSaid(t('users.companies.removed', { name: c.name }));
    field.current?.focus();
  };
  const isChosen = (id: string) => chosen.some((c) => c.id === id);
  return (
    <fieldset class="users-fieldset">
      <legend>{t('users.companies.legend')}</legend>
      <Field
        form={FORM}
        path="companyIds"
        label={t('users.field.companies')}
        hint={t(admin ? 'users.field.companiesHint.admin' : 'users.field.companiesHint.facilitator')}
        act={act}
      >
        {(c) => (
          <div class="users-inline">
            <input
              {...c}
              ref={field}
              type="search"
              maxLength={200}
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
              onKeyDown={(e) => {
                // Enter searches here; it does not add the user.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  find();
                }
              }}
            />
            <button type="button" class="users-secondary" onClick={find}>
              {t('users.companies.search')}
            </button>
          </div>
        )}
      </Field>
      {search !== null && (
        <ResourceView resource={results} retry={retry}>
          {(page) =>
            page && (
              <>
                <p role="status" class="users-found">
                  {page.items.length === 0
                    ? t('users.companies.noneFound')
                    : t('users.companies.found', { count: page.items.length })}
                  {page.hasMore && ` ${t('users.companies.more', { count: page.items.length })}`}
                </p>
                {page.items.length > 0 && (
                  <ul class="users-results" aria-label={t('users.companies.results')}>
                    {page.items.map((company: CompanyEntry) => (
                      <li key={company.id}>
                        <span class="users-company">
                          {company.name}
                          {company.orgNumber && <span class="users-hint"> {company.orgNumber}</span>}
                        </span>
                        {!isFullCompany(company) ? (
                          <span class="users-hint">{t('users.companies.notYours')}</span>
                        ) : isChosen(company.id) ? (
                          <span class="users-badge enabled">{t('users.companies.chosenAlready')}</span>
                        ) : (
                          <button
                            type="button"
                            class="users-secondary"
                            aria-label={t('users.companies.chooseNamed', { name: company.name })}
                            onClick={() => choose(company)}
                          >
                            {t('users.companies.choose')}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )
          }
        </ResourceView>
      )}
      <Chosen
        label={t('users.companies.chosen')}
        empty={t('users.companies.noneChosen')}
        items={chosen.map((c) => ({ key: c.id, text: c.name }))}
        onRemove={(key) => {
          const c = chosen.find((x) => x.id === key);
          if (c) remove(c);
        }}
      />
      <p class="users-said" role="status">
        {said}
      </p>
    </fieldset>
  );
}

/** A facilitator's regions: a county, a municipality or the whole country at a time. */
function RegionPicker({
  act,
  regions,
  chosen,
  onChange,
}: {
  act: Act;
  regions: Regions;
  chosen: string[];
  onChange: (regions: string[]) => void;
}) {
  const { t } = useI18n();
  const [picked, setPicked] = useState('');
  const [said, setSaid] = useState('');
  const field = useRef<HTMLSelectElement | null>(null);
  const all = t('users.allRegions');
  const label = (code: string) => regionLabel(code, regions.names, all);
  const add = () => {
    if (picked === '') return;
    onChange(withRegion(chosen, picked));
    setSaid(t('users.regions.added', { region: label(picked) }));
    setPicked('');
  };
  return (
    <fieldset class="users-fieldset">
      <legend>{t('users.regions.legend')}</legend>
      <Field
        form={FORM}
        path="regions"
        label={t('users.regions.choose')}
        hint={t('users.regions.hint')}
        act={act}
      >
        {(c) => (
          <div class="users-inline">
            <select {...c} ref={field} value={picked} onChange={(e) => setPicked(e.currentTarget.value)}>
              <option value="">{t('users.regions.pick')}</option>
              <option value="all">{all}</option>
              {regions.counties.map((county) => (
                <optgroup key={county.code} label={county.name}>
                  <option value={county.code}>
                    {t('users.regions.wholeCounty', { name: county.name, code: county.code })}
                  </option>
                  {regions.municipalities
                    .filter((m) => m.countyCode === county.code)
                    .map((m) => (
                      <option key={m.code} value={m.code}>
                        {m.name} ({m.code})
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <button type="button" class="users-secondary" onClick={add}>
              {t('users.regions.add')}
            </button>
          </div>
        )}
      </Field>
      <Chosen
        label={t('users.regions.chosen')}
        empty={t('users.regions.noneChosen')}
        items={chosen.map((code) => ({ key: code, text: label(code) }))}
        onRemove={(code) => {
          onChange(chosen.filter((r) => r !== code));
          setSaid(t('users.regions.removed', { region: label(code) }));
          // The button goes with the region: the keyboard goes back to the region field.
          field.current?.focus();
        }}
      />
      <p class="users-said" role="status">
        {said}
      </p>
    </fieldset>
  );
}

/** What was chosen, each with a way to take it out again. */
function Chosen({
  label,
  empty,
  items,
  onRemove,
}: {
  label: string;
  empty: string;
  items: { key: string; text: string }[];
  onRemove: (key: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div class="users-chosen">
      <p id={id} class="users-label">
        {label}
      </p>
      {items.length === 0 ? (
        <p class="users-hint">{empty}</p>
      ) : (
        <ul aria-labelledby={id}>
          {items.map((item) => (
            <li key={item.key}>
              <span>{item.text}</span>
              <button
                type="button"
                class="users-secondary"
                aria-label={t('users.removeNamed', { name: item.text })}
                onClick={() => onRemove(item.key)}
              >
                {t('users.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

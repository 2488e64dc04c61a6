/**
 * One account (GET /users/{id}): who it is, what it covers, who made it and when, whether it is
 * enabled; its tokens (state, made, expires, revoked) with a way to revoke each valid one; a new
 * token, shown once; disabling the account. Revoking and disabling are confirmed first. Every act
 * redraws the account from the API's answer; what the API refuses (a 409 for the last admin) is
 * shown in its words.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { TokenRequestSchema } from '../../../../src/domain/user.ts';
import type { Api, Me, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { schemaProblems } from '../../forms/schema-check.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { ActStatus, Field, useAct } from './forms.tsx';
import { USERS_HREF } from './routes.ts';
import { Scope, StateBadge, When } from './show.tsx';
import { type Issued, TokenPanel } from './token-panel.tsx';
import { DEFAULT_DAYS, tokenBody } from './user-input.ts';
import type { Regions } from './users-workspace.tsx';

type Account = Schemas['Account'];
type Token = Account['tokens'][number];

export function AccountView({ api, me, id, regions }: { api: Api; me: Me; id: string; regions: Regions }) {
  const { t } = useI18n();
  const [loaded, reload] = useResource(
    async (signal) => dataOf(await api.GET('/users/{id}', { params: { path: { id } }, signal })),
    [api, id],
  );
  // An act answers with the account as now written: shown without reading it again.
  const [written, setWritten] = useState<Account | null>(null);
  const resource =
    loaded.state === 'ready' && written !== null ? { state: 'ready' as const, data: written } : loaded;
  return (
    <div class="account-view">
      <p class="users-back">
        <a href={USERS_HREF}>← {t('users.back')}</a>
      </p>
      <ResourceView resource={resource} retry={reload}>
        {(account) => (
          <Picture api={api} me={me} account={account} regions={regions} onWritten={setWritten} />
        )}
      </ResourceView>
    </div>
  );
}

function Picture({
  api,
  me,
  account,
  regions,
  onWritten,
}: {
  api: Api;
  me: Me;
  account: Account;
  regions: Regions;
  onWritten: (account: Account) => void;
}) {
  const { t, number } = useI18n();
  // The token just made: in this view's state only, forgotten when it is hidden or the view left.
  const [issued, setIssued] = useState<Issued | null>(null);
  const [said, setSaid] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  // An act whose button goes away (a revoked token, a disabled account, a hidden token) takes the
  // focus with it: the keyboard then continues from what was said, not from the top of the page.
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (said !== '' && lost) status.current?.focus();
  }, [said, account, issued]);
  const enabled = account.state === 'enabled';
  return (
    <Page title={account.name}>
      <p ref={status} class="act-done" role="status" tabIndex={-1}>
        {said}
      </p>
      <section aria-labelledby="account-h" class="account-summary">
        <h2 id="account-h">{t('users.account.summary')}</h2>
        <dl class="users-facts">
          <div>
            <dt>{t('users.col.role')}</dt>
            <dd>{t(`role.${account.role}`)}</dd>
          </div>
          {(account.companies.length > 0 || account.role === 'business') && (
            <div>
              <dt>{t('users.account.companies')}</dt>
              <dd>
                <Scope account={account} regions={regions} />
              </dd>
            </div>
          )}
          {(account.regions.length > 0 || account.role === 'facilitator') && (
            <div>
              <dt>{t('users.account.regions')}</dt>
              <dd>
                <Scope account={account} regions={regions} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t('users.col.created')}</dt>
            <dd>
              <When at={account.createdAt} by={account.createdBy} />
            </dd>
          </div>
          <div>
            <dt>{t('users.col.state')}</dt>
            <dd>
              <StateBadge state={account.state} />
            </dd>
          </div>
          {account.state === 'disabled' && (
            <div>
              <dt>{t('users.account.disabled')}</dt>
              <dd>
                <When at={account.disabledAt} by={account.disabledBy} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t('users.col.tokens')}</dt>
            <dd>{number(account.validTokens, 0)}</dd>
          </div>
        </dl>
        {!enabled && <p class="note">{t('users.account.disabledNote')}</p>}
        {account.id === me.id && <p class="note">{t('users.account.yourself')}</p>}
      </section>
      {issued && (
        <TokenPanel
          issued={issued}
          name={account.name}
          heading={t('users.token.newTitle', { name: account.name })}
          focus
          doneLabel={t('users.token.hide')}
          onDone={() => {
            setIssued(null);
            setSaid(t('users.token.hidden'));
          }}
        />
      )}
      <Tokens
        api={api}
        account={account}
        onWritten={(next, message) => {
          onWritten(next);
          setSaid(message);
        }}
      />
      {enabled && (
        <NewTokenForm
          api={api}
          account={account}
          onIssued={(token, next) => {
            setIssued(token);
            if (next) onWritten(next);
          }}
          announce={setSaid}
        />
      )}
      {enabled && (
        <DisableForm
          api={api}
          account={account}
          onWritten={(next, message) => {
            onWritten(next);
            setSaid(message);
          }}
        />
      )}
    </Page>
  );
}

/** The account's tokens, oldest first, each valid one with "Revoke" (confirmed first). */
function Tokens({
  api,
  account,
  onWritten,
}: {
  api: Api;
  account: Account;
  onWritten: (account: Account, message: string) => void;
}) {
  const { t, date } = useI18n();
  const [confirming, setConfirming] = useState<Token | null>(null);
  const act = useAct(() => {}, []);
  // Cancelled, the question goes and the keyboard goes back to the token's own button.
  const [back, setBack] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (confirming) yes.current?.focus();
    else if (back) document.getElementById(back)?.focus();
  }, [confirming, back]);
  const revoke = (token: Token) =>
    act.run(async () => {
      const next = dataOf(
        await api.DELETE('/users/{id}/tokens/{tokenId}', {
          params: { path: { id: account.id, tokenId: token.id } },
        }),
      );
      setConfirming(null);
      const message = t('users.tokens.revoked', { created: date(token.createdAt) });
      onWritten(next, message);
      return message;
    });
  return (
    <section aria-labelledby="tokens-h">
      <h2 id="tokens-h">{t('users.tokens.title')}</h2>
      {account.tokens.length === 0 ? (
        <p>{t('users.tokens.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="users-table tokens">
            <caption>{t('users.tokens.caption', { name: account.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.tokens.id')}</th>
                <th scope="col">{t('users.tokens.state')}</th>
                <th scope="col">{t('users.tokens.created')}</th>
                <th scope="col">{t('users.tokens.expires')}</th>
                <th scope="col">{t('users.tokens.revokedAt')}</th>
                <th scope="col">{t('users.tokens.act')}</th>
              </tr>
            </thead>
            <tbody>
              {account.tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">
                    <code>{token.id}</code>
                  </th>
                  <td data-label={t('users.tokens.state')}>
                    <span class={`users-badge token-${token.state}`}>{t(`users.token.${token.state}`)}</span>
                  </td>
                  <td data-label={t('users.tokens.created')}>
                    <When at={token.createdAt} by={token.createdBy} />
                  </td>
                  <td data-label={t('users.tokens.expires')}>{date(token.expiresAt)}</td>
                  <td data-label={t('users.tokens.revokedAt')}>
                    <When at={token.revokedAt} by={token.revokedBy} />
                  </td>
                  <td data-label={t('users.tokens.act')}>
                    {token.state === 'valid' ? (
                      <button
                        id={`revoke-${token.id}`}
                        type="button"
                        class="users-secondary"
                        aria-label={t('users.tokens.revokeOf', { id: token.id })}
                        aria-expanded={confirming?.id === token.id}
                        disabled={act.state.kind === 'busy'}
                        onClick={() => {
                          setBack(null);
                          setConfirming(token);
                        }}
                      >
                        {t('users.tokens.revoke')}
                      </button>
                    ) : (
                      t('users.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <fieldset class="users-confirm">
          <legend>
            {t('users.tokens.confirm', {
              id: confirming.id,
              created: date(confirming.createdAt),
            })}
          </legend>
          <div class="users-buttons">
            <button
              ref={yes}
              type="button"
              class="users-danger"
              disabled={act.state.kind === 'busy'}
              onClick={() => void revoke(confirming)}
            >
              {t('users.tokens.confirmYes')}
            </button>
            <button
              type="button"
              class="users-secondary"
              onClick={() => {
                setBack(`revoke-${confirming.id}`);
                setConfirming(null);
              }}
            >
              {t('users.cancel')}
            </button>
          </div>
        </fieldset>
      )}
      <ActStatus act={act} />
    </section>
  );
}

/** A new token for the account (POST /users/{id}/tokens), its lifetime checked with the API's schema. */
function NewTokenForm({
  api,
  account,
  onIssued,
  announce,
}: {
  api: Api;
  account: Account;
  onIssued: (issued: Issued, account: Account | null) => void;
  announce: (message: string) => void;
}) {
  const { t, language, number } = useI18n();
  const act = useAct(announce, ['expiresInDays']);
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  return (
    <form
      ref={act.form}
      class="users-form users-act"
      aria-labelledby="new-token-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body = tokenBody(days, language);
        if (!act.check(schemaProblems(TokenRequestSchema, body))) return;
        void act.run(async () => {
          const issued = dataOf(
            await api.POST('/users/{id}/tokens', { params: { path: { id: account.id } }, body }),
          );
          // The answer holds the token only: the account, with its new token, is read again.
          const next = await api
            .GET('/users/{id}', { params: { path: { id: account.id } } })
            .then(dataOf, () => null);
          onIssued(issued, next);
          return t('users.token.made');
        });
      }}
    >
      <h2 id="new-token-h">{t('users.token.new')}</h2>
      <p class="users-hint">{t('users.token.newHint')}</p>
      <Field
        form="token"
        path="expiresInDays"
        label={t('users.field.days')}
        hint={t('users.field.daysHint', { max: number(3650, 0) })}
        act={act}
      >
        {(c) => (
          <input
            {...c}
            class="users-short"
            type="text"
            inputMode="numeric"
            value={days}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
        )}
      </Field>
      <ActStatus act={act} />
      <div class="users-buttons">
        <button type="submit" disabled={act.state.kind === 'busy'}>
          {t('users.token.submit')}
        </button>
      </div>
    </form>
  );
}

/** Disabling the account (POST /users/{id}/disable), confirmed first: every token goes, for good. */
function DisableForm({
  api,
  account,
  onWritten,
}: {
  api: Api;
  account: Account;
  onWritten: (account: Account, message: string) => void;
}) {
  const { t } = useI18n();
  const act = useAct(() => {}, []);
  const [confirming, setConfirming] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const [asked, setAsked] = useState(0);
  useLayoutEffect(() => {
    if (confirming) yes.current?.focus();
    else if (asked > 0) ask.current?.focus();
  }, [confirming, asked]);
  return (
    <section class="users-act users-disable" aria-labelledby="disable-h">
      <h2 id="disable-h">{t('users.disable.title')}</h2>
      <p class="users-hint">{t('users.disable.hint')}</p>
      {confirming ? (
        <fieldset class="users-confirm">
          <legend>{t('users.disable.confirm', { name: account.name })}</legend>
          <div class="users-buttons">
            <button
              ref={yes}
              type="button"
              class="users-danger"
              disabled={act.state.kind === 'busy'}
              onClick={() =>
                void act.run(async () => {
                  const next = dataOf(
                    await api.POST('/users/{id}/disable', { params: { path: { id: account.id } } }),
                  );
                  const message = t('users.disable.done', { name: next.name });
                  onWritten(next, message);
                  return message;
                })
              }
            >
              {t('users.disable.confirmYes', { name: account.name })}
            </button>
            <button
              type="button"
              class="users-secondary"
              onClick={() => {
                setConfirming(false);
                setAsked((n) => n + 1);
              }}
            >
              {t('users.cancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <button ref={ask} type="button" class="users-danger" onClick={() => setConfirming(true)}>
          {t('users.disable.ask')}
        </button>
      )}
      <ActStatus act={act} />
    </section>
  );
}

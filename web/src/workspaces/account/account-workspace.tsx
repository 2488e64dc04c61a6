/**
 * My account (`#/account`), for every role, reached from the user's name in the header: who you are
 * (GET /me: name, role, companies or regions, when this browser's sign-in expires) and your tokens
 * (GET /me/tokens, this browser's marked), with
 * - renewing this browser's sign-in: a new token (POST /me/tokens), which the app then signs in
 *   with (remembered in place of the old, `me` read again) before it revokes the old one with the
 *   new (DELETE /me/tokens/{id}); the token's text is never shown;
 * - a token for another device or a script, its lifetime checked with the API's own schema, shown
 *   once in the users workspace's TokenPanel;
 * - revoking one valid token other than this browser's, and signing out everywhere else (every
 *   valid token but this browser's), each confirmed first.
 * This browser's own token is not revoked here (Sign out does that). What the API refuses (a 409)
 * is shown in its words, in the user's language. The view is drawn with the users workspace's
 * form parts and styles (users.css, scoped under `.users`).
 */
import '../users/users.css';
import './account.css';
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { OwnTokenRequestSchema } from '../../../../src/domain/user.ts';
import { type Api, dataOf, type Me, type Schemas } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { schemaProblems } from '../../forms/schema-check.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { type Act, ActStatus, Field, useAct } from '../users/forms.tsx';
import { useWho, When } from '../users/show.tsx';
import { type Issued, TokenPanel } from '../users/token-panel.tsx';
import { DEFAULT_DAYS, tokenBody } from '../users/user-input.ts';

type OwnToken = Schemas['OwnTokens']['items'][number];

/** The longest a token of one's own lives (OwnTokenRequestSchema's maximum). */
const MAX_DAYS = 365;

/**
 * An act the API refused (or that got no answer) gives the keyboard back to the button that started
 * it, which lost the focus while it was disabled; a field the refusal names has taken it already.
 */
function useRefocus(act: Act, button: RefObject<HTMLButtonElement | null>) {
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && (act.state.kind === 'refused' || act.state.kind === 'network')) button.current?.focus();
  }, [act.state]);
}

export function AccountWorkspace({
  api,
  me,
  onTokenRenewed,
}: {
  api: Api;
  me: Me;
  /** Makes the app sign in with `token` from now on; answers its client. */
  onTokenRenewed: (token: string) => Promise<Api>;
}) {
  const { t } = useI18n();
  // Read once; a renewed token (a new `api`) does not read them again: the act that renewed it
  // answers them. Trying again reads with the client of the moment.
  const [loaded, reload] = useResource(
    async (signal) => dataOf(await api.GET('/me/tokens', { signal })).items,
    [],
  );
  // Every act answers with the tokens as now written: shown without reading them again.
  const [written, setWritten] = useState<OwnToken[] | null>(null);
  const tokens = written !== null ? { state: 'ready' as const, data: written } : loaded;
  // The token just made for another device: in this view's state only, forgotten when hidden or left.
  const [issued, setIssued] = useState<Issued | null>(null);
  const [said, setSaid] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  // An act whose button goes away (a revoked token, the others signed out, a hidden token) takes
  // the focus with it: the keyboard then goes on from what was said, not from the top of the page.
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (said !== '' && lost) status.current?.focus();
  }, [said, written, issued]);
  return (
    <div class="users account">
      <Page title={t('account.title')} intro={t('account.intro')}>
        <p ref={status} class="act-done" role="status" tabIndex={-1}>
          {said}
        </p>
        <Who me={me} />
        <Renew api={api} onTokenRenewed={onTokenRenewed} onWritten={setWritten} announce={setSaid} />
        <section aria-labelledby="account-tokens-h">
          <h2 id="account-tokens-h">{t('account.tokens.title')}</h2>
          <ResourceView resource={tokens} retry={reload}>
            {(items) => (
              <>
                <Tokens api={api} tokens={items} onWritten={setWritten} announce={setSaid} />
                <SignOutElsewhere api={api} tokens={items} onWritten={setWritten} announce={setSaid} />
              </>
            )}
          </ResourceView>
        </section>
        <DeviceTokenForm
          api={api}
          onIssued={(made, next) => {
            setIssued(made);
            if (next) setWritten(next);
          }}
          announce={setSaid}
        />
        {issued && (
          <TokenPanel
            issued={issued}
            name={me.name}
            heading={t('account.token.heading')}
            warning={t('account.token.warning')}
            label={t('account.token.label')}
            focus
            doneLabel={t('account.token.hide')}
            onDone={() => {
              setIssued(null);
              setSaid(t('account.token.hidden'));
            }}
          />
        )}
      </Page>
    </div>
  );
}

/** Name, role, companies or regions, and when this browser's sign-in ends: all from GET /me. */
function Who({ me }: { me: Me }) {
  const { t, date } = useI18n();
  return (
    <section aria-labelledby="account-who-h">
      <h2 id="account-who-h">{t('account.who.title')}</h2>
      <dl class="users-facts">
        <div>
          <dt>{t('account.who.name')}</dt>
          <dd>{me.name}</dd>
        </div>
        <div>
          <dt>{t('account.who.role')}</dt>
          <dd>{t(`role.${me.role}`)}</dd>
        </div>
        {(me.role === 'business' || me.companies.length > 0) && (
          <div>
            <dt>{t('account.who.companies')}</dt>
            <dd>
              {me.companies.length > 0
                ? me.companies.map((c) => c.name).join(', ')
                : t('account.who.noCompanies')}
            </dd>
          </div>
        )}
        {(me.role === 'facilitator' || (me.regions !== 'all' && me.regions.length > 0)) && (
          <div>
            <dt>{t('account.who.regions')}</dt>
            <dd>
              {me.regions === 'all'
                ? t('account.who.allRegions')
                : me.regions.map((r) => `${r.name} (${r.code})`).join(', ')}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('account.who.expires')}</dt>
          <dd>{date(me.tokenExpiresAt)}</dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * Renewing this browser's sign-in: a new token (the API's default lifetime) the app switches to,
 * then the old one revoked with the new. Nothing to copy: the text goes from the answer to the
 * app's storage and nowhere else.
 */
function Renew({
  api,
  onTokenRenewed,
  onWritten,
  announce,
}: {
  api: Api;
  onTokenRenewed: (token: string) => Promise<Api>;
  onWritten: (tokens: OwnToken[]) => void;
  announce: (message: string) => void;
}) {
  const { t, date, number } = useI18n();
  const act = useAct(announce, []);
  const button = useRef<HTMLButtonElement>(null);
  useRefocus(act, button);
  const renew = () =>
    act.run(async () => {
      // Which token this browser signs in with now: the one to revoke once the new one is in use.
      const old = dataOf(await api.GET('/me/tokens')).items.find((token) => token.current);
      const made = dataOf(await api.POST('/me/tokens', { body: {} }));
      const fresh = await onTokenRenewed(made.token);
      if (old === undefined) return t('account.renew.done', { date: date(made.expiresAt) });
      try {
        const next = dataOf(
          await fresh.DELETE('/me/tokens/{tokenId}', { params: { path: { tokenId: old.id } } }),
        );
        onWritten(next.items);
      } catch (e) {
        // Renewed all the same; the old token stays valid until revoked by hand or it expires.
        await fresh.GET('/me/tokens').then(
          (r) => onWritten(dataOf(r).items),
          () => {},
        );
        announce(t('account.renew.oldKept', { date: date(made.expiresAt) }));
        throw e;
      }
      return t('account.renew.done', { date: date(made.expiresAt) });
    });
  return (
    <section class="users-act" aria-labelledby="account-renew-h">
      <h2 id="account-renew-h">{t('account.renew.title')}</h2>
      <p class="users-hint">{t('account.renew.hint', { days: number(DEFAULT_DAYS, 0) })}</p>
      <ActStatus act={act} />
      <div class="users-buttons">
        <button ref={button} type="button" disabled={act.state.kind === 'busy'} onClick={() => void renew()}>
          {t('account.renew.submit')}
        </button>
      </div>
    </section>
  );
}

/** Your tokens, oldest first, this browser's marked; each other valid one with "Revoke" (confirmed first). */
function Tokens({
  api,
  tokens,
  onWritten,
  announce,
}: {
  api: Api;
  tokens: OwnToken[];
  onWritten: (tokens: OwnToken[]) => void;
  announce: (message: string) => void;
}) {
  const { t, date } = useI18n();
  const who = useWho();
  const [asked, setConfirming] = useState<OwnToken | null>(null);
  // The question stands while its token is still valid (signing out elsewhere may revoke it first).
  const confirming = tokens.find((token) => token.id === asked?.id && token.state === 'valid') ?? null;
  const act = useAct(announce, []);
  // Cancelled, the question goes and the keyboard goes back to the token's own button.
  const [back, setBack] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (confirming) yes.current?.focus();
    else if (back) document.getElementById(back)?.focus();
  }, [confirming, back]);
  useRefocus(act, yes);
  const revoke = (token: OwnToken) =>
    act.run(async () => {
      const next = dataOf(
        await api.DELETE('/me/tokens/{tokenId}', { params: { path: { tokenId: token.id } } }),
      );
      setConfirming(null);
      onWritten(next.items);
      return t('account.tokens.revoked', { created: date(token.createdAt) });
    });
  return (
    <>
      <div class="table-scroll">
        <table class="users-table tokens">
          <caption>{t('account.tokens.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.tokens.token')}</th>
              <th scope="col">{t('account.tokens.state')}</th>
              <th scope="col">{t('account.tokens.created')}</th>
              <th scope="col">{t('account.tokens.createdBy')}</th>
              <th scope="col">{t('account.tokens.expires')}</th>
              <th scope="col">{t('account.tokens.revokedAt')}</th>
              <th scope="col">{t('account.tokens.act')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} class={token.current ? 'current' : undefined}>
                <th scope="row">
                  <code>{token.id}</code>
                  {token.current && (
                    <>
                      {' '}
                      <span class="users-badge this-browser">{t('account.tokens.thisBrowser')}</span>
                    </>
                  )}
                </th>
                <td data-label={t('account.tokens.state')}>
                  <span class={`users-badge token-${token.state}`}>{t(`users.token.${token.state}`)}</span>
                </td>
                <td class="date" data-label={t('account.tokens.created')}>
                  {date(token.createdAt)}
                </td>
                <td data-label={t('account.tokens.createdBy')}>{who(token.createdBy)}</td>
                <td class="date" data-label={t('account.tokens.expires')}>
                  {date(token.expiresAt)}
                </td>
                <td data-label={t('account.tokens.revokedAt')}>
                  <When at={token.revokedAt} by={token.revokedBy} />
                </td>
                <td data-label={t('account.tokens.act')}>
                  {token.current ? (
                    t('account.tokens.inUse')
                  ) : token.state === 'valid' ? (
                    <button
                      id={`own-revoke-${token.id}`}
                      type="button"
                      class="users-secondary"
                      aria-label={t('account.tokens.revokeOf', {
                        created: date(token.createdAt),
                        id: token.id,
                      })}
                      aria-expanded={confirming?.id === token.id}
                      disabled={act.state.kind === 'busy'}
                      onClick={() => {
                        setBack(null);
                        setConfirming(token);
                      }}
                    >
                      {t('account.tokens.revoke')}
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
      {confirming && (
        <fieldset class="users-confirm">
          <legend>
            {t('account.tokens.confirm', { id: confirming.id, created: date(confirming.createdAt) })}
          </legend>
          <div class="users-buttons">
            <button
              ref={yes}
              type="button"
              class="users-danger"
              disabled={act.state.kind === 'busy'}
              onClick={() => void revoke(confirming)}
            >
              {t('account.tokens.confirmYes')}
            </button>
            <button
              type="button"
              class="users-secondary"
              onClick={() => {
                setBack(`own-revoke-${confirming.id}`);
                setConfirming(null);
              }}
            >
              {t('users.cancel')}
            </button>
          </div>
        </fieldset>
      )}
      <ActStatus act={act} />
    </>
  );
}

/**
 * Signing out everywhere else (confirmed first): every valid token but this browser's revoked, as
 * the API lists them at that moment (a token made elsewhere since the page was read goes too).
 */
function SignOutElsewhere({
  api,
  tokens,
  onWritten,
  announce,
}: {
  api: Api;
  tokens: OwnToken[];
  onWritten: (tokens: OwnToken[]) => void;
  announce: (message: string) => void;
}) {
  const { t, number } = useI18n();
  const act = useAct(announce, []);
  const [confirming, setConfirming] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const [asked, setAsked] = useState(0);
  useLayoutEffect(() => {
    if (confirming) yes.current?.focus();
    else if (asked > 0) ask.current?.focus();
  }, [confirming, asked]);
  useRefocus(act, ask);
  const others = tokens.filter((token) => token.state === 'valid' && !token.current);
  const signOut = () =>
    act.run(async () => {
      const listed = dataOf(await api.GET('/me/tokens')).items;
      const revoked: string[] = [];
      try {
        for (const token of listed) {
          if (token.state !== 'valid' || token.current) continue;
          const next = dataOf(
            await api.DELETE('/me/tokens/{tokenId}', { params: { path: { tokenId: token.id } } }),
          );
          revoked.push(token.id);
          onWritten(next.items);
        }
      } finally {
        setConfirming(false);
      }
      return t('account.others.done', { count: number(revoked.length, 0) });
    });
  return (
    <section class="users-act account-others" aria-labelledby="account-others-h">
      <h3 id="account-others-h">{t('account.others.title')}</h3>
      <p class="users-hint">{t('account.others.hint')}</p>
      {others.length === 0 && act.state.kind !== 'busy' ? (
        <p class="users-fixed">{t('account.others.none')}</p>
      ) : confirming ? (
        <fieldset class="users-confirm">
          <legend>{t('account.others.confirm', { count: number(others.length, 0) })}</legend>
          <div class="users-buttons">
            <button
              ref={yes}
              type="button"
              class="users-danger"
              disabled={act.state.kind === 'busy'}
              onClick={() => void signOut()}
            >
              {t('account.others.confirmYes')}
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
          {t('account.others.ask')}
        </button>
      )}
      <ActStatus act={act} />
    </section>
  );
}

/** A token for another device or a script (POST /me/tokens), its lifetime checked with the API's schema. */
function DeviceTokenForm({
  api,
  onIssued,
  announce,
}: {
  api: Api;
  onIssued: (issued: Issued, tokens: OwnToken[] | null) => void;
  announce: (message: string) => void;
}) {
  const { t, language, number } = useI18n();
  const act = useAct(announce, ['expiresInDays']);
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const submit = useRef<HTMLButtonElement>(null);
  useRefocus(act, submit);
  return (
    <form
      ref={act.form}
      class="users-form users-act"
      aria-labelledby="account-device-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body = tokenBody(days, language);
        if (!act.check(schemaProblems(OwnTokenRequestSchema, body))) return;
        void act.run(async () => {
          const made = dataOf(await api.POST('/me/tokens', { body }));
          // The answer holds the token only: the list, with the new one, is read again.
          const next = await api.GET('/me/tokens').then(
            (r) => dataOf(r).items,
            () => null,
          );
          onIssued(made, next);
          return t('account.device.made');
        });
      }}
    >
      <h2 id="account-device-h">{t('account.device.title')}</h2>
      <p class="users-hint">{t('account.device.hint')}</p>
      <Field
        form="own-token"
        path="expiresInDays"
        label={t('account.device.days')}
        hint={t('account.device.daysHint', { max: number(MAX_DAYS, 0) })}
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
        <button ref={submit} type="submit" disabled={act.state.kind === 'busy'}>
          {t('account.device.submit')}
        </button>
      </div>
    </form>
  );
}

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
 * parts (its forms, token table, questions and token form) and styles (users.css, scoped under
 * `.users`).
 */
import '../users/users.css';
import './account.css';
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { OwnTokenRequestSchema } from '../../../../src/domain/user.ts';
import { type Api, dataOf, type Me, type Schemas } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { AskFirst, useAskFirst } from '../users/confirm.tsx';
import { type Act, ActDone, ActStatus, useAct, useDone } from '../users/forms.tsx';
import { Fact } from '../users/show.tsx';
import { TokenForm } from '../users/token-form.tsx';
import { type Issued, TokenPanel } from '../users/token-panel.tsx';
import { RevocableTokens, useRevokeQuestion } from '../users/token-table.tsx';
import { DEFAULT_DAYS } from '../users/user-input.ts';

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
  // What the acts said; the focus goes there when an act takes its button away (a revoked token,
  // the others signed out, a hidden token).
  const done = useDone([written, issued]);
  return (
    <div class="users account">
      <Page title={t('account.title')} intro={t('account.intro')}>
        <ActDone done={done} />
        <Who me={me} />
        <Renew api={api} onTokenRenewed={onTokenRenewed} onWritten={setWritten} announce={done.say} />
        <section aria-labelledby="account-tokens-h">
          <h2 id="account-tokens-h">{t('account.tokens.title')}</h2>
          <ResourceView resource={tokens} retry={reload}>
            {(items) => (
              <>
                <Tokens api={api} tokens={items} onWritten={setWritten} announce={done.say} />
                <SignOutElsewhere api={api} tokens={items} onWritten={setWritten} announce={done.say} />
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
          announce={done.say}
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
              done.say(t('account.token.hidden'));
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
        <Fact term={t('account.who.name')}>{me.name}</Fact>
        <Fact term={t('account.who.role')}>{t(`role.${me.role}`)}</Fact>
        {(me.role === 'business' || me.companies.length > 0) && (
          <Fact term={t('account.who.companies')}>
            {me.companies.length > 0
              ? me.companies.map((c) => c.name).join(', ')
              : t('account.who.noCompanies')}
          </Fact>
        )}
        {(me.role === 'facilitator' || (me.regions !== 'all' && me.regions.length > 0)) && (
          <Fact term={t('account.who.regions')}>
            {me.regions === 'all'
              ? t('account.who.allRegions')
              : me.regions.map((r) => `${r.name} (${r.code})`).join(', ')}
          </Fact>
        )}
        <Fact term={t('account.who.expires')}>{date(me.tokenExpiresAt)}</Fact>
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

/** What the parts that act on your tokens are given: the tokens as now listed, and where to tell. */
interface TokensProps {
  api: Api;
  tokens: OwnToken[];
  onWritten: (tokens: OwnToken[]) => void;
  announce: (message: string) => void;
}

/** Your tokens, oldest first, this browser's marked; each other valid one with "Revoke" (confirmed first). */
function Tokens({ api, tokens, onWritten, announce }: TokensProps) {
  const { t, date } = useI18n();
  const act = useAct(announce, []);
  // The question stands while its token is still valid (signing out elsewhere may revoke it first).
  const question = useRevokeQuestion<OwnToken>(
    'own-revoke',
    (asked) => tokens.find((token) => token.id === asked.id && token.state === 'valid') ?? null,
  );
  useRefocus(act, question.yes);
  const revoke = (token: OwnToken) =>
    act.run(async () => {
      const next = dataOf(
        await api.DELETE('/me/tokens/{tokenId}', { params: { path: { tokenId: token.id } } }),
      );
      question.close();
      onWritten(next.items);
      return t('account.tokens.revoked', { created: date(token.createdAt) });
    });
  return (
    <RevocableTokens
      tokens={tokens}
      question={question}
      act={act}
      onRevoke={(token) => void revoke(token)}
      labels={{
        caption: t('account.tokens.caption'),
        token: t('account.tokens.token'),
        state: t('account.tokens.state'),
        created: t('account.tokens.created'),
        createdBy: t('account.tokens.createdBy'),
        expires: t('account.tokens.expires'),
        revokedAt: t('account.tokens.revokedAt'),
        act: t('account.tokens.act'),
        revoke: t('account.tokens.revoke'),
        revokeOf: (token) => t('account.tokens.revokeOf', { created: date(token.createdAt), id: token.id }),
        current: { mark: t('account.tokens.thisBrowser'), inUse: t('account.tokens.inUse') },
        confirm: (token) => t('account.tokens.confirm', { id: token.id, created: date(token.createdAt) }),
        confirmYes: t('account.tokens.confirmYes'),
      }}
    />
  );
}

/**
 * Signing out everywhere else (confirmed first): every valid token but this browser's revoked, as
 * the API lists them at that moment (a token made elsewhere since the page was read goes too).
 */
function SignOutElsewhere({ api, tokens, onWritten, announce }: TokensProps) {
  const { t, number } = useI18n();
  const act = useAct(announce, []);
  const question = useAskFirst();
  useRefocus(act, question.button);
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
        question.close();
      }
      return t('account.others.done', { count: number(revoked.length, 0) });
    });
  return (
    <section class="users-act account-others" aria-labelledby="account-others-h">
      <h3 id="account-others-h">{t('account.others.title')}</h3>
      <p class="users-hint">{t('account.others.hint')}</p>
      {others.length === 0 && act.state.kind !== 'busy' ? (
        <p class="users-fixed">{t('account.others.none')}</p>
      ) : (
        <AskFirst
          question={question}
          act={act}
          label={t('account.others.ask')}
          yesLabel={t('account.others.confirmYes')}
          onYes={() => void signOut()}
        >
          {t('account.others.confirm', { count: number(others.length, 0) })}
        </AskFirst>
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
  const { t, number } = useI18n();
  const act = useAct(announce, ['expiresInDays']);
  const submit = useRef<HTMLButtonElement>(null);
  useRefocus(act, submit);
  return (
    <TokenForm
      act={act}
      id="account-device-h"
      form="own-token"
      schema={OwnTokenRequestSchema}
      labels={{
        title: t('account.device.title'),
        hint: t('account.device.hint'),
        days: t('account.device.days'),
        daysHint: t('account.device.daysHint', { max: number(MAX_DAYS, 0) }),
        submit: t('account.device.submit'),
      }}
      submit={submit}
      send={async (body) => {
        const made = dataOf(await api.POST('/me/tokens', { body }));
        // The answer holds the token only: the list, with the new one, is read again.
        const next = await api.GET('/me/tokens').then(
          (r) => dataOf(r).items,
          () => null,
        );
        onIssued(made, next);
        return t('account.device.made');
      }}
    />
  );
}

/**
 * One account (GET /users/{id}): who it is, what it covers, who made it and when, whether it is
 * enabled; its tokens (state, made, expires, revoked) with a way to revoke each valid one; a new
 * token, shown once; disabling the account. Revoking and disabling are confirmed first. Every act
 * redraws the account from the API's answer; what the API refuses (a 409 for the last admin) is
 * shown in its words.
 */
import { useState } from 'preact/hooks';
import { TokenRequestSchema } from '../../../../src/domain/user.ts';
import type { Api, Me, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { AskFirst, useAskFirst } from './confirm.tsx';
import { ActDone, ActStatus, useAct, useDone } from './forms.tsx';
import { USERS_HREF } from './routes.ts';
import { Fact, Scope, StateBadge, When } from './show.tsx';
import { TokenForm } from './token-form.tsx';
import { type Issued, TokenPanel } from './token-panel.tsx';
import { RevocableTokens, useRevokeQuestion } from './token-table.tsx';
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
  // What the acts said; the focus goes there when an act takes its button away (a revoked token,
  // a disabled account, a hidden token).
  const done = useDone([account, issued]);
  // An act's answer: the account as now written, and what to say.
  const wrote = (next: Account, message: string) => {
    onWritten(next);
    done.say(message);
  };
  const enabled = account.state === 'enabled';
  return (
    <Page title={account.name}>
      <ActDone done={done} />
      <section aria-labelledby="account-h" class="account-summary">
        <h2 id="account-h">{t('users.account.summary')}</h2>
        <dl class="users-facts">
          <Fact term={t('users.col.role')}>{t(`role.${account.role}`)}</Fact>
          {(account.companies.length > 0 || account.role === 'business') && (
            <Fact term={t('users.account.companies')}>
              <Scope account={account} regions={regions} />
            </Fact>
          )}
          {(account.regions.length > 0 || account.role === 'facilitator') && (
            <Fact term={t('users.account.regions')}>
              <Scope account={account} regions={regions} />
            </Fact>
          )}
          <Fact term={t('users.col.created')}>
            <When at={account.createdAt} by={account.createdBy} />
          </Fact>
          <Fact term={t('users.col.state')}>
            <StateBadge state={account.state} />
          </Fact>
          {account.state === 'disabled' && (
            <Fact term={t('users.account.disabled')}>
              <When at={account.disabledAt} by={account.disabledBy} />
            </Fact>
          )}
          <Fact term={t('users.col.tokens')}>{number(account.validTokens, 0)}</Fact>
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
            done.say(t('users.token.hidden'));
          }}
        />
      )}
      <Tokens api={api} account={account} onWritten={wrote} />
      {enabled && (
        <NewTokenForm
          api={api}
          account={account}
          onIssued={(token, next) => {
            setIssued(token);
            if (next) onWritten(next);
          }}
          announce={done.say}
        />
      )}
      {enabled && <DisableForm api={api} account={account} onWritten={wrote} />}
    </Page>
  );
}

/** What a part that acts on the account is given: the account, and where its answer goes. */
interface ActProps {
  api: Api;
  account: Account;
  /** The account as the act wrote it, and what to say. */
  onWritten: (account: Account, message: string) => void;
}

/** The account's tokens, oldest first, each valid one with "Revoke" (confirmed first). */
function Tokens({ api, account, onWritten }: ActProps) {
  const { t, date } = useI18n();
  const act = useAct(() => {}, []);
  const question = useRevokeQuestion<Token>('revoke');
  const revoke = (token: Token) =>
    act.run(async () => {
      const next = dataOf(
        await api.DELETE('/users/{id}/tokens/{tokenId}', {
          params: { path: { id: account.id, tokenId: token.id } },
        }),
      );
      question.close();
      const message = t('users.tokens.revoked', { created: date(token.createdAt) });
      onWritten(next, message);
      return message;
    });
  return (
    <section aria-labelledby="tokens-h">
      <h2 id="tokens-h">{t('users.tokens.title')}</h2>
      <RevocableTokens
        tokens={account.tokens}
        empty={t('users.tokens.none')}
        question={question}
        act={act}
        onRevoke={(token) => void revoke(token)}
        labels={{
          caption: t('users.tokens.caption', { name: account.name }),
          token: t('users.tokens.id'),
          state: t('users.tokens.state'),
          created: t('users.tokens.created'),
          expires: t('users.tokens.expires'),
          revokedAt: t('users.tokens.revokedAt'),
          act: t('users.tokens.act'),
          revoke: t('users.tokens.revoke'),
          revokeOf: (token) => t('users.tokens.revokeOf', { id: token.id }),
          confirm: (token) => t('users.tokens.confirm', { id: token.id, created: date(token.createdAt) }),
          confirmYes: t('users.tokens.confirmYes'),
        }}
      />
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
  const { t, number } = useI18n();
  const act = useAct(announce, ['expiresInDays']);
  return (
    <TokenForm
      act={act}
      id="new-token-h"
      form="token"
      schema={TokenRequestSchema}
      labels={{
        title: t('users.token.new'),
        hint: t('users.token.newHint'),
        days: t('users.field.days'),
        daysHint: t('users.field.daysHint', { max: number(3650, 0) }),
        submit: t('users.token.submit'),
      }}
      send={async (body) => {
        const issued = dataOf(
          await api.POST('/users/{id}/tokens', { params: { path: { id: account.id } }, body }),
        );
        // The answer holds the token only: the account, with its new token, is read again.
        const next = await api
          .GET('/users/{id}', { params: { path: { id: account.id } } })
          .then(dataOf, () => null);
        onIssued(issued, next);
        return t('users.token.made');
      }}
    />
  );
}

/** Disabling the account (POST /users/{id}/disable), confirmed first: every token goes, for good. */
function DisableForm({ api, account, onWritten }: ActProps) {
  const { t } = useI18n();
  const act = useAct(() => {}, []);
  const question = useAskFirst();
  return (
    <section class="users-act users-disable" aria-labelledby="disable-h">
      <h2 id="disable-h">{t('users.disable.title')}</h2>
      <p class="users-hint">{t('users.disable.hint')}</p>
      <AskFirst
        question={question}
        act={act}
        label={t('users.disable.ask')}
        yesLabel={t('users.disable.confirmYes', { name: account.name })}
        onYes={() =>
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
        {t('users.disable.confirm', { name: account.name })}
      </AskFirst>
      <ActStatus act={act} />
    </section>
  );
}

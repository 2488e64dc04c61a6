/**
 * A table of tokens, oldest first, as an account's view (the users workspace) and My account show
 * them: each token's id, state, when it was made and by whom, when it expires, when it was last used
 * (to the hour, kept by the service), when it was revoked and by whom, and "Revoke" on each valid one, which asks first (confirm.tsx); under the table the
 * question and the revoking act's status. My account also marks the token this browser signs in
 * with, which is not revoked there. The texts are the caller's (each view has its own words), and
 * so are the act and the question, whose state and focus the caller keeps. On a phone each row is
 * a card, its cells labelled with their column's heading (`data-label`).
 */
import type { Schemas } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConfirmBox, type Question, useQuestion } from './confirm.tsx';
import { type Act, ActStatus } from './forms.tsx';
import { useWho, When } from './show.tsx';

/** A token as the API lists it: an account's, or one's own (which knows whether it is this browser's). */
export type TokenRow = Schemas['Account']['tokens'][number] & { current?: boolean };

/**
 * The view's own words: the table's caption; its columns' headings (each also its cells' label on
 * a phone); the revoke button's; the question's.
 */
export interface TokenLabels<T extends TokenRow> {
  caption: string;
  token: string;
  state: string;
  created: string;
  /**
   * Who made the token, in a column of its own: "Made" and "Expires" are then dates alone, kept on
   * one line. Without it, "Made" says when and by whom.
   */
  createdBy?: string;
  expires: string;
  revokedAt: string;
  act: string;
  revoke: string;
  /** The revoke button's accessible name: which token it revokes. */
  revokeOf: (token: T) => string;
  /** The token this browser signs in with: its mark, and what its action cell says instead. */
  current?: { mark: string; inUse: string };
  /** The question asked before revoking `token`, and its "Yes". */
  confirm: (token: T) => string;
  confirmYes: string;
}

/** Revoking a token, asked first: cancelled, the focus goes back to the token's own button. */
export interface RevokeQuestion<T extends TokenRow> extends Question<T> {
  /** The revoke buttons' ids are `${idPrefix}-${token.id}`. */
  idPrefix: string;
}

export function useRevokeQuestion<T extends TokenRow>(
  idPrefix: string,
  stands?: (asked: T) => T | null,
): RevokeQuestion<T> {
  const question = useQuestion<T>((token) => document.getElementById(`${idPrefix}-${token.id}`), stands);
  return { ...question, idPrefix };
}

/** The tokens (or `empty`, when there are none), the question once asked, and the act's status. */
export function RevocableTokens<T extends TokenRow>({
  tokens,
  empty,
  labels,
  question,
  act,
  onRevoke,
}: {
  tokens: T[];
  /** What stands instead of an empty table; without it, the table is shown all the same. */
  empty?: string;
  labels: TokenLabels<T>;
  question: RevokeQuestion<T>;
  /** The revoking act: the buttons wait while it is busy. */
  act: Act;
  /** Revokes the token, the question answered "Yes". */
  onRevoke: (token: T) => void;
}) {
  const confirming = question.open;
  return (
    <>
      {tokens.length === 0 && empty !== undefined ? (
        <p>{empty}</p>
      ) : (
        <TokenTable tokens={tokens} labels={labels} question={question} act={act} />
      )}
      {confirming && (
        <ConfirmBox
          question={question}
          act={act}
          yesLabel={labels.confirmYes}
          onYes={() => onRevoke(confirming)}
        >
          {labels.confirm(confirming)}
        </ConfirmBox>
      )}
      <ActStatus act={act} />
    </>
  );
}

function TokenTable<T extends TokenRow>({
  tokens,
  labels,
  question,
  act,
}: {
  tokens: T[];
  labels: TokenLabels<T>;
  question: RevokeQuestion<T>;
  act: Act;
}) {
  const { t, date } = useI18n();
  const who = useWho();
  const current = labels.current;
  return (
    <div class="table-scroll">
      <table class="users-table tokens">
        <caption>{labels.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.token}</th>
            <th scope="col">{labels.state}</th>
            <th scope="col">{labels.created}</th>
            {labels.createdBy !== undefined && <th scope="col">{labels.createdBy}</th>}
            <th scope="col">{labels.expires}</th>
            <th scope="col">{t('users.tokens.lastUsed')}</th>
            <th scope="col">{labels.revokedAt}</th>
            <th scope="col">{labels.act}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} class={token.current ? 'current' : undefined}>
              <th scope="row">
                <code>{token.id}</code>
                {token.current && current && (
                  <>
                    {' '}
                    <span class="users-badge this-browser">{current.mark}</span>
                  </>
                )}
              </th>
              <td data-label={labels.state}>
                <span class={`users-badge token-${token.state}`}>{t(`users.token.${token.state}`)}</span>
              </td>
              {labels.createdBy === undefined ? (
                <td data-label={labels.created}>
                  <When at={token.createdAt} by={token.createdBy} />
                </td>
              ) : (
                <>
                  <td class="date" data-label={labels.created}>
                    {date(token.createdAt)}
                  </td>
                  <td data-label={labels.createdBy}>{who(token.createdBy)}</td>
                </>
              )}
              <td class={labels.createdBy === undefined ? undefined : 'date'} data-label={labels.expires}>
                {date(token.expiresAt)}
              </td>
              <td class="date" data-label={t('users.tokens.lastUsed')}>
                {token.lastUsedAt === undefined ? t('users.tokens.neverUsed') : date(token.lastUsedAt)}
              </td>
              <td data-label={labels.revokedAt}>
                <When at={token.revokedAt} by={token.revokedBy} />
              </td>
              <td data-label={labels.act}>
                {token.current && current ? (
                  current.inUse
                ) : token.state === 'valid' ? (
                  <button
                    id={`${question.idPrefix}-${token.id}`}
                    type="button"
                    class="users-secondary"
                    aria-label={labels.revokeOf(token)}
                    aria-expanded={question.open?.id === token.id}
                    disabled={act.state.kind === 'busy'}
                    onClick={() => question.ask(token)}
                  >
                    {labels.revoke}
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
  );
}

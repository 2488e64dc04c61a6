/**
 * A token as it is made: shown once, in a read-only field with a way to copy it (the clipboard,
 * or else the text selected for the keyboard's copy), with its expiry and a warning that it will
 * not be shown again. The token is in the props of this panel only: whoever shows the panel
 * holds it in component state, and leaving it forgets it.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.tsx';

export interface Issued {
  token: string;
  tokenId: string;
  expiresAt: string;
}

type Copied = 'none' | 'copied' | 'selected';

export function TokenPanel({
  issued,
  name,
  warning,
  label,
  heading,
  focus = false,
  doneLabel,
  onDone,
}: {
  issued: Issued;
  /** The user the token signs in. */
  name: string;
  /** What to do with the token, when not "hand it to {name}" (one's own token, for instance). */
  warning?: string;
  /** The field's label, when not "Token for {name}". */
  label?: string;
  /** The panel's own heading (h2); none when the page's heading says it. */
  heading?: string;
  /** Whether the panel's heading takes the focus as it appears. */
  focus?: boolean;
  doneLabel: string;
  onDone: () => void;
}) {
  const { t, date } = useI18n();
  const [copied, setCopied] = useState<Copied>('none');
  const input = useRef<HTMLInputElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (focus) title.current?.focus();
  }, [focus, issued.tokenId]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopied('copied');
    } catch {
      // No clipboard (an insecure page, a refused permission): the text is selected to copy by hand.
      input.current?.focus();
      input.current?.select();
      setCopied('selected');
    }
  };
  const id = `token-${issued.tokenId}`;
  return (
    <section class="token-panel" aria-labelledby={heading ? `${id}-h` : undefined}>
      {heading && (
        <h2 id={`${id}-h`} ref={title} tabIndex={-1}>
          {heading}
        </h2>
      )}
      <p class="token-warning">
        <strong>{warning ?? t('users.token.warning', { name })}</strong>
      </p>
      <div class="users-field">
        <label for={id}>{label ?? t('users.token.label', { name })}</label>
        <div class="users-inline">
          <input
            ref={input}
            id={id}
            class="token-text"
            type="text"
            readOnly
            value={issued.token}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            aria-describedby={`${id}-expiry`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" onClick={() => void copy()}>
            {t('users.token.copy')}
          </button>
        </div>
        <p id={`${id}-expiry`} class="users-hint">
          {t('users.token.expires', { date: date(issued.expiresAt) })}
        </p>
      </div>
      <p class="users-copied" role="status">
        {copied === 'copied'
          ? t('users.token.copied')
          : copied === 'selected'
            ? t('users.token.selected')
            : ''}
      </p>
      <button type="button" class="users-secondary" onClick={onDone}>
        {doneLabel}
      </button>
    </section>
  );
}

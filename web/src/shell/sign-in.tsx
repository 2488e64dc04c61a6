/**
 * Sign-in with a bearer token. The error is announced as soon as it shows and names the field
 * it is about; the status line says what is happening (checking, signed out, session ended).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { checkToken } from '../session/check-token.ts';
import { type DemoIdentity, demoIdentities } from '../session/demo-identities.ts';

interface Props {
  /** Why the user is here, when it is not the first visit (signed out, session ended). */
  notice?: MessageKey;
  onSignedIn(token: string, me: Me): void;
}

export function SignIn({ notice, onSignedIn }: Props) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [demo, setDemo] = useState<DemoIdentity[]>([]);
  useLayoutEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    let live = true;
    void demoIdentities().then((found) => live && setDemo(found));
    return () => {
      live = false;
    };
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    const value = token.trim();
    if (value === '') {
      setError('signIn.empty');
      field.current?.focus();
      return;
    }
    await signInWith(value);
  }

  async function signInWith(value: string) {
    setBusy(true);
    setError(null);
    const check = await checkToken(value);
    setBusy(false);
    if (check.kind === 'accepted') {
      onSignedIn(value, check.me);
      return;
    }
    setError(check.kind === 'rejected' ? 'signIn.rejected' : 'signIn.unreachable');
    field.current?.focus();
  }

  return (
    <div class="sign-in">
      <h1 ref={heading} tabIndex={-1}>
        {t('signIn.title')}
      </h1>
      {demo.length > 0 && (
        <section class="demo-sign-in" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('signIn.demo.title')}</h2>
          <p>{t('signIn.demo.intro')}</p>
          <ul>
            {demo.map((d) => (
              <li key={d.role}>
                <button type="button" disabled={busy} onClick={() => void signInWith(d.token)}>
                  {t(`signIn.demo.${d.role}`)}
                </button>
              </li>
            ))}
          </ul>
          <h2>{t('signIn.demo.or')}</h2>
        </section>
      )}
      <p class="intro">{t('signIn.intro')}</p>
      <form onSubmit={submit} noValidate>
        <label for="token">{t('signIn.token')}</label>
        <input
          ref={field}
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          aria-invalid={error !== null}
          aria-describedby="token-error token-hint"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        <p id="token-error" class="field-error" role="alert">
          {error && t(error)}
        </p>
        <p id="token-hint" class="hint">
          {t('signIn.demoHint')}
        </p>
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <p class="status" role="status">
          {busy ? t('signIn.checking') : notice ? t(notice) : ''}
        </p>
      </form>
    </div>
  );
}

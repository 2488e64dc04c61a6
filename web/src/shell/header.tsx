/**
 * The header of every screen: the app's name, the workspaces the user may open, the language
 * switch, who is signed in (the name leads to My account) and the way out; when the token in use
 * expires within two weeks, a notice under them that leads to My account to renew it.
 */
import type { Me } from '../api/client.ts';
import { isLanguage, LANGUAGES } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { expiresSoon } from '../session/expiry.ts';
import { hrefOf, tabsOf, type WorkspaceName } from './workspaces.ts';

interface Props {
  /** Absent before signing in. */
  me?: Me;
  current?: WorkspaceName | null;
  onSignOut?: () => void;
}

/** The fragment names routes, so skipping to the content moves the focus instead of changing it. */
function skipToContent() {
  document.getElementById('main')?.focus();
}

export function Header({ me, current, onSignOut }: Props) {
  const { t, language, setLanguage } = useI18n();
  return (
    <header class="top">
      <button type="button" class="skip-link" onClick={skipToContent}>
        {t('app.skipToContent')}
      </button>
      <div class="brand">
        <span class="app-name">{t('app.name')}</span>
        <span class="tagline">{t('app.tagline')}</span>
      </div>
      {me && (
        <nav aria-label={t('nav.label')}>
          <ul>
            {tabsOf(me.role).map((w) => (
              <li key={w}>
                <a href={hrefOf(w)} aria-current={w === current ? 'page' : undefined}>
                  {t(`workspace.${w}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="tools">
        <div class="language">
          <label for="language">{t('language.label')}</label>
          <select
            id="language"
            value={language}
            onChange={(e) => {
              const next = e.currentTarget.value;
              if (isLanguage(next)) setLanguage(next);
            }}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {me && (
          <>
            <p class="user">
              <span class="visually-hidden">{t('header.user')} </span>
              <a
                class="user-link"
                href={hrefOf('account')}
                aria-current={current === 'account' ? 'page' : undefined}
              >
                <span class="user-name">{me.name}</span>
                <span class="visually-hidden"> – {t('account.title')}</span>
              </a>{' '}
              <span class="user-role">{t(`role.${me.role}`)}</span>
            </p>
            <button type="button" class="sign-out" onClick={onSignOut}>
              {t('signOut')}
            </button>
          </>
        )}
      </div>
      {me && <ExpiryNotice expiresAt={me.tokenExpiresAt} />}
    </header>
  );
}

/** "Your sign-in expires on …. Renew it": shown only within two weeks of the end. */
function ExpiryNotice({ expiresAt }: { expiresAt: string }) {
  const { t, date } = useI18n();
  if (!expiresSoon(expiresAt)) return null;
  return (
    <p class="expiry-notice" role="status">
      {t('account.expiry.notice', { date: date(expiresAt) })}{' '}
      <a href={hrefOf('account')}>{t('account.expiry.renew')}</a>
    </p>
  );
}

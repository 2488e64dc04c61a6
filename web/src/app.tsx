/**
 * The app: sign-in, then the workspace the URL's fragment names (when the role may open it; else
 * the role's first). The token is remembered in localStorage until sign-out, or until the
 * service stops accepting it. My account may renew it: the app then goes on with the new token
 * (remembered in its place, `me` read again), and a 401 to the one it replaced ends nothing.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Api, createApi, dataOf, type Me } from './api/client.ts';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/messages.ts';
import { checkToken } from './session/check-token.ts';
import { readStored, writeStored } from './session/storage.ts';
import { Header } from './shell/header.tsx';
import { SignIn } from './shell/sign-in.tsx';
import { hrefOf, useHash, WORKSPACES_OF, type WorkspaceName, workspaceIn } from './shell/workspaces.ts';
import { AccountWorkspace } from './workspaces/account/account-workspace.tsx';
import { AnalystWorkspace } from './workspaces/analyst/analyst-workspace.tsx';
import { BusinessWorkspace } from './workspaces/business/business-workspace.tsx';
import { FacilitatorWorkspace } from './workspaces/facilitator/facilitator-workspace.tsx';
import { UsersWorkspace } from './workspaces/users/users-workspace.tsx';

const TOKEN_KEY = 'symbiosis.token';

type Phase =
  | { name: 'checking' }
  | { name: 'signed-out'; notice?: MessageKey }
  | { name: 'signed-in'; token: string; me: Me };

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const [phase, setPhase] = useState<Phase>(() =>
    readStored(TOKEN_KEY) ? { name: 'checking' } : { name: 'signed-out' },
  );

  // The token requests are signed with now; null when signed out.
  const current = useRef<string | null>(null);

  const signOut = useCallback((notice: MessageKey = 'signIn.signedOut') => {
    current.current = null;
    writeStored(TOKEN_KEY, null);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setPhase({ name: 'signed-out', notice });
  }, []);

  const signIn = useCallback((token: string, me: Me) => {
    current.current = token;
    writeStored(TOKEN_KEY, token);
    if (workspaceIn(window.location.hash, me.role) === null)
      window.location.hash = hrefOf(WORKSPACES_OF[me.role][0]!);
    setPhase({ name: 'signed-in', token, me });
  }, []);

  // A 401 ends the session when it answers the token in use, not one just replaced by a renewal.
  const unauthorized = useCallback(
    (token: string) => {
      if (current.current === token) signOut('signIn.sessionEnded');
    },
    [signOut],
  );

  /**
   * The sign-in renewed: the new token, once GET /me accepts it, replaces the one in use (in
   * localStorage too) and the signed-in phase starts again with it. Answers the client of the
   * new token; throws (an ApiError) when the token is not accepted, and changes nothing then.
   */
  const renewed = useCallback(
    async (old: string, token: string): Promise<Api> => {
      const api = createApi(token, () => unauthorized(token));
      const me = dataOf(await api.GET('/me'));
      // Signed out (or in as someone else) meanwhile: that stands.
      if (current.current !== old) throw new Error('the session changed while the sign-in was renewed');
      current.current = token;
      writeStored(TOKEN_KEY, token);
      setPhase({ name: 'signed-in', token, me });
      return api;
    },
    [unauthorized],
  );

  // A remembered token is checked once at start: still accepted, or the user signs in again.
  useEffect(() => {
    const token = readStored(TOKEN_KEY);
    if (phase.name !== 'checking' || token === null) return;
    void checkToken(token).then((check) => {
      if (check.kind === 'accepted') signIn(token, check.me);
      else if (check.kind === 'rejected') signOut('signIn.sessionEnded');
      else setPhase({ name: 'signed-out', notice: 'signIn.unreachable' });
    });
  }, [phase.name, signIn, signOut]);

  if (phase.name === 'checking') {
    return (
      <>
        <Header />
        <main id="main" tabIndex={-1}>
          <Checking />
        </main>
      </>
    );
  }
  if (phase.name === 'signed-out') {
    return (
      <>
        <Header />
        <main id="main" tabIndex={-1}>
          <SignIn notice={phase.notice} onSignedIn={signIn} />
        </main>
      </>
    );
  }
  return (
    <SignedIn
      token={phase.token}
      me={phase.me}
      onSignOut={signOut}
      onUnauthorized={unauthorized}
      onRenewed={renewed}
    />
  );
}

/** For the moment GET /me takes with a remembered token. */
function Checking() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

function SignedIn({
  token,
  me,
  onSignOut,
  onUnauthorized,
  onRenewed,
}: {
  token: string;
  me: Me;
  onSignOut: (notice?: MessageKey) => void;
  onUnauthorized: (token: string) => void;
  onRenewed: (old: string, token: string) => Promise<Api>;
}) {
  const api = useMemo(() => createApi(token, () => onUnauthorized(token)), [token, onUnauthorized]);
  const onTokenRenewed = useCallback((next: string) => onRenewed(token, next), [token, onRenewed]);
  const hash = useHash();
  const workspace = workspaceIn(hash, me.role) ?? WORKSPACES_OF[me.role][0]!;
  return (
    <>
      <Header me={me} current={workspace} onSignOut={() => onSignOut()} />
      <main id="main" tabIndex={-1}>
        {/* Keyed by the workspace only: a renewed token keeps the view, and what it was saying. */}
        <Workspace key={workspace} name={workspace} api={api} me={me} onTokenRenewed={onTokenRenewed} />
      </main>
    </>
  );
}

function Workspace({
  name,
  api,
  me,
  onTokenRenewed,
}: {
  name: WorkspaceName;
  api: Api;
  me: Me;
  onTokenRenewed: (token: string) => Promise<Api>;
}) {
  switch (name) {
    case 'business':
      return <BusinessWorkspace api={api} me={me} />;
    case 'facilitator':
      return <FacilitatorWorkspace api={api} me={me} />;
    case 'analyst':
      return <AnalystWorkspace api={api} />;
    case 'users':
      return <UsersWorkspace api={api} me={me} />;
    case 'account':
      return <AccountWorkspace api={api} me={me} onTokenRenewed={onTokenRenewed} />;
  }
}

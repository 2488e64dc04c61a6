/**
 * The app: sign-in, then the workspace the URL's fragment names (when the role may open it; else
 * the role's first). The token is remembered in localStorage until sign-out, or until the
 * service stops accepting it.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { type Api, createApi, type Me } from './api/client.ts';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/messages.ts';
import { checkToken } from './session/check-token.ts';
import { readStored, writeStored } from './session/storage.ts';
import { Header } from './shell/header.tsx';
import { SignIn } from './shell/sign-in.tsx';
import { hrefOf, useHash, WORKSPACES_OF, type WorkspaceName, workspaceIn } from './shell/workspaces.ts';
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

  const signOut = useCallback((notice: MessageKey = 'signIn.signedOut') => {
    writeStored(TOKEN_KEY, null);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setPhase({ name: 'signed-out', notice });
  }, []);

  const signIn = useCallback((token: string, me: Me) => {
    writeStored(TOKEN_KEY, token);
    if (workspaceIn(window.location.hash, me.role) === null)
      window.location.hash = hrefOf(WORKSPACES_OF[me.role][0]!);
    setPhase({ name: 'signed-in', token, me });
  }, []);

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
  return <SignedIn token={phase.token} me={phase.me} onSignOut={signOut} />;
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
}: {
  token: string;
  me: Me;
  onSignOut: (notice?: MessageKey) => void;
}) {
  const api = useMemo(() => createApi(token, () => onSignOut('signIn.sessionEnded')), [token, onSignOut]);
  const hash = useHash();
  const workspace = workspaceIn(hash, me.role) ?? WORKSPACES_OF[me.role][0]!;
  return (
    <>
      <Header me={me} current={workspace} onSignOut={() => onSignOut()} />
      <main id="main" tabIndex={-1}>
        <Workspace key={workspace} name={workspace} api={api} me={me} />
      </main>
    </>
  );
}

function Workspace({ name, api, me }: { name: WorkspaceName; api: Api; me: Me }) {
  switch (name) {
    case 'business':
      return <BusinessWorkspace api={api} me={me} />;
    case 'facilitator':
      return <FacilitatorWorkspace api={api} me={me} />;
    case 'analyst':
      return <AnalystWorkspace api={api} />;
    case 'users':
      return <UsersWorkspace api={api} me={me} />;
  }
}

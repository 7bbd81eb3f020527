import { useRef, useState } from 'react';
import type { Session } from '../src-shared/ipc';
import { useTimelines } from './conversations/use-timelines';
import { useAppState } from './hooks/use-app-state';
import { useUnread } from './hooks/use-unread';
import { t } from './i18n/intl';
import { AuthScreen } from './screens/auth-screen';
import { ChatScreen } from './screens/chat-screen';
import { ConnectScreen } from './screens/connect-screen';
import { HostScreen } from './screens/host-screen';
import { useTheme } from './settings/use-theme';
import { CertificateChange } from './ui/certificate-change';

/** Picks the screen from the main process's state: no link → connect/host, link → log in, session → chat. */
export function App() {
  const { state, refresh } = useAppState();
  const timelines = useTimelines();
  const unread = useUnread();
  const [showHost, setShowHost] = useState(false);
  const lastSession = useRef<Session | null>(null);
  useTheme(state?.settings.preferences.theme ?? 'system');

  if (!state) {
    return (
      <main className="splash" aria-busy="true">
        <p className="visually-hidden">{t('app.loading')}</p>
      </main>
    );
  }
  if (state.session) lastSession.current = state.session;
  // A changed certificate ends the session, but the person stays on the chat behind the warning: leaving
  // it is their decision (Disconnect), not a side effect.
  const { certificateChange: change, server } = state.connection;
  const blocker = change && server ? <CertificateChange server={server} change={change} /> : null;
  const blocking = blocker !== null && !state.session;
  const session = state.session ?? (blocking ? lastSession.current : null);
  if (session) {
    return (
      <>
        <ChatScreen
          key={session.username}
          state={state}
          session={session}
          timelines={timelines}
          unread={unread}
          blocked={blocking}
        />
        {blocking && (
          <div
            className="blocking-overlay"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="certificate-change-title"
          >
            {blocker}
          </div>
        )}
      </>
    );
  }
  if (showHost) return <HostScreen state={state} onDone={() => setShowHost(false)} />;
  const linked = state.connection.state === 'connected' || state.connection.state === 'reconnecting';
  if (linked) return <AuthScreen state={state} onShowHost={() => setShowHost(true)} onRefresh={refresh} />;
  return <ConnectScreen state={state} onRefresh={refresh} onHost={() => setShowHost(true)} />;
}

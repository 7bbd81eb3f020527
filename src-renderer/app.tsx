import { useState } from 'react';
import { useTimelines } from './conversations/use-timelines';
import { useAppState } from './hooks/use-app-state';
import { useUnread } from './hooks/use-unread';
import { AuthScreen } from './screens/auth-screen';
import { ChatScreen } from './screens/chat-screen';
import { ConnectScreen } from './screens/connect-screen';
import { HostScreen } from './screens/host-screen';

/** Picks the screen from the main process's state: no link → connect/host, link → log in, session → chat. */
export function App() {
  const { state, refresh } = useAppState();
  const timelines = useTimelines();
  const unread = useUnread();
  const [showHost, setShowHost] = useState(false);

  if (!state) {
    return (
      <main className="splash" aria-busy="true">
        <p className="visually-hidden">Loading Hearth…</p>
      </main>
    );
  }
  if (state.session) {
    return (
      <ChatScreen
        key={state.session.username}
        state={state}
        session={state.session}
        timelines={timelines}
        unread={unread}
      />
    );
  }
  if (showHost) return <HostScreen state={state} onDone={() => setShowHost(false)} />;
  const linked = state.connection.state === 'connected' || state.connection.state === 'reconnecting';
  if (linked) return <AuthScreen state={state} onShowHost={() => setShowHost(true)} />;
  return <ConnectScreen state={state} onRefresh={refresh} onHost={() => setShowHost(true)} />;
}

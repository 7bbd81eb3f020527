import { useEffect, useState } from 'react';
import { type AppState, describeServer, type ServerAddress } from '../../src-shared/ipc';
import { DEFAULT_PORT } from '../../src-shared/limits';
import { t } from '../i18n/intl';
import { CertificateChange } from '../ui/certificate-change';
import { FormError } from '../ui/field';
import { Icon } from '../ui/icons';
import { Logo } from '../ui/logo';
import { InviteForm } from './invite-form';
import { JoinForm } from './join-form';
import { LanRooms } from './lan-rooms';
import { RecentRooms } from './recent-rooms';

interface Props {
  state: AppState;
  onRefresh: () => void;
  onHost: () => void;
}

export function ConnectScreen({ state, onRefresh, onHost }: Props) {
  const { connection } = state;
  // The fields show the room the last link went to, else the last one used (settings arrive with the
  // refresh below, after the first render), until the person picks one from the list.
  const [picked, setPicked] = useState<ServerAddress | null>(null);
  const preset = picked ??
    connection.server ??
    state.settings.recentServers[0] ?? { host: 'localhost', port: DEFAULT_PORT };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Why the last link ended is news until the person tries again; then only the new outcome is shown.
  const [linkErrorSeen, setLinkErrorSeen] = useState(false);

  useEffect(() => onRefresh(), [onRefresh]);

  async function connect(server: ServerAddress) {
    setBusy(true);
    setError(null);
    setLinkErrorSeen(true);
    const result = await window.hearth.connect(server);
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  const recent = state.settings.recentServers;
  const change = connection.certificateChange;
  // A changed certificate gets its own card with both fingerprints instead of the long warning sentence.
  const news = error !== null || !linkErrorSeen;
  const outcome =
    change && connection.server && !busy && news ? (
      <CertificateChange server={connection.server} change={change} />
    ) : (error ?? (news ? connection.error : null)) ? (
      <FormError>{error ?? connection.error}</FormError>
    ) : null;
  return (
    <main className="welcome">
      <div className="welcome-card">
        <WelcomeHeader />

        <JoinForm
          key={describeServer(preset)}
          initial={preset}
          busy={busy}
          outcome={outcome}
          onAttempt={() => {
            setError(null);
            setLinkErrorSeen(true);
          }}
          onConnect={(server) => void connect(server)}
        />

        <InviteForm busy={busy} />
        <LanRooms busy={busy} onJoined={() => setError(null)} />

        <RecentRooms
          recent={recent}
          busy={busy}
          onPick={(server) => {
            setPicked(server);
            void connect(server);
          }}
        />

        <div className="divider" role="presentation">
          <span>{t('screens.connect.or')}</span>
        </div>

        <HostEntry onHost={onHost} />
      </div>
    </main>
  );
}

function WelcomeHeader() {
  return (
    <header className="welcome-header">
      <Logo size={56} />
      <h1>Hearth</h1>
      <p className="tagline">{t('screens.connect.tagline')}</p>
    </header>
  );
}

function HostEntry({ onHost }: { onHost: () => void }) {
  return (
    <button type="button" className="host-entry" onClick={onHost}>
      <Icon name="home" size={22} />
      <span>
        <strong>{t('screens.host.title')}</strong>
        <span className="muted">{t('screens.connect.hostHint')}</span>
      </span>
    </button>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import type { AppState, ServerAddress } from '../../src-shared/ipc';
import { DEFAULT_PORT } from '../../src-shared/limits';
import { Field, FormError } from '../ui/field';
import { Icon } from '../ui/icons';
import { Logo } from '../ui/logo';
import { InviteForm } from './invite-form';
import { LanRooms } from './lan-rooms';
import { parsePort } from './port';
import { RecentRooms } from './recent-rooms';

interface Props {
  state: AppState;
  onRefresh: () => void;
  onHost: () => void;
}

export function ConnectScreen({ state, onRefresh, onHost }: Props) {
  const last = state.settings.recentServers[0];
  const [host, setHost] = useState(last?.host ?? 'localhost');
  const [port, setPort] = useState(String(last?.port ?? DEFAULT_PORT));
  const [hostError, setHostError] = useState<string | null>(null);
  const [portError, setPortError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The room answered with a different certificate than the one pinned on the first visit. */
  const [changed, setChanged] = useState<ServerAddress | null>(null);
  // Why the last link ended is news until the person tries again; then only the new outcome is shown.
  const [linkErrorSeen, setLinkErrorSeen] = useState(false);

  useEffect(() => onRefresh(), [onRefresh]);

  async function connect(server: ServerAddress) {
    setBusy(true);
    setError(null);
    setChanged(null);
    const result = await window.hearth.connect(server);
    setBusy(false);
    if (result.ok) return;
    setError(result.error);
    if (result.code === 'certificate_changed') setChanged(server);
  }

  async function trustNewCertificate(server: ServerAddress) {
    const forgotten = await window.hearth.forgetCertificate(server);
    if (forgotten.ok) await connect(server);
    else setError(forgotten.error);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setChanged(null);
    setLinkErrorSeen(true);
    const name = host.trim();
    const parsed = parsePort(port);
    setHostError(name ? null : 'Enter the address of the computer hosting the room.');
    setPortError('error' in parsed ? parsed.error : null);
    if (!name || 'error' in parsed) return;
    void connect({ host: name, port: parsed.port });
  }

  const recent = state.settings.recentServers;
  const formError = error ?? (linkErrorSeen ? null : state.connection.error);
  return (
    <main className="welcome">
      <div className="welcome-card">
        <header className="welcome-header">
          <Logo size={56} />
          <h1>Hearth</h1>
          <p className="tagline">A warm, private place to talk with your people.</p>
        </header>

        <form className="stack" onSubmit={submit} noValidate aria-labelledby="join-title">
          <h2 id="join-title">Join a room</h2>
          <div className="row">
            <Field
              className="grow"
              label="Server address"
              value={host}
              onChange={(e) => {
                setHost(e.target.value);
                setHostError(null);
              }}
              error={hostError}
              autoComplete="off"
              spellCheck={false}
              placeholder="localhost or 203.0.113.7"
            />
            <Field
              className="port"
              label="Port"
              value={port}
              onChange={(e) => {
                setPort(e.target.value);
                setPortError(null);
              }}
              error={portError}
              inputMode="numeric"
              autoComplete="off"
            />
          </div>
          {formError && <FormError>{formError}</FormError>}
          {changed && (
            <button type="button" className="button secondary" onClick={() => trustNewCertificate(changed)}>
              I checked with the host: trust the new certificate
            </button>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </form>

        <InviteForm busy={busy} />
        <LanRooms busy={busy} onJoined={() => setError(null)} />

        <RecentRooms
          recent={recent}
          busy={busy}
          onPick={(server) => {
            setHost(server.host);
            setPort(String(server.port));
            void connect(server);
          }}
        />

        <div className="divider" role="presentation">
          <span>or</span>
        </div>

        <button type="button" className="host-entry" onClick={onHost}>
          <Icon name="home" size={22} />
          <span>
            <strong>Host a room</strong>
            <span className="muted">Open a room on this computer for friends to join.</span>
          </span>
        </button>
      </div>
    </main>
  );
}

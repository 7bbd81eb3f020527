import { type FormEvent, useState } from 'react';
import type { AppState, Result } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { tx } from '../i18n/rich';
import { Field, FormError } from '../ui/field';
import { Fingerprint } from '../ui/fingerprint';
import { HostAddresses } from '../ui/host-addresses';
import { Icon } from '../ui/icons';
import { InternetAccess } from './internet-access';
import { InviteLinks } from './invite-link';
import { parsePort } from './port';
import { PortForwardingSteps } from './port-forwarding-steps';

interface Props {
  state: AppState;
  /** Leave this screen: to the log-in screen when connected (starting a room joins it), else to Connect. */
  onDone: () => void;
}

/** The address the host uses for its own room; the service joins it there when the room starts. */
const OWN_HOST = '127.0.0.1';
/** Suggested port for classic terminal clients: the one after Hearth's default. */
const CLASSIC_PORT = 5556;

/** Start or stop the room this computer hosts, see what to tell friends, and walk in. */
export function HostScreen({ state, onDone }: Props) {
  const { host, settings } = state;
  const form = useRoomSettings(state);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(event: FormEvent) {
    event.preventDefault();
    const request = form.parse();
    if (!request) return;
    setBusy(true);
    setError(null);
    const result = await window.hearth.startHost(request);
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  async function run(action: () => Promise<Result>): Promise<boolean> {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (!result.ok) setError(result.error);
    return result.ok;
  }

  async function enter() {
    const port = host.port ?? settings.hostPort;
    const joined = state.connection.server?.host === OWN_HOST && state.connection.server.port === port;
    if (joined || (await run(() => window.hearth.connect({ host: OWN_HOST, port })))) onDone();
  }

  const linked = state.connection.state === 'connected' || state.connection.state === 'reconnecting';
  const shownError = error ?? host.error;
  return (
    <main className="welcome">
      <div className="welcome-card">
        <button type="button" className="link-button back" onClick={onDone}>
          <Icon name="arrowLeft" size={16} />
          {linked ? t('screens.host.backToLogin') : t('screens.host.backToJoin')}
        </button>
        <HostHeader />

        {host.running ? (
          <HostingStatus
            state={state}
            busy={busy}
            shownError={shownError}
            onEnter={enter}
            onStop={() => run(() => window.hearth.stopHost())}
          />
        ) : (
          <RoomSettingsForm form={form} busy={busy} shownError={shownError} onSubmit={start} />
        )}
      </div>
    </main>
  );
}

/** What the form holds; kept by the screen so stopping the room shows the settings it ran with. */
function useRoomSettings({ host, settings }: AppState) {
  const [port, setPort] = useState(String(host.port ?? settings.hostPort));
  const [allowGuests, setAllowGuests] = useState(host.running ? host.allowGuests : settings.hostAllowGuests);
  const [classic, setClassic] = useState(settings.hostClassicPort !== null);
  const [classicPort, setClassicPort] = useState(String(settings.hostClassicPort ?? CLASSIC_PORT));
  const [classicError, setClassicError] = useState<string | null>(null);
  const [portError, setPortError] = useState<string | null>(null);

  /** The room to start, or null (with the reasons shown on the fields) when a port is not valid. */
  function parse() {
    const parsed = parsePort(port);
    const parsedClassic = classic ? parsePort(classicPort) : null;
    setPortError('error' in parsed ? parsed.error : null);
    setClassicError(parsedClassic && 'error' in parsedClassic ? parsedClassic.error : null);
    if ('error' in parsed || (parsedClassic && 'error' in parsedClassic)) return null;
    return { port: parsed.port, allowGuests, classicPort: parsedClassic ? parsedClassic.port : null };
  }

  return {
    port,
    setPort,
    allowGuests,
    setAllowGuests,
    classic,
    setClassic,
    classicPort,
    setClassicPort,
    classicError,
    portError,
    parse,
  };
}

function HostHeader() {
  return (
    <header className="welcome-header compact">
      <span className="hero-icon">
        <Icon name="home" size={28} />
      </span>
      <h1>{t('screens.host.title')}</h1>
      <p className="tagline">{t('screens.host.tagline')}</p>
    </header>
  );
}

interface HostingStatusProps {
  state: AppState;
  busy: boolean;
  shownError: string | null;
  onEnter: () => void;
  onStop: () => void;
}

/** The open room: how it is reached, what to tell friends, and the ways in and out. */
function HostingStatus({ state, busy, shownError, onEnter, onStop }: HostingStatusProps) {
  const { host } = state;
  return (
    <section className="stack" aria-labelledby="hosting-title">
      <h2 id="hosting-title" className="status-line">
        <span className="dot online" aria-hidden="true" />
        {t('screens.host.open', { port: String(host.port) })}
      </h2>
      <p className="muted">{host.allowGuests ? t('screens.host.guestsOn') : t('screens.host.guestsOff')}</p>
      <p className="muted">
        {tx('screens.host.roomName', { name: <strong className="room-name">{state.roomName}</strong> })}
      </p>
      <HostAddresses addresses={host.addresses} />
      {host.fingerprint && <Fingerprint value={host.fingerprint} />}
      {host.classicPort !== null && (
        <p className="warning-line">
          <Icon name="warning" size={16} />
          <span>{t('screens.host.classicWarning', { port: String(host.classicPort) })}</span>
        </p>
      )}
      <InternetAccess internet={state.internet} />
      {state.internet.state === 'failed' && host.port !== null && (
        <PortForwardingSteps port={host.port} addresses={host.addresses} />
      )}
      <InviteLinks state={state} />
      {shownError && <FormError>{shownError}</FormError>}
      <div className="row">
        <button type="button" className="button primary grow" disabled={busy} onClick={onEnter}>
          {t('screens.host.enter')}
        </button>
        <button type="button" className="button secondary" disabled={busy} onClick={onStop}>
          {t('chat.hosting.stop')}
        </button>
      </div>
    </section>
  );
}

interface RoomSettingsFormProps {
  form: ReturnType<typeof useRoomSettings>;
  busy: boolean;
  shownError: string | null;
  onSubmit: (event: FormEvent) => void;
}

function RoomSettingsForm({ form, busy, shownError, onSubmit }: RoomSettingsFormProps) {
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="host-form-title">
      <h2 id="host-form-title">{t('chat.header.roomSettings')}</h2>
      <Field
        label={t('screens.port.label')}
        value={form.port}
        onChange={(e) => form.setPort(e.target.value)}
        error={form.portError}
        inputMode="numeric"
        autoComplete="off"
        hint={t('screens.host.portHint')}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={form.allowGuests}
          onChange={(e) => form.setAllowGuests(e.target.checked)}
        />
        <span>
          {t('screens.host.allowGuests')}
          <span className="muted">{t('screens.host.allowGuestsHint')}</span>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={form.classic} onChange={(e) => form.setClassic(e.target.checked)} />
        <span>
          {t('screens.host.classic')}
          <span className="muted">{t('screens.host.classicHint')}</span>
        </span>
      </label>
      {form.classic && (
        <Field
          label={t('screens.host.classicPort')}
          value={form.classicPort}
          onChange={(e) => form.setClassicPort(e.target.value)}
          error={form.classicError}
          inputMode="numeric"
          autoComplete="off"
        />
      )}
      {shownError && <FormError>{shownError}</FormError>}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('screens.host.starting') : t('screens.host.start')}
      </button>
    </form>
  );
}

import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import type { AppState, ErrorCode, Result, Session } from '../../src-shared/ipc';
import { MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from '../../src-shared/limits';
import { ReconnectBanner } from '../chat/reconnect-banner';
import { asSentence } from '../format/sentence';
import { Field, FormError } from '../ui/field';
import { Icon } from '../ui/icons';
import { Logo } from '../ui/logo';
import { RoomIdentity } from './room-identity';

type Mode = 'login' | 'register' | 'guest';

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'login', label: 'Log in' },
  { mode: 'register', label: 'Create account' },
  { mode: 'guest', label: 'Guest' },
];

/** Which field a server refusal belongs to, so the sentence appears next to what must change. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, 'username' | 'password'>> = {
  name_taken: 'username',
  weak_password: 'password',
};

interface Errors {
  username?: string;
  password?: string;
  confirm?: string;
  form?: string;
}

interface Props {
  state: AppState;
  onShowHost: () => void;
}

export function AuthScreen({ state, onShowHost }: Props) {
  const [mode, setMode] = useState<Mode>('login');
  const [username, setUsername] = useState(state.settings.lastUsername ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [remember, setRemember] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function choose(next: Mode) {
    setMode(next);
    setErrors({});
  }

  // Arrow keys move between tabs, as in every tab list a keyboard user has met.
  function onTabKey(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + MODES.length) % MODES.length;
    const target = MODES[next];
    if (!target) return;
    choose(target.mode);
    tabs.current[next]?.focus();
  }

  function validate(): Errors {
    const found: Errors = {};
    if (!USERNAME_PATTERN.test(username)) {
      found.username = 'Use 1–32 letters, digits or underscores.';
    }
    if (mode === 'login' && !password) found.password = 'Enter your password.';
    if (mode === 'register') {
      if (password.length < MIN_PASSWORD_LENGTH) {
        found.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
      } else if (confirm !== password) {
        found.confirm = 'The passwords do not match.';
      }
    }
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const { hearth } = window;
    let result: Result<Session>;
    if (mode === 'guest') result = await hearth.loginGuest(username);
    else if (mode === 'register') result = await hearth.register({ username, password, remember });
    else result = await hearth.login({ username, password, remember });
    setBusy(false);
    if (result.ok) return;
    const field = FIELD_OF_CODE[result.code];
    setErrors(field ? { [field]: result.error } : { form: result.error });
  }

  const server = state.connection.server;
  const title =
    mode === 'register'
      ? 'Create your account'
      : mode === 'guest'
        ? 'Join as a guest'
        : state.connection.newlyPinned
          ? 'Join this room'
          : 'Welcome back';
  return (
    <main className="welcome">
      <ReconnectBanner connection={state.connection} />
      <div className="welcome-card">
        <header className="welcome-header compact">
          <Logo size={44} />
          <h1>{title}</h1>
          {server && (
            <p className="server-line">
              <Icon name="server" size={16} />
              <span>
                {server.host}:{server.port}
              </span>
              <button type="button" className="link-button" onClick={() => window.hearth.disconnect()}>
                Change server
              </button>
            </p>
          )}
          {state.host.running && (
            <p className="hosting-line">
              <span className="dot online" aria-hidden="true" />
              You are hosting this room.
              <button type="button" className="link-button" onClick={onShowHost}>
                Addresses to share
              </button>
            </p>
          )}
        </header>

        <RoomIdentity connection={state.connection} />
        {state.connection.error && <p className="notice-line">{asSentence(state.connection.error)}</p>}
        <div className="tabs" role="tablist" aria-label="How to join">
          {MODES.map(({ mode: m, label }, index) => (
            <button
              key={m}
              ref={(el) => {
                tabs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${m}`}
              aria-selected={mode === m}
              aria-controls="auth-panel"
              tabIndex={mode === m ? 0 : -1}
              className="tab"
              onClick={() => choose(m)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {label}
            </button>
          ))}
        </div>

        <form
          id="auth-panel"
          role="tabpanel"
          aria-labelledby={`tab-${mode}`}
          className="stack"
          onSubmit={submit}
          noValidate
        >
          <Field
            label={mode === 'guest' ? 'Nickname' : 'Username'}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={errors.username}
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="off"
            hint={mode === 'login' ? undefined : 'Letters, digits and underscores; up to 32.'}
          />
          {mode !== 'guest' && (
            <Field
              label="Password"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.password}
              autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
              hint={mode === 'register' ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined}
            />
          )}
          {mode === 'register' && (
            <Field
              label="Confirm password"
              type="password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              error={errors.confirm}
              autoComplete="new-password"
            />
          )}
          {mode !== 'guest' && (
            <label className="check">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
              <span>
                Keep me logged in on this computer
                <span className="muted">Stored in the system's secret store, never as a plain file.</span>
              </span>
            </label>
          )}
          {errors.form && <FormError>{errors.form}</FormError>}
          <button type="submit" className="button primary" disabled={busy}>
            {busy
              ? 'One moment…'
              : mode === 'register'
                ? 'Create account'
                : mode === 'guest'
                  ? 'Join'
                  : 'Log in'}
          </button>
        </form>
      </div>
    </main>
  );
}

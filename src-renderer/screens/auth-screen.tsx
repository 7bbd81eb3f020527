import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AppState, ErrorCode, Result, Session } from '../../src-shared/ipc';
import { MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from '../../src-shared/limits';
import { ReconnectBanner } from '../chat/reconnect-banner';
import { asSentence } from '../format/sentence';
import { takeSignedOut } from '../hooks/use-signed-out';
import { t } from '../i18n/intl';
import { AuthForm, type Errors, type Values } from './auth/auth-form';
import { AuthHeader } from './auth/auth-header';
import { AuthTabs, type Mode } from './auth/auth-tabs';
import { useLockout } from './auth/lockout';
import { RoomIdentity } from './room-identity';

/** Which field a server refusal belongs to, so the sentence appears next to what must change. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, 'username' | 'password'>> = {
  name_taken: 'username',
  weak_password: 'password',
};

function validate(mode: Mode, { username, password, confirm }: Values): Errors {
  const found: Errors = {};
  if (!USERNAME_PATTERN.test(username)) found.username = t('screens.auth.usernameInvalid');
  if (mode === 'login' && !password) found.password = t('screens.auth.passwordMissing');
  if (mode === 'register') {
    if (password.length < MIN_PASSWORD_LENGTH) {
      found.password = t('screens.auth.passwordShort', { count: MIN_PASSWORD_LENGTH });
    } else if (confirm !== password) {
      found.confirm = t('screens.auth.mismatch');
    }
  }
  return found;
}

function isOwnRoom(state: AppState): boolean {
  const { host, connection } = state;
  return host.running && host.fingerprint !== null && connection.fingerprint === host.fingerprint;
}

/** Nobody has an account in a room on their first visit, nor in a room they have just opened themselves. */
function firstMode(state: AppState): Mode {
  if (state.connection.newlyPinned) return 'register';
  if (isOwnRoom(state) && !state.settings.lastUsername) return 'register';
  return 'login';
}

function submitTo(mode: Mode, values: Values): Promise<Result<Session>> {
  const { hearth } = window;
  const credentials = { username: values.username, password: values.password, remember: values.remember };
  if (mode === 'guest') return hearth.loginGuest(values.username);
  return mode === 'register' ? hearth.register(credentials) : hearth.login(credentials);
}

interface Props {
  state: AppState;
  onShowHost: () => void;
  /** Fetch the settings afresh (the last username and "keep me logged in" may have changed). */
  onRefresh: () => void;
}

export function AuthScreen({ state, onShowHost, onRefresh }: Props) {
  const [mode, setMode] = useState<Mode>(() => firstMode(state));
  const [values, setValues] = useState<Values>({
    username: state.settings.lastUsername ?? '',
    password: '',
    confirm: '',
    remember: state.settings.keepLoggedIn,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // Why the link dropped is news until the person acts; after that it is only clutter beside new errors.
  const [linkErrorSeen, setLinkErrorSeen] = useState(false);
  const lockout = useLockout();
  const [signedOut] = useState(takeSignedOut);
  const touched = useRef(false);

  useEffect(() => onRefresh(), [onRefresh]);
  // The fresh settings land after the first render; until the person types, the form follows them.
  const { lastUsername, keepLoggedIn } = state.settings;
  useEffect(() => {
    if (!touched.current) setValues((v) => ({ ...v, username: lastUsername ?? '', remember: keepLoggedIn }));
  }, [lastUsername, keepLoggedIn]);
  const ownRoom = isOwnRoom(state);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setLinkErrorSeen(true);
    const found = validate(mode, values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await submitTo(mode, values);
    setBusy(false);
    if (result.ok) return;
    if (result.code === 'throttled' && lockout.lock(result.error)) {
      setErrors({});
      return;
    }
    const field = FIELD_OF_CODE[result.code];
    setErrors(field ? { [field]: result.error } : { form: result.error });
  }

  const linkError = linkErrorSeen ? null : state.connection.error;
  return (
    <main className="welcome">
      <ReconnectBanner connection={state.connection} />
      <div className="welcome-card">
        <AuthHeader state={state} mode={mode} ownRoom={ownRoom} onShowHost={onShowHost} />
        <RoomIdentity connection={state.connection} ownRoom={ownRoom} />
        {linkError && <p className="notice-line">{asSentence(linkError)}</p>}
        {signedOut && (
          <p className="notice-line" role="status">
            {signedOut}
          </p>
        )}
        <AuthTabs
          mode={mode}
          onChoose={(next) => {
            setMode(next);
            setErrors({});
          }}
        />
        <AuthForm
          mode={mode}
          values={values}
          onChange={(change) => {
            touched.current = true;
            setValues((v) => ({ ...v, ...change }));
          }}
          errors={errors}
          busy={busy}
          lockedFor={lockout.seconds}
          onSubmit={submit}
        />
      </div>
    </main>
  );
}

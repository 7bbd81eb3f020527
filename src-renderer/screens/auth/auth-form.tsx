import type { FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../src-shared/limits';
import { Field, FormError } from '../../ui/field';
import type { Mode } from './auth-tabs';

export interface Values {
  username: string;
  password: string;
  confirm: string;
  remember: boolean;
}

export interface Errors {
  username?: string;
  password?: string;
  confirm?: string;
  form?: string;
}

interface Props {
  mode: Mode;
  values: Values;
  onChange: (change: Partial<Values>) => void;
  errors: Errors;
  busy: boolean;
  /** While the room refuses logins after failed ones: seconds left. */
  lockedFor: number | null;
  onSubmit: (event: FormEvent) => void;
}

function buttonLabel(mode: Mode, busy: boolean, lockedFor: number | null): string {
  if (lockedFor) return `Try again in ${lockedFor} s`;
  if (busy) return 'One moment…';
  return mode === 'register' ? 'Create account' : mode === 'guest' ? 'Join' : 'Log in';
}

export function AuthForm({ mode, values, onChange, errors, busy, lockedFor, onSubmit }: Props) {
  return (
    // The tab panel wraps the form: ARIA does not allow a form to be a tab panel itself.
    <div id="auth-panel" role="tabpanel" aria-labelledby={`tab-${mode}`}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field
          label={mode === 'guest' ? 'Nickname' : 'Username'}
          value={values.username}
          onChange={(e) => onChange({ username: e.target.value })}
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
            value={values.password}
            onChange={(e) => onChange({ password: e.target.value })}
            error={errors.password}
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
            hint={mode === 'register' ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined}
          />
        )}
        {mode === 'register' && (
          <Field
            label="Confirm password"
            type="password"
            value={values.confirm}
            onChange={(e) => onChange({ confirm: e.target.value })}
            error={errors.confirm}
            autoComplete="new-password"
          />
        )}
        {mode !== 'guest' && (
          <label className="check">
            <input
              type="checkbox"
              checked={values.remember}
              onChange={(e) => onChange({ remember: e.target.checked })}
            />
            <span>
              Keep me logged in on this computer
              <span className="muted">Stored in the system's secret store, never as a plain file.</span>
            </span>
          </label>
        )}
        {lockedFor ? (
          // Said once: the seconds tick on screen only, or the alert would be read out again every second.
          <div className="form-error" role="alert">
            <span aria-hidden="true">Too many failed logins: try again in {lockedFor} s.</span>
            <span className="visually-hidden">
              Too many failed logins. Log in works again in a few seconds.
            </span>
          </div>
        ) : (
          errors.form && <FormError>{errors.form}</FormError>
        )}
        <button type="submit" className="button primary" disabled={busy || lockedFor !== null}>
          {buttonLabel(mode, busy, lockedFor)}
        </button>
      </form>
    </div>
  );
}

import type { FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../src-shared/limits';
import { t } from '../../i18n/intl';
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
  if (lockedFor) return t('screens.auth.tryAgainIn', { seconds: lockedFor });
  if (busy) return t('screens.auth.busy');
  return mode === 'register'
    ? t('screens.auth.createAccount')
    : mode === 'guest'
      ? t('screens.auth.join')
      : t('screens.auth.logIn');
}

export function AuthForm({ mode, values, onChange, errors, busy, lockedFor, onSubmit }: Props) {
  return (
    // The tab panel wraps the form: ARIA does not allow a form to be a tab panel itself.
    <div id="auth-panel" role="tabpanel" aria-labelledby={`tab-${mode}`}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field
          label={mode === 'guest' ? t('screens.auth.nickname') : t('chat.username.placeholder')}
          value={values.username}
          onChange={(e) => onChange({ username: e.target.value })}
          error={errors.username}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="off"
          hint={mode === 'login' ? undefined : t('screens.auth.usernameHint')}
        />
        {mode !== 'guest' && (
          <Field
            label={t('screens.auth.password')}
            type="password"
            value={values.password}
            onChange={(e) => onChange({ password: e.target.value })}
            error={errors.password}
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
            hint={
              mode === 'register' ? t('screens.auth.passwordHint', { count: MIN_PASSWORD_LENGTH }) : undefined
            }
          />
        )}
        {mode === 'register' && (
          <Field
            label={t('screens.auth.confirm')}
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
              {t('screens.auth.remember')}
              <span className="muted">{t('screens.auth.rememberHint')}</span>
            </span>
          </label>
        )}
        {lockedFor ? (
          // Said once: the seconds tick on screen only, or the alert would be read out again every second.
          <div className="form-error" role="alert">
            <span aria-hidden="true">{t('screens.auth.locked', { seconds: lockedFor })}</span>
            <span className="visually-hidden">{t('screens.auth.lockedSpoken')}</span>
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

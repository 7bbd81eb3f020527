// The account section's security part: changing the password (other devices are signed out), signing out
// the other sessions, and deleting the account behind its password and the typed username.
import { type FormEvent, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../src-shared/limits';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Field } from '../ui/field';

type Said = { text: string; error: boolean } | null;

const others = (count: number) => t('settings.security.others', { count });

export function AccountSecurity({ username }: { username: string }) {
  const [said, setSaid] = useState<Said>(null);
  async function signOutOthers() {
    const answer = await window.hearth.signOutOthers();
    setSaid(
      answer.ok
        ? { text: others(answer.value), error: false }
        : { text: asSentence(answer.error), error: true },
    );
  }
  return (
    <section className="choice account-section" aria-labelledby="account-security">
      <h3 id="account-security">{t('settings.security.title')}</h3>
      <PasswordChange />
      <div className="account-row">
        <button type="button" className="button small secondary" onClick={signOutOthers}>
          {t('settings.security.signOutOthers')}
        </button>
        <p className={said?.error ? 'field-error' : 'muted'} role="status">
          {said?.text ?? t('settings.security.stays')}
        </p>
      </div>
      <DeleteAccount username={username} />
    </section>
  );
}

function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [said, setSaid] = useState<Said>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await window.hearth.changePassword({ current, password: next });
    if (!answer.ok) {
      setSaid({ text: asSentence(answer.error), error: true });
      return;
    }
    setCurrent('');
    setNext('');
    setSaid({ text: t('settings.security.changed', { others: others(answer.value) }), error: false });
  }
  return (
    <form className="account-form" onSubmit={submit} aria-label={t('settings.security.change')}>
      <Field
        label={t('settings.security.current')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(event) => setCurrent(event.currentTarget.value)}
      />
      <Field
        label={t('settings.security.new')}
        type="password"
        autoComplete="new-password"
        hint={t('settings.security.newHint', { count: MIN_PASSWORD_LENGTH })}
        value={next}
        onChange={(event) => setNext(event.currentTarget.value)}
      />
      <button type="submit" className="button small primary" disabled={!current || !next}>
        {t('settings.security.change')}
      </button>
      <p className={said?.error ? 'field-error' : 'muted'} role="status">
        {said?.text ?? ''}
      </p>
    </form>
  );
}

function DeleteAccount({ username }: { username: string }) {
  const [password, setPassword] = useState('');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirmed = typed.trim().toLowerCase() === username.toLowerCase();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await window.hearth.deleteAccount(password);
    if (!answer.ok) setError(asSentence(answer.error));
  }
  return (
    <form className="account-form danger-zone" onSubmit={submit} aria-label={t('settings.delete.title')}>
      <h3>{t('settings.delete.title')}</h3>
      <p className="muted">{t('settings.delete.explain', { username })}</p>
      <Field
        label={t('screens.auth.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={error}
      />
      <Field
        label={t('settings.delete.type', { username })}
        value={typed}
        autoComplete="off"
        onChange={(event) => setTyped(event.currentTarget.value)}
      />
      <button type="submit" className="button small danger" disabled={!confirmed || !password}>
        {t('settings.delete.submit')}
      </button>
    </form>
  );
}

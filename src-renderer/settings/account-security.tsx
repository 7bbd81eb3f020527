// The account section's security part: changing the password (other devices are signed out), signing out
// the other sessions, and deleting the account behind its password and the typed username.
import { type FormEvent, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../src-shared/limits';
import { asSentence } from '../format/sentence';
import { Field } from '../ui/field';

type Said = { text: string; error: boolean } | null;

const others = (n: number) =>
  n === 0
    ? 'No other device was signed in.'
    : `${n} other ${n === 1 ? 'session was' : 'sessions were'} signed out.`;

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
      <h3 id="account-security">Password and sessions</h3>
      <PasswordChange />
      <div className="account-row">
        <button type="button" className="button small secondary" onClick={signOutOthers}>
          Sign out other sessions
        </button>
        <p className={said?.error ? 'field-error' : 'muted'} role="status">
          {said?.text ?? 'This device stays signed in.'}
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
    setSaid({ text: `Password changed. ${others(answer.value)}`, error: false });
  }
  return (
    <form className="account-form" onSubmit={submit} aria-label="Change password">
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(event) => setCurrent(event.currentTarget.value)}
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. Your other devices will be signed out.`}
        value={next}
        onChange={(event) => setNext(event.currentTarget.value)}
      />
      <button type="submit" className="button small primary" disabled={!current || !next}>
        Change password
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
    <form className="account-form danger-zone" onSubmit={submit} aria-label="Delete account">
      <h3>Delete account</h3>
      <p className="muted">
        Your friends, rooms and settings here are erased. What you said stays, under @{username}, and that
        username stays reserved so nobody can pose as you.
      </p>
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={error}
      />
      <Field
        label={`Type your username, ${username}, to confirm`}
        value={typed}
        autoComplete="off"
        onChange={(event) => setTyped(event.currentTarget.value)}
      />
      <button type="submit" className="button small danger" disabled={!confirmed || !password}>
        Delete my account
      </button>
    </form>
  );
}

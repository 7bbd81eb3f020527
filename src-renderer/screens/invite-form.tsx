import { type FormEvent, useState } from 'react';
import { t } from '../i18n/intl';
import { FormError } from '../ui/field';

/** Paste a `hearth://` invite: it fills in the room's address, pins its certificate and connects. */
export function InviteForm({ busy }: { busy: boolean }) {
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!link.trim()) {
      setError(t('screens.invite.missing'));
      return;
    }
    setJoining(true);
    setError(null);
    const result = await window.hearth.openInvite(link.trim());
    setJoining(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <details className="invite">
      <summary>{t('screens.invite.summary')}</summary>
      <form className="invite-form" onSubmit={submit} noValidate>
        <label htmlFor="invite-link" className="visually-hidden">
          {t('screens.invite.label')}
        </label>
        <input
          id="invite-link"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          placeholder="hearth://…"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="button secondary" disabled={busy || joining}>
          {joining ? t('screens.invite.joining') : t('screens.auth.join')}
        </button>
      </form>
      {error && <FormError>{error}</FormError>}
    </details>
  );
}

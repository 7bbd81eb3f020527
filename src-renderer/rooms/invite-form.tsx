import { type FormEvent, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { UsernameInput, usernameProblem } from '../chat/username-field';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';

/** Invite someone to a private room by username; they see the invite in their room list. */
export function InviteForm({ room, self }: { room: ConversationId; self: string }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const username = name.trim();
    setSent(null);
    const problem = usernameProblem(username, self);
    if (problem) {
      setError(problem);
      return;
    }
    const result = await window.hearth.inviteToRoom({ room, username });
    if (result.ok) {
      setName('');
      setError(null);
      setSent(t('rooms.invite.sent', { name: username }));
    } else {
      setError(result.error);
    }
  }

  return (
    <form className="add-friend" onSubmit={submit} noValidate>
      <label htmlFor="invite-name">{t('rooms.invite.label')}</label>
      <div className="add-friend-row">
        <UsernameInput
          id="invite-name"
          statusId="invite-status"
          value={name}
          invalid={error !== null}
          onChange={(value) => {
            setName(value);
            setError(null);
          }}
        />
        <button type="submit" className="icon-button accent" aria-label={t('rooms.invite.send')}>
          <Icon name="userPlus" />
        </button>
      </div>
      <p id="invite-status" className={error ? 'field-error' : 'field-ok'} role="status">
        {error ? asSentence(error, [name.trim()]) : (sent ?? '')}
      </p>
    </form>
  );
}

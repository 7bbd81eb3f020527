// Whom the user blocked, a way to unblock each, and a box to block someone who is not a friend (a stranger
// in the room). Blocked people cannot send friend requests or direct messages, and their room messages are
// hidden here (docs/protocol.md § Friends).
import { type FormEvent, useState } from 'react';
import { naturalCompare } from '../format/natural-order';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';
import { UsernameInput, usernameProblem } from './username-field';

function BlockSomeone({ self }: { self: string }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const username = name.trim();
    const problem = usernameProblem(username, self);
    if (problem) {
      setError(problem);
      return;
    }
    const result = await window.hearth.block(username);
    setError(result.ok ? null : result.error);
    if (result.ok) setName('');
  }

  return (
    <form className="add-friend" onSubmit={submit} noValidate>
      <label htmlFor="block-name">{t('chat.blocked.blockSomeone')}</label>
      <div className="add-friend-row">
        <UsernameInput
          id="block-name"
          statusId="block-status"
          value={name}
          invalid={error !== null}
          onChange={(value) => {
            setName(value);
            setError(null);
          }}
        />
        <button type="submit" className="icon-button subtle" aria-label={t('chat.blocked.blockThisUser')}>
          <Icon name="block" />
        </button>
      </div>
      <p id="block-status" className={error ? 'field-error' : 'field-ok'} role="status">
        {error ? asSentence(error, [name.trim()]) : ''}
      </p>
    </form>
  );
}

export function BlockedList({ self, blocked }: { self: string; blocked: readonly string[] }) {
  return (
    <section aria-labelledby="blocked-title" className="blocked-list">
      <h3 id="blocked-title" className="section-title">
        {t('chat.blocked.title')}
      </h3>
      {blocked.length === 0 ? (
        <p className="muted empty-note">{t('chat.blocked.none')}</p>
      ) : (
        <ul>
          {[...blocked].sort(naturalCompare).map((username) => (
            <li key={username} className="blocked">
              <span className="friend-name grow">{username}</span>
              <button
                type="button"
                className="button small ghost"
                onClick={() => window.hearth.unblock(username)}
                aria-label={t('chat.blocked.unblockName', { name: username })}
              >
                {t('chat.blocked.unblock')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <BlockSomeone self={self} />
    </section>
  );
}

// Whom the user blocked, a way to unblock each, and a box to block someone who is not a friend (a stranger
// in the room). Blocked people cannot send friend requests or direct messages, and their room messages are
// hidden here (docs/protocol.md § Friends).
import { type FormEvent, useState } from 'react';
import { USERNAME_PATTERN } from '../../src-shared/limits';
import { naturalCompare } from '../format/natural-order';
import { asSentence } from '../format/sentence';
import { Icon } from '../ui/icons';

function BlockSomeone({ self }: { self: string }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const username = name.trim();
    if (!USERNAME_PATTERN.test(username)) {
      setError('Usernames are 1–32 letters, digits or underscores.');
      return;
    }
    if (username.toLowerCase() === self.toLowerCase()) {
      setError('That is you.');
      return;
    }
    const result = await window.hearth.block(username);
    setError(result.ok ? null : result.error);
    if (result.ok) setName('');
  }

  return (
    <form className="add-friend" onSubmit={submit} noValidate>
      <label htmlFor="block-name">Block someone</label>
      <div className="add-friend-row">
        <input
          id="block-name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          placeholder="Username"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'block-status' : undefined}
        />
        <button type="submit" className="icon-button subtle" aria-label="Block this user">
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
        Blocked
      </h3>
      {blocked.length === 0 ? (
        <p className="muted empty-note">Nobody. Blocked people cannot ask or message you.</p>
      ) : (
        <ul>
          {[...blocked].sort(naturalCompare).map((username) => (
            <li key={username} className="blocked">
              <span className="friend-name grow">{username}</span>
              <button
                type="button"
                className="button small ghost"
                onClick={() => window.hearth.unblock(username)}
                aria-label={`Unblock ${username}`}
              >
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
      <BlockSomeone self={self} />
    </section>
  );
}

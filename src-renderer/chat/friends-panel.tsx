import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import type { FriendsSnapshot } from '../../src-shared/protocol';
import { naturalCompare } from '../format/natural-order';
import { asSentence } from '../format/sentence';
import { intl, t } from '../i18n/intl';
import { Avatar } from '../ui/avatar';
import { Icon } from '../ui/icons';
import { BlockedList } from './blocked-list';
import { PersonText } from './person-text';
import { UsernameInput, usernameProblem } from './username-field';

interface Props {
  self: string;
  guest: boolean;
  /** The link to the room is down: presence shown is from before and may be out of date. */
  stale: boolean;
  friends: FriendsSnapshot;
  onOpen: (conversation: ConversationId) => void;
}

/** Usernames are unique regardless of case. */
function isWaiting(outgoing: readonly string[], name: string): boolean {
  return outgoing.some((o) => o.toLowerCase() === name.toLowerCase());
}

/** How long the answer to a friend request stays under the box: long enough to read, not for the whole session. */
const STATUS_MS = 8000;

/** A request to someone who had already asked us makes friends at once (docs/protocol.md § Friends). */
function sentStatus(friends: FriendsSnapshot, name: string): string | null {
  if (isWaiting(friends.outgoing, name)) return t('chat.friends.requestSent', { name });
  const friend = friends.friends.find((f) => f.username.toLowerCase() === name.toLowerCase());
  return friend ? t('chat.friends.mutual', { name: friend.username }) : null;
}

function AddFriend({ self, friends }: { self: string; friends: FriendsSnapshot }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  // Decided by the first snapshot that shows the request's outcome, so a later acceptance does not
  // turn "Request sent" into "had asked you too".
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (sent && status === null) setStatus(sentStatus(friends, sent));
  }, [sent, status, friends]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!error && !sent) return;
    const timer = window.setTimeout(() => {
      setError(null);
      setSent(null);
      setStatus(null);
    }, STATUS_MS);
    return () => window.clearTimeout(timer);
  }, [error, sent]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const username = name.trim();
    setSent(null);
    setStatus(null);
    const problem = usernameProblem(username, self);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const result = await window.hearth.friendRequest(username);
    setBusy(false);
    if (result.ok) {
      setName('');
      setError(null);
      setSent(username);
    } else {
      setError(result.error);
    }
  }

  return (
    <form className="add-friend" onSubmit={submit} noValidate>
      <label htmlFor="add-friend-name">{t('chat.friends.add')}</label>
      <div className="add-friend-row">
        <UsernameInput
          id="add-friend-name"
          statusId="add-friend-status"
          value={name}
          invalid={error !== null}
          onChange={(value) => {
            setName(value);
            setError(null);
          }}
        />
        <button
          type="submit"
          className="icon-button accent"
          disabled={busy}
          aria-label={t('chat.friends.sendRequest')}
        >
          <Icon name="userPlus" />
        </button>
      </div>
      <p id="add-friend-status" className={error ? 'field-error' : 'field-ok'} role="status">
        {error ? asSentence(error, [name.trim(), ...friends.friends.map((f) => f.username)]) : (status ?? '')}
      </p>
    </form>
  );
}

function FriendRow({
  username,
  online,
  onOpen,
}: {
  username: string;
  online: boolean;
  onOpen: (conversation: ConversationId) => void;
}) {
  // Removing and blocking both ask once more before they happen.
  const [confirming, setConfirming] = useState<'remove' | 'block' | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  // The button pressed is replaced by the question: keyboard focus moves to the answer, not to the page.
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);
  const presence = online ? 'online' : 'offline';
  return (
    <li className="friend" data-presence={presence}>
      <button type="button" className="friend-open" onClick={() => onOpen(`@${username}`)}>
        <Avatar name={username} online={online} size="small" />
        {/* Said before the visible name, so the button's name contains what it shows (WCAG 2.5.3). */}
        <span className="visually-hidden">{`${t('chat.friends.message')} `}</span>
        <PersonText username={username} online={online} />
      </button>
      {confirming ? (
        <span className="confirm">
          <button
            ref={yes}
            type="button"
            className="button small danger"
            onClick={() =>
              confirming === 'remove' ? window.hearth.friendRemove(username) : window.hearth.block(username)
            }
            aria-label={t(confirming === 'remove' ? 'chat.friends.yesRemove' : 'chat.friends.yesBlock', {
              name: username,
            })}
          >
            {confirming === 'remove' ? t('chat.friends.remove') : t('chat.friends.block')}
          </button>
          <button
            type="button"
            className="button small ghost"
            onClick={() => setConfirming(null)}
            aria-label={t('chat.friends.keep', { name: username })}
          >
            {t('chat.delete.keep')}
          </button>
        </span>
      ) : (
        <>
          <button
            type="button"
            className="icon-button subtle reveal"
            onClick={() => setConfirming('block')}
            aria-label={t('chat.friends.blockName', { name: username })}
          >
            <Icon name="block" size={16} />
          </button>
          <button
            type="button"
            className="icon-button subtle reveal"
            onClick={() => setConfirming('remove')}
            aria-label={t('chat.friends.removeName', { name: username })}
          >
            <Icon name="trash" size={16} />
          </button>
        </>
      )}
    </li>
  );
}

/** Requests others sent: accept or decline each; a failed answer is explained below the list. */
function FriendRequests({
  incoming,
  error,
  onAnswer,
}: {
  incoming: readonly string[];
  error: string | null;
  onAnswer: (username: string, accept: boolean) => void;
}) {
  return (
    <section className="requests" aria-labelledby="requests-title">
      <h3 id="requests-title" className="section-title">
        {t('chat.friends.requests')} <span className="count-pill">{intl.formatNumber(incoming.length)}</span>
      </h3>
      <ul>
        {[...incoming].sort(naturalCompare).map((username) => (
          <li key={username} className="request">
            <Avatar name={username} size="small" />
            <span className="friend-name grow">{username}</span>
            <button
              type="button"
              className="icon-button positive"
              onClick={() => onAnswer(username, true)}
              aria-label={t('chat.friends.accept', { name: username })}
            >
              <Icon name="check" />
            </button>
            <button
              type="button"
              className="icon-button subtle"
              onClick={() => onAnswer(username, false)}
              aria-label={t('chat.friends.decline', { name: username })}
            >
              <Icon name="close" />
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {asSentence(error, incoming)}
        </p>
      )}
    </section>
  );
}

/** The friends column: add someone, answer requests, see who is online and open a direct conversation. */
export function FriendsPanel({ self, guest, stale, friends, onOpen }: Props) {
  const [answerError, setAnswerError] = useState<string | null>(null);
  const sorted = [...friends.friends].sort(
    (a, b) => Number(b.online) - Number(a.online) || naturalCompare(a.username, b.username),
  );
  const onlineCount = friends.friends.filter((f) => f.online).length;

  async function answer(username: string, accept: boolean) {
    const result = await window.hearth.friendRespond({ username, accept });
    setAnswerError(result.ok ? null : result.error);
  }

  return (
    <aside
      id="friends-panel"
      className={stale ? 'friends-panel stale' : 'friends-panel'}
      aria-labelledby="friends-title"
    >
      <h2 id="friends-title" className="panel-title">
        {t('chat.friends.title')}
        <span className="muted">
          {t('chat.friends.online', { online: onlineCount, count: friends.friends.length })}
        </span>
      </h2>
      {guest ? (
        <p className="muted empty-note">{t('chat.friends.guests')}</p>
      ) : (
        <AddFriend self={self} friends={friends} />
      )}

      {friends.incoming.length > 0 && (
        <FriendRequests incoming={friends.incoming} error={answerError} onAnswer={answer} />
      )}

      {!guest && (
        <section aria-labelledby="friend-list-title" className="friend-list">
          <h3 id="friend-list-title" className="section-title">
            {t('chat.friends.yours')}
          </h3>
          {stale && sorted.length > 0 && <p className="muted empty-note">{t('chat.friends.stale')}</p>}
          {sorted.length === 0 ? (
            <p className="muted empty-note">{t('chat.friends.none')}</p>
          ) : (
            <ul>
              {sorted.map((f) => (
                <FriendRow key={f.username} username={f.username} online={f.online} onOpen={onOpen} />
              ))}
            </ul>
          )}
          {friends.outgoing.length > 0 && (
            <ul className="outgoing" aria-label={t('chat.friends.sent')}>
              {[...friends.outgoing].sort(naturalCompare).map((username) => (
                <li key={username} className="outgoing-item muted">
                  <Icon name="clock" size={14} /> {t('chat.friends.waiting', { name: username })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {!guest && <BlockedList self={self} blocked={friends.blocked ?? []} />}
    </aside>
  );
}

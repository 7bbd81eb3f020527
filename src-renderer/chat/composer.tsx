import { type KeyboardEvent, type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { MAX_MESSAGE_CHARS } from '../../src-shared/limits';
import { draftOf, keepDraft } from '../conversations/drafts';
import { asSentence } from '../format/sentence';
import { Icon } from '../ui/icons';

const MAX_HEIGHT = 200;
const COUNT_FROM = MAX_MESSAGE_CHARS - 500;

interface Props {
  /** Whose drafts these are (the signed-in username). */
  owner: string;
  conversation: ConversationId;
  title: string;
  onSent: () => void;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line; it grows with its text up to a limit, and
 * what was typed but not sent waits in its conversation while the person looks elsewhere.
 */
export function Composer({ owner, conversation, title, onSent }: Props) {
  const [text, setText] = useState(() => draftOf(owner, conversation));
  useEffect(() => keepDraft(owner, conversation, text), [owner, conversation, text]);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  useFocusedGrowingBox(box);

  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const sendable = text.trim().length > 0 && !tooLong;

  async function send() {
    if (!sendable) return;
    const sent = text;
    setText('');
    setError(null);
    const result = await window.hearth.send({ conversation, text: sent });
    if (result.ok) {
      onSent();
    } else {
      setText((current) => current || sent);
      setError(result.error);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="composer-box">
        <textarea
          ref={box}
          rows={1}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-label={`Message ${title}`}
          aria-describedby="composer-help"
          aria-invalid={tooLong || undefined}
          placeholder={`Message ${title}`}
        />
        <button type="submit" className="send-button" disabled={!sendable} aria-label="Send message">
          <Icon name="send" size={20} />
        </button>
      </div>
      <ComposerFoot error={error} length={text.length} tooLong={tooLong} />
    </form>
  );
}

/** Focuses the box on mount and sizes it to its text, up to MAX_HEIGHT, after every render. */
function useFocusedGrowingBox(box: RefObject<HTMLTextAreaElement | null>) {
  // Opening a conversation means wanting to write in it; keyboard users land in the box.
  useEffect(() => box.current?.focus(), [box]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
  });
}

/** Under the box: the send error if there is one, else the key help; and the count near the limit. */
function ComposerFoot({
  error,
  length,
  tooLong,
}: {
  error: string | null;
  length: number;
  tooLong: boolean;
}) {
  return (
    <div className="composer-foot">
      {error ? (
        <span className="composer-error" role="alert">
          {asSentence(error)}
        </span>
      ) : (
        <span id="composer-help" className="muted">
          Enter to send · Shift+Enter for a new line
        </span>
      )}
      {length > COUNT_FROM && (
        <span className={tooLong ? 'count over' : 'count'}>
          {length.toLocaleString()} / {MAX_MESSAGE_CHARS.toLocaleString()}
        </span>
      )}
    </div>
  );
}

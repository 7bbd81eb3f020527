import {
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { ChatMessage, ConversationId } from '../../src-shared/ipc';
import { MAX_MESSAGE_CHARS } from '../../src-shared/limits';
import { draftOf, keepDraft } from '../conversations/drafts';
import { AttachButton } from '../files/attach-button';
import { pastedFiles } from '../files/send-files';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';
import { CompletionList } from './completion-list';
import { ComposerTarget, type ComposeTarget } from './composer-target';
import { useCompletion } from './use-completion';

const MAX_HEIGHT = 200;
const COUNT_FROM = MAX_MESSAGE_CHARS - 500;

interface Props {
  /** Whose drafts these are (the signed-in username). */
  owner: string;
  conversation: ConversationId;
  title: string;
  onSent: () => void;
  /** The message being answered or edited, if any. */
  target: ComposeTarget | null;
  setTarget: (target: ComposeTarget | null) => void;
  /** This user's newest message that can still be edited (Up arrow in an empty box). */
  lastOwn: () => ChatMessage | undefined;
  /** Who `@` offers. */
  names: readonly string[];
  /** Send attached or pasted files here; null where files cannot be sent (guests). */
  onFiles: ((files: File[]) => void) | null;
}

/** Sends, answers or edits, as the target says; what went wrong comes back as a sentence. */
function submit(conversation: ConversationId, text: string, target: ComposeTarget | null) {
  if (target?.kind === 'edit' && target.message.id !== null) {
    return window.hearth.editMessage({ id: target.message.id, text });
  }
  const replyTo = target?.kind === 'reply' ? (target.message.id ?? undefined) : undefined;
  return window.hearth.send({ conversation, text, replyTo });
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line; it grows with its text up to a limit, and
 * what was typed but not sent waits in its conversation. It also answers and edits (Up arrow in the empty
 * box edits the last message, Escape lets go), and completes `:shortcode:` and `@name`.
 */
export function Composer(props: Props) {
  const { owner, conversation, title, onSent, target, setTarget, lastOwn, names, onFiles } = props;
  const editing = target?.kind === 'edit';
  const [text, setText] = useDraft(owner, conversation, editing);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const complete = useCompletion(box, text, setText, names);
  const retarget = useTargetText(box, { target, setTarget }, setText, () => draftOf(owner, conversation));
  useFocusedGrowingBox(box, text);
  const { tooLong, sendable } = lengthOf(text);

  async function send() {
    if (!sendable) return;
    const sent = text;
    setText('');
    setError(null);
    const result = await submit(conversation, sent, target);
    if (result.ok) {
      retarget(null);
      if (!editing) onSent();
    } else {
      setText((current) => current || sent);
      setError(result.error);
    }
  }

  const keys = { onCompletionKey: complete.onKey, send, text, target, setTarget: retarget, lastOwn };
  const option = complete.completion ? `${listId}-${complete.active}` : undefined;
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {complete.completion && (
        <CompletionList
          id={listId}
          completion={complete.completion}
          active={complete.active}
          onPick={complete.pick}
        />
      )}
      {target && <ComposerTarget target={target} onCancel={() => retarget(null)} />}
      <div className="composer-box">
        {onFiles && <AttachButton onFiles={onFiles} title={title} />}
        <textarea
          ref={box}
          rows={1}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            complete.track();
          }}
          onSelect={complete.track}
          onPaste={onFiles ? pastedFiles(onFiles) : undefined}
          onKeyDown={(event) => composerKeys(event, keys)}
          aria-label={editing ? t('chat.actions.edit') : t('chat.composer.placeholder', { title })}
          aria-describedby="composer-help"
          aria-invalid={tooLong || undefined}
          aria-autocomplete="list"
          aria-controls={complete.completion ? listId : undefined}
          aria-activedescendant={option}
          placeholder={t('chat.composer.placeholder', { title })}
        />
        <button
          type="submit"
          className="send-button"
          disabled={!sendable}
          aria-label={editing ? t('chat.composer.save') : t('chat.composer.send')}
        >
          <Icon name={editing ? 'check' : 'send'} size={20} />
        </button>
      </div>
      <ComposerFoot error={error} length={text.length} tooLong={tooLong} editing={editing} />
    </form>
  );
}

/** Whether the text is past the limit, and whether it can be sent. */
function lengthOf(text: string) {
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  return { tooLong, sendable: text.trim().length > 0 && !tooLong };
}

/**
 * The box's keys, after the completion list had its turn: Enter sends, Escape drops the reply or edit, and
 * Up in the empty box edits the last message.
 */
function composerKeys(
  event: KeyboardEvent<HTMLTextAreaElement>,
  box: {
    onCompletionKey: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
    send: () => Promise<void>;
    text: string;
    target: ComposeTarget | null;
    setTarget: (target: ComposeTarget | null) => void;
    lastOwn: () => ChatMessage | undefined;
  },
): void {
  if (event.nativeEvent.isComposing || box.onCompletionKey(event)) return;
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    void box.send();
  } else if (event.key === 'Escape' && box.target) {
    event.preventDefault();
    box.setTarget(null);
  } else if (event.key === 'ArrowUp' && box.text === '' && !box.target) {
    const last = box.lastOwn();
    if (last) {
      event.preventDefault();
      box.setTarget({ kind: 'edit', message: last });
    }
  }
}

/** The box's text, kept as the conversation's draft (not while it holds an edit). */
function useDraft(owner: string, conversation: ConversationId, editing: boolean) {
  const state = useState(() => draftOf(owner, conversation));
  const [text] = state;
  useEffect(() => {
    if (!editing) keepDraft(owner, conversation, text);
  }, [owner, conversation, text, editing]);
  return state;
}

/**
 * A new target takes the focus to the box and an edit brings its text; letting go of an edit (the returned
 * function) brings the draft back in the same update, so the box never shows the old text unlabelled.
 */
function useTargetText(
  box: RefObject<HTMLTextAreaElement | null>,
  { target, setTarget }: Pick<Props, 'target' | 'setTarget'>,
  setText: (text: string) => void,
  draft: () => string,
): (next: ComposeTarget | null) => void {
  const editing = target?.kind === 'edit' ? target.message : null;
  useEffect(() => {
    if (editing) setText(editing.text);
  }, [editing, setText]);
  useEffect(() => {
    if (target) box.current?.focus();
  }, [target, box]);
  return (next) => {
    if (next?.kind === 'edit') setText(next.message.text);
    else if (editing) setText(draft());
    setTarget(next);
  };
}

/**
 * Focuses the box on mount and sizes it to its text, up to MAX_HEIGHT, whenever the text changes. Only
 * then: reading scrollHeight lays out the whole window at once, and the composer renders again with every
 * page of history that arrives (with 100,000 messages, that was a forced layout in every frame of them).
 */
function useFocusedGrowingBox(box: RefObject<HTMLTextAreaElement | null>, text: string) {
  // Opening a conversation means wanting to write in it; keyboard users land in the box.
  useEffect(() => box.current?.focus(), [box]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the text is what the height follows
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
  }, [box, text]);
}

/** Under the box: the send error if there is one, else the key help; and the count near the limit. */
function ComposerFoot({
  error,
  length,
  tooLong,
  editing,
}: {
  error: string | null;
  length: number;
  tooLong: boolean;
  editing: boolean;
}) {
  return (
    <div className="composer-foot">
      {error ? (
        <span className="composer-error" role="alert">
          {asSentence(error)}
        </span>
      ) : (
        <span id="composer-help" className="muted">
          {editing ? t('chat.composer.helpEditing') : t('chat.composer.help')}
        </span>
      )}
      {length > COUNT_FROM && (
        <span className={tooLong ? 'count over' : 'count'}>
          {t('chat.composer.count', { length, max: MAX_MESSAGE_CHARS })}
        </span>
      )}
    </div>
  );
}

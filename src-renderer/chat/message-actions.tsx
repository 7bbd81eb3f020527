import { useState } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';
import { EmojiPicker } from '../emoji/emoji-picker';
import { asSentence } from '../format/sentence';
import { Icon } from '../ui/icons';
import { DeleteMessage } from './delete-message';
import { toggleReaction } from './reactions';
import { useRowContext } from './row-context';

function Action({
  label,
  icon,
  onClick,
}: {
  label: string;
  icon: 'reply' | 'smile' | 'pencil';
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="icon-button subtle small reveal bubble-action"
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <Icon name={icon} size={14} />
    </button>
  );
}

/**
 * What can be done with a message, shown on hover or keyboard focus: reply, react, edit (one's own) and
 * delete (one's own; any, for a room's moderators). The room decides each; the buttons mirror its rules.
 */
export function MessageActions({ message }: { message: ChatMessage }) {
  const rows = useRowContext();
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { id } = message;
  if (id === null || message.deleted || message.notice) return null;
  return (
    <span className="bubble-actions">
      {error && (
        <span className="bubble-error" role="alert">
          {asSentence(error)}
        </span>
      )}
      {rows.canPost && (
        <Action
          label={`Reply to ${message.own ? 'your message' : message.sender}`}
          icon="reply"
          onClick={() => rows.reply(message)}
        />
      )}
      {rows.canPost && <Action label="Add a reaction" icon="smile" onClick={() => setPicking(true)} />}
      {rows.canPost && message.own && (
        <Action label="Edit your message" icon="pencil" onClick={() => rows.edit(message)} />
      )}
      {rows.canDelete(message) && <DeleteMessage id={id} own={message.own} />}
      {picking && (
        <EmojiPicker
          onClose={() => setPicking(false)}
          onPick={async (emoji) => setError(await toggleReaction(id, emoji, true))}
        />
      )}
    </span>
  );
}

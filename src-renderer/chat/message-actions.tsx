import type { ChatMessage } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';
import { DeleteMessage } from './delete-message';
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
  const { id } = message;
  if (id === null || message.deleted || message.notice) return null;
  return (
    <span className="bubble-actions">
      {rows.canPost && (
        <Action
          label={message.own ? t('chat.actions.replyOwn') : t('chat.actions.reply', { name: message.sender })}
          icon="reply"
          onClick={() => rows.reply(message)}
        />
      )}
      {rows.canPost && (
        <Action label={t('chat.actions.react')} icon="smile" onClick={() => rows.react(message)} />
      )}
      {rows.canPost && message.own && (
        <Action label={t('chat.actions.edit')} icon="pencil" onClick={() => rows.edit(message)} />
      )}
      {rows.canDelete(message) && <DeleteMessage id={id} own={message.own} />}
    </span>
  );
}

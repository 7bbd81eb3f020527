import type { ChatMessage } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { plainText } from '../markdown/parse';
import { Icon } from '../ui/icons';

export type ComposeTarget = { kind: 'reply' | 'edit'; message: ChatMessage };

/** Above the box while replying or editing: what to, and a way out (the button, or Escape in the box). */
export function ComposerTarget({ target, onCancel }: { target: ComposeTarget; onCancel: () => void }) {
  const { message } = target;
  const what =
    target.kind === 'edit'
      ? t('chat.target.editing')
      : message.own
        ? t('chat.target.replyingToSelf')
        : t('chat.target.replyingTo', { name: message.sender });
  return (
    <div className={`composer-target ${target.kind}`}>
      <Icon name={target.kind === 'edit' ? 'pencil' : 'reply'} size={16} />
      <span className="composer-target-text">
        <strong>{what}</strong>
        <span className="muted">{plainText(message.text)}</span>
      </span>
      <button
        type="button"
        className="icon-button subtle small"
        aria-label={target.kind === 'edit' ? t('chat.target.cancelEdit') : t('chat.target.cancelReply')}
        title={t('chat.target.cancelHint')}
        onClick={onCancel}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}

import type { ReplyPreview } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { plainText } from '../markdown/parse';
import { useRowContext } from './row-context';

/** The message a reply answers, as a button that jumps to it; still says whose it was once deleted. */
export function ReplyQuote({ reply }: { reply: ReplyPreview }) {
  const { jumpTo } = useRowContext();
  const said = reply.deleted ? t('chat.reply.deleted') : plainText(reply.text);
  return (
    <button
      type="button"
      className={reply.deleted ? 'reply-quote deleted' : 'reply-quote'}
      aria-label={t('chat.reply.label', { name: reply.sender, said })}
      onClick={() => jumpTo(reply.id)}
    >
      <span className="reply-sender">{reply.sender}</span>
      <span className="reply-text">{said}</span>
    </button>
  );
}

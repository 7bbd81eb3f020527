import type { ReplyPreview } from '../../src-shared/ipc';
import { plainText } from '../markdown/parse';
import { useRowContext } from './row-context';

/** The message a reply answers, as a button that jumps to it; still says whose it was once deleted. */
export function ReplyQuote({ reply }: { reply: ReplyPreview }) {
  const { jumpTo } = useRowContext();
  const said = reply.deleted ? 'Original message deleted' : plainText(reply.text);
  return (
    <button
      type="button"
      className={reply.deleted ? 'reply-quote deleted' : 'reply-quote'}
      aria-label={`Replying to ${reply.sender}: ${said}. Show the original`}
      onClick={() => jumpTo(reply.id)}
    >
      <span className="reply-sender">{reply.sender}</span>
      <span className="reply-text">{said}</span>
    </button>
  );
}

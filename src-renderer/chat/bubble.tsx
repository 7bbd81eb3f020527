import type { ChatMessage } from '../../src-shared/ipc';
import { formatClock } from '../format/day';
import { formatTimestampLong } from '../format/time';
import { MessageBody } from '../markdown/render';
import { GuestBadge } from '../rooms/guest-badge';
import { Icon } from '../ui/icons';
import { DeleteMessage } from './delete-message';
import { useRowContext } from './row-context';

export function Stamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatTimestampLong(iso)}>
      {formatClock(iso)}
    </time>
  );
}

interface Props {
  message: ChatMessage;
  /** It continues the sender's previous message: no name, and the time beside the bubble, not in it. */
  continued: boolean;
}

function rowClass(message: ChatMessage, continued: boolean): string {
  const flags = [
    message.own ? 'own' : 'other',
    message.pending && 'pending',
    message.failed && 'failed',
    message.deleted && 'deleted',
    continued && 'continued',
  ];
  return ['bubble-row', ...flags.filter(Boolean)].join(' ');
}

function Meta({ message, continued }: Props) {
  const guest = message.guest === true;
  const deletable = useRowContext().canDelete(message);
  return (
    <header className={continued ? 'bubble-meta side' : 'bubble-meta'}>
      {!continued && <span className="sender">{message.sender}</span>}
      {guest && !continued && <GuestBadge />}
      <Stamp iso={message.timestamp} />
      {message.pending && (
        <span className="sending">
          <Icon name="clock" size={13} />
          Sending
        </span>
      )}
      {deletable && !message.deleted && message.id !== null && (
        <DeleteMessage id={message.id} own={message.own} />
      )}
    </header>
  );
}

export function Bubble(props: Props) {
  const { message, continued } = props;
  // The room says whether the sender is a guest (their name gets a badge).
  const guest = message.guest === true;
  const who = message.own ? 'You' : message.sender;
  const state = message.deleted
    ? ', deleted'
    : `${message.pending ? ', sending' : ''}${message.failed ? ', not delivered' : ''}`;
  return (
    <article
      className={rowClass(message, continued)}
      aria-label={`${who}${guest ? ' (guest)' : ''}${state}`}
      data-cid={message.cid ?? undefined}
      data-id={message.id ?? undefined}
    >
      <div className="bubble">
        {!continued && <Meta {...props} />}
        {message.deleted ? (
          <p className="bubble-text tombstone">message deleted</p>
        ) : (
          <MessageBody text={message.text} />
        )}
        {message.failed && (
          <p className="not-delivered" role="alert">
            <Icon name="warning" size={13} />
            Not delivered: {message.failed}
          </p>
        )}
      </div>
      {continued && <Meta {...props} />}
    </article>
  );
}

import type { ChatMessage } from '../../src-shared/ipc';
import { FileAttachment } from '../files/file-attachment';
import { formatClock } from '../format/day';
import { formatTimestampLong } from '../format/time';
import { intl, t } from '../i18n/intl';
import { MessageBody } from '../markdown/render';
import { GuestBadge } from '../rooms/guest-badge';
import { Icon } from '../ui/icons';
import { MessageActions } from './message-actions';
import { Reactions } from './reactions';
import { ReplyQuote } from './reply-quote';
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
    message.mentionsMe && !message.deleted && 'mentions-me',
    continued && 'continued',
  ];
  return ['bubble-row', ...flags.filter(Boolean)].join(' ');
}

/** What a screen reader says first: who, and what is special about the message. */
function rowLabel(message: ChatMessage): string {
  const sender = message.own ? t('chat.bubble.you') : message.sender;
  const who = message.guest && !message.own ? t('chat.bubble.guestName', { name: sender }) : sender;
  const facts = message.deleted
    ? [t('chat.bubble.deleted')]
    : [
        message.replyTo && t('chat.bubble.replyingTo', { name: message.replyTo.sender }),
        message.mentionsMe && t('chat.bubble.mentionsYou'),
        message.file && t('chat.bubble.sharedFile', { name: message.file.name }),
        message.edited && t('chat.bubble.edited'),
        message.pending && t('chat.bubble.sending'),
        message.failed && t('chat.bubble.notDelivered'),
      ];
  // A list of facts, not a sentence: the locale's own separator ("You, edited, sending").
  return intl.formatList([who, ...facts.filter((fact) => typeof fact === 'string')], { type: 'unit' });
}

function Meta({ message, continued }: Props) {
  return (
    <header className={continued ? 'bubble-meta side' : 'bubble-meta'}>
      {!continued && <span className="sender">{message.sender}</span>}
      {message.guest && !continued && <GuestBadge />}
      <Stamp iso={message.timestamp} />
      {message.edited && !message.deleted && (
        <span
          className="edited"
          title={t('chat.bubble.editedAt', { time: formatTimestampLong(message.edited) })}
        >
          {t('chat.bubble.edited')}
        </span>
      )}
      {message.pending && (
        <span className="sending">
          <Icon name="clock" size={13} />
          {t('chat.bubble.sendingShown')}
        </span>
      )}
      <MessageActions message={message} />
    </header>
  );
}

export function Bubble(props: Props) {
  const { message, continued } = props;
  const { self, canPost } = useRowContext();
  return (
    <article
      className={rowClass(message, continued)}
      aria-label={rowLabel(message)}
      data-cid={message.cid ?? undefined}
      data-id={message.id ?? undefined}
      // A reply's quote brings focus here.
      tabIndex={-1}
    >
      <div className="bubble">
        {!continued && <Meta {...props} />}
        {message.replyTo && !message.deleted && <ReplyQuote reply={message.replyTo} />}
        {message.deleted ? (
          <p className="bubble-text tombstone">{t('chat.bubble.tombstone')}</p>
        ) : message.file ? (
          <FileAttachment message={message} file={message.file} />
        ) : (
          <MessageBody text={message.text} mentioned={message.mentionsMe ? self : undefined} />
        )}
        {!message.deleted && <Reactions message={message} self={self} enabled={canPost} />}
        {message.failed && (
          <p className="not-delivered" role="alert">
            <Icon name="warning" size={13} />
            {t('chat.bubble.notDeliveredWhy', { reason: message.failed })}
          </p>
        )}
      </div>
      {continued && <Meta {...props} />}
    </article>
  );
}

import { memo } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';
import { crowdText } from '../conversations/crowd';
import type { TimelineItem } from '../conversations/timeline';
import { splitLinks } from '../format/links';
import { formatTimestamp, formatTimestampLong } from '../format/time';
import { GuestBadge } from '../rooms/guest-badge';
import { Icon } from '../ui/icons';
import { DeleteMessage } from './delete-message';

function Stamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatTimestampLong(iso)}>
      {formatTimestamp(iso)}
    </time>
  );
}

/**
 * Message text as React text children (escaped, so markup is shown and never run); web links become
 * links that open in the user's browser through the main process, never inside the app.
 */
function MessageText({ text }: { text: string }) {
  return splitLinks(text).map((part, index) =>
    part.kind === 'text' ? (
      part.text
    ) : (
      <a
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text never reorder
        key={index}
        href={part.url}
        rel="noreferrer noopener"
        onClick={(event) => {
          event.preventDefault();
          void window.hearth.openExternal(part.url);
        }}
      >
        {part.text}
      </a>
    ),
  );
}

/** `deletable`: this user may delete it; `guest`: its sender is a guest. */
function Bubble({ message, deletable, guest }: { message: ChatMessage; deletable: boolean; guest: boolean }) {
  const side = message.own ? 'own' : 'other';
  const who = message.own ? 'You' : message.sender;
  const state = message.deleted
    ? ', deleted'
    : `${message.pending ? ', sending' : ''}${message.failed ? ', not delivered' : ''}`;
  return (
    <article
      className={`bubble-row ${side}${message.pending ? ' pending' : ''}${message.failed ? ' failed' : ''}${message.deleted ? ' deleted' : ''}`}
      aria-label={`${who}${guest ? ' (guest)' : ''}${state}`}
      data-cid={message.cid ?? undefined}
      data-id={message.id ?? undefined}
    >
      <div className="bubble">
        <header className="bubble-meta">
          <span className="sender">{message.sender}</span>
          {guest && <GuestBadge />}
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
        {message.deleted ? (
          <p className="bubble-text tombstone">message deleted</p>
        ) : (
          <p className="bubble-text">
            <MessageText text={message.text} />
          </p>
        )}
        {message.failed && (
          <p className="not-delivered" role="alert">
            <Icon name="warning" size={13} />
            Not delivered: {message.failed}
          </p>
        )}
      </div>
    </article>
  );
}

function SystemLine({ kind, text, timestamp }: { kind: string; text: string; timestamp: string }) {
  return (
    <p className={`system-line ${kind}`}>
      <span>{text}</span>
      <Stamp iso={timestamp} />
    </p>
  );
}

export const TimelineRow = memo(function TimelineRow({
  item,
  deletable = false,
  guest = false,
}: {
  item: TimelineItem;
  deletable?: boolean;
  guest?: boolean;
}) {
  switch (item.kind) {
    case 'message':
      // Notices the room stores ("ana removed bob") read as the room speaking, not as someone's bubble.
      return item.message.notice ? (
        <SystemLine
          kind={`room-${item.message.notice}`}
          text={item.message.text}
          timestamp={item.message.timestamp}
        />
      ) : (
        <Bubble message={item.message} deletable={deletable} guest={guest} />
      );
    case 'notice':
      return <SystemLine kind={item.notice.kind} text={item.notice.text} timestamp={item.notice.timestamp} />;
    case 'crowd':
      return <SystemLine kind="crowd" text={crowdText(item.crowd)} timestamp={item.crowd.timestamp} />;
  }
});

import { memo } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';
import { crowdText } from '../conversations/crowd';
import type { TimelineItem } from '../conversations/timeline';
import { splitLinks } from '../format/links';
import { formatTimestamp, formatTimestampLong } from '../format/time';
import { Icon } from '../ui/icons';

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

function Bubble({ message }: { message: ChatMessage }) {
  const side = message.own ? 'own' : 'other';
  return (
    <article
      className={`bubble-row ${side}${message.pending ? ' pending' : ''}${message.failed ? ' failed' : ''}`}
      aria-label={`${message.own ? 'You' : message.sender}${message.pending ? ', sending' : ''}${message.failed ? ', not delivered' : ''}`}
      data-cid={message.cid ?? undefined}
      data-id={message.id ?? undefined}
    >
      <div className="bubble">
        <header className="bubble-meta">
          <span className="sender">{message.sender}</span>
          <Stamp iso={message.timestamp} />
          {message.pending && (
            <span className="sending">
              <Icon name="clock" size={13} />
              Sending
            </span>
          )}
        </header>
        <p className="bubble-text">
          <MessageText text={message.text} />
        </p>
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

export const TimelineRow = memo(function TimelineRow({ item }: { item: TimelineItem }) {
  switch (item.kind) {
    case 'message':
      return <Bubble message={item.message} />;
    case 'notice':
      return <SystemLine kind={item.notice.kind} text={item.notice.text} timestamp={item.notice.timestamp} />;
    case 'crowd':
      return <SystemLine kind="crowd" text={crowdText(item.crowd)} timestamp={item.crowd.timestamp} />;
  }
});

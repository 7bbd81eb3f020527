import { memo } from 'react';
import type { ChatMessage, SystemNotice } from '../../src-shared/ipc';
import type { TimelineItem } from '../conversations/timeline';
import { formatTimestamp, formatTimestampLong } from '../format/time';
import { Icon } from '../ui/icons';

function Stamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatTimestampLong(iso)}>
      {formatTimestamp(iso)}
    </time>
  );
}

function Bubble({ message }: { message: ChatMessage }) {
  const side = message.own ? 'own' : 'other';
  return (
    <article
      className={`bubble-row ${side}${message.pending ? ' pending' : ''}`}
      aria-label={`${message.own ? 'You' : message.sender}${message.pending ? ', sending' : ''}`}
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
        {/* Plain text child: React escapes it, so markup in a message is shown, never run. */}
        <p className="bubble-text">{message.text}</p>
      </div>
    </article>
  );
}

function Notice({ notice }: { notice: SystemNotice }) {
  return (
    <p className={`system-line ${notice.kind}`}>
      <span>{notice.text}</span>
      <Stamp iso={notice.timestamp} />
    </p>
  );
}

export const TimelineRow = memo(function TimelineRow({ item }: { item: TimelineItem }) {
  return item.kind === 'message' ? <Bubble message={item.message} /> : <Notice notice={item.notice} />;
});

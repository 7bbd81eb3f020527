import { memo } from 'react';
import { crowdText } from '../conversations/crowd';
import type { TimelineItem } from '../conversations/timeline';
import { Bubble, Stamp } from './bubble';

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
  continued = false,
}: {
  item: TimelineItem;
  /** Continues the sender's previous message: shown without its own header. */
  continued?: boolean;
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
        <Bubble message={item.message} continued={continued} />
      );
    case 'notice':
      return <SystemLine kind={item.notice.kind} text={item.notice.text} timestamp={item.notice.timestamp} />;
    case 'crowd':
      return <SystemLine kind="crowd" text={crowdText(item.crowd)} timestamp={item.crowd.timestamp} />;
  }
});

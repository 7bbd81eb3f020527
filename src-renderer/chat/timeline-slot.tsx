import type { RowPlace } from '../conversations/rows';
import { itemTimestamp } from '../conversations/rows';
import type { TimelineItem } from '../conversations/timeline';
import { dayLabel } from '../format/day';
import { t } from '../i18n/intl';
import { TimelineRow } from './timeline-row';

interface Props {
  index: number;
  measure: (el: HTMLDivElement | null) => void;
  item: TimelineItem;
  place: RowPlace;
  /** The "new since you were away" line goes above this row. */
  awayLine: boolean;
}

/**
 * One virtualised row: the day separator and the "new" line travel with the row below them, so the
 * virtualiser measures them together and never has to know they exist.
 */
export function TimelineSlot({ index, measure, item, place, awayLine }: Props) {
  const kind = item.kind === 'message' && !item.message.notice ? 'message-slot' : 'message-slot notice';
  return (
    <div data-index={index} ref={measure} className={place.continued ? `${kind} continued` : kind}>
      {place.dayStart && (
        <h2 className="day-separator">
          <span>{dayLabel(itemTimestamp(item))}</span>
        </h2>
      )}
      {awayLine && (
        <p className="away-line">
          <span>{t('chat.timeline.awayLine')}</span>
        </p>
      )}
      <TimelineRow item={item} continued={place.continued} />
    </div>
  );
}

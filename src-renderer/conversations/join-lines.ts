// "Show when people join and leave" off (Settings): the timeline keeps its join/leave lines, and they are
// left out only when shown, so switching it back on brings them back at once.
import type { Timeline } from './timeline';

export function withoutJoinLines(timeline: Timeline): Timeline {
  const items = timeline.items.filter((item) => item.kind !== 'crowd');
  return items.length === timeline.items.length ? timeline : { ...timeline, items };
}

// What one conversation shows, oldest first: messages (acked or pending) and system notices. Pure functions
// over immutable values so React can compare by reference and the rules can be tested without a DOM.
import type { ChatMessage, HistoryPage, SystemNotice } from '../../src-shared/ipc';
import { addToCrowd, type Crowd, isEmptyCrowd, joinsBurst, startCrowd } from './crowd';

export type TimelineItem =
  | { kind: 'message'; key: string; message: ChatMessage }
  | { kind: 'notice'; key: string; notice: SystemNotice }
  | { kind: 'crowd'; key: string; crowd: Crowd };

export interface Timeline {
  items: readonly TimelineItem[];
  /** The first page has arrived. */
  loaded: boolean;
  /** Older messages remain on the server. */
  more: boolean;
}

export const EMPTY_TIMELINE: Timeline = { items: [], loaded: false, more: true };

/** A pending send and its acked version share a key, so the bubble keeps its place in the list. */
function messageKey(message: ChatMessage): string {
  return message.own && message.cid ? `c:${message.cid}` : `m:${message.id}`;
}

function messageItem(message: ChatMessage): TimelineItem {
  return { kind: 'message', key: messageKey(message), message };
}

/** Acked messages are ordered by server id; pending ones stay after every acked one. */
function insertionIndex(items: readonly TimelineItem[], id: number): number {
  let at = items.length;
  while (at > 0) {
    const prev = items[at - 1];
    if (prev?.kind !== 'message') break;
    if (!prev.message.pending && prev.message.id !== null && prev.message.id < id) break;
    at--;
  }
  return at;
}

function hasId(items: readonly TimelineItem[], id: number): boolean {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind !== 'message' || item.message.id === null) continue;
    if (item.message.id === id) return true;
    if (item.message.id < id) return false;
  }
  return false;
}

function indexOfKey(items: readonly TimelineItem[], key: string): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]?.key === key) return i;
  return -1;
}

export function addMessage(timeline: Timeline, message: ChatMessage): Timeline {
  const item = messageItem(message);
  const rest = [...timeline.items];
  const previous = message.own && message.cid ? indexOfKey(rest, item.key) : -1;
  if (previous >= 0) rest.splice(previous, 1);
  if (message.id === null) {
    rest.push(item);
  } else {
    if (hasId(rest, message.id)) return timeline;
    rest.splice(insertionIndex(rest, message.id), 0, item);
  }
  return { ...timeline, items: rest };
}

export function addNotice(timeline: Timeline, notice: SystemNotice, seq: number): Timeline {
  if ((notice.kind === 'join' || notice.kind === 'leave') && notice.user) {
    return addArrival(timeline, notice.kind, notice.user, notice.timestamp, seq);
  }
  return { ...timeline, items: [...timeline.items, { kind: 'notice', key: `n:${seq}`, notice }] };
}

/** A join or leave joins the burst on the last line, if the last line is one; a burst that nets to nothing goes. */
function addArrival(
  timeline: Timeline,
  kind: 'join' | 'leave',
  user: string,
  at: string,
  seq: number,
): Timeline {
  const last = timeline.items.at(-1);
  if (last?.kind !== 'crowd' || !joinsBurst(last.crowd, at)) {
    const item: TimelineItem = { kind: 'crowd', key: `n:${seq}`, crowd: startCrowd(kind, user, at) };
    return { ...timeline, items: [...timeline.items, item] };
  }
  const crowd = addToCrowd(last.crowd, kind, user, at);
  const rest = timeline.items.slice(0, -1);
  return { ...timeline, items: isEmptyCrowd(crowd) ? rest : [...rest, { ...last, crowd }] };
}

/** Merge a page of history: usually older than everything shown, but it may overlap live arrivals. */
export function addHistory(timeline: Timeline, page: HistoryPage): Timeline {
  const known = new Set<number>();
  for (const item of timeline.items) {
    if (item.kind === 'message' && item.message.id !== null) known.add(item.message.id);
  }
  const fresh = page.messages
    .filter((m) => m.id !== null && !known.has(m.id))
    .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const oldest = oldestId(timeline);
  // Everything shown so far (live arrivals, pending sends, notices) is newer than a first page.
  const older = oldest === null ? fresh : fresh.filter((m) => (m.id ?? 0) < oldest);
  const interleaved = oldest === null ? [] : fresh.filter((m) => (m.id ?? 0) > oldest);
  let merged: Timeline = {
    items: [...older.map(messageItem), ...timeline.items],
    loaded: true,
    more: page.more,
  };
  for (const message of interleaved) merged = addMessage(merged, message);
  return merged;
}

export function oldestId(timeline: Timeline): number | null {
  for (const item of timeline.items) {
    if (item.kind === 'message' && item.message.id !== null) return item.message.id;
  }
  return null;
}

/** A deleted message keeps its place as a tombstone; its text is gone. */
export function markDeleted(timeline: Timeline, id: number): Timeline {
  const at = timeline.items.findIndex((item) => item.kind === 'message' && item.message.id === id);
  const item = timeline.items[at];
  if (item?.kind !== 'message' || item.message.deleted) return timeline;
  const items = [...timeline.items];
  items[at] = { ...item, message: { ...item.message, deleted: true, text: '' } };
  return { ...timeline, items };
}

/** An edit, a deletion, a reaction or a changed quote: the message as it is now takes the old one's place. */
export function replaceMessage(timeline: Timeline, message: ChatMessage): Timeline {
  if (message.id === null) return timeline;
  const at = timeline.items.findIndex((item) => item.kind === 'message' && item.message.id === message.id);
  const item = timeline.items[at];
  if (item?.kind !== 'message') return timeline;
  const items = [...timeline.items];
  items[at] = { ...item, message };
  return { ...timeline, items };
}

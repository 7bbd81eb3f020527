import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { ChatMessage, ConversationId, HistoryPage, SystemNotice } from '../../src-shared/ipc';
import { assertNever, fail } from '../../src-shared/result';
import { useHearthEvent } from '../hooks/use-hearth-event';
import {
  addHistory,
  addMessage,
  addNotice,
  EMPTY_TIMELINE,
  markDeleted,
  oldestId,
  replaceMessage,
  type Timeline,
} from './timeline';

const FIRST_PAGE = 50;
const OLDER_PAGE = 200;

interface Request {
  loading: boolean;
  error: string | null;
}

interface State {
  timelines: Readonly<Record<ConversationId, Timeline>>;
  requests: Readonly<Record<ConversationId, Request>>;
}

const INITIAL: State = { timelines: {}, requests: {} };

type Action =
  | { type: 'reset' }
  | { type: 'message'; message: ChatMessage }
  | { type: 'notice'; notice: SystemNotice; seq: number }
  | { type: 'history'; page: HistoryPage }
  | { type: 'deleted'; conversation: ConversationId; id: number }
  | { type: 'changed'; message: ChatMessage }
  | { type: 'request'; conversation: ConversationId; request: Request };

function update(state: State, id: ConversationId, change: (t: Timeline) => Timeline): State {
  return { ...state, timelines: { ...state.timelines, [id]: change(state.timelines[id] ?? EMPTY_TIMELINE) } };
}

function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'reset':
      return INITIAL;
    case 'message':
      return update(state, action.message.conversation, (t) => addMessage(t, action.message));
    case 'notice':
      return update(state, action.notice.conversation, (t) => addNotice(t, action.notice, action.seq));
    case 'history':
      return update(state, action.page.conversation, (t) => addHistory(t, action.page));
    case 'deleted':
      return update(state, action.conversation, (t) => markDeleted(t, action.id));
    case 'changed':
      return update(state, action.message.conversation, (t) => replaceMessage(t, action.message));
    case 'request':
      return { ...state, requests: { ...state.requests, [action.conversation]: action.request } };
    default:
      return assertNever(action, 'timeline action');
  }
}

export interface TimelineStore {
  timeline(conversation: ConversationId): Timeline;
  /** Fetch the latest page the first time a conversation is opened. */
  ensureLoaded(conversation: ConversationId): void;
  /** Fetch the page before the oldest message shown. */
  loadOlder(conversation: ConversationId): void;
  loading(conversation: ConversationId): boolean;
  error(conversation: ConversationId): string | null;
  /** A line the app itself adds to a conversation ("ana removed you from Book club"). */
  note(notice: SystemNotice): void;
  /** The timestamp of the newest message of every conversation that has one on screen. */
  lastActivity: Readonly<Record<ConversationId, string>>;
}

function newestTimestamps(timelines: State['timelines']): Record<ConversationId, string> {
  const found: Record<ConversationId, string> = {};
  for (const [id, timeline] of Object.entries(timelines)) {
    for (let i = timeline.items.length - 1; i >= 0; i--) {
      const item = timeline.items[i];
      if (item?.kind === 'message') {
        found[id] = item.message.timestamp;
        break;
      }
    }
  }
  return found;
}

/**
 * Every conversation's timeline, fed by `message`/`notice` events and history pages. It lives for the whole
 * app because the service pushes a session's first messages right after the `session` event, before any
 * chat screen could mount; a new session starts from empty.
 */
export function useTimelines(): TimelineStore {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const inFlight = useRef(new Set<ConversationId>());
  const generation = useRef(0);
  const noticeSeq = useRef(0);
  const latest = useRef(state);
  latest.current = state;

  // A new session starts from empty; the end of one keeps what was shown (it may stay on screen behind a
  // warning until the person decides).
  useHearthEvent('session', (session) => {
    if (!session) return;
    generation.current++;
    inFlight.current.clear();
    dispatch({ type: 'reset' });
  });
  useHearthEvent('message', (message) => dispatch({ type: 'message', message }));
  useHearthEvent('notice', (notice) => dispatch({ type: 'notice', notice, seq: noticeSeq.current++ }));
  useHearthEvent('messageDeleted', ({ conversation, id }) => dispatch({ type: 'deleted', conversation, id }));
  useHearthEvent('messageChanged', (message) => dispatch({ type: 'changed', message }));
  const note = useCallback(
    (notice: SystemNotice) => dispatch({ type: 'notice', notice, seq: noticeSeq.current++ }),
    [],
  );

  const fetchPage = useCallback(async (conversation: ConversationId, before: number | undefined) => {
    if (inFlight.current.has(conversation)) return;
    const started = generation.current;
    inFlight.current.add(conversation);
    dispatch({ type: 'request', conversation, request: { loading: true, error: null } });
    const result = await window.hearth
      .loadHistory({ conversation, before, limit: before === undefined ? FIRST_PAGE : OLDER_PAGE })
      .catch((e: unknown) => fail('internal', e instanceof Error ? e.message : String(e)));
    // A page asked for by the previous session must not leak into this one.
    if (generation.current !== started) return;
    inFlight.current.delete(conversation);
    if (result.ok) dispatch({ type: 'history', page: result.value });
    dispatch({
      type: 'request',
      conversation,
      request: { loading: false, error: result.ok ? null : result.error },
    });
  }, []);

  const ensureLoaded = useCallback(
    (conversation: ConversationId) => {
      if (!latest.current.timelines[conversation]?.loaded) void fetchPage(conversation, undefined);
    },
    [fetchPage],
  );

  const loadOlder = useCallback(
    (conversation: ConversationId) => {
      const timeline = latest.current.timelines[conversation] ?? EMPTY_TIMELINE;
      if (timeline.more) void fetchPage(conversation, oldestId(timeline) ?? undefined);
    },
    [fetchPage],
  );

  const lastActivity = useMemo(() => newestTimestamps(state.timelines), [state.timelines]);

  return {
    lastActivity,
    timeline: (conversation) => state.timelines[conversation] ?? EMPTY_TIMELINE,
    ensureLoaded,
    loadOlder,
    loading: (conversation) => state.requests[conversation]?.loading ?? false,
    error: (conversation) => state.requests[conversation]?.error ?? null,
    note,
  };
}

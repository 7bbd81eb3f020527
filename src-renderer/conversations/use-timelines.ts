import { useCallback, useReducer, useRef } from 'react';
import type { ChatMessage, ConversationId, HistoryPage, SystemNotice } from '../../src-shared/ipc';
import { useHearthEvent } from '../hooks/use-hearth-event';
import { addHistory, addMessage, addNotice, EMPTY_TIMELINE, oldestId, type Timeline } from './timeline';

const FIRST_PAGE = 50;
const OLDER_PAGE = 200;

type Timelines = Readonly<Record<ConversationId, Timeline>>;

type Action =
  | { type: 'message'; message: ChatMessage }
  | { type: 'notice'; notice: SystemNotice; seq: number }
  | { type: 'history'; page: HistoryPage };

function reduce(state: Timelines, action: Action): Timelines {
  switch (action.type) {
    case 'message': {
      const id = action.message.conversation;
      return { ...state, [id]: addMessage(state[id] ?? EMPTY_TIMELINE, action.message) };
    }
    case 'notice': {
      const id = action.notice.conversation;
      return { ...state, [id]: addNotice(state[id] ?? EMPTY_TIMELINE, action.notice, action.seq) };
    }
    case 'history': {
      const id = action.page.conversation;
      return { ...state, [id]: addHistory(state[id] ?? EMPTY_TIMELINE, action.page) };
    }
  }
}

export interface TimelineStore {
  timeline(conversation: ConversationId): Timeline;
  /** Fetch the latest page the first time a conversation is opened. */
  ensureLoaded(conversation: ConversationId): void;
  /** Fetch the page before the oldest message shown. Resolves when it has been merged (or failed). */
  loadOlder(conversation: ConversationId): Promise<void>;
  loading(conversation: ConversationId): boolean;
  error(conversation: ConversationId): string | null;
}

/** Every conversation's timeline for the logged-in session, fed by `message`/`notice` events and history. */
export function useTimelines(): TimelineStore {
  const [timelines, dispatch] = useReducer(reduce, {});
  const [requests, setRequests] = useReducer(
    (s: Readonly<Record<ConversationId, { loading: boolean; error: string | null }>>, next: typeof s) => ({
      ...s,
      ...next,
    }),
    {},
  );
  const inFlight = useRef(new Set<ConversationId>());
  const noticeSeq = useRef(0);
  const latest = useRef(timelines);
  latest.current = timelines;

  useHearthEvent('message', (message) => dispatch({ type: 'message', message }));
  useHearthEvent('notice', (notice) => dispatch({ type: 'notice', notice, seq: noticeSeq.current++ }));

  const fetchPage = useCallback(async (conversation: ConversationId, before: number | undefined) => {
    if (inFlight.current.has(conversation)) return;
    inFlight.current.add(conversation);
    setRequests({ [conversation]: { loading: true, error: null } });
    const result = await window.hearth
      .loadHistory({ conversation, before, limit: before === undefined ? FIRST_PAGE : OLDER_PAGE })
      .catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
    inFlight.current.delete(conversation);
    if (result.ok) dispatch({ type: 'history', page: result.value });
    setRequests({ [conversation]: { loading: false, error: result.ok ? null : result.error } });
  }, []);

  const ensureLoaded = useCallback(
    (conversation: ConversationId) => {
      if (!latest.current[conversation]?.loaded) void fetchPage(conversation, undefined);
    },
    [fetchPage],
  );

  const loadOlder = useCallback(
    (conversation: ConversationId) => {
      const timeline = latest.current[conversation] ?? EMPTY_TIMELINE;
      if (!timeline.more) return Promise.resolve();
      return fetchPage(conversation, oldestId(timeline) ?? undefined);
    },
    [fetchPage],
  );

  return {
    timeline: (conversation) => timelines[conversation] ?? EMPTY_TIMELINE,
    ensureLoaded,
    loadOlder,
    loading: (conversation) => requests[conversation]?.loading ?? false,
    error: (conversation) => requests[conversation]?.error ?? null,
  };
}

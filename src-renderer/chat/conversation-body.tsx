import { useMemo, useState } from 'react';
import type {
  ChatMessage,
  ConnectionStatus,
  ConversationId,
  RoomSummary,
  Session,
} from '../../src-shared/ipc';
import { withoutBlocked } from '../conversations/blocked';
import { withoutJoinLines } from '../conversations/join-lines';
import type { Timeline } from '../conversations/timeline';
import type { TimelineStore } from '../conversations/use-timelines';
import { useConversationFiles } from '../files/conversation-files';
import { ViewerContextProvider } from '../files/viewer-context';
import { t } from '../i18n/intl';
import { canDelete } from '../rooms/permissions';
import { PostingClosed, usePostingBlock } from '../rooms/posting-gate';
import { ArrivalsAnnouncer } from './arrivals-announcer';
import { Composer } from './composer';
import type { ComposeTarget } from './composer-target';
import { useMentionNames } from './mention-names';
import { MessageList } from './message-list';
import { useReactionPicker } from './reaction-picker';
import { ReconnectBanner } from './reconnect-banner';
import { type RowContext, RowContextProvider } from './row-context';
import { TypingLine } from './typing-line';

interface Props {
  active: ConversationId;
  title: string;
  /** The open room's summary; absent for a direct conversation. */
  room: RoomSummary | undefined;
  session: Session;
  connection: ConnectionStatus;
  timelines: TimelineStore;
  blocked: readonly string[];
  /** Settings: show "bob joined" / "bob left" lines. */
  showJoins: boolean;
  /** Unread messages in the open conversation (read when it opens, for the "new since you were away" line). */
  unread: number;
}

/** Under the header: the reconnect banner, the messages, and the composer (or why posting is closed). */
export function ConversationBody(props: Props) {
  const { active, title, room, session, connection, timelines, blocked, showJoins, unread } = props;
  const [followSignal, setFollowSignal] = useState(0);
  const closed = usePostingBlock(room);
  const timeline = timelines.timeline(active);
  const shown = useMemo(() => {
    const visible = withoutBlocked(timeline, active, blocked);
    return showJoins ? visible : withoutJoinLines(visible);
  }, [timeline, active, blocked, showJoins]);
  // A reply or an edit belongs to the conversation it was started in.
  const [started, setTarget] = useState<ComposeTarget | null>(null);
  const target = started?.message.conversation === active ? started : null;
  const names = useMentionNames(active, room, session.username);
  const { react, picker } = useReactionPicker();
  const replyTo = target?.kind === 'reply' ? (target.message.id ?? undefined) : undefined;
  const files = useConversationFiles(active, title, shown, { allowed: !closed && !session.guest, replyTo });
  const rows = useMemo<RowContext>(
    () => ({
      self: session.username,
      canDelete: (message) => !session.guest && canDelete(message.own, room),
      canPost: !closed,
      reply: (message) => setTarget({ kind: 'reply', message }),
      edit: (message) => setTarget({ kind: 'edit', message }),
      react,
      jumpTo: () => undefined,
    }),
    [session.guest, session.username, room, closed, react],
  );
  return (
    <RowContextProvider value={rows}>
      <ViewerContextProvider value={files.viewer}>
        <ReconnectBanner connection={connection} />
        <MessageList
          key={`messages:${active}`}
          title={title}
          {...openingLines(active, title)}
          timeline={shown}
          loading={timelines.loading(active)}
          error={timelines.error(active)}
          onLoadOlder={() => timelines.loadOlder(active)}
          followSignal={followSignal}
          unreadAtOpen={unread}
        />
        <ArrivalsAnnouncer key={`arrivals:${active}`} timeline={shown} />
        {picker}
        <TypingLine conversation={active} timeline={shown} />
        {files.panel}
        {closed ? (
          <PostingClosed reason={closed} />
        ) : (
          <Composer
            key={`composer:${active}`}
            owner={session.username}
            conversation={active}
            title={title}
            onSent={() => setFollowSignal((n) => n + 1)}
            target={target}
            setTarget={setTarget}
            lastOwn={() => lastOwnMessage(shown)}
            names={names}
            onFiles={files.send}
          />
        )}
      </ViewerContextProvider>
    </RowContextProvider>
  );
}

/** The newest message this user sent here that the room still has (the Up arrow edits it). */
function lastOwnMessage(timeline: Timeline): ChatMessage | undefined {
  for (let i = timeline.items.length - 1; i >= 0; i--) {
    const item = timeline.items[i];
    if (item?.kind !== 'message') continue;
    const { message } = item;
    if (message.own && message.id !== null && !message.deleted && !message.notice && !message.pending)
      return message;
  }
  return undefined;
}

/** What an empty or fully scrolled-back conversation says at its top. */
function openingLines(active: ConversationId, title: string) {
  return active.startsWith('@')
    ? {
        beginning: t('chat.opening.directBeginning', { title }),
        emptyHint: t('chat.opening.directHint', { title }),
      }
    : {
        beginning: t('chat.opening.roomBeginning'),
        emptyHint: t('chat.opening.roomHint'),
      };
}

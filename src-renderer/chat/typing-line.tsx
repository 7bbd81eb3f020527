// The line under the timeline: who is typing in the open conversation ("ana is typing…", by display name),
// and in a direct conversation "Seen" once the friend has read the user's last message. It keeps its height
// when empty, so the timeline does not jump as people start and stop typing.
import type { ConversationId } from '../../src-shared/ipc';
import type { Timeline } from '../conversations/timeline';
import { useShownNames } from '../hooks/use-profiles';
import { useSeen } from '../hooks/use-seen';
import { useTyping, useTypingSender } from '../hooks/use-typing';
import { t } from '../i18n/intl';
import { seenLast, typingText } from './typing-words';

const NOBODY: readonly string[] = [];

export function TypingLine({ conversation, timeline }: { conversation: ConversationId; timeline: Timeline }) {
  const typing = useTyping();
  const seen = useSeen();
  useTypingSender(conversation);
  const text = typingText(useShownNames(typing[conversation] ?? NOBODY));
  const showSeen = conversation.startsWith('@') && seenLast(timeline, seen[conversation]);
  return (
    <div className="typing-line">
      <span className="typing-text" role="status">
        {text}
      </span>
      {showSeen && <span className="seen-mark">{t('chat.typing.seen')}</span>}
    </div>
  );
}

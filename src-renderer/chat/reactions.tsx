import { useId, useState } from 'react';
import type { ChatMessage, ReactionSummary } from '../../src-shared/ipc';
import { noteEmojiUsed } from '../emoji/recent-emoji';
import { asSentence } from '../format/sentence';
import { intl, t } from '../i18n/intl';
import { reactedText } from './reacted-text';

/** Put this user's reaction on or take it off; says why the room refused. */
export async function toggleReaction(id: number, emoji: string, on: boolean): Promise<string | null> {
  const result = await window.hearth.react({ id, emoji, on });
  if (result.ok && on) noteEmojiUsed(emoji);
  return result.ok ? null : result.error;
}

function Chip({
  id,
  reaction,
  self,
  enabled,
  onError,
}: {
  id: number;
  reaction: ReactionSummary;
  self: string;
  enabled: boolean;
  onError: (error: string | null) => void;
}) {
  const tipId = useId();
  const who = reactedText(reaction, self);
  return (
    <span className="reaction">
      <button
        type="button"
        className={reaction.mine ? 'reaction-chip mine' : 'reaction-chip'}
        aria-pressed={reaction.mine}
        aria-label={t('chat.reactions.chip', { emoji: reaction.emoji, count: reaction.count })}
        aria-describedby={tipId}
        disabled={!enabled}
        onClick={async () => onError(await toggleReaction(id, reaction.emoji, !reaction.mine))}
      >
        <span className="reaction-emoji">{reaction.emoji}</span>
        <span className="reaction-count">{intl.formatNumber(reaction.count)}</span>
      </button>
      <span id={tipId} role="tooltip" className="reaction-who">
        {who}
      </span>
    </span>
  );
}

/** The reactions under a bubble: one chip per emoji, pressed when this user is one of them. */
export function Reactions({
  message,
  self,
  enabled,
}: {
  message: ChatMessage;
  self: string;
  enabled: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const reactions = message.reactions ?? [];
  if (message.id === null || (reactions.length === 0 && !error)) return null;
  const id = message.id;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset
    <div className="reactions" role="group" aria-label={t('chat.reactions.group')}>
      {reactions.map((reaction) => (
        <Chip
          key={reaction.emoji}
          id={id}
          reaction={reaction}
          self={self}
          enabled={enabled}
          onError={setError}
        />
      ))}
      {error && (
        <span className="bubble-error" role="alert">
          {asSentence(error)}
        </span>
      )}
    </div>
  );
}

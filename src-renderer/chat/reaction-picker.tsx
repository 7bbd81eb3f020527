import { type ReactNode, useCallback, useState } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';
import { EmojiPicker } from '../emoji/emoji-picker';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { toggleReaction } from './reactions';

/**
 * One emoji picker for the whole conversation, not one per bubble: a bubble can leave the virtualised list
 * while its picker is open (new messages push it out), and the picker must not close under the person.
 */
export function useReactionPicker(): { react: (message: ChatMessage) => void; picker: ReactNode } {
  const [message, setMessage] = useState<ChatMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = message?.id ?? null;
  // Stable, so the row context built on it does not change (and re-render every bubble) on each render.
  const react = useCallback((next: ChatMessage) => {
    setError(null);
    setMessage(next);
  }, []);
  const picker = (
    <>
      {id !== null && (
        <EmojiPicker
          onClose={() => setMessage(null)}
          onPick={async (emoji) => setError(await toggleReaction(id, emoji, true))}
        />
      )}
      {error && (
        <p className="reaction-error" role="alert">
          {t('chat.reactions.failed', { reason: asSentence(error) })}
        </p>
      )}
    </>
  );
  return { react, picker };
}

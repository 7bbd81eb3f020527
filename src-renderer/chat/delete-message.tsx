import { useEffect, useRef, useState } from 'react';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';

/**
 * Delete on a bubble: shown on hover or keyboard focus, asks once more, and says why if the room refused.
 * The bubble turns into a tombstone when the room's `deleted` push arrives.
 */
export function DeleteMessage({ id, own }: { id: number; own: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);

  async function remove() {
    const result = await window.hearth.deleteMessage(id);
    setConfirming(false);
    setError(result.ok ? null : result.error);
  }

  if (error) {
    return (
      <span className="bubble-error" role="alert">
        {asSentence(error)}
      </span>
    );
  }
  return confirming ? (
    <span className="confirm bubble-confirm">
      <button ref={yes} type="button" className="button small danger" onClick={remove}>
        {t('chat.delete.confirm')}
      </button>
      <button type="button" className="button small ghost" onClick={() => setConfirming(false)}>
        {t('chat.delete.keep')}
      </button>
    </span>
  ) : (
    <button
      type="button"
      className="icon-button subtle small reveal bubble-action"
      aria-label={own ? t('chat.delete.own') : t('chat.delete.other')}
      title={t('chat.delete.confirm')}
      onClick={() => setConfirming(true)}
    >
      <Icon name="trash" size={14} />
    </button>
  );
}

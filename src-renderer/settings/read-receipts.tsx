// The read receipts setting of the account: on, friends see "Seen" under what they sent once the user read
// it and the user sees theirs; off, neither side sees the other's. Kept by the room, so every device agrees.
import { useState } from 'react';
import { asSentence } from '../format/sentence';
import { useReceipts } from '../hooks/use-seen';
import { t } from '../i18n/intl';
import { Toggle } from './settings-controls';

export function ReadReceipts() {
  const kept = useReceipts();
  const [shown, setShown] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function change(on: boolean) {
    setShown(on);
    const saved = await window.hearth.setReceipts(on);
    setError(saved.ok ? null : saved.error);
    setShown(null);
  }

  const checked = shown ?? kept;
  return (
    <fieldset className="choice">
      <legend>{t('settings.privacy.legend')}</legend>
      {error && (
        <p className="field-error" role="alert">
          {asSentence(error)}
        </p>
      )}
      <Toggle
        label={t('settings.privacy.receipts')}
        hint={t('settings.privacy.receiptsHint')}
        checked={checked ?? true}
        onChange={(on) => void change(on)}
      />
    </fieldset>
  );
}

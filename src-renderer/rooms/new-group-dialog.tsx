import { type FormEvent, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { GROUP_MAX_PEOPLE, GROUP_MIN_PEOPLE } from '../../src-shared/limits';
import type { FriendEntry } from '../../src-shared/protocol';
import { naturalCompare } from '../format/natural-order';
import { t } from '../i18n/intl';
import { Avatar } from '../ui/avatar';
import { Dialog } from '../ui/dialog';
import { FormError } from '../ui/field';

const MIN = GROUP_MIN_PEOPLE - 1;
const MAX = GROUP_MAX_PEOPLE - 1;

interface Props {
  friends: readonly FriendEntry[];
  onClose: () => void;
  onCreated: (room: ConversationId) => void;
}

/** A group conversation: pick 2–9 friends; everyone is in it at once. */
export function NewGroupDialog({ friends, onClose, onCreated }: Props) {
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sorted = [...friends].sort((a, b) => naturalCompare(a.username, b.username));
  const ready = picked.length >= MIN && picked.length <= MAX;

  function toggle(name: string, on: boolean) {
    setPicked((now) => (on ? [...now, name] : now.filter((n) => n !== name)));
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    const result = await window.hearth.createGroup([...picked]);
    setBusy(false);
    if (result.ok) onCreated(result.value.id);
    else setError(result.error);
  }

  return (
    <Dialog title={t('chat.sidebar.newGroup')} onClose={onClose}>
      <form className="dialog-body stack" onSubmit={submit}>
        {sorted.length < MIN ? (
          <p className="muted">{t('rooms.group.tooFew', { min: MIN })}</p>
        ) : (
          <fieldset className="choice pick-friends">
            <legend>{t('rooms.group.pick', { min: MIN, max: MAX })}</legend>
            {sorted.map((f, index) => (
              <label key={f.username} className="check pick">
                <input
                  type="checkbox"
                  checked={picked.includes(f.username)}
                  disabled={!picked.includes(f.username) && picked.length >= MAX}
                  onChange={(e) => toggle(f.username, e.target.checked)}
                  data-autofocus={index === 0 ? true : undefined}
                />
                <Avatar name={f.username} size="small" />
                <span>{f.username}</span>
              </label>
            ))}
          </fieldset>
        )}
        <p className="muted" role="status">
          {t('rooms.group.picked', { count: picked.length, max: MAX })}
        </p>
        <FormError>{error}</FormError>
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('rooms.form.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={!ready}>
            {t('rooms.group.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

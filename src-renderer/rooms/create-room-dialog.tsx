import { type FormEvent, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { MAX_ROOM_NAME_CHARS, MAX_ROOM_TOPIC_CHARS } from '../../src-shared/limits';
import { t } from '../i18n/intl';
import { Dialog } from '../ui/dialog';
import { Field, FormError } from '../ui/field';
import { VisibilityChoice } from './visibility-choice';

interface Props {
  onClose: () => void;
  onCreated: (room: ConversationId) => void;
}

/** A new room: its name (1–64 characters, any script), a topic, and who can join it. */
export function CreateRoomDialog({ onClose, onCreated }: Props) {
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The button stays enabled while busy (a disabled button would drop the keyboard focus to the page).
    if (busy) return;
    if (!name.trim()) {
      setNameError(t('rooms.create.nameMissing'));
      return;
    }
    setBusy(true);
    const result = await window.hearth.createRoom({ name: name.trim(), topic: topic.trim(), visibility });
    setBusy(false);
    if (result.ok) onCreated(result.value.id);
    else setError(result.error);
  }

  return (
    <Dialog title={t('rooms.create.title')} onClose={onClose}>
      <form className="dialog-body stack" onSubmit={submit} noValidate>
        <Field
          label={t('rooms.form.name')}
          value={name}
          maxLength={MAX_ROOM_NAME_CHARS}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
          error={nameError}
          data-autofocus
        />
        <Field
          label={t('rooms.create.topic')}
          value={topic}
          maxLength={MAX_ROOM_TOPIC_CHARS}
          onChange={(e) => setTopic(e.target.value)}
          hint={t('rooms.create.topicHint')}
        />
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        <FormError>{error}</FormError>
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('rooms.form.cancel')}
          </button>
          <button type="submit" className="button primary" aria-disabled={busy || undefined}>
            {t('rooms.create.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

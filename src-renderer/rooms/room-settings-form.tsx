import { type FormEvent, useState } from 'react';
import type { HearthInvoke, RoomSummary } from '../../src-shared/ipc';
import { MAX_ROOM_NAME_CHARS, MAX_ROOM_TOPIC_CHARS } from '../../src-shared/limits';
import { Field, FormError } from '../ui/field';
import { VisibilityChoice } from './visibility-choice';

type Update = Parameters<HearthInvoke['updateRoom']>[0];

interface Props {
  room: RoomSummary;
  /** Owners also choose public or private and may archive. */
  owner: boolean;
}

/** What changed, as the fields of one room_update; null when nothing did. */
function changes(room: RoomSummary, draft: Omit<Update, 'room'>): Update | null {
  const update: Update = { room: room.id };
  if (draft.name !== undefined && draft.name.trim() !== room.name) update.name = draft.name.trim();
  if (draft.topic !== undefined && draft.topic.trim() !== room.topic) update.topic = draft.topic.trim();
  if (draft.readOnly !== room.readOnly) update.readOnly = draft.readOnly;
  if (draft.archived !== room.archived) update.archived = draft.archived;
  const visibility = room.kind === 'private' ? 'private' : 'public';
  if (draft.visibility !== undefined && draft.visibility !== visibility) update.visibility = draft.visibility;
  return Object.keys(update).length > 1 ? update : null;
}

/** Owners and moderators: rename, topic, read-only; owners: public/private and archive. */
export function RoomSettingsForm({ room, owner }: Props) {
  const [name, setName] = useState(room.name);
  const [topic, setTopic] = useState(room.topic);
  const [readOnly, setReadOnly] = useState(room.readOnly);
  const [archived, setArchived] = useState(room.archived);
  const [visibility, setVisibility] = useState<'public' | 'private'>(
    room.kind === 'private' ? 'private' : 'public',
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The button stays enabled while busy (a disabled button would drop the keyboard focus to the page).
    if (busy) return;
    setSaved(false);
    if (!name.trim()) {
      setError('A room needs a name.');
      return;
    }
    const draft = owner ? { name, topic, readOnly, archived, visibility } : { name, topic, readOnly };
    const update = changes(room, { archived: room.archived, ...draft });
    if (!update) {
      setError(null);
      setSaved(true);
      return;
    }
    setBusy(true);
    const result = await window.hearth.updateRoom(update);
    setBusy(false);
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Room settings">
      <Field
        label="Name"
        value={name}
        maxLength={MAX_ROOM_NAME_CHARS}
        onChange={(e) => setName(e.target.value)}
        data-autofocus
      />
      <Field
        label="Topic"
        value={topic}
        maxLength={MAX_ROOM_TOPIC_CHARS}
        onChange={(e) => setTopic(e.target.value)}
      />
      <Check
        label="Read-only"
        detail="Only the owner and moderators can post."
        checked={readOnly}
        onChange={setReadOnly}
      />
      {owner && (
        <>
          <VisibilityChoice value={visibility} onChange={setVisibility} />
          <Check
            label="Archived"
            detail="Kept to read; nobody new joins and it is no longer listed."
            checked={archived}
            onChange={setArchived}
          />
        </>
      )}
      <FormError>{error}</FormError>
      <div className="dialog-actions">
        <span className="field-ok" role="status">
          {saved ? 'Saved.' : ''}
        </span>
        <button type="submit" className="button primary" aria-disabled={busy || undefined}>
          Save changes
        </button>
      </div>
    </form>
  );
}

function Check(props: { label: string; detail: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <span>
        {props.label}
        <span className="muted">{props.detail}</span>
      </span>
    </label>
  );
}

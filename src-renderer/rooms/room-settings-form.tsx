import { type FormEvent, useState } from 'react';
import type { HearthInvoke, RoomSummary } from '../../src-shared/ipc';
import { MAX_ROOM_NAME_CHARS, MAX_ROOM_TOPIC_CHARS } from '../../src-shared/limits';
import { t } from '../i18n/intl';
import { Field, FormError } from '../ui/field';
import { VisibilityChoice } from './visibility-choice';

type Update = Parameters<HearthInvoke['updateRoom']>[0];

interface Props {
  room: RoomSummary;
  /** Owners also choose public or private and may archive. */
  owner: boolean;
  /** Whether the host lets guests in at all (else a room's choice would have no effect). */
  serverGuests: boolean;
}

function visibilityOf(room: RoomSummary): 'public' | 'private' {
  return room.kind === 'private' ? 'private' : 'public';
}

/** What changed, as the fields of one room_update; null when nothing did. */
function changes(room: RoomSummary, draft: Omit<Update, 'room'>): Update | null {
  const update: Update = { room: room.id };
  if (draft.name !== undefined && draft.name.trim() !== room.name) update.name = draft.name.trim();
  if (draft.topic !== undefined && draft.topic.trim() !== room.topic) update.topic = draft.topic.trim();
  if (draft.readOnly !== room.readOnly) update.readOnly = draft.readOnly;
  if (draft.archived !== room.archived) update.archived = draft.archived;
  if (draft.guests !== undefined && draft.guests !== room.guests) update.guests = draft.guests;
  if (draft.visibility !== undefined && draft.visibility !== visibilityOf(room))
    update.visibility = draft.visibility;
  return Object.keys(update).length > 1 ? update : null;
}

/** What this viewer may change: owners also archive and choose who may join; the default room has no guests. */
function draftOf(
  room: RoomSummary,
  owner: boolean,
  all: Required<Omit<Update, 'room'>>,
): Omit<Update, 'room'> {
  const { archived, visibility, guests, ...shared } = all;
  return {
    ...shared,
    archived: owner ? archived : room.archived,
    ...(owner ? { visibility } : {}),
    ...(room.kind === 'default' ? {} : { guests }),
  };
}

/** Owners and moderators: rename, topic, read-only, guests; owners: public/private and archive. */
export function RoomSettingsForm({ room, owner, serverGuests }: Props) {
  const [name, setName] = useState(room.name);
  const [topic, setTopic] = useState(room.topic);
  const [readOnly, setReadOnly] = useState(room.readOnly);
  const [archived, setArchived] = useState(room.archived);
  const [guests, setGuests] = useState(room.guests);
  const [visibility, setVisibility] = useState(visibilityOf(room));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The button stays enabled while busy (a disabled button would drop the keyboard focus to the page).
    if (busy) return;
    setSaved(false);
    if (!name.trim()) {
      setError(t('rooms.form.nameMissing'));
      return;
    }
    const all = { name, topic, readOnly, guests, archived, visibility };
    const update = changes(room, draftOf(room, owner, all));
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
    <form className="stack" onSubmit={submit} noValidate aria-label={t('chat.header.roomSettings')}>
      <Field
        label={t('rooms.form.name')}
        value={name}
        maxLength={MAX_ROOM_NAME_CHARS}
        onChange={(e) => setName(e.target.value)}
        data-autofocus
      />
      <Field
        label={t('rooms.form.topic')}
        value={topic}
        maxLength={MAX_ROOM_TOPIC_CHARS}
        onChange={(e) => setTopic(e.target.value)}
      />
      <Check
        label={t('rooms.form.readOnly')}
        detail={t('rooms.form.readOnlyHint')}
        checked={readOnly}
        onChange={setReadOnly}
      />
      <GuestsChoice room={room} serverGuests={serverGuests} checked={guests} onChange={setGuests} />
      {owner && (
        <>
          <VisibilityChoice value={visibility} onChange={setVisibility} />
          <Check
            label={t('rooms.form.archived')}
            detail={t('rooms.form.archivedHint')}
            checked={archived}
            onChange={setArchived}
          />
        </>
      )}
      <FormError>{error}</FormError>
      <div className="dialog-actions">
        <span className="field-ok" role="status">
          {saved ? t('rooms.form.saved') : ''}
        </span>
        <button type="submit" className="button primary" aria-disabled={busy || undefined}>
          {t('rooms.form.save')}
        </button>
      </div>
    </form>
  );
}

/**
 * Whether guests may join: a setting of public rooms (private ones take members by an account's invite).
 * The default room's guests are the host's choice when starting it, so it only says what that choice is.
 */
function GuestsChoice(props: {
  room: RoomSummary;
  serverGuests: boolean;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { room } = props;
  if (room.kind === 'default') {
    return (
      <p className="muted">
        {room.guests ? t('rooms.form.guestsDefaultOn') : t('rooms.form.guestsDefaultOff')}
      </p>
    );
  }
  if (room.kind !== 'public') return null;
  if (!props.serverGuests) {
    return <p className="muted">{t('rooms.form.guestsOff')}</p>;
  }
  return (
    <Check
      label={t('rooms.form.guests')}
      detail={t('rooms.form.guestsHint')}
      checked={props.checked}
      onChange={props.onChange}
    />
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

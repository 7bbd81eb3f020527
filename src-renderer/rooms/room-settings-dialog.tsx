import { useEffect, useRef, useState } from 'react';
import type { RoomSummary } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Dialog } from '../ui/dialog';
import { settingsAccess } from './permissions';
import { RoomSettingsForm } from './room-settings-form';

interface Props {
  room: RoomSummary;
  title: string;
  muted: boolean;
  /** Whether the host lets guests in at all. */
  serverGuests: boolean;
  onClose: () => void;
  /** The user left the room (the dialog closes and the view moves on). */
  onLeft: () => void;
}

/** Room settings: the editable ones for owners and moderators; notifications and leaving for everyone. */
export function RoomSettingsDialog({ room, title, muted, serverGuests, onClose, onLeft }: Props) {
  const access = settingsAccess(room);
  const [error, setError] = useState<string | null>(null);
  // The box follows the click at once; the main process's `mutedRooms` event confirms it (or puts it back).
  const [mutedShown, setMutedShown] = useState(muted);
  useEffect(() => setMutedShown(muted), [muted]);

  async function setMuted(on: boolean) {
    setMutedShown(on);
    const result = await window.hearth.setRoomMuted({ room: room.id, muted: on });
    setError(result.ok ? null : result.error);
    if (!result.ok) setMutedShown(!on);
  }

  return (
    <Dialog title={t('rooms.settings.title', { title })} onClose={onClose} className="wide">
      <div className="dialog-body stack">
        <p className="muted">
          {room.role ? t('rooms.settings.role', { role: room.role }) : t('rooms.settings.notMember')}
        </p>
        {access.edit && <RoomSettingsForm room={room} owner={access.own} serverGuests={serverGuests} />}
        <section className="stack settings-section" aria-labelledby="room-notify-title">
          <h3 id="room-notify-title" className="section-title">
            {t('rooms.settings.notifications')}
          </h3>
          <label className="check">
            <input
              type="checkbox"
              checked={mutedShown}
              onChange={(e) => void setMuted(e.target.checked)}
              data-autofocus={access.edit ? undefined : true}
            />
            <span>
              {t('rooms.settings.mute')}
              <span className="muted">{t('rooms.settings.muteHint')}</span>
            </span>
          </label>
        </section>
        {access.leave && <LeaveRoom room={room} title={title} onLeft={onLeft} onError={setError} />}
        {error && (
          <p className="field-error" role="alert">
            {asSentence(error)}
          </p>
        )}
      </div>
    </Dialog>
  );
}

function LeaveRoom({
  room,
  title,
  onLeft,
  onError,
}: {
  room: RoomSummary;
  title: string;
  onLeft: () => void;
  onError: (error: string | null) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);

  async function leave() {
    const result = await window.hearth.leaveRoom(room.id);
    if (result.ok) onLeft();
    else onError(result.error);
  }

  return (
    <section className="stack settings-section" aria-labelledby="room-leave-title">
      <h3 id="room-leave-title" className="section-title">
        {t('rooms.leave.title')}
      </h3>
      {confirming ? (
        <div className="confirm">
          <button ref={yes} type="button" className="button small danger" onClick={leave}>
            {t('rooms.leave.confirm', { title })}
          </button>
          <button type="button" className="button small ghost" onClick={() => setConfirming(false)}>
            {t('rooms.leave.stay')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button small secondary align-start"
          onClick={() => setConfirming(true)}
        >
          {t('rooms.leave.button')}
        </button>
      )}
      {confirming && room.kind === 'private' && <p className="muted">{t('rooms.leave.private')}</p>}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { ConversationId, RoomSummary } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { t } from '../i18n/intl';
import { Dialog } from '../ui/dialog';
import { FormError } from '../ui/field';

interface Props {
  onClose: () => void;
  /** Opens the room (after joining it, if needed). */
  onOpen: (room: ConversationId) => void;
}

/** The server's public rooms, largest first: join one, or open one you are already in. */
export function BrowseRoomsDialog({ onClose, onOpen }: Props) {
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void window.hearth.browseRooms().then((result) => {
      if (!current) return;
      if (result.ok) setRooms(result.value);
      else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  async function join(room: RoomSummary) {
    if (room.role !== null) {
      onOpen(room.id);
      return;
    }
    const result = await window.hearth.joinRoom(room.id);
    if (result.ok) onOpen(result.value.id);
    else setError(result.error);
  }

  return (
    <Dialog title={t('rooms.browse.title')} onClose={onClose} className="wide">
      <div className="dialog-body stack">
        {loadError ? (
          <p className="field-error" role="alert">
            {t('rooms.browse.failed', { reason: asSentence(loadError) })}
          </p>
        ) : rooms === null ? (
          <p className="muted" role="status">
            {t('rooms.browse.loading')}
          </p>
        ) : rooms.length === 0 ? (
          <p className="muted">{t('rooms.browse.none')}</p>
        ) : (
          <ul className="browse-list" aria-label={t('rooms.browse.list')}>
            {rooms.map((room) => (
              <li key={room.id} className="browse-room">
                <span className="browse-text">
                  <strong>{room.name}</strong>
                  <span className="muted">
                    {t('rooms.browse.members', { count: room.members })}
                    {room.topic ? ` · ${room.topic}` : ''}
                  </span>
                </span>
                <button
                  type="button"
                  className={room.role === null ? 'button small primary' : 'button small ghost'}
                  onClick={() => join(room)}
                  aria-label={t(room.role === null ? 'rooms.browse.joinName' : 'rooms.browse.openName', {
                    name: room.name,
                  })}
                >
                  {room.role === null ? t('rooms.browse.join') : t('rooms.browse.open')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <FormError>{error}</FormError>
      </div>
    </Dialog>
  );
}

import { useEffect, useState } from 'react';
import type { ConversationId, RoomSummary } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { Dialog } from '../ui/dialog';
import { FormError } from '../ui/field';

interface Props {
  onClose: () => void;
  /** Opens the room (after joining it, if needed). */
  onOpen: (room: ConversationId) => void;
}

function members(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'member' : 'members'}`;
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
    <Dialog title="Browse rooms" onClose={onClose} className="wide">
      <div className="dialog-body stack">
        {loadError ? (
          <p className="field-error" role="alert">
            Could not list the rooms: {asSentence(loadError)}
          </p>
        ) : rooms === null ? (
          <p className="muted" role="status">
            Loading rooms…
          </p>
        ) : rooms.length === 0 ? (
          <p className="muted">No public rooms yet. Create one with the + button.</p>
        ) : (
          <ul className="browse-list" aria-label="Public rooms">
            {rooms.map((room) => (
              <li key={room.id} className="browse-room">
                <span className="browse-text">
                  <strong>{room.name}</strong>
                  <span className="muted">
                    {members(room.members)}
                    {room.topic ? ` · ${room.topic}` : ''}
                  </span>
                </span>
                <button
                  type="button"
                  className={room.role === null ? 'button small primary' : 'button small ghost'}
                  onClick={() => join(room)}
                  aria-label={room.role === null ? `Join ${room.name}` : `Open ${room.name}`}
                >
                  {room.role === null ? 'Join' : 'Open'}
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

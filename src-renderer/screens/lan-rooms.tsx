import { useEffect, useState } from 'react';
import type { LanRoomInfo } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { useHearthEvent } from '../hooks/use-hearth-event';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';

/** Rooms other computers on this network advertise, live while the connect screen is open. */
export function LanRooms({ busy, onJoined }: { busy: boolean; onJoined: () => void }) {
  const [rooms, setRooms] = useState<LanRoomInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [joining, setJoining] = useState<string | null>(null);

  useHearthEvent('lanRooms', setRooms);
  useEffect(() => {
    void window.hearth.browseLan(true);
    return () => void window.hearth.browseLan(false);
  }, []);

  async function join(room: LanRoomInfo) {
    setJoining(room.id);
    setError(null);
    const result = await window.hearth.joinLanRoom(room.id);
    setJoining(null);
    if (result.ok) onJoined();
    else setError(result.error);
  }

  if (rooms.length === 0) return null;
  return (
    <section className="lan-rooms" aria-labelledby="lan-title">
      <h2 id="lan-title">{t('screens.lan.title')}</h2>
      <ul>
        {rooms.map((room) => (
          <li key={room.id} className="lan-room">
            <span className="lan-room-text">
              <strong>{room.name}</strong>
              <span className="muted">
                {room.host}:{room.port}
                {' · '}
                {room.tls ? t('screens.lan.encrypted') : t('screens.lan.notEncrypted')}
                {room.allowGuests && ` · ${t('screens.lan.guests')}`}
              </span>
              {room.fingerprint && (
                <span className="muted fingerprint-line" title={t('screens.lan.fingerprint')}>
                  {room.fingerprint}
                </span>
              )}
            </span>
            <button
              type="button"
              className="button small secondary"
              disabled={busy || joining !== null}
              aria-label={t('rooms.browse.joinName', { name: room.name })}
              onClick={() => join(room)}
            >
              {joining === room.id ? t('screens.invite.joining') : t('screens.auth.join')}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          <Icon name="warning" size={14} /> {asSentence(error)}
        </p>
      )}
    </section>
  );
}

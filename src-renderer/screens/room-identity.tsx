import type { ConnectionStatus } from '../../src-shared/ipc';
import { Fingerprint } from '../ui/fingerprint';
import { Icon } from '../ui/icons';

/**
 * What the app knows about the room's identity: on a first visit its certificate was just pinned, so the
 * fingerprint is shown for comparing with the host's screen; afterwards a line says it still matches.
 */
export function RoomIdentity({ connection, ownRoom }: { connection: ConnectionStatus; ownRoom: boolean }) {
  if (!connection.fingerprint) return null;
  if (ownRoom) {
    return (
      <p className="identity-line">
        <Icon name="lock" size={15} />
        Encrypted. This is the room you host; friends see its fingerprint on the host screen's card.
      </p>
    );
  }
  if (!connection.newlyPinned) {
    return (
      <p className="identity-line">
        <Icon name="lock" size={15} />
        Encrypted. The room's certificate matches the one from your first visit.
      </p>
    );
  }
  return (
    <section className="identity-card" aria-labelledby="identity-title">
      <h2 id="identity-title" className="identity-title">
        <Icon name="lock" size={16} />
        First visit to this room
      </h2>
      <p className="muted">
        The connection is encrypted. Compare this fingerprint with the one on the host's screen; from now on
        Hearth warns you if it ever changes.
      </p>
      <Fingerprint value={connection.fingerprint} label="The room's certificate fingerprint" />
    </section>
  );
}

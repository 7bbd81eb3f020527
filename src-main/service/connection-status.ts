// The connection status the window shows (ConnectionStatus), made from what the client link reports and what
// the service knows besides: the room's address, its pinned and presented fingerprints, whether the pin is new.
import type { ConnectionStatus, ServerAddress } from '../../src-shared/ipc';
import type { ChatConnection, LinkStatus } from '../client/connection';

export const DISCONNECTED: ConnectionStatus = {
  state: 'disconnected',
  server: null,
  error: null,
  nextAttemptAt: null,
  fingerprint: null,
  newlyPinned: false,
  certificateChange: null,
  roomClosed: false,
};

export function toStatus(
  link: LinkStatus,
  server: ServerAddress,
  connection: Pick<ChatConnection, 'fingerprint' | 'presentedFingerprint'>,
  newlyPinned: boolean,
): ConnectionStatus {
  const { fingerprint, presentedFingerprint } = connection;
  // docs/protocol.md § Transport: a changed certificate stops the link; the window shows both fingerprints.
  const changed = link.state === 'disconnected' && fingerprint !== null && presentedFingerprint !== null;
  return {
    state: link.state,
    server: link.state === 'disconnected' && link.error === null ? null : server,
    error: link.error,
    nextAttemptAt: link.nextAttemptAt,
    fingerprint,
    newlyPinned,
    certificateChange: changed ? { pinned: fingerprint, presented: presentedFingerprint } : null,
    roomClosed: link.roomClosed === true,
  };
}

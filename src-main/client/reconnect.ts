// What happens when the link drops: with a session to restore, the link is reopened after a backoff delay
// and the session restored on it; a certificate that changed meanwhile stops the retrying for good.
import { type ClientParts, detach, moveTo, setStatus } from './core';
import { keepsAlive } from './phase';
import { endSession, restoreSession } from './session';

export function linkLost(parts: ClientParts, error: Error | null): void {
  const reason = error ? `Connection lost: ${error.message}` : 'Connection lost: the server closed it.';
  detach(parts, reason);
  if (!keepsAlive(parts.phase)) {
    endSession(parts, 'The connection was closed before this message was sent.');
    setStatus(parts, { state: 'disconnected', error: reason, nextAttemptAt: null });
    return;
  }
  // With no session to restore (after a logout, or a login screen left open past the server's login
  // timeout) the link is reopened when it is next needed, rather than flapping in the background.
  if (parts.session.credentials) scheduleReconnect(parts, reason);
}

function scheduleReconnect(parts: ClientParts, reason: string): void {
  moveTo(parts, 'reconnecting');
  const nextAttemptAt = parts.link.scheduleReconnect(() => void reconnect(parts));
  // docs/protocol.md § Notices: after the room's goodbye the retries go on quietly (it may be a restart),
  // and the window says the room was closed rather than showing each refused attempt.
  setStatus(parts, {
    state: 'reconnecting',
    error: reason,
    nextAttemptAt,
    roomClosed: parts.link.saidGoodbye,
  });
}

/** The backoff wait cut short: reopen now (a second press while that attempt runs does nothing). */
export function retryNow(parts: ClientParts): void {
  if (parts.phase.name !== 'reconnecting' || !parts.link.reconnectPending) return;
  parts.link.cancelReconnect();
  void reconnect(parts);
}

async function reconnect(parts: ClientParts): Promise<void> {
  const opened = await parts.link.open();
  if (parts.phase.name !== 'reconnecting') {
    if (opened.ok) opened.value.destroy();
    return;
  }
  if (!opened.ok && opened.code === 'certificate_changed') {
    // Not a passing failure: retrying would only keep knocking on an impostor's door.
    moveTo(parts, 'idle');
    endSession(parts, 'The room presented a different certificate, so this message was not sent.');
    setStatus(parts, { state: 'disconnected', error: opened.error, nextAttemptAt: null });
    return;
  }
  if (!opened.ok) {
    scheduleReconnect(parts, opened.error);
    return;
  }
  parts.link.attach(opened.value);
  const credentials = parts.session.credentials;
  if (credentials) return restoreSession(parts, credentials);
  moveTo(parts, 'ready');
  parts.link.resetBackoff();
  setStatus(parts, { state: 'connected', error: null, nextAttemptAt: null });
}

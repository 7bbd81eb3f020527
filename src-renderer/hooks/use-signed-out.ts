// Why this device was signed out by its account (the password was changed, or the sessions ended, on
// another device; the account was deleted). The event comes while the chat is on screen, just before the
// session ends, so it is kept here for the login screen that follows to say once.
import type { SignedOutReason } from '../../src-shared/ipc';
import { useHearthEvent } from './use-hearth-event';

const SAID: Record<SignedOutReason, string> = {
  password_changed: 'You were signed out: the password of this account was changed on another device.',
  signed_out_elsewhere: 'You were signed out from another device.',
  account_deleted: 'You were signed out: this account was deleted on another device.',
};

let pending: string | null = null;

/** Listen while logged in (the chat screen). */
export function useSignedOutWatch(): void {
  useHearthEvent('signedOut', ({ reason }) => {
    pending = SAID[reason];
  });
}

/** The sentence to show once, if this device was just signed out; later calls get null. */
export function takeSignedOut(): string | null {
  const said = pending;
  pending = null;
  return said;
}

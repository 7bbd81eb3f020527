// Why this device was signed out by its account (the password was changed, or the sessions ended, on
// another device; the account was deleted). The event comes while the chat is on screen, just before the
// session ends, so it is kept here for the login screen that follows to say once.
import type { SignedOutReason } from '../../src-shared/ipc';
import type { MessageKey } from '../i18n/catalogue';
import { t } from '../i18n/intl';
import { useHearthEvent } from './use-hearth-event';

const SAID = {
  password_changed: 'hooks.signedOut.password',
  signed_out_elsewhere: 'hooks.signedOut.elsewhere',
  account_deleted: 'hooks.signedOut.deleted',
} as const satisfies Record<SignedOutReason, MessageKey>;

let pending: string | null = null;

/** Listen while logged in (the chat screen). */
export function useSignedOutWatch(): void {
  useHearthEvent('signedOut', ({ reason }) => {
    pending = t(SAID[reason]);
  });
}

/** The sentence to show once, if this device was just signed out; later calls get null. */
export function takeSignedOut(): string | null {
  const said = pending;
  pending = null;
  return said;
}

// The account part of the contract between the renderer and the main process (docs/protocol.md § Account
// and profile): its calls, events and channels, joined into HearthInvoke, HearthEvents and ipcContract in
// ipc.ts. Kept apart so the account part changes on its own.
import type { Profile, SignedOutReason } from './account-protocol';
import type { Result } from './result';

export type { Profile, SignedOutReason } from './account-protocol';

export interface ProfileChange {
  /** null: no display name (the username shows). */
  displayName?: string | null;
  status?: Profile['status'];
  statusText?: string;
}

export interface AccountInvoke {
  /** Answers how many other sessions were signed out with it. */
  changePassword(change: { current: string; password: string }): Promise<Result<number>>;
  /** Revoke every other session of the account; this device stays in. How many ended. */
  signOutOthers(): Promise<Result<number>>;
  /** Erase the account (the password again); this device is logged out after it. */
  deleteAccount(password: string): Promise<Result>;
  updateProfile(change: ProfileChange): Promise<Result<Profile>>;
  /** A PNG or WebP of at most 40 KiB, in base64 (the renderer scales it down first); null removes it. */
  setAvatar(image: string | null): Promise<Result<Profile>>;
  /** These people's profiles (accounts only), from the cache or the room. */
  profiles(usernames: string[]): Promise<Result<Profile[]>>;
  /** Someone's avatar as a `data:` URL of its checked type (PNG or WebP), cached by version; null: none. */
  avatar(which: { username: string; version: number }): Promise<Result<string | null>>;
}

export interface AccountEvents {
  /** Someone's display name, status or avatar changed (the user's own included). */
  profile: Profile;
  /** This device was signed out by the account (password changed or sessions ended elsewhere, deleted). */
  signedOut: { reason: SignedOutReason };
}

export const accountChannels = {
  invoke: {
    changePassword: 'hearth:changePassword',
    signOutOthers: 'hearth:signOutOthers',
    deleteAccount: 'hearth:deleteAccount',
    updateProfile: 'hearth:updateProfile',
    setAvatar: 'hearth:setAvatar',
    profiles: 'hearth:profiles',
    avatar: 'hearth:avatar',
  },
  events: {
    profile: 'hearth:event:profile',
    signedOut: 'hearth:event:signedOut',
  },
} as const satisfies {
  invoke: { [K in keyof AccountInvoke]: string };
  events: { [K in keyof AccountEvents]: string };
};

// The account part of the storage interface (docs/protocol.md § Account and profile): changing the password,
// ending other sessions, profiles with their avatar, and erasing an account. ChatStore extends it;
// account-table, session-table, profile-table and account-erasure implement it.
import type { AvatarType, Status } from '../../../src-shared/account-limits';

export interface ProfileRecord {
  key: string;
  username: string;
  displayName: string | null;
  status: Status;
  statusText: string;
  /** 0: no avatar. */
  avatarVersion: number;
}

export interface ProfilePatch {
  displayName?: string | null;
  status?: Status;
  statusText?: string;
}

export interface AvatarRecord {
  bytes: Buffer;
  type: AvatarType;
  version: number;
}

export interface AccountStore {
  setPasswordHash(key: string, passwordHash: string): void;
  /** Revoke every session token of this user but `keepHash` (null: every one); how many were revoked. */
  deleteSessionsExcept(userKey: string, keepHash: string | null): number;
  /** Accounts' profiles (defaults where never set), for the keys that are accounts. */
  profiles(keys: readonly string[]): ProfileRecord[];
  updateProfile(key: string, patch: ProfilePatch): void;
  /** Store an avatar (or remove it: null) and return its new version. */
  setAvatar(key: string, avatar: { bytes: Buffer; type: AvatarType } | null): number;
  avatar(key: string): AvatarRecord | null;
  /** Whether an account of this key existed and was deleted: its name stays reserved. */
  nameRetired(key: string): boolean;
  /**
   * Erase an account in one transaction: credentials, sessions, profile and avatar, friendships, requests,
   * blocks either way, memberships, invites, read markers and settings. Its messages stay (docs/security.md
   * § Deleting an account) and its name is kept as retired. Ownerships left are cleared.
   */
  eraseAccount(key: string, username: string, at: number): void;
}

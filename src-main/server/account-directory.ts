// Where accounts and session tokens are known beyond this process (issue 17). The single room has only its
// SQLite file, so its directory does nothing and answers at once. A cluster node's (cluster/shared-accounts.ts)
// claims a new name where every node sees it, and before a login brings this node's copy of the account (or
// the session token) up to date, so the synchronous store reads that follow find it here.
import type { MaybePromise } from './message-log';
import type { ChatStore, UserRecord } from './store/store';

export interface AccountDirectory {
  /** A registration: claim the name for every node first; false when it is taken there. */
  claim(user: UserRecord): MaybePromise<boolean>;
  /** Before a password login: this node's copy of the account as it is everywhere. */
  refresh(key: string): MaybePromise<void>;
  /** Before a token login: the session (and its account), if another node issued it. */
  refreshSession(tokenHash: string): MaybePromise<void>;
  /** A token issued here, for every node (failures are logged: that token then works here only). */
  share(tokenHash: string, userKey: string, expiresAt: number): void;
  /** A logout here. */
  revoke(tokenHash: string): void;
  /** A password change here, for every node (before this node's copy changes). */
  setPassword(key: string, passwordHash: string): MaybePromise<void>;
  /** Every token of this account but `keepHash` revoked here (sign out others, password change). */
  revokeOthers(key: string, keepHash: string | null): void;
  /** An account deletion here, for every node (before this node's copy is erased): its name stays taken. */
  erase(key: string): MaybePromise<void>;
  close(): MaybePromise<void>;
}

export type OpenAccounts = (store: ChatStore, log: (line: string) => void) => MaybePromise<AccountDirectory>;

export const openLocalAccounts: OpenAccounts = () => ({
  claim: () => true,
  refresh() {},
  refreshSession() {},
  share() {},
  revoke() {},
  setPassword() {},
  revokeOthers() {},
  erase() {},
  close() {},
});

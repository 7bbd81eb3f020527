// What request handlers share: the store, who is online, the message batch, the throttles, the password
// threads, the calls and the log.
import type { FriendsSnapshot } from '../../src-shared/protocol';
import type { AccountDirectory } from './account-directory';
import type { Calls } from './calls/call-flow';
import type { Connection } from './connection';
import type { Transfers } from './files/transfers';
import type { LoginThrottle } from './login-throttle';
import type { MessageBatch } from './message-batch';
import type { Online } from './online';
import type { ResolvedOptions } from './options';
import type { Passwords } from './passwords';
import type { Presence } from './presence';
import type { RateWindow } from './rate-window';
import type { RegistrationLimit } from './registration-limit';
import { friendsLine } from './responses';
import type { RoomAudience } from './room-audience';
import type { RoomNotices } from './room-notices';
import type { ChatStore } from './store/store';

export interface ServerContext {
  readonly options: ResolvedOptions;
  readonly store: ChatStore;
  /** Accounts and session tokens beyond this process (a cluster's); the single room's does nothing. */
  readonly accounts: AccountDirectory;
  readonly online: Online;
  /** Who is online for friends: here, or (a cluster node's) on any node. */
  readonly presence: Presence;
  readonly batch: MessageBatch;
  readonly notices: RoomNotices;
  /** The online members of each room other than the default one. */
  readonly audience: RoomAudience;
  /** Failed logins per account name and per peer address (the latter allows more: people share NATs). */
  readonly throttles: { readonly account: LoginThrottle; readonly address: LoginThrottle };
  /** bcrypt on the password threads. */
  readonly passwords: Passwords;
  /** Registrations started per address and hour. */
  readonly registrations: RegistrationLimit;
  /**
   * Reactions per account per minute; `typing` forwarded per account and conversation; profile changes
   * (display name, status, avatar) per account per minute, each pushed to everyone online.
   */
  readonly rates: {
    readonly reactions: RateWindow;
    readonly typing: RateWindow;
    readonly profiles: RateWindow;
  };
  /** File transfer connections and the files on disk (docs/protocol.md § Files). */
  readonly transfers: Transfers;
  /** The calls going on, the TURN relay and the signalling rates (docs/protocol.md § Calls). */
  readonly calls: Calls;
  log(line: string): void;
}

/** A handler answers one validated request; a returned promise holds the connection's later requests. */
export type Handler<R> = (ctx: ServerContext, connection: Connection, request: R) => void | Promise<void>;

export function friendsSnapshot(ctx: ServerContext, key: string): FriendsSnapshot {
  const lists = ctx.store.friendLists(key);
  return {
    friends: lists.friends.map((username) => ({
      username,
      online: ctx.presence.isOnline(username.toLowerCase()),
    })),
    incoming: lists.incoming,
    outgoing: lists.outgoing,
    blocked: lists.blocked,
  };
}

/** Push a fresh friends snapshot to every connection of a user. */
export function pushFriends(ctx: ServerContext, key: string, except?: Connection): void {
  if (!ctx.online.isOnline(key)) return;
  ctx.online.sendToUser(key, friendsLine(friendsSnapshot(ctx, key)), except);
}

// Whether an account is online, as its friends see it (issue 17). The single room knows only its own
// connections, and tells friends the moment an account's first connection arrives or its last one leaves.
// A cluster node's (cluster/presence-rows.ts) also knows the other nodes', from rows in PostgreSQL.
import type { Online } from './online';
import { presenceLine } from './responses';
import type { ChatStore } from './store/store';

export interface Presence {
  /** Online anywhere the room runs. */
  isOnline(key: string): boolean;
  /** This node's first connection of an account arrived (online), or its last one left. */
  changed(key: string, username: string, online: boolean): void;
}

/** Tell the account's friends connected to this node. */
export function announcePresence(
  online: Online,
  store: ChatStore,
  key: string,
  username: string,
  isOnline: boolean,
): void {
  const line = presenceLine(username, isOnline);
  for (const friend of store.friendKeys(key)) online.sendToUser(friend, line);
}

export function localPresence(online: Online, store: ChatStore): Presence {
  return {
    isOnline: (key) => online.isOnline(key),
    changed: (key, username, isOnline) => announcePresence(online, store, key, username, isOnline),
  };
}

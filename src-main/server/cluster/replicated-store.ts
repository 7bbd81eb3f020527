// A cluster node's ChatStore (docs/cluster.md § Shared state): this node's SQLite store, whose changes to what
// every node shares (accounts, friends, blocks, rooms and memberships, profiles, read markers, account
// erasure) are also handed to the shared log, which numbers them among the messages; every other node applies
// them to its own copy in that order (log-follower.ts). The change is applied here at once, so the handlers
// stay synchronous and read their own writes, exactly as in the single room.
import type { ChatStore } from '../store/store';

/** The store calls that change shared state; each is applied on every node with the same arguments. */
const REPLICATED = [
  'createUser',
  'addFriendRequest',
  'deleteFriendRequest',
  'makeFriends',
  'removeFriends',
  'block',
  'unblock',
  'logFriendRequest',
  'recordDecline',
  'createRoom',
  'updateRoom',
  'claimDefaultRoom',
  'addRoomMember',
  'removeRoomMember',
  'setMemberRole',
  'setMutedUntil',
  'addBan',
  'removeBan',
  'addInvite',
  'deleteInvite',
  'declineInvite',
  'logAction',
  'markRead',
  'setReceipts',
  'updateProfile',
  'setAvatar',
  'eraseAccount',
] as const satisfies readonly (keyof ChatStore)[];

type Replicated = (typeof REPLICATED)[number];

/** One store call as the log carries it. */
export type StoreChange = { [M in Replicated]: { op: M; args: Parameters<ChatStore[M]> } }[Replicated];

const REPLICATED_SET: ReadonlySet<string> = new Set(REPLICATED);

/**
 * `store` whose shared changes are also given to `publish`, in the order they happened. A room's id comes
 * from `takeRoomId` (ids every node agrees on); a call that changed nothing (answered false) is not published.
 */
export function replicatedStore(
  store: ChatStore,
  publish: (change: StoreChange) => void,
  takeRoomId: () => number,
): ChatStore {
  const replicated: Record<string, unknown> = {};
  for (const op of REPLICATED) {
    const call = store[op] as (...args: unknown[]) => unknown;
    replicated[op] = (...args: unknown[]) => {
      const result = call(...args);
      if (result !== false) publish({ op, args } as StoreChange);
      return result;
    };
  }
  return {
    ...store,
    ...(replicated as Partial<ChatStore>),
    createRoom(room, members) {
      const numbered = { ...room, id: takeRoomId() };
      const created = store.createRoom(numbered, members);
      publish({ op: 'createRoom', args: [numbered, members] });
      return created;
    },
    markRead(userKey, conv, id, at) {
      const before = store.readMarker(userKey, conv);
      const after = store.markRead(userKey, conv, id, at);
      if (after !== before) publish({ op: 'markRead', args: [userKey, conv, id, at] });
      return after;
    },
  };
}

/** Applies another node's change to this node's store (not the replicated one: it is not published again). */
export function applyChange(store: ChatStore, change: StoreChange): void {
  (store[change.op] as (...args: unknown[]) => unknown)(...change.args);
}

/** A change as the log's `changes` table keeps it: JSON, with an avatar's bytes as base64. */
export function encodeChange(change: StoreChange): string {
  return JSON.stringify(change, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return Buffer.isBuffer(raw) ? { $bytes: raw.toString('base64') } : value;
  });
}

/** A change written by encodeChange; null for an operation this node does not know (a newer node's). */
export function decodeChange(text: string): StoreChange | null {
  const change = JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && typeof (value as { $bytes?: unknown }).$bytes === 'string'
      ? Buffer.from((value as { $bytes: string }).$bytes, 'base64')
      : value,
  ) as { op?: unknown; args?: unknown };
  if (typeof change.op !== 'string' || !REPLICATED_SET.has(change.op) || !Array.isArray(change.args))
    return null;
  return change as StoreChange;
}

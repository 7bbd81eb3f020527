// The seam between the group commit and where messages are kept (issue 17). The single room's log is its
// SQLite file: a commit completes synchronously and is delivered at once, exactly as before the seam. A cluster
// node's log is shared (cluster/postgres-log.ts): its commits complete later, and it delivers every node's
// messages, its own included, in id order as it follows the log. MessageBatch codes against this interface
// only. A synchronous result is never wrapped in a promise, so the single room pays no microtask per commit.
import type { Connection } from './connection';
import type { ServerContext } from './context';
import type { Online } from './online';
import type { Presence } from './presence';
import { sharedLine } from './responses';
import type { RoomAudience } from './room-audience';
import type { AppendResult, ChatStore, NewMessage, StoredMessage } from './store/store';

export type MaybePromise<T> = T | Promise<T>;

/** A committed message on its way to this node's clients. */
export interface Delivery {
  message: StoredMessage;
  /** Its `msg` line, serialised once for every recipient. */
  line: string;
  senderKey: string;
  recipientKey: string | null;
  roomId: number;
  /** The connection that sent it, which does not get `line`; null from elsewhere. */
  origin: Connection | null;
  /** What the origin gets instead, just before the audience gets `line`: its ack, or a classic echo. */
  ack: string | null;
}

export type Deliver = (delivery: Delivery) => void;

export interface MessageLog {
  /** Store a batch in one transaction; results in the batch's order, as ChatStore.appendMessages. */
  append(batch: readonly NewMessage[]): MaybePromise<AppendResult[]>;
  /** Fresh (not duplicate) messages this node stored, ascending: deliver them, after any earlier ids. */
  publish(own: readonly Delivery[]): void;
  /** The store the handlers use, when not the one opened: a cluster node's shares its changes (cluster/). */
  readonly store?: ChatStore;
  /** Who is online on every node, when not only here (a cluster node's). */
  readonly presence?: Presence;
  /** Called once what the handlers share exists: a cluster node applies other nodes' changes with it. */
  attach?(ctx: ServerContext): void;
  /** Stop following; pending deliveries may be dropped (the clients resume). */
  close(): MaybePromise<void>;
}

/** Opens the log once the store is open; a cluster's connects first. */
export type OpenLog = (
  store: ChatStore,
  deliver: Deliver,
  log: (line: string) => void,
) => MaybePromise<MessageLog>;

/** The single room: the SQLite store is the log, and nobody else appends to it. */
export const openLocalLog: OpenLog = (store, deliver) => ({
  append: (batch) => store.appendMessages(batch),
  publish(own) {
    for (const delivery of own) deliver(delivery);
  },
  close() {},
});

/** Sends a committed message to its audience on this node: a room's online members, or both ends of a DM. */
export function deliverTo(online: Online, audience: RoomAudience): Deliver {
  return ({ line, senderKey, recipientKey, roomId, origin, ack }) => {
    // The ack goes in id order too: a client that saw its own id N takes anything below N as old.
    if (origin !== null && ack !== null) origin.send(ack);
    const except = origin ?? undefined;
    if (recipientKey === null) {
      audience.send(roomId, sharedLine(line), except);
    } else {
      online.sendToUser(recipientKey, line);
      online.sendToUser(senderKey, line, except);
    }
  };
}

/**
 * Runs `run` and hands its result to `ok`, or its error (thrown or rejected) to `fail`, without a promise when
 * `run` answered synchronously.
 */
export function attempt<T, U>(
  run: () => MaybePromise<T>,
  ok: (value: T) => MaybePromise<U>,
  fail: (error: unknown) => MaybePromise<U>,
): MaybePromise<U> {
  let value: MaybePromise<T>;
  try {
    value = run();
  } catch (error) {
    return fail(error);
  }
  return value instanceof Promise ? value.then(ok, fail) : ok(value);
}

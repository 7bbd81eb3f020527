// A ChatConnection with a ledger: every send it made (with its client id and when its ack came) and every
// message it showed, so that a fault test can compare what the clients saw with what the server stored.
import assert from 'node:assert/strict';
import { ChatConnection, type ReceivedMessage } from '../../src-main/client/connection';
import type { ConnectionState } from '../../src-shared/ipc';
import { FAST } from '../client/support';

export const PASSWORD = 'correct horse battery';

export interface SendRecord {
  cid: string;
  text: string;
  to: string;
  /** Stored id once acked. */
  id: number | null;
  /** How many kills (or cuts) this send was still unacknowledged at. */
  unackedAtFaults: number;
}

export class Chatter {
  readonly connection: ChatConnection;
  readonly sends: SendRecord[] = [];
  readonly received: ReceivedMessage[] = [];
  readonly failures: string[] = [];
  /** Times the link went from connected to reconnecting. */
  drops = 0;
  private state: ConnectionState = 'disconnected';

  constructor(
    readonly username: string,
    port: number,
  ) {
    this.connection = new ChatConnection({ ...FAST, host: '127.0.0.1', port });
    this.connection.on('message', (message) => this.received.push(message));
    this.connection.on('sendFailed', ({ message, error }) => this.failures.push(`${message.text}: ${error}`));
    this.connection.on('status', ({ state }) => {
      if (state === 'reconnecting' && this.state !== 'reconnecting') this.drops++;
      this.state = state;
    });
  }

  /** Connect and create the account; from here on the client repairs its link alone. */
  async join(): Promise<void> {
    const opened = await this.connection.connect();
    assert.ok(opened.ok, opened.ok ? '' : opened.error);
    const session = await this.connection.register(this.username, PASSWORD);
    assert.ok(session.ok, session.ok ? '' : session.error);
  }

  say(text: string, to = 'room'): void {
    const sent = this.connection.send(text, to);
    assert.ok(sent.ok, sent.ok ? '' : sent.error);
    const record: SendRecord = { cid: sent.value.message.cid, text, to, id: null, unackedAtFaults: 0 };
    this.sends.push(record);
    void sent.value.acked.then((outcome) => {
      if (outcome.ok) record.id = outcome.value.id;
      else this.failures.push(`${text}: ${outcome.error}`);
    });
  }

  get unacked(): SendRecord[] {
    return this.sends.filter((send) => send.id === null);
  }

  /** Note which sends a fault caught unacknowledged; returns how many. */
  markFault(): number {
    const caught = this.unacked;
    for (const send of caught) send.unackedAtFaults++;
    return caught.length;
  }

  get connected(): boolean {
    return this.state === 'connected';
  }
}

/** Ids strictly increasing: every message once, in id order. */
export function assertIdOrder(who: string, messages: readonly ReceivedMessage[]): void {
  for (let i = 1; i < messages.length; i++) {
    const before = messages[i - 1] as ReceivedMessage;
    const now = messages[i] as ReceivedMessage;
    assert.ok(
      now.id > before.id,
      `${who} saw id ${now.id} after id ${before.id} (position ${i}): a duplicate or out of order`,
    );
  }
}

/** Make everyone friends with everyone, so that each can send direct messages to any other. */
export async function befriendAll(chatters: readonly Chatter[]): Promise<void> {
  for (const [i, a] of chatters.entries()) {
    for (const b of chatters.slice(i + 1)) {
      const asked = await a.connection.friendRequest(b.username);
      assert.ok(asked.ok, asked.ok ? '' : asked.error);
      const accepted = await b.connection.friendAccept(a.username);
      assert.ok(accepted.ok, accepted.ok ? '' : accepted.error);
    }
  }
}

/** Half the time the room, otherwise a direct message to one of the others. */
export function randomAddressee(from: Chatter, chatters: readonly Chatter[]): string {
  const others = chatters.filter((c) => c !== from);
  const friend = others[Math.floor(Math.random() * others.length)] as Chatter;
  return Math.random() < 0.5 ? 'room' : `@${friend.username}`;
}

/** The stored ids a client should end up with: all room messages, and the direct messages it sent or got. */
export function idsMeantFor(chatter: Chatter, sends: readonly SendRecord[]): (number | null)[] {
  return sends
    .filter((s) => s.to === 'room' || s.to === `@${chatter.username}` || chatter.sends.includes(s))
    .map((s) => s.id)
    .sort((a, b) => (a ?? 0) - (b ?? 0));
}

/**
 * Each client ended with exactly the stored messages meant for it, once each, in id order, with the stored
 * text, and gave up on none of its sends.
 */
export function assertEveryoneGotTheirs(
  chatters: readonly Chatter[],
  sends: readonly SendRecord[],
  rowById: ReadonlyMap<number, { text: string }>,
): void {
  for (const chatter of chatters) {
    assert.deepEqual(chatter.failures, [], `${chatter.username}: no send given up`);
    assertIdOrder(chatter.username, chatter.received);
    assert.deepEqual(
      chatter.received.map((m) => m.id),
      idsMeantFor(chatter, sends),
      `${chatter.username} has exactly the messages meant for them, once each`,
    );
    for (const message of chatter.received) assert.equal(message.content, rowById.get(message.id)?.text);
  }
}

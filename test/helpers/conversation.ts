// Steps the conversation-feature tests share: send a message and get its id, read a conversation's history.
import assert from 'node:assert/strict';
import type { RawClient, Received } from './raw-client';

let cids = 0;

/** Send a Hearth message (optionally a reply) and return its id from the ack. */
export async function say(
  client: RawClient,
  text: string,
  to = 'room',
  extra: Record<string, unknown> = {},
): Promise<number> {
  const answer = await client.ask('msg', { text, cid: `t${++cids}`, to, ...extra });
  assert.equal(answer.response, 'ack', JSON.stringify(answer));
  return (answer.content as { id: number }).id;
}

export interface WireMessage {
  id: number;
  sender: string;
  content: string;
  conv: string;
  deleted?: true;
  edited?: string;
  rev?: number;
  replyTo?: { id: number; from: string; text: string; deleted?: true };
  reactions?: { emoji: string; count: number; users: string[]; mine: boolean }[];
  mentions?: string[];
  mentionsRoom?: true;
}

export async function historyOf(client: RawClient, conversation: string, limit = 50): Promise<WireMessage[]> {
  const answer = await client.ask('history', { conversation, limit });
  assert.equal(answer.response, 'history', JSON.stringify(answer));
  return answer.content as WireMessage[];
}

export function messageIn(messages: WireMessage[], id: number): WireMessage {
  const found = messages.find((m) => m.id === id);
  assert.ok(found, `message ${id} is in the page`);
  return found;
}

/** Let pushes already sent arrive, then tell whether any unread object matches. */
export async function arrived(client: RawClient, match: (r: Received) => boolean): Promise<boolean> {
  await client.ask('ping');
  return client.pending(match).length > 0;
}

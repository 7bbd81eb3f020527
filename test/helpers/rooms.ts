// Room steps the room tests share: create a room and get its id, join, make friends.
import assert from 'node:assert/strict';
import { loginUser, type RawClient, type Received } from './raw-client';

export interface RoomView {
  id: string;
  name: string;
  topic: string;
  kind: string;
  role: string | null;
  members: number;
  readOnly: boolean;
  archived: boolean;
  guests: boolean;
  lastId: number;
  mutedUntil: string | null;
  people?: string[];
}

export async function createRoom(
  owner: RawClient,
  name: string,
  visibility: 'public' | 'private' = 'public',
): Promise<string> {
  const answer = await owner.ask('room_create', { name, visibility });
  assert.equal(answer.response, 'room', JSON.stringify(answer));
  return (answer.content as RoomView).id;
}

export async function join(client: RawClient, room: string): Promise<RoomView> {
  const answer = await client.ask('room_join', { room });
  assert.equal(answer.response, 'room', JSON.stringify(answer));
  return answer.content as RoomView;
}

export async function befriend(a: RawClient, b: RawClient, bName: string, aName: string): Promise<void> {
  assert.equal((await a.ask('friend_request', { username: bName })).response, 'friends');
  assert.equal((await b.ask('friend_accept', { username: aName })).response, 'friends');
}

export const isNotice = (text: string) => (r: Received) => r.response === 'message' && r.content === text;

export function errorCode(answer: Received): unknown {
  return answer.response === 'error' ? answer.code : `not an error: ${JSON.stringify(answer).slice(0, 200)}`;
}

/** Log in (registering on first use) one account per name, together; one client per name, in order. */
export async function loginUsers<const N extends readonly string[]>(
  port: number,
  ...names: N
): Promise<{ [K in keyof N]: RawClient }> {
  const clients = await Promise.all(names.map((name) => loginUser(port, name)));
  return clients as { [K in keyof N]: RawClient };
}

// Who hears a room right now: for each room other than the default one, the keys of its members who are
// online, kept up to date on login, logout, join and leave. A room line then costs work proportional to that
// room's online members, never to every connection. The default room's audience is every logged-in connection.
import { DEFAULT_ROOM_ID } from '../../src-shared/protocol';
import type { Connection } from './connection';
import type { Online } from './online';

export class RoomAudience {
  private readonly rooms = new Map<number, Set<string>>();
  private readonly roomsByUser = new Map<string, Set<number>>();

  constructor(private readonly online: Online) {}

  /** The user's first connection logged in: index them in the rooms they are a member of. */
  arrive(key: string, roomIds: Iterable<number>): void {
    for (const id of roomIds) this.add(id, key);
  }

  /** The user's last connection is gone. */
  depart(key: string): void {
    const ids = this.roomsByUser.get(key);
    if (!ids) return;
    this.roomsByUser.delete(key);
    for (const id of ids) {
      const keys = this.rooms.get(id);
      keys?.delete(key);
      if (keys?.size === 0) this.rooms.delete(id);
    }
  }

  /** A member joined (or was added): they hear the room from now on if they are online. */
  join(roomId: number, key: string): void {
    if (this.online.isOnline(key)) this.add(roomId, key);
  }

  leave(roomId: number, key: string): void {
    const keys = this.rooms.get(roomId);
    if (!keys?.delete(key)) return;
    if (keys.size === 0) this.rooms.delete(roomId);
    const ids = this.roomsByUser.get(key);
    ids?.delete(roomId);
    if (ids?.size === 0) this.roomsByUser.delete(key);
  }

  /** Whether this online user hears the room (a guest's only membership of a room other than the default). */
  has(roomId: number, key: string): boolean {
    return this.rooms.get(roomId)?.has(key) === true;
  }

  /** The rooms other than the default one this online user hears. */
  roomsOf(key: string): Iterable<number> {
    return this.roomsByUser.get(key) ?? [];
  }

  /** Online member keys of a room other than the default one. */
  keys(roomId: number): Iterable<string> {
    return this.rooms.get(roomId) ?? [];
  }

  /** Send one line to every online member's connections but `except`. */
  send(roomId: number, line: string | Buffer, except?: Connection): void {
    if (roomId === DEFAULT_ROOM_ID) {
      for (const c of this.online.members) if (c !== except) c.send(line);
      return;
    }
    for (const key of this.keys(roomId)) this.online.sendToUser(key, line, except);
  }

  private add(roomId: number, key: string): void {
    let keys = this.rooms.get(roomId);
    if (!keys) {
      keys = new Set();
      this.rooms.set(roomId, keys);
    }
    keys.add(key);
    let ids = this.roomsByUser.get(key);
    if (!ids) {
      ids = new Set();
      this.roomsByUser.set(key, ids);
    }
    ids.add(roomId);
  }
}

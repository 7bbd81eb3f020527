// The rooms the user muted, per server and on this computer only (the room never knows): kept in the
// settings file, told to the window (`mutedRooms`) for the server it is connected to, and to the inbox,
// which then raises no notification for them and leaves them out of the tray total.
import {
  type ConversationId,
  describeServer,
  type HearthEvents,
  type ServerAddress,
} from '../../src-shared/ipc';
import { fail, OK, type Result } from '../../src-shared/result';
import type { TypedEmitter } from '../client/typed-emitter';
import type { Inbox } from './inbox';
import type { SettingsStore } from './settings';

export class RoomMutes {
  private server: string | null = null;
  private current: ConversationId[] = [];

  constructor(
    private readonly settings: SettingsStore,
    private readonly inbox: Inbox,
    private readonly events: Pick<TypedEmitter<HearthEvents>, 'emit'>,
  ) {}

  get rooms(): ConversationId[] {
    return [...this.current];
  }

  /** The link now goes to `server` (null: to none); its muted rooms apply. */
  follow(server: ServerAddress | null): void {
    const key = server === null ? null : describeServer(server);
    if (key === this.server) return;
    this.server = key;
    this.show(key === null ? [] : this.settings.mutedRooms(key));
  }

  async set(room: ConversationId, muted: boolean): Promise<Result> {
    const key = this.server;
    if (key === null) return fail('disconnected', 'Connect to a server to mute its rooms.');
    await this.settings.setRoomMuted(key, room, muted);
    if (this.server === key) this.show(this.settings.mutedRooms(key));
    return OK;
  }

  private show(rooms: ConversationId[]): void {
    const same = rooms.length === this.current.length && rooms.every((r, i) => r === this.current[i]);
    this.current = rooms;
    this.inbox.setMuted(rooms);
    if (!same) this.events.emit('mutedRooms', [...rooms]);
  }
}

// The room calls the window makes (docs/protocol.md § Rooms): browse, create, join, leave, invite, change a
// room, its members and moderation, and muting a room here. Each is guarded and its input checked, then
// handed to room-actions.ts with the link, the user's rooms and the inbox, or to the room mutes.
import type { z } from 'zod';
import type { HearthInvoke } from '../../src-shared/ipc';
import { type Answer, guardedCall } from './guarded-call';
import type { Inbox } from './inbox';
import { anyInput, roomInput } from './inputs';
import {
  browseRooms,
  createGroup,
  createRoom,
  declineInvite,
  deleteMessage,
  inviteToRoom,
  joinRoom,
  leaveRoom,
  moderate,
  type RoomActionsContext,
  roomMembers,
  setRoomRole,
  updateRoom,
} from './room-actions';
import {
  createRoomInput,
  groupInput,
  messageIdInput,
  moderateInput,
  roomInviteInput,
  roomMutedInput,
  roomRoleInput,
  roomUpdateInput,
} from './room-inputs';
import type { RoomLink } from './room-link';
import type { RoomMutes } from './room-mutes';
import type { RoomsState } from './rooms-state';

export type RoomInvoke = Pick<
  HearthInvoke,
  | 'browseRooms'
  | 'createRoom'
  | 'createGroup'
  | 'joinRoom'
  | 'leaveRoom'
  | 'declineInvite'
  | 'inviteToRoom'
  | 'updateRoom'
  | 'roomMembers'
  | 'setRoomRole'
  | 'moderate'
  | 'deleteMessage'
  | 'setRoomMuted'
>;

export interface RoomServiceParts {
  link: RoomLink;
  rooms: RoomsState;
  inbox: Inbox;
  mutes: RoomMutes;
  disposed(): boolean;
}

export class RoomService implements RoomInvoke {
  readonly browseRooms = this.guarded('browseRooms', anyInput, () => browseRooms(this.parts.link));
  readonly createRoom = this.guarded('createRoom', createRoomInput, (r) => createRoom(this.parts, r));
  readonly createGroup = this.guarded('createGroup', groupInput, (n) => createGroup(this.parts, n));
  readonly joinRoom = this.guarded('joinRoom', roomInput, (room) => joinRoom(this.parts, room));
  readonly leaveRoom = this.guarded('leaveRoom', roomInput, (room) => leaveRoom(this.parts, room));
  readonly declineInvite = this.guarded('declineInvite', roomInput, (r) => declineInvite(this.parts, r));
  readonly inviteToRoom = this.guarded('inviteToRoom', roomInviteInput, (to) =>
    inviteToRoom(this.parts.link, to),
  );
  readonly updateRoom = this.guarded('updateRoom', roomUpdateInput, (u) => updateRoom(this.parts, u));
  readonly roomMembers = this.guarded('roomMembers', roomInput, (room) => roomMembers(this.parts.link, room));
  readonly setRoomRole = this.guarded('setRoomRole', roomRoleInput, (c) => setRoomRole(this.parts.link, c));
  readonly moderate = this.guarded('moderate', moderateInput, (action) => moderate(this.parts.link, action));
  readonly deleteMessage = this.guarded('deleteMessage', messageIdInput, (id) =>
    deleteMessage(this.parts.link, id),
  );
  readonly setRoomMuted = this.guarded('setRoomMuted', roomMutedInput, ({ room, muted }) =>
    this.parts.mutes.set(room, muted),
  );

  /** `parts` is also the context room-actions.ts works in (the link, the user's rooms, the inbox). */
  constructor(private readonly parts: RoomServiceParts & RoomActionsContext) {}

  private guarded<K extends keyof RoomInvoke, S extends z.ZodType>(
    name: K,
    input: S,
    run: (value: z.output<S>) => Promise<Answer<K>>,
  ): HearthInvoke[K] {
    // Called while the fields are set up, before the constructor's parameters are: read them when a call comes.
    return guardedCall(name, input, run, () => this.parts.disposed());
  }
}

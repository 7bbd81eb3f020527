// The room calls on the service's own surface: the IPC adapter and the test bridge call the service's methods
// by name, so HearthService extends this, and each call is passed to its RoomService. It extends the
// conversation calls' facade, as a class has one line of parents.
import { ConversationFacade } from './conversation-facade';
import type { RoomInvoke } from './room-service';

export abstract class RoomsFacade extends ConversationFacade implements RoomInvoke {
  protected abstract readonly roomCalls: RoomInvoke;

  readonly browseRooms: RoomInvoke['browseRooms'] = () => this.roomCalls.browseRooms();
  readonly createRoom: RoomInvoke['createRoom'] = (r) => this.roomCalls.createRoom(r);
  readonly createGroup: RoomInvoke['createGroup'] = (n) => this.roomCalls.createGroup(n);
  readonly joinRoom: RoomInvoke['joinRoom'] = (r) => this.roomCalls.joinRoom(r);
  readonly leaveRoom: RoomInvoke['leaveRoom'] = (r) => this.roomCalls.leaveRoom(r);
  readonly declineInvite: RoomInvoke['declineInvite'] = (r) => this.roomCalls.declineInvite(r);
  readonly inviteToRoom: RoomInvoke['inviteToRoom'] = (i) => this.roomCalls.inviteToRoom(i);
  readonly updateRoom: RoomInvoke['updateRoom'] = (u) => this.roomCalls.updateRoom(u);
  readonly roomMembers: RoomInvoke['roomMembers'] = (r) => this.roomCalls.roomMembers(r);
  readonly setRoomRole: RoomInvoke['setRoomRole'] = (c) => this.roomCalls.setRoomRole(c);
  readonly moderate: RoomInvoke['moderate'] = (a) => this.roomCalls.moderate(a);
  readonly deleteMessage: RoomInvoke['deleteMessage'] = (id) => this.roomCalls.deleteMessage(id);
  readonly setRoomMuted: RoomInvoke['setRoomMuted'] = (m) => this.roomCalls.setRoomMuted(m);
}

// The rooms part of the storage interface (docs/protocol.md § Rooms): rooms, their members with roles and
// mutes, bans, pending invites and the moderation log. ChatStore extends it; the SQLite tables implement it.

export type RoomKind = 'default' | 'public' | 'private' | 'group';
export type MemberRole = 'owner' | 'moderator' | 'member';
/** Every logged moderation action, plus `invite` (counted for the invite rate limit). */
export type LoggedAction = 'remove' | 'ban' | 'unban' | 'mute' | 'unmute' | 'role' | 'update' | 'invite';

export interface RoomRecord {
  id: number;
  kind: RoomKind;
  /** Null for the default room until its owner renames it (the server's `roomName` option names it). */
  name: string | null;
  topic: string;
  ownerKey: string | null;
  readOnly: boolean;
  archived: boolean;
  createdAt: number;
  /** Whether guests may join (public rooms; the default room's guests are the server's allowGuests). */
  guests: boolean;
}

export interface NewRoom {
  /** Given by a cluster (one id for every node, docs/cluster.md); absent: the next free one. */
  id?: number;
  kind: Exclude<RoomKind, 'default'>;
  name: string;
  topic: string;
  creatorKey: string;
  at: number;
}

export interface RoomPatch {
  name?: string;
  topic?: string;
  readOnly?: boolean;
  archived?: boolean;
  kind?: 'public' | 'private';
  ownerKey?: string;
  guests?: boolean;
}

export interface MemberRecord {
  key: string;
  /** The account's spelling; for a guest row of the default room, the nickname from its key. */
  username: string;
  role: MemberRole;
  joinedAt: number;
  /** ms since the epoch, or null. */
  mutedUntil: number | null;
}

/** What a listing of rooms reads with each room, so a list costs one query, not look-ups per room. */
export interface RoomListing {
  members: number;
  /** The room's newest message id; 0 when it has none. */
  lastId: number;
}

export interface MyRoom extends RoomListing {
  room: RoomRecord;
  role: MemberRole;
  mutedUntil: number | null;
}

export interface InviteRecord {
  roomId: number;
  fromKey: string;
  /** The inviter's spelling. */
  from: string;
}

export interface RoomStore {
  /** A room and its first members (the creator as owner among them), in one transaction. */
  createRoom(room: NewRoom, members: readonly { key: string; role: MemberRole }[]): RoomRecord;
  findRoom(id: number): RoomRecord | null;
  updateRoom(id: number, patch: RoomPatch): void;
  /** Make this account the default room's owner if it has none yet (the first account registered). */
  claimDefaultRoom(ownerKey: string): void;
  /** Rooms other than the default room, archived ones included. */
  countRooms(): number;
  countRoomsCreatedBy(key: string): number;
  /** Public, not archived, largest first. */
  publicRooms(limit: number): ({ room: RoomRecord } & RoomListing)[];

  roomMember(roomId: number, key: string): MemberRecord | null;
  /** False if already a member. */
  addRoomMember(roomId: number, key: string, role: MemberRole, at: number): boolean;
  /** False if not a member. */
  removeRoomMember(roomId: number, key: string): boolean;
  /** Sets the role, adding a row if there is none (the default room's members have rows only for this). */
  setMemberRole(roomId: number, key: string, role: MemberRole, at: number): void;
  /** Sets or clears a mute, adding a row if there is none. */
  setMutedUntil(roomId: number, key: string, until: number | null, at: number): void;
  /** The members with a row, longest-standing first. */
  roomMembers(roomId: number, limit: number): MemberRecord[];
  memberCount(roomId: number): number;
  /** The rooms other than the default one this account is a member of. */
  roomsOf(key: string): MyRoom[];
  countRoomsOf(key: string): number;
  /** Who takes over a room its owner leaves: the longest-standing moderator, else member; null if none. */
  successor(roomId: number, exceptKey: string): string | null;

  /** False if already banned. */
  addBan(roomId: number, key: string, byKey: string, at: number): boolean;
  /** False if not banned. */
  removeBan(roomId: number, key: string): boolean;
  isBanned(roomId: number, key: string): boolean;

  /** Keeps (or renews) a pending invite. */
  addInvite(roomId: number, key: string, fromKey: string, at: number): void;
  /** The inviter's key of a pending invite, or null. */
  findInvite(roomId: number, key: string): string | null;
  /** Drops a pending invite and any decline (joined, or the invitee was banned); false if there was none. */
  deleteInvite(roomId: number, key: string): boolean;
  invitesOf(key: string): InviteRecord[];
  /** The invitee said no: the invite goes, the decline is kept (renewed). False if there was no invite. */
  declineInvite(roomId: number, key: string, at: number): boolean;
  /** When this account last declined an invite to this room (ms), or null. */
  inviteDeclinedAt(roomId: number, key: string): number | null;

  logAction(
    roomId: number,
    actorKey: string,
    action: LoggedAction,
    targetKey: string | null,
    at: number,
  ): void;
  /** Logged actions by this actor since `since` (ms): invites, or everything else (moderation). */
  actionsSince(actorKey: string, since: number, kind: 'invite' | 'moderation'): number;
}

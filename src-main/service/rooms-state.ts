// The rooms of the logged-in user as the window sees them: filled from the login answer, kept up to date
// by the room's pushes and by the answers to the user's own room requests, emptied at logout. Every change
// is emitted whole (`rooms`), in the order the sidebar lists them: the default room first, then by name.
import type {
  ConversationId,
  HearthEvents,
  RoomInvite,
  RoomSummary,
  RoomsState as RoomsSnapshot,
} from '../../src-shared/ipc';
import { ROOM } from '../../src-shared/protocol';
import { MAX_ROOMS_LISTED } from '../../src-shared/response-schemas';

export interface RoomsStateOutlets {
  rooms(snapshot: RoomsSnapshot): void;
  roomRemoved(removed: HearthEvents['roomRemoved']): void;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The sidebar's order: the default room, then by name (a group by its people), natural and case-blind. */
function listed(rooms: Iterable<RoomSummary>): RoomSummary[] {
  const title = (r: RoomSummary) => r.name || (r.people ?? []).join(', ');
  return [...rooms].sort((a, b) =>
    a.id === ROOM ? -1 : b.id === ROOM ? 1 : byName.compare(title(a), title(b)),
  );
}

export class RoomsState {
  private readonly rooms = new Map<ConversationId, RoomSummary>();
  /** Insertion order is arrival order, so the oldest invite goes first when a room sends too many. */
  private readonly invites = new Map<ConversationId, RoomInvite>();

  constructor(private readonly out: RoomsStateOutlets) {}

  snapshot(): RoomsSnapshot {
    return { rooms: listed(this.rooms.values()), invites: [...this.invites.values()] };
  }

  /** The room the user is in with this conversation id, if any. */
  get(conversation: ConversationId): RoomSummary | undefined {
    return this.rooms.get(conversation);
  }

  /** Everything as the room says it is now (a login, a reconnect, a `rooms` answer). */
  replace(snapshot: RoomsSnapshot): void {
    this.rooms.clear();
    this.invites.clear();
    for (const room of snapshot.rooms.slice(0, MAX_ROOMS_LISTED)) this.rooms.set(room.id, room);
    for (const invite of snapshot.invites.slice(0, MAX_ROOMS_LISTED)) this.invites.set(invite.id, invite);
    this.emit();
  }

  /** A room the user is in, as they now see it (created, joined, changed); its invite is used up. */
  upsert(room: RoomSummary): void {
    // A room reports role null only to someone who is not in it: nothing to list.
    if (room.role === null) return;
    if (!this.rooms.has(room.id) && this.rooms.size >= MAX_ROOMS_LISTED) return;
    this.rooms.set(room.id, room);
    this.invites.delete(room.id);
    this.emit();
  }

  /** The room says how many members it has now (someone joined or left). */
  counted(room: ConversationId, members: number): void {
    const listed = this.rooms.get(room);
    if (!listed || listed.members === members) return;
    this.rooms.set(room, { ...listed, members });
    this.emit();
  }

  invited(invite: RoomInvite): void {
    if (this.rooms.has(invite.id)) return;
    this.invites.delete(invite.id);
    if (this.invites.size >= MAX_ROOMS_LISTED) {
      const oldest = this.invites.keys().next().value;
      if (oldest !== undefined) this.invites.delete(oldest);
    }
    this.invites.set(invite.id, invite);
    this.emit();
  }

  /** The user left, or declined its invite, on this computer: it goes from the list (the window knows why). */
  left(room: ConversationId): void {
    const had = this.rooms.delete(room);
    if (this.invites.delete(room) || had) this.emit();
  }

  /** The room says the user is no longer in it: left elsewhere, removed or banned. */
  removed(removed: HearthEvents['roomRemoved']): void {
    const had = this.rooms.delete(removed.room);
    const invited = this.invites.delete(removed.room);
    this.out.roomRemoved(removed);
    if (had || invited) this.emit();
  }

  /** The session ended. */
  clear(): void {
    if (this.rooms.size === 0 && this.invites.size === 0) return;
    this.rooms.clear();
    this.invites.clear();
    this.emit();
  }

  private emit(): void {
    this.out.rooms(this.snapshot());
  }
}

// The values that cross between the renderer and the main process: addresses, connection and session
// state, messages, rooms, hosting, settings. The calls and events that carry them are in ipc.ts.
import type { FriendsSnapshot, RoomInfo, RoomMemberInfo, RoomRole } from './protocol';

export interface ServerAddress {
  host: string;
  port: number;
}

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionStatus {
  state: ConnectionState;
  server: ServerAddress | null;
  /** Why the last attempt failed or the link dropped, in words for people. */
  error: string | null;
  /** While reconnecting: when the next attempt happens (ms since epoch). */
  nextAttemptAt: number | null;
  /**
   * SHA-256 fingerprint of the connected room's TLS certificate (`AB:CD:…`, the link is always encrypted),
   * as checked against the pin; null while none was seen.
   */
  fingerprint: string | null;
  /** True when this is the first visit: the fingerprint was pinned just now, so people should compare it. */
  newlyPinned: boolean;
  /**
   * Set when the room presented a different certificate than the pinned one: the link was stopped and
   * nothing was sent. Both fingerprints, for people to compare with the host's screen.
   */
  certificateChange: { pinned: string; presented: string } | null;
  /** While reconnecting: the room said goodbye and closed (its host stopped or restarted it). */
  roomClosed: boolean;
}

export interface Session {
  username: string;
  guest: boolean;
}

/** `room` (the default room), `#n` (another room or a group conversation), or `@name` (a direct conversation). */
export type ConversationId = string;

export type { RoomRole };
/** A room as this user sees it: their role, its member count, its newest message id (docs/protocol.md § Rooms). */
export type RoomSummary = RoomInfo;
export type RoomInvite = RoomSummary & { from: string };
export type RoomMember = RoomMemberInfo;
export type ModerationAction = 'remove' | 'ban' | 'unban' | 'mute' | 'unmute';

/** The rooms this user is in (the default room first) and the private rooms they were invited to. */
export interface RoomsState {
  rooms: RoomSummary[];
  invites: RoomInvite[];
}

export interface ChatMessage {
  /** Server id; absent while a send is still waiting for its ack. */
  id: number | null;
  /** Client id of a send; lets the renderer replace a pending bubble with the acked one. */
  cid: string | null;
  conversation: ConversationId;
  sender: string;
  text: string;
  /** ISO 8601, server time (client time while pending). */
  timestamp: string;
  own: boolean;
  pending: boolean;
  /** Why the room refused this send for good (it will not be retried); null otherwise. */
  failed: string | null;
  /** Said by the room itself and kept in the conversation ("ana removed bob", "bob joined the room"). */
  notice?: 'moderation' | 'membership' | 'call';
  /** Deleted: a tombstone ("message deleted"), text empty, no reactions. */
  deleted?: boolean;
  /** Its sender is a guest (the room says so): their name gets a "guest" badge. */
  guest?: boolean;
  /** The message this one answers, quoted as it is now; readable (`deleted`, text empty) once that one was deleted. */
  replyTo?: ReplyPreview;
  /** When its sender last edited it (ISO 8601, server time); `text` is the latest. Absent: never edited. */
  edited?: string;
  /** One entry per emoji, in the order they were first used; absent or empty: no reactions. */
  reactions?: ReactionSummary[];
  /** It names this user with `@name`, or the whole room with `@room` (the room decides, docs/protocol.md § Mentions). */
  mentionsMe?: boolean;
  /** A shared file (docs/protocol.md § Files); `text` is then the room's one-line notice of it. */
  file?: SharedFileInfo;
  /** It came with the login (the latest of a conversation, or what a room said while the user was away), not as news. */
  earlier?: boolean;
}

/** A file a message shares: shown as a card, or inline from `thumb` for an image. Names are text. */
export interface SharedFileInfo {
  sha256: string;
  name: string;
  size: number;
  type: string;
  /** The sender-made thumbnail, base64, for PNG/JPEG/GIF/WebP images only. */
  thumb?: string;
}

/** What a reply shows of the message it answers (docs/protocol.md § Replies). */
export interface ReplyPreview {
  id: number;
  sender: string;
  /** At most 140 characters, cut with "…"; empty once the original was deleted. */
  text: string;
  deleted: boolean;
}

/** One emoji on a message as this user sees it. */
export interface ReactionSummary {
  emoji: string;
  /** How many reacted with it (at least 1). */
  count: number;
  /** Whether this user is one of them (the toggle's state). */
  mine: boolean;
  /** The first people who reacted (at most 20, the room lists no more), for "ana, bob and 8 others". */
  who: string[];
}

export interface SystemNotice {
  conversation: ConversationId;
  kind: 'join' | 'leave' | 'welcome' | 'info';
  text: string;
  timestamp: string;
  /** Who joined or left (join and leave notices). */
  user?: string;
}

export interface HistoryPage {
  conversation: ConversationId;
  messages: ChatMessage[];
  /** True when older messages remain on the server. */
  more: boolean;
}

export interface HostOptions {
  port: number;
  allowGuests: boolean;
  /**
   * Also listen UNENCRYPTED on this port for classic KTN terminal clients (nickname logins only); null or
   * absent: no such port. 0 picks a free one.
   */
  classicPort?: number | null;
}

export interface HostStatus {
  running: boolean;
  port: number | null;
  allowGuests: boolean;
  /** Addresses friends can use: LAN IPs with the port, e.g. `192.168.1.20:5555`. */
  addresses: string[];
  /**
   * SHA-256 fingerprint of the room's TLS certificate, uppercase hex pairs joined by colons
   * (`AB:CD:…`, 32 pairs), for friends to compare with what their client shows; null while not running.
   */
  fingerprint: string | null;
  /** The unencrypted classic-client port while the room has one; the UI says that chat there is readable. */
  classicPort: number | null;
  error: string | null;
}

/** How the app looks and when it speaks up; chosen on the settings screen. */
export interface Preferences {
  /** `system` follows the operating system's light or dark mode. */
  theme: 'system' | 'light' | 'dark';
  /** Desktop notifications: every message, direct messages and mentions only, or none. */
  notifications: 'all' | 'mentions' | 'none';
  /** Show "bob joined" / "bob left" lines in the room. */
  showJoins: boolean;
  /** Closing the window keeps Hearth running in the tray (the desktop shell; Quit from the tray ends it). */
  closeToTray: boolean;
  /** Start with the window hidden in the tray. */
  startMinimised: boolean;
  /** Send JPEG photos with their EXIF metadata (camera, time, GPS location); off: it is removed first. */
  keepPhotoMetadata: boolean;
  /** Play sounds: a call ringing (not in do-not-disturb). */
  sounds: boolean;
}

/** One place on disk where Hearth keeps something, for the settings screen's "what is stored where". */
export interface StoragePlace {
  what: string;
  /** Null: not kept on disk at all (remembered logins on a system without a keychain). */
  path: string | null;
}

export interface Settings {
  preferences: Preferences;
  recentServers: ServerAddress[];
  lastUsername: string | null;
  /** Whether "Keep me logged in" was ticked at the last password login; the box starts that way. */
  keepLoggedIn: boolean;
  hostPort: number;
  hostAllowGuests: boolean;
  /** The classic port the host chose last time, or null for none. */
  hostClassicPort: number | null;
  /** Pinned certificate fingerprints, by `host:port` (`[v6]:port`) as `describeServer` writes it. */
  certificatePins: Record<string, string>;
}

/** A room another computer advertises on the local network (fields checked on arrival; name is text). */
export interface LanRoomInfo {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  /** The advertised certificate fingerprint; joining pins it. */
  fingerprint: string | null;
  allowGuests: boolean;
}

/** The hosted room's port mapping on the home router ("Open to the Internet"). */
export interface InternetStatus {
  state: 'off' | 'opening' | 'open' | 'failed';
  method: 'UPnP' | 'NAT-PMP' | null;
  /** The address people on the Internet connect to, while open. */
  publicHost: string | null;
  publicPort: number | null;
  /** Why opening failed, or why a renewal failed while open; a sentence for people. */
  error: string | null;
}

export interface AppState {
  connection: ConnectionStatus;
  session: Session | null;
  friends: FriendsSnapshot;
  host: HostStatus;
  settings: Settings;
  internet: InternetStatus;
  /** The name this computer's room is advertised and invited under. */
  roomName: string;
  /** The rooms of the logged-in user; empty while logged out. */
  rooms: RoomsState;
  /** Rooms whose messages raise no notification and count no unread badge on the tray (the user muted them). */
  mutedRooms: ConversationId[];
  /** How far each friend has read the direct conversation with the user (the `seen` event keeps it current). */
  seen: Record<ConversationId, number>;
  /** Whether the account sends and sees read receipts; true while logged out. */
  receipts: boolean;
}

export interface Credentials {
  username: string;
  password: string;
  /**
   * Keep the session's token in the system's secret store so the next start logs in without the password;
   * default true.
   */
  remember?: boolean;
}

/** How a server is written as a key (certificate pins, secrets) and in messages: `host:port`, `[v6]:port`. */
export function describeServer(server: ServerAddress): string {
  const host = server.host.toLowerCase();
  return host.includes(':') ? `[${host}]:${server.port}` : `${host}:${server.port}`;
}

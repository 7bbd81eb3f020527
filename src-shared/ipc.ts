// The one contract between the renderer and the main process. The preload script exposes exactly
// `HearthApi` as `window.hearth`; the IPC adapter in the main process and the end-to-end test bridge
// both route each call to the same method of the main-process service, which implements `HearthInvoke`.
// size: the whole renderer↔main contract in one place, beside the channel table that must match it
import type { FriendsSnapshot, RoomInfo, RoomMemberInfo, RoomRole } from './protocol';
import type { Result } from './result';

export type { ErrorCode, Failure, Result } from './result';

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
  notice?: 'moderation' | 'membership';
  /** Deleted: a tombstone ("message deleted"), text empty. */
  deleted?: boolean;
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

/** Request/response calls. Every method takes at most one argument so it maps 1:1 onto `ipcRenderer.invoke`. */
export interface HearthInvoke {
  getState(): Promise<AppState>;
  connect(server: ServerAddress): Promise<Result>;
  disconnect(): Promise<Result>;
  /** While reconnecting: try now rather than waiting out the backoff (the room's host opened it again). */
  reconnectNow(): Promise<Result>;
  register(credentials: Credentials): Promise<Result<Session>>;
  login(credentials: Credentials): Promise<Result<Session>>;
  loginGuest(nickname: string): Promise<Result<Session>>;
  logout(): Promise<Result>;
  send(message: { conversation: ConversationId; text: string }): Promise<Result<{ cid: string }>>;
  loadHistory(query: {
    conversation: ConversationId;
    before?: number;
    limit?: number;
  }): Promise<Result<HistoryPage>>;
  friendRequest(username: string): Promise<Result>;
  friendRespond(answer: { username: string; accept: boolean }): Promise<Result>;
  friendRemove(username: string): Promise<Result>;
  /** No friend requests or direct messages from them, their room messages hidden; ends a friendship. */
  block(username: string): Promise<Result>;
  unblock(username: string): Promise<Result>;
  startHost(options: HostOptions): Promise<Result<HostStatus>>;
  stopHost(): Promise<Result>;
  /**
   * Trust exactly the certificate people compared (the room was reinstalled): it replaces the pin, so a
   * room that presents yet another one on the next connect is refused again rather than pinned blindly.
   */
  trustCertificate(trust: { server: ServerAddress; fingerprint: string }): Promise<Result>;
  /** Fill in the server from a `hearth://` invite link, pin its fingerprint, and connect. */
  openInvite(link: string): Promise<Result<{ server: ServerAddress; name: string | null }>>;
  /** Start (true) or stop (false) the live list of rooms on the local network (`lanRooms` events). */
  browseLan(on: boolean): Promise<Result>;
  /** Connect to a room from the LAN list, pinning the fingerprint it advertises. */
  joinLanRoom(id: string): Promise<Result>;
  /** Ask the home router to forward a public port to the hosted room (UPnP or NAT-PMP). */
  openToInternet(): Promise<Result<InternetStatus>>;
  closeToInternet(): Promise<Result>;
  openExternal(url: string): Promise<Result>;
  /** Tell the main process which conversation is on screen, so it can count unread for the tray/badge. */
  setActiveConversation(conversation: ConversationId | null): Promise<Result>;
  /** How many people are in the room right now (the host asks before stopping it). */
  countPeople(): Promise<Result<number>>;
  /** Public rooms to browse (role null for those the user is not in). */
  browseRooms(): Promise<Result<RoomSummary[]>>;
  createRoom(room: {
    name: string;
    topic: string;
    visibility: 'public' | 'private';
  }): Promise<Result<RoomSummary>>;
  /** A group conversation with 2–9 friends. */
  createGroup(members: string[]): Promise<Result<RoomSummary>>;
  /** Join a public room, or a private one the user was invited to. */
  joinRoom(room: ConversationId): Promise<Result<RoomSummary>>;
  leaveRoom(room: ConversationId): Promise<Result>;
  inviteToRoom(invite: { room: ConversationId; username: string }): Promise<Result>;
  updateRoom(update: {
    room: ConversationId;
    name?: string;
    topic?: string;
    readOnly?: boolean;
    archived?: boolean;
    visibility?: 'public' | 'private';
  }): Promise<Result<RoomSummary>>;
  roomMembers(room: ConversationId): Promise<Result<RoomMember[]>>;
  /** Owners only: make a member a moderator, or a moderator a member again. */
  setRoomRole(change: {
    room: ConversationId;
    username: string;
    role: 'moderator' | 'member';
  }): Promise<Result>;
  /** Owners and moderators: remove, ban, unban, mute for `minutes`, unmute. */
  moderate(action: {
    room: ConversationId;
    username: string;
    action: ModerationAction;
    minutes?: number;
  }): Promise<Result>;
  /** Delete a message: your own, or any in a room you moderate. */
  deleteMessage(id: number): Promise<Result>;
  /** Mute (no notifications, no tray count) or unmute a room for this user, on this computer. */
  setRoomMuted(change: { room: ConversationId; muted: boolean }): Promise<Result>;
  /** Change some preferences; answers the whole settings as kept. */
  setPreferences(change: Partial<Preferences>): Promise<Result<Settings>>;
  /** Where this computer keeps Hearth's settings, secrets and hosted rooms. */
  storagePlaces(): Promise<Result<StoragePlace[]>>;
}

/** Pushed events, main → renderer. */
export interface HearthEvents {
  connection: ConnectionStatus;
  session: Session | null;
  message: ChatMessage;
  notice: SystemNotice;
  friends: FriendsSnapshot;
  host: HostStatus;
  lanRooms: LanRoomInfo[];
  internet: InternetStatus;
  unread: { total: number; byConversation: Record<ConversationId, number> };
  rooms: RoomsState;
  mutedRooms: ConversationId[];
  /** A room member joined, left, changed role or was muted (member null: no longer in the room). */
  member: { room: ConversationId; username: string; member: RoomMember | null };
  /** A message was deleted: show its tombstone. */
  messageDeleted: { conversation: ConversationId; id: number };
  /** This user is no longer in a room (left on another device, removed, banned). */
  roomRemoved: { room: ConversationId; reason: 'left' | 'removed' | 'banned'; by: string | null };
  /** The settings as kept, after every change (preferences, recent rooms, pins). */
  settings: Settings;
}

export type Unsubscribe = () => void;

export type HearthApi = HearthInvoke & {
  on<E extends keyof HearthEvents>(event: E, listener: (payload: HearthEvents[E]) => void): Unsubscribe;
};

/** Channel names, one per method and event; the type forces the lists to match the interfaces exactly. */
export const ipcContract = {
  invoke: {
    getState: 'hearth:getState',
    connect: 'hearth:connect',
    disconnect: 'hearth:disconnect',
    reconnectNow: 'hearth:reconnectNow',
    register: 'hearth:register',
    login: 'hearth:login',
    loginGuest: 'hearth:loginGuest',
    logout: 'hearth:logout',
    send: 'hearth:send',
    loadHistory: 'hearth:loadHistory',
    friendRequest: 'hearth:friendRequest',
    friendRespond: 'hearth:friendRespond',
    friendRemove: 'hearth:friendRemove',
    block: 'hearth:block',
    unblock: 'hearth:unblock',
    startHost: 'hearth:startHost',
    stopHost: 'hearth:stopHost',
    trustCertificate: 'hearth:trustCertificate',
    openInvite: 'hearth:openInvite',
    browseLan: 'hearth:browseLan',
    joinLanRoom: 'hearth:joinLanRoom',
    openToInternet: 'hearth:openToInternet',
    closeToInternet: 'hearth:closeToInternet',
    openExternal: 'hearth:openExternal',
    setActiveConversation: 'hearth:setActiveConversation',
    countPeople: 'hearth:countPeople',
    browseRooms: 'hearth:browseRooms',
    createRoom: 'hearth:createRoom',
    createGroup: 'hearth:createGroup',
    joinRoom: 'hearth:joinRoom',
    leaveRoom: 'hearth:leaveRoom',
    inviteToRoom: 'hearth:inviteToRoom',
    updateRoom: 'hearth:updateRoom',
    roomMembers: 'hearth:roomMembers',
    setRoomRole: 'hearth:setRoomRole',
    moderate: 'hearth:moderate',
    deleteMessage: 'hearth:deleteMessage',
    setRoomMuted: 'hearth:setRoomMuted',
    setPreferences: 'hearth:setPreferences',
    storagePlaces: 'hearth:storagePlaces',
  },
  events: {
    connection: 'hearth:event:connection',
    session: 'hearth:event:session',
    message: 'hearth:event:message',
    notice: 'hearth:event:notice',
    friends: 'hearth:event:friends',
    host: 'hearth:event:host',
    lanRooms: 'hearth:event:lanRooms',
    internet: 'hearth:event:internet',
    unread: 'hearth:event:unread',
    rooms: 'hearth:event:rooms',
    mutedRooms: 'hearth:event:mutedRooms',
    member: 'hearth:event:member',
    messageDeleted: 'hearth:event:messageDeleted',
    roomRemoved: 'hearth:event:roomRemoved',
    settings: 'hearth:event:settings',
  },
} as const satisfies {
  invoke: { [K in keyof HearthInvoke]: string };
  events: { [K in keyof HearthEvents]: string };
};

/** How a server is written as a key (certificate pins, secrets) and in messages: `host:port`, `[v6]:port`. */
export function describeServer(server: ServerAddress): string {
  const host = server.host.toLowerCase();
  return host.includes(':') ? `[${host}]:${server.port}` : `${host}:${server.port}`;
}

export type InvokeMethod = keyof typeof ipcContract.invoke;
export type EventName = keyof typeof ipcContract.events;
export const INVOKE_METHODS = Object.keys(ipcContract.invoke) as InvokeMethod[];
export const EVENT_NAMES = Object.keys(ipcContract.events) as EventName[];

// The one contract between the renderer and the main process. The preload script exposes exactly
// `HearthApi` as `window.hearth`; the IPC adapter in the main process and the end-to-end test bridge
// both route each call to the same method of the main-process service, which implements `HearthInvoke`.
// The values they carry are in ipc-types.ts, re-exported here so the contract is one import.

import { type AccountEvents, type AccountInvoke, accountChannels } from './ipc-account';
import { type CallsEvents, type CallsInvoke, callsChannels } from './ipc-calls';
import { type ConversationEvents, type ConversationInvoke, conversationChannels } from './ipc-conversation';
import { type FilesEvents, type FilesInvoke, filesChannels } from './ipc-files';
import type {
  AppState,
  ChatMessage,
  ConnectionStatus,
  ConversationId,
  Credentials,
  HistoryPage,
  HostOptions,
  HostStatus,
  InternetStatus,
  LanRoomInfo,
  ModerationAction,
  Preferences,
  RoomMember,
  RoomSummary,
  RoomsState,
  ServerAddress,
  Session,
  Settings,
  StoragePlace,
  SystemNotice,
} from './ipc-types';
import type { FriendsSnapshot } from './protocol';
import type { Result } from './result';

export * from './ipc-account';
export * from './ipc-calls';
export * from './ipc-conversation';
export * from './ipc-files';
export * from './ipc-types';
export type { ErrorCode, Failure, Result } from './result';

/** Request/response calls. Every method takes at most one argument so it maps 1:1 onto `ipcRenderer.invoke`. */
export interface HearthInvoke extends AccountInvoke, ConversationInvoke, FilesInvoke, CallsInvoke {
  getState(): Promise<AppState>;
  connect(server: ServerAddress): Promise<Result>;
  disconnect(): Promise<Result>;
  /** While reconnecting: try now rather than waiting out the backoff (the room's host opened it again). */
  reconnectNow(): Promise<Result>;
  register(credentials: Credentials): Promise<Result<Session>>;
  login(credentials: Credentials): Promise<Result<Session>>;
  loginGuest(nickname: string): Promise<Result<Session>>;
  logout(): Promise<Result>;
  /** `replyTo`: the id of a message of the same conversation that this one answers. */
  send(message: {
    conversation: ConversationId;
    text: string;
    replyTo?: number;
  }): Promise<Result<{ cid: string }>>;
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
  /** Say no to an invite: it goes on every device, and the room cannot invite again for a while. */
  declineInvite(room: ConversationId): Promise<Result>;
  inviteToRoom(invite: { room: ConversationId; username: string }): Promise<Result>;
  updateRoom(update: {
    room: ConversationId;
    name?: string;
    topic?: string;
    readOnly?: boolean;
    archived?: boolean;
    visibility?: 'public' | 'private';
    /** Whether guests may join (public rooms; not the default room, whose guests are the host's choice). */
    guests?: boolean;
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
export interface HearthEvents extends AccountEvents, ConversationEvents, FilesEvents, CallsEvents {
  connection: ConnectionStatus;
  session: Session | null;
  message: ChatMessage;
  notice: SystemNotice;
  friends: FriendsSnapshot;
  host: HostStatus;
  lanRooms: LanRoomInfo[];
  internet: InternetStatus;
  /** Unread messages per conversation, and how many of them mention the user (the "@" badge). */
  unread: {
    total: number;
    byConversation: Record<ConversationId, number>;
    mentions: Record<ConversationId, number>;
  };
  rooms: RoomsState;
  mutedRooms: ConversationId[];
  /** A room member joined, left, changed role or was muted (member null: no longer in the room). */
  member: { room: ConversationId; username: string; member: RoomMember | null };
  /** A message was deleted: show its tombstone (`messageChanged` brings the tombstone itself too). */
  messageDeleted: { conversation: ConversationId; id: number };
  /** This user is no longer in a room (left on another device, removed, banned). */
  roomRemoved: { room: ConversationId; reason: 'left' | 'removed' | 'banned'; by: string | null };
  /** The settings as kept, after every change (preferences, recent rooms, pins). */
  settings: Settings;
  /** The user clicked a message's desktop notification: show its conversation. */
  notificationOpened: { conversation: ConversationId };
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
    declineInvite: 'hearth:declineInvite',
    inviteToRoom: 'hearth:inviteToRoom',
    updateRoom: 'hearth:updateRoom',
    roomMembers: 'hearth:roomMembers',
    setRoomRole: 'hearth:setRoomRole',
    moderate: 'hearth:moderate',
    deleteMessage: 'hearth:deleteMessage',
    setRoomMuted: 'hearth:setRoomMuted',
    setPreferences: 'hearth:setPreferences',
    storagePlaces: 'hearth:storagePlaces',
    ...accountChannels.invoke,
    ...conversationChannels.invoke,
    ...filesChannels.invoke,
    ...callsChannels.invoke,
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
    notificationOpened: 'hearth:event:notificationOpened',
    ...accountChannels.events,
    ...conversationChannels.events,
    ...filesChannels.events,
    ...callsChannels.events,
  },
} as const satisfies {
  invoke: { [K in keyof HearthInvoke]: string };
  events: { [K in keyof HearthEvents]: string };
};

export type InvokeMethod = keyof typeof ipcContract.invoke;
export type EventName = keyof typeof ipcContract.events;
export const INVOKE_METHODS = Object.keys(ipcContract.invoke) as InvokeMethod[];
export const EVENT_NAMES = Object.keys(ipcContract.events) as EventName[];

// The main-process service: everything the window can ask for and everything it is told, in plain Node.
// The Electron IPC adapter and the end-to-end test bridge both route the renderer's calls here; it holds
// the client connection, the session, the friends list, unread counts, settings and the embedded host.
//
// What the renderer can rely on:
// - Every method resolves to a Result; nothing throws across the bridge.
// - After a login the room's latest messages (and direct messages that arrived while the user was away)
//   come as `message` events; live messages, and those fetched after a reconnect, follow exactly once and in
//   id order. `loadHistory` pages further back; pages may overlap what events delivered, so the renderer
//   keys messages by id.
// - `send` answers at once with the client id and emits the message as `pending`; when the server has
//   stored it, the same cid comes again with its id. While reconnecting, sends wait and go out afterwards.
import { join } from 'node:path';
import { parseInvite } from '../../src-shared/invite';
import type {
  AppState,
  ChatMessage,
  ConnectionStatus,
  ConversationId,
  Credentials,
  HearthEvents,
  HearthInvoke,
  HistoryPage,
  HostOptions,
  HostStatus,
  InternetStatus,
  Result,
  ServerAddress,
  Session,
  Unsubscribe,
} from '../../src-shared/ipc';
import { describeServer } from '../../src-shared/ipc';
import { type FriendsSnapshot, MIN_PASSWORD_LENGTH, ROOM } from '../../src-shared/protocol';
import { fail, OK, ok } from '../../src-shared/result';
import {
  ChatConnection,
  type ConnectionOptions,
  type LinkStatus,
  type LoginInfo,
  type ReceivedMessage,
} from '../client/connection';
import type { OutgoingMessage } from '../client/outbox';
import { TypedEmitter } from '../client/typed-emitter';
import { mentions, sameUser, toChatMessage, toNotice } from './chat-mapping';
import type { HostLauncher, HostStarted } from './host-launcher';
import {
  activeConversationInput,
  check,
  credentialsInput,
  friendAnswerInput,
  historyInput,
  hostOptionsInput,
  NEW_PASSWORD_RULE,
  sendInput,
  serverAddressInput,
  usernameInput,
} from './inputs';
import { RememberedSessions } from './remembered-sessions';
import { RoomReach, type RoomReachOptions } from './room-reach';
import { MemorySecretStore, type SecretStore } from './secrets';
import { SettingsStore } from './settings';
import { UnreadCounter } from './unread-counter';

export interface DesktopNotification {
  title: string;
  body: string;
  conversation: ConversationId;
}

export interface HearthServiceOptions {
  /** The app's data directory: settings.json lives here, the hosted room's database under host/. */
  dataDir: string;
  hostLauncher: HostLauncher;
  /** Opens a URL in the user's browser; the service only ever passes http(s) URLs. */
  openExternal?: (url: string) => Promise<void>;
  /** Shows a desktop notification; the service decides when. */
  notify?: (notification: DesktopNotification) => void;
  /** Timeouts and backoff of the client connection (tests shorten them). */
  connection?: Omit<ConnectionOptions, 'host' | 'port' | 'pinnedFingerprint'>;
  /**
   * Where session tokens are kept between runs (the Electron app: safeStorage). Default: memory only, so
   * "remember me" lasts until the app quits.
   */
  secrets?: SecretStore;
  /** LAN discovery and port mapping; each absent or null: not offered (nothing leaves loopback). */
  reach?: Partial<RoomReachOptions>;
}

/** The address the host uses to join the room it runs. */
export const OWN_HOST = '127.0.0.1';
const HOST_DATA_SUBDIR = 'host';
const NOTIFICATION_BODY_CHARS = 200;
const MAX_LINK_CHARS = 2048;

const EMPTY_FRIENDS: FriendsSnapshot = { friends: [], incoming: [], outgoing: [] };
export class HearthService implements HearthInvoke {
  private readonly events = new TypedEmitter<HearthEvents>();
  private readonly settings: SettingsStore;
  private readonly remembered: RememberedSessions;
  private readonly unread = new UnreadCounter();
  private readonly stopWatchingHost: () => void;
  private readonly reach: RoomReach;

  private connection: ChatConnection | null = null;
  /** The room the connection goes to, and whether its certificate was pinned on this visit. */
  private server: ServerAddress | null = null;
  private newlyPinned = false;
  /** Whether the session being started should be remembered (its token kept in the secret store). */
  private rememberSession = false;
  private unwire: Unsubscribe[] = [];
  private status: ConnectionStatus = {
    state: 'disconnected',
    server: null,
    error: null,
    nextAttemptAt: null,
    fingerprint: null,
    newlyPinned: false,
  };
  private session: Session | null = null;
  private friends: FriendsSnapshot = EMPTY_FRIENDS;
  private host: HostStatus;
  private windowFocused = true;
  private disposed = false;

  constructor(private readonly options: HearthServiceOptions) {
    this.settings = new SettingsStore(options.dataDir);
    this.remembered = new RememberedSessions(options.secrets ?? new MemorySecretStore());
    const settings = this.settings.get();
    this.host = {
      running: false,
      port: null,
      allowGuests: settings.hostAllowGuests,
      addresses: [],
      fingerprint: null,
      classicPort: null,
      error: null,
    };
    this.reach = new RoomReach(
      { lan: null, portMapping: null, ...options.reach },
      {
        lanRooms: (rooms) => this.events.emit('lanRooms', rooms),
        internet: (status) => this.events.emit('internet', status),
      },
    );
    this.stopWatchingHost = options.hostLauncher.onExit((reason) => {
      if (reason === null || !this.host.running) return;
      void this.reach.roomStopped();
      this.setHost(stoppedHost(this.host, reason));
    });
  }

  on<E extends keyof HearthEvents>(event: E, listener: (payload: HearthEvents[E]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Called by the Electron layer: notifications and unread counting depend on whether the user looks. */
  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
    if (this.unread.setFocused(focused)) this.emitUnread();
  }

  async getState(): Promise<AppState> {
    return {
      connection: { ...this.status },
      session: this.session,
      friends: this.friends,
      host: { ...this.host },
      settings: this.settings.get(),
      internet: this.reach.internetStatus,
      roomName: this.reach.roomName,
    };
  }

  connect(server: ServerAddress): Promise<Result> {
    return this.guard('Connecting', async () => {
      const input = check(serverAddressInput, server);
      if (!input.ok) return input;
      return this.openConnection(input.value, true);
    });
  }

  disconnect(): Promise<Result> {
    return this.guard('Disconnecting', async () => {
      this.closeConnection();
      return OK;
    });
  }

  register(credentials: Credentials): Promise<Result<Session>> {
    return this.passwordSession('Registering', credentials, true);
  }

  login(credentials: Credentials): Promise<Result<Session>> {
    return this.passwordSession('Logging in', credentials, false);
  }

  private passwordSession(
    action: string,
    credentials: Credentials,
    isNew: boolean,
  ): Promise<Result<Session>> {
    return this.guard(action, async () => {
      const input = check(credentialsInput, credentials);
      if (!input.ok) return input;
      // The server enforces the rule too; checking first saves a round trip and gives the app's wording.
      if (isNew && input.value.password.length < MIN_PASSWORD_LENGTH)
        return fail('weak_password', NEW_PASSWORD_RULE);
      const connection = this.requireConnection();
      if (!connection.ok) return connection;
      this.rememberSession = input.value.remember;
      const { username, password } = input.value;
      const attempt = isNew
        ? connection.value.register(username, password)
        : connection.value.login(username, password);
      return this.startSession(attempt, true);
    });
  }

  loginGuest(nickname: string): Promise<Result<Session>> {
    return this.guard('Joining as a guest', async () => {
      const input = check(usernameInput, nickname);
      if (!input.ok) return input;
      const connection = this.requireConnection();
      if (!connection.ok) return connection;
      return this.startSession(connection.value.loginGuest(input.value), false);
    });
  }

  logout(): Promise<Result> {
    return this.guard('Logging out', async () => {
      if (!this.connection) return OK;
      if (this.server) await this.remembered.forget(this.server);
      return this.connection.logout();
    });
  }

  send(message: { conversation: ConversationId; text: string }): Promise<Result<{ cid: string }>> {
    return this.guard('Sending', async () => {
      const input = check(sendInput, message);
      if (!input.ok) return input;
      const { connection, session } = this;
      if (!connection || !session) return fail('not_logged_in', 'Log in before sending messages.');
      const conversation = this.resolveConversation(input.value.conversation, session);
      if (!conversation.ok) return conversation;
      const sent = connection.send(input.value.text, conversation.value);
      if (!sent.ok) return sent;
      this.events.emit('message', toPendingMessage(sent.value.message, session.username));
      return ok({ cid: sent.value.message.cid });
    });
  }

  loadHistory(query: {
    conversation: ConversationId;
    before?: number;
    limit?: number;
  }): Promise<Result<HistoryPage>> {
    return this.guard('Loading history', async () => {
      const input = check(historyInput, query);
      if (!input.ok) return input;
      const { connection, session } = this;
      if (!connection || !session) return fail('not_logged_in', 'Log in to read the history.');
      const page = await connection.history(input.value);
      if (!page.ok) return page;
      return ok({
        conversation: input.value.conversation,
        messages: page.value.messages.map((m) => toChatMessage(m, session.username)),
        more: page.value.more,
      });
    });
  }

  friendRequest(username: string): Promise<Result> {
    return this.friendCall('Sending the friend request', username, (c, name) => c.friendRequest(name));
  }

  friendRespond(answer: { username: string; accept: boolean }): Promise<Result> {
    const input = check(friendAnswerInput, answer);
    if (!input.ok) return Promise.resolve(input);
    const { accept } = input.value;
    return this.friendCall(accept ? 'Accepting' : 'Declining', input.value.username, (c, name) =>
      accept ? c.friendAccept(name) : c.friendDecline(name),
    );
  }

  friendRemove(username: string): Promise<Result> {
    return this.friendCall('Removing the friend', username, (c, name) => c.friendRemove(name));
  }

  startHost(options: HostOptions): Promise<Result<HostStatus>> {
    return this.guard('Starting the room', async () => {
      const input = check(hostOptionsInput, options);
      if (!input.ok) return input;
      if (this.host.running) return fail('busy', 'You are already hosting a room.');
      const { port, allowGuests, classicPort } = input.value;
      let started: HostStarted;
      try {
        started = await this.options.hostLauncher.start({
          port,
          allowGuests,
          classicPort,
          dataDir: join(this.options.dataDir, HOST_DATA_SUBDIR),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.setHost({
          running: false,
          port: null,
          allowGuests,
          addresses: [],
          fingerprint: null,
          classicPort: null,
          error: reason,
        });
        return fail('host_failed', reason);
      }
      if (this.disposed) {
        // The app began quitting while the room was starting: do not leave it running on its own.
        await this.options.hostLauncher.stop();
        return fail('disposed', 'Hearth is shutting down.');
      }
      this.setHost({
        running: true,
        port: started.port,
        allowGuests,
        addresses: started.addresses,
        fingerprint: started.fingerprint,
        classicPort: started.classicPort,
        error: null,
      });
      await this.reach.roomStarted({ port: started.port, allowGuests, fingerprint: started.fingerprint });
      const hostClassicPort = classicPort === 0 ? this.settings.get().hostClassicPort : classicPort;
      await this.settings.update(
        port === 0
          ? { hostAllowGuests: allowGuests, hostClassicPort }
          : { hostPort: port, hostAllowGuests: allowGuests, hostClassicPort },
      );
      const joined = await this.openConnection({ host: OWN_HOST, port: started.port }, false);
      if (!joined.ok) return fail(joined.code, `The room is running, but joining it failed: ${joined.error}`);
      return ok({ ...this.host });
    });
  }

  stopHost(): Promise<Result> {
    return this.guard('Stopping the room', async () => {
      if (!this.host.running) return OK;
      if (this.status.server?.host === OWN_HOST && this.status.server.port === this.host.port) {
        this.closeConnection();
      }
      await this.reach.roomStopped();
      await this.options.hostLauncher.stop();
      this.setHost(stoppedHost(this.host, null));
      return OK;
    });
  }

  openInvite(link: string): Promise<Result<{ server: ServerAddress; name: string | null }>> {
    return this.guard('Opening the invite', async () => {
      const invite = parseInvite(String(link));
      if (!invite.ok) return invite;
      const { host, port, fingerprint, name } = invite.value;
      const joined = await this.connectPinned({ host, port }, fingerprint);
      if (!joined.ok) return joined;
      return ok({ server: { host, port }, name });
    });
  }

  browseLan(on: boolean): Promise<Result> {
    return this.guard('Looking for rooms nearby', async () => this.reach.browse(on === true));
  }

  joinLanRoom(id: string): Promise<Result> {
    return this.guard('Joining the room', async () => {
      const room = typeof id === 'string' ? this.reach.findLanRoom(id) : null;
      if (!room) return fail('not_found', 'That room is no longer on the local network.');
      return this.connectPinned({ host: room.host, port: room.port }, room.fingerprint);
    });
  }

  openToInternet(): Promise<Result<InternetStatus>> {
    return this.guard('Opening the room to the Internet', () => this.reach.openToInternet());
  }

  closeToInternet(): Promise<Result> {
    return this.guard('Closing the room to the Internet', async () => {
      await this.reach.closeToInternet();
      return OK;
    });
  }

  forgetCertificate(server: ServerAddress): Promise<Result> {
    return this.guard('Forgetting the certificate', async () => {
      const input = check(serverAddressInput, server);
      if (!input.ok) return input;
      await this.settings.setCertificatePin(describeServer(input.value), null);
      return OK;
    });
  }

  openExternal(url: string): Promise<Result> {
    return this.guard('Opening the link', async () => {
      let parsed: URL;
      try {
        parsed = new URL(String(url));
      } catch {
        return fail('invalid', 'That is not a valid link.');
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return fail('invalid', 'Only http and https links can be opened.');
      }
      // user:password@host links are a classic disguise (https://bank.com@evil.example), and no honest
      // link needs to be longer than this.
      if (parsed.username || parsed.password || parsed.href.length > MAX_LINK_CHARS) {
        return fail('invalid', 'That link looks unsafe, so it was not opened.');
      }
      if (!this.options.openExternal) return fail('unavailable', 'Opening links is not available here.');
      await this.options.openExternal(parsed.href);
      return OK;
    });
  }

  setActiveConversation(conversation: ConversationId | null): Promise<Result> {
    return this.guard('Switching conversation', async () => {
      const input = check(activeConversationInput, conversation);
      if (!input.ok) return input;
      if (this.unread.setActive(input.value)) this.emitUnread();
      return OK;
    });
  }

  /** Close the connection, stop a hosted room and finish writing settings. */
  async dispose(): Promise<void> {
    this.closeConnection();
    if (this.host.running) await this.stopHost();
    await this.reach.dispose();
    this.disposed = true;
    this.stopWatchingHost();
    await this.settings.flush();
    this.events.removeAllListeners();
  }

  // --- the connection ---------------------------------------------------------------------------------

  /**
   * Connect to a server whose fingerprint came with a link or an advertisement: pinned before connecting,
   * so the connection accepts only that certificate. A link never replaces a different pin (a link is
   * easy to forge; a reinstalled room is forgotten on purpose with forgetCertificate).
   */
  private async connectPinned(server: ServerAddress, fingerprint: string | null): Promise<Result> {
    if (fingerprint !== null) {
      const key = describeServer(server);
      const pinned = this.settings.get().certificatePins[key];
      if (pinned !== undefined && pinned !== fingerprint) {
        return fail(
          'certificate_changed',
          `This link's certificate fingerprint for ${key} differs from the one you trusted before, so Hearth did not connect. Ask the host whether the room was reinstalled; only then forget the old certificate and try again.`,
        );
      }
      if (pinned === undefined) await this.settings.setCertificatePin(key, fingerprint);
    }
    return this.openConnection(server, true);
  }

  /**
   * Open a link to a room. Its certificate must match the pin from an earlier visit (the room we host
   * ourselves: the fingerprint its process reported); on a first visit the certificate seen is pinned, and
   * kept in the settings when the room is one the user chose (`remember`). A session remembered for the
   * room is resumed with its token.
   */
  private async openConnection(server: ServerAddress, remember: boolean): Promise<Result> {
    this.closeConnection();
    const ownRoom = server.host === OWN_HOST && this.host.running && server.port === this.host.port;
    const connection = new ChatConnection({
      ...this.options.connection,
      host: server.host,
      port: server.port,
      pinnedFingerprint: ownRoom
        ? this.host.fingerprint
        : (this.settings.get().certificatePins[describeServer(server)] ?? null),
    });
    this.connection = connection;
    this.server = server;
    this.newlyPinned = false;
    this.wire(connection, server);
    this.unwire.push(
      connection.on('pinned', ({ fingerprint }) => {
        this.newlyPinned = true;
        if (remember) void this.settings.setCertificatePin(describeServer(server), fingerprint);
      }),
      connection.on('tokenRefused', () => void this.remembered.forget(server)),
    );
    const opened = await connection.connect();
    if (this.connection !== connection) return fail('cancelled', 'Another connection was started meanwhile.');
    if (!opened.ok) {
      this.unwireConnection();
      this.connection = null;
      return opened;
    }
    if (remember) await this.settings.rememberServer(server);
    await this.resumeRemembered(connection, server);
    return OK;
  }

  /** A session remembered for this room is resumed with its token; a refused token is forgotten. */
  private async resumeRemembered(connection: ChatConnection, server: ServerAddress): Promise<void> {
    const saved = await this.remembered.get(server);
    if (!saved || this.connection !== connection || this.session) return;
    this.rememberSession = true;
    const resumed = await connection.loginWithToken(saved.username, saved.token);
    if (!resumed.ok && resumed.code === 'session_expired') await this.remembered.forget(server);
  }

  private closeConnection(): void {
    const connection = this.connection;
    if (!connection) return;
    this.unwireConnection();
    this.connection = null;
    this.server = null;
    connection.close();
    this.setStatus({
      state: 'disconnected',
      server: null,
      error: null,
      nextAttemptAt: null,
      fingerprint: null,
      newlyPinned: false,
    });
    this.endSession();
  }

  private wire(connection: ChatConnection, server: ServerAddress): void {
    this.unwire = [
      connection.on('status', (link) =>
        this.setStatus(toStatus(link, server, connection.fingerprint, this.newlyPinned)),
      ),
      connection.on('session', (info) => (info ? this.beginSession(info) : this.endSession())),
      connection.on('message', (message) => this.receive(message, true)),
      connection.on('notice', (info) => this.events.emit('notice', toNotice(info))),
      connection.on('presence', (entry) => {
        this.setFriends({
          ...this.friends,
          friends: this.friends.friends.map((f) => (sameUser(f.username, entry.username) ? entry : f)),
        });
      }),
      connection.on('friends', (snapshot) => this.setFriends(snapshot)),
      connection.on('sendFailed', ({ message, error }) => {
        // The same cid again: the renderer turns its "Sending" bubble into a "Not delivered" one in place.
        if (this.session)
          this.events.emit('message', toPendingMessage(message, this.session.username, error));
      }),
      connection.on('serverError', ({ error, code }) => {
        // Rate limits are the client core's business (it paces and retries); without a session there is
        // no chat to show the notice in (a login screen left open simply times out).
        if (!this.session || code === 'rate_limited') return;
        this.events.emit('notice', {
          conversation: ROOM,
          kind: 'info',
          text: error,
          timestamp: new Date().toISOString(),
        });
      }),
    ];
  }

  private unwireConnection(): void {
    for (const off of this.unwire) off();
    this.unwire = [];
  }

  private requireConnection(): Result<ChatConnection> {
    if (!this.connection) return fail('disconnected', 'Connect to a server first.');
    return ok(this.connection);
  }

  // --- the session ------------------------------------------------------------------------------------

  private async startSession(
    attempt: Promise<Result<LoginInfo>>,
    rememberName: boolean,
  ): Promise<Result<Session>> {
    const answer = await attempt;
    if (!answer.ok) return answer;
    if (rememberName) await this.settings.update({ lastUsername: answer.value.username });
    return ok({ username: answer.value.username, guest: answer.value.guest });
  }

  private beginSession(info: LoginInfo): void {
    this.session = { username: info.username, guest: info.guest };
    // A password login or register just got a token: keep it for the next start, if the user wants that.
    if (info.token && this.server && this.rememberSession) {
      void this.remembered.save(this.server, { username: info.username, token: info.token });
    }
    this.events.emit('session', { ...this.session });
    this.setFriends(info.friends);
    // The login's history: the room's latest (already read, as far as anyone can tell) and direct messages
    // that arrived while the user was away (new to them, so they count as unread).
    for (const message of info.history) this.receive(message, false);
  }

  private endSession(): void {
    const hadSession = this.session !== null;
    this.session = null;
    this.friends = EMPTY_FRIENDS;
    if (this.unread.clear()) this.emitUnread();
    if (hadSession) {
      this.events.emit('session', null);
      this.events.emit('friends', this.friends);
    }
  }

  private receive(message: ReceivedMessage, live: boolean): void {
    const session = this.session;
    if (!session) return;
    const chat = toChatMessage(message, session.username);
    this.events.emit('message', chat);
    if (chat.own) return;
    const direct = chat.conversation !== ROOM;
    if ((live || direct) && this.unread.add(chat.conversation)) this.emitUnread();
    if (live && !this.windowFocused && (direct || mentions(chat.text, session.username))) {
      this.options.notify?.({
        title: direct ? chat.sender : `${chat.sender} in the room`,
        body:
          chat.text.length > NOTIFICATION_BODY_CHARS
            ? `${chat.text.slice(0, NOTIFICATION_BODY_CHARS)}…`
            : chat.text,
        conversation: chat.conversation,
      });
    }
  }

  /** `room`, or `@name` spelled as the friends list spells it; direct messages only to friends. */
  private resolveConversation(conversation: ConversationId, session: Session): Result<ConversationId> {
    if (conversation === ROOM) return ok(ROOM);
    if (session.guest) return fail('not_allowed', 'Guests can only chat in the room.');
    const peer = conversation.slice(1);
    const friend = this.friends.friends.find((f) => sameUser(f.username, peer));
    if (!friend)
      return fail('not_allowed', `${peer} is not on your friends list; direct messages go to friends only.`);
    return ok(`@${friend.username}`);
  }

  private friendCall(
    what: string,
    username: string,
    call: (connection: ChatConnection, username: string) => Promise<Result<FriendsSnapshot>>,
  ): Promise<Result> {
    return this.guard(what, async () => {
      const input = check(usernameInput, username);
      if (!input.ok) return input;
      const { connection, session } = this;
      if (!connection || !session) return fail('not_logged_in', 'Log in to manage friends.');
      if (session.guest) return fail('not_allowed', 'Guests cannot have friends; register an account first.');
      const answer = await call(connection, input.value);
      if (!answer.ok) return answer;
      this.setFriends(answer.value);
      return OK;
    });
  }

  // --- state and events -------------------------------------------------------------------------------

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.events.emit('connection', { ...status });
  }

  private setFriends(friends: FriendsSnapshot): void {
    this.friends = friends;
    this.events.emit('friends', friends);
  }

  private setHost(host: HostStatus): void {
    this.host = host;
    this.events.emit('host', { ...host });
  }

  private emitUnread(): void {
    this.events.emit('unread', this.unread.snapshot());
  }

  private async guard<T>(what: string, action: () => Promise<Result<T>>): Promise<Result<T>> {
    if (this.disposed) return fail('disposed', 'Hearth is shutting down.');
    try {
      return await action();
    } catch (error) {
      console.error(`hearth: ${what} failed:`, error);
      const reason = error instanceof Error ? error.message : String(error);
      return fail('internal', `${what} failed: ${reason}`);
    }
  }
}

function toStatus(
  link: LinkStatus,
  server: ServerAddress,
  fingerprint: string | null,
  newlyPinned: boolean,
): ConnectionStatus {
  return {
    state: link.state,
    server: link.state === 'disconnected' && link.error === null ? null : server,
    error: link.error,
    nextAttemptAt: link.nextAttemptAt,
    fingerprint,
    newlyPinned,
  };
}

/** The host status once its room has stopped: on request (error null) or on its own (the reason). */
function stoppedHost(host: HostStatus, error: string | null): HostStatus {
  return { ...host, running: false, port: null, addresses: [], fingerprint: null, classicPort: null, error };
}

function toPendingMessage(message: OutgoingMessage, me: string, failed: string | null = null): ChatMessage {
  return {
    id: null,
    cid: message.cid,
    conversation: message.to,
    sender: me,
    text: message.text,
    timestamp: message.createdAt,
    own: true,
    pending: failed === null,
    failed,
  };
}

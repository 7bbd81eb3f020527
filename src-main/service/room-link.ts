// The link to one room at a time: opening and closing the client connection, the certificate pins it is
// checked against, the session on it (with "remember me" tokens), and what the connection reports, turned
// into the window's events. Chat calls on the session are in chat-actions.ts.
import type {
  ConnectionStatus,
  HearthEvents,
  ReplyPreview,
  ServerAddress,
  Session,
  Unsubscribe,
} from '../../src-shared/ipc';
import { describeServer } from '../../src-shared/ipc';
import { type FriendsSnapshot, ROOM } from '../../src-shared/protocol';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import {
  ChatConnection,
  type ConnectionOptions,
  type LoginInfo,
  type ReceivedMessage,
} from '../client/connection';
import type { OutgoingMessage } from '../client/outbox';
import type { TypedEmitter } from '../client/typed-emitter';
import { sameUser, toNotice, toPendingMessage } from './chat-mapping';
import { DISCONNECTED, toStatus } from './connection-status';
import type { Inbox } from './inbox';
import type { RememberedSessions } from './remembered-sessions';
import type { RoomsState } from './rooms-state';
import type { SettingsStore } from './settings';
import { catchUpUnread } from './unread-catch-up';

/** The address the host uses to join the room it runs. */
export const OWN_HOST = '127.0.0.1';

const EMPTY_FRIENDS: FriendsSnapshot = { friends: [], incoming: [], outgoing: [] };

export interface RoomLinkOptions {
  settings: SettingsStore;
  remembered: RememberedSessions;
  inbox: Inbox;
  rooms: RoomsState;
  /** Subscribes whoever keeps the rooms to what a connection reports about them (room-pushes.ts). */
  wireRooms(connection: ChatConnection): Unsubscribe[];
  events: Pick<TypedEmitter<HearthEvents>, 'emit'>;
  /** Timeouts and backoff of the client connection. */
  connection?: Omit<ConnectionOptions, 'host' | 'port' | 'pinnedFingerprint'>;
  /** The fingerprint of the room this computer hosts when `server` is it; undefined otherwise. */
  hostedPin(server: ServerAddress): string | null | undefined;
  /** What a reply to message `id` quotes of it, when the window was given that message. */
  quote(id: number): ReplyPreview | undefined;
}

export interface LoggedIn {
  connection: ChatConnection;
  session: Session;
}

export class RoomLink {
  private connection: ChatConnection | null = null;
  /** The room the connection goes to, and whether its certificate was pinned on this visit. */
  private server: ServerAddress | null = null;
  private newlyPinned = false;
  /** Whether the session being started should be remembered (its token kept in the secret store). */
  private rememberSession = false;
  private unwire: Unsubscribe[] = [];
  private current: ConnectionStatus = DISCONNECTED;
  private currentSession: Session | null = null;
  private currentFriends: FriendsSnapshot = EMPTY_FRIENDS;

  constructor(private readonly options: RoomLinkOptions) {}

  get status(): ConnectionStatus {
    return { ...this.current };
  }

  get session(): Session | null {
    return this.currentSession;
  }

  get friends(): FriendsSnapshot {
    return this.currentFriends;
  }

  /** Whether the link goes to this server right now (or is trying to). */
  isTo(server: ServerAddress): boolean {
    return this.current.server?.host === server.host && this.current.server.port === server.port;
  }

  /**
   * Connect to a server whose fingerprint came with a link or an advertisement: pinned before connecting,
   * so the connection accepts only that certificate. A link never replaces a different pin (a link is
   * easy to forge; a reinstalled room is trusted on purpose with replacePin).
   */
  async openPinned(server: ServerAddress, fingerprint: string | null): Promise<Result> {
    if (fingerprint !== null) {
      const key = describeServer(server);
      const pinned = this.options.settings.get().certificatePins[key];
      if (pinned !== undefined && pinned !== fingerprint) {
        return fail(
          'certificate_changed',
          `This link's certificate fingerprint for ${key} differs from the one you trusted before, so Hearth did not connect. Ask the host whether the room was reinstalled; only then forget the old certificate and try again.`,
        );
      }
      if (pinned === undefined) await this.options.settings.setCertificatePin(key, fingerprint);
    }
    return this.open(server, true);
  }

  /**
   * Open a link to a room. Its certificate must match the pin from an earlier visit (the room we host
   * ourselves: the fingerprint its process reported); on a first visit the certificate seen is pinned, and
   * kept in the settings when the room is one the user chose (`remember`). A session remembered for the
   * room is resumed with its token. docs/protocol.md § Transport: TLS, and the classic port.
   */
  async open(server: ServerAddress, remember: boolean): Promise<Result> {
    this.close();
    const { settings } = this.options;
    const hosted = this.options.hostedPin(server);
    const connection = new ChatConnection({
      ...this.options.connection,
      host: server.host,
      port: server.port,
      pinnedFingerprint:
        hosted !== undefined ? hosted : (settings.get().certificatePins[describeServer(server)] ?? null),
    });
    this.connection = connection;
    this.server = server;
    this.newlyPinned = false;
    this.wire(connection, server);
    this.unwire.push(
      connection.on('pinned', ({ fingerprint }) => {
        this.newlyPinned = true;
        if (remember) void settings.setCertificatePin(describeServer(server), fingerprint);
      }),
      connection.on('tokenRefused', () => void this.options.remembered.forget(server)),
    );
    const opened = await connection.connect();
    if (this.connection !== connection) return fail('cancelled', 'Another connection was started meanwhile.');
    if (!opened.ok) {
      this.unwireConnection();
      this.connection = null;
      return opened;
    }
    if (remember) await settings.rememberServer(server);
    await this.resumeRemembered(connection, server);
    return OK;
  }

  /** The link is down and waiting to retry: retry now. */
  retryNow(): void {
    this.connection?.retryNow();
  }

  close(): void {
    const connection = this.connection;
    if (!connection) {
      // A link that failed to open leaves its reason (and room) on show; closing means done with it.
      if (this.current.server) this.setStatus(DISCONNECTED);
      return;
    }
    this.unwireConnection();
    this.connection = null;
    this.server = null;
    connection.close();
    this.setStatus(DISCONNECTED);
    this.endSession();
  }

  /** Pin the fingerprint people compared in place of the old one (the room was reinstalled). */
  replacePin(server: ServerAddress, fingerprint: string): Promise<void> {
    return this.options.settings.setCertificatePin(describeServer(server), fingerprint);
  }

  // --- the session ------------------------------------------------------------------------------------

  /** Log in (or register) with a password; `remember` keeps the session's token for the next start. */
  passwordLogin(
    credentials: { username: string; password: string; remember: boolean },
    isNew: boolean,
  ): Promise<Result<Session>> {
    const connection = this.requireConnection();
    if (!connection.ok) return Promise.resolve(connection);
    this.rememberSession = credentials.remember;
    const { username, password } = credentials;
    const attempt = isNew
      ? connection.value.register(username, password)
      : connection.value.login(username, password);
    return this.startSession(attempt, true);
  }

  guestLogin(nickname: string): Promise<Result<Session>> {
    const connection = this.requireConnection();
    if (!connection.ok) return Promise.resolve(connection);
    return this.startSession(connection.value.loginGuest(nickname), false);
  }

  async logout(): Promise<Result> {
    if (!this.connection) return OK;
    if (this.server) await this.options.remembered.forget(this.server);
    return this.connection.logout();
  }

  /** The connection and session for a call that needs a login; `refusal` says so otherwise. */
  requireSession(refusal: string): Result<LoggedIn> {
    const { connection, currentSession: session } = this;
    if (!connection || !session) return fail('not_logged_in', refusal);
    return ok({ connection, session });
  }

  /** As `requireSession`, for what only an account may do: a guest is refused with `guestRefusal`. */
  requireAccount(refusal: string, guestRefusal: string): Result<LoggedIn> {
    const loggedIn = this.requireSession(refusal);
    if (loggedIn.ok && loggedIn.value.session.guest) return fail('not_allowed', guestRefusal);
    return loggedIn;
  }

  setFriends(friends: FriendsSnapshot): void {
    this.currentFriends = friends;
    this.options.inbox.setBlocked(friends.blocked ?? []);
    this.options.events.emit('friends', friends);
  }

  /** One of the user's own sends, as the window shows it before the ack, or for good once it `failed`. */
  showOwn(message: OutgoingMessage, failed: string | null = null): void {
    if (!this.currentSession) return;
    const quote = message.replyTo === undefined ? undefined : this.options.quote(message.replyTo);
    this.options.events.emit('message', toPendingMessage(message, this.currentSession, failed, quote));
  }

  private async startSession(
    attempt: Promise<Result<LoginInfo>>,
    rememberName: boolean,
  ): Promise<Result<Session>> {
    const answer = await attempt;
    if (!answer.ok) return answer;
    const remembered = { lastUsername: answer.value.username, keepLoggedIn: this.rememberSession };
    if (rememberName) await this.options.settings.update(remembered);
    return ok({ username: answer.value.username, guest: answer.value.guest });
  }

  /**
   * A session remembered for this room is resumed with its token; a refused token is forgotten
   * (docs/protocol.md § `login` — account, or Hearth guest: an expired token gets `session_expired`).
   */
  private async resumeRemembered(connection: ChatConnection, server: ServerAddress): Promise<void> {
    const saved = await this.options.remembered.get(server);
    if (!saved || this.connection !== connection || this.currentSession) return;
    this.rememberSession = true;
    const resumed = await connection.loginWithToken(saved.username, saved.token);
    if (!resumed.ok && resumed.code === 'session_expired') await this.options.remembered.forget(server);
  }

  private beginSession(info: LoginInfo): void {
    const session = { username: info.username, guest: info.guest };
    this.currentSession = session;
    // A password login or register just got a token: keep it for the next start, if the user wants that.
    if (info.token && this.server && this.rememberSession) {
      void this.options.remembered.save(this.server, { username: info.username, token: info.token });
    }
    this.options.events.emit('session', { ...session });
    this.setFriends(info.friends);
    this.options.rooms.replace({ rooms: info.rooms ?? [], invites: info.invites ?? [] });
    const receive = (message: ReceivedMessage) =>
      this.options.inbox.receive(message, session.username, false);
    for (const message of info.history) receive(message);
    const connection = this.connection;
    if (connection) void catchUpUnread(connection, info, receive, () => this.currentSession === session);
  }

  private endSession(): void {
    const hadSession = this.currentSession !== null;
    this.currentSession = null;
    this.currentFriends = EMPTY_FRIENDS;
    this.options.inbox.clear();
    this.options.rooms.clear();
    if (hadSession) {
      this.options.events.emit('session', null);
      this.options.events.emit('friends', this.currentFriends);
    }
  }

  // --- what the connection reports --------------------------------------------------------------------

  private wire(connection: ChatConnection, server: ServerAddress): void {
    const { events, inbox } = this.options;
    this.unwire = [
      connection.on('status', (link) => this.setStatus(toStatus(link, server, connection, this.newlyPinned))),
      connection.on('session', (info) => (info ? this.beginSession(info) : this.endSession())),
      connection.on('message', (message) => {
        if (this.currentSession) inbox.receive(message, this.currentSession.username, true);
      }),
      connection.on('notice', (info) => events.emit('notice', toNotice(info))),
      connection.on('presence', (entry) => {
        const friends = this.currentFriends.friends.map((f) =>
          sameUser(f.username, entry.username) ? entry : f,
        );
        this.setFriends({ ...this.currentFriends, friends });
      }),
      connection.on('friends', (snapshot) => this.setFriends(snapshot)),
      ...this.options.wireRooms(connection),
      // The same cid again: the renderer turns its "Sending" bubble into a "Not delivered" one in place.
      connection.on('sendFailed', ({ message, error }) => this.showOwn(message, error)),
      connection.on('serverError', ({ error, code }) => {
        // Rate limits are the client core's business (it paces and retries); without a session there is
        // no chat to show the notice in (a login screen left open simply times out).
        if (!this.currentSession || code === 'rate_limited') return;
        events.emit('notice', {
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

  private setStatus(status: ConnectionStatus): void {
    this.current = status;
    this.options.events.emit('connection', { ...status });
  }
}

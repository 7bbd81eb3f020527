// The client core: one TLS connection to a Hearth server, used by the desktop app's service layer and by
// the tests (and by anything else that needs a Hearth client). It speaks the wire protocol of src-shared/protocol.ts and hides the network's
// moods from its user: requests get typed answers or an error value (never a throw), a dropped link is
// re-established with backoff, the session is restored with the remembered credentials, missed messages are
// fetched with `resume`, and sends made meanwhile wait in the outbox. Every stored message reaches the
// `message` event exactly once and in id order, whatever happened to the link.
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { z } from 'zod';
import { FrameDecoder } from '../../src-shared/framing';
import type { ConnectionState, ErrorCode, Failure, Result } from '../../src-shared/ipc';
import {
  type FriendEntry,
  type FriendsSnapshot,
  MAX_PAGE,
  type MessageResponse,
  type Response,
  type ResponseName,
  ROOM,
  type requestSchema,
} from '../../src-shared/protocol';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { describeAddress, describeConnectError } from './network-errors';
import { Outbox, type OutgoingMessage } from './outbox';
import { SeenMessages } from './seen-messages';
import { TypedEmitter } from './typed-emitter';

/** A stored message; `cid` is set when it is our own send from this connection. */
export interface ReceivedMessage extends MessageResponse {
  cid?: string;
}

export type InfoResponse = Extract<Response, { response: 'info' }>;
export type LoginInfo = Extract<Response, { response: 'login' }>['content'];
export type ResponseOf<N extends ResponseName> = Extract<Response, { response: N }>;
type OutgoingRequest = Omit<z.input<typeof requestSchema>, 'rid'>;

export interface LinkStatus {
  state: ConnectionState;
  /** Why the last attempt failed or the link dropped, in words for people. */
  error: string | null;
  nextAttemptAt: number | null;
}

export interface ConnectionEvents {
  status: LinkStatus;
  message: ReceivedMessage;
  /** Join/leave/welcome and other `info` the server pushes. */
  notice: InfoResponse;
  presence: FriendEntry;
  friends: FriendsSnapshot;
  /** A session began (login/register) or ended (logout, or re-login refused after a reconnect). */
  session: LoginInfo | null;
  /** A queued send that the server refused for good. */
  sendFailed: { message: OutgoingMessage; error: string; code: ErrorCode };
  /** An `error` the server sent that answers no request (idle timeout, oversized frame...). */
  serverError: { error: string; code: ErrorCode };
  /** First connection to this room: its certificate fingerprint is now pinned (trust on first use). */
  pinned: { fingerprint: string };
  /** A re-login with the session token was refused (expired or logged out elsewhere): forget the token. */
  tokenRefused: { username: string };
}

export interface ConnectionOptions {
  host: string;
  port: number;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** How often to ping: keeps the server's idle timer and our own dead-link check fed. */
  heartbeatIntervalMs?: number;
  /** Silence after which the link is considered dead even though the socket looks open. */
  deadAfterMs?: number;
  /** Wait before retrying a send the server refused with `rate_limited` (or could not store). */
  rateLimitRetryMs?: number;
  /** Messages per `resume` page after a reconnect. */
  resumePageSize?: number;
  backoff?: Partial<BackoffOptions>;
  maxFrameBytes?: number;
  /**
   * SHA-256 fingerprint (`AB:CD:…`) this room's certificate had last time; null or absent on the first visit,
   * when the first certificate seen is pinned (the `pinned` event tells whoever keeps pins).
   */
  pinnedFingerprint?: string | null;
}

const DEFAULTS = {
  requestTimeoutMs: 10_000,
  connectTimeoutMs: 8_000,
  heartbeatIntervalMs: 10_000,
  deadAfterMs: 25_000,
  rateLimitRetryMs: 1_000,
  resumePageSize: 500,
  // Server answers can be large (a history page of long messages), but not unboundedly so.
  maxFrameBytes: 16 * 1024 * 1024,
};

/**
 * Sends on the wire at once. Bounded so that a long queue flushed after a reconnect cannot run far past the
 * server's rate limit (which disconnects a client after a run of refusals).
 */
const MAX_INFLIGHT_SENDS = 10;
/** A session restore refused for a passing reason (throttled, name still held by our old link) is retried. */
const MAX_RESTORE_REFUSALS = 8;
const TRANSIENT_LOGIN_REFUSALS = new Set<ErrorCode>(['timeout', 'rate_limited', 'throttled', 'server_error']);

type Credentials =
  | { username: string; password: string }
  | { username: string; guest: true }
  | { username: string; token: string };

interface PendingRequest {
  expect: readonly ResponseName[];
  settle: (result: Result<Response>) => void;
  timer: NodeJS.Timeout;
}

export type SendOutcome = Result<ReceivedMessage>;

const fail = (error: string, code: ErrorCode): Failure => ({ ok: false, error, code });

export class ChatConnection {
  readonly host: string;
  readonly port: number;
  private readonly options: typeof DEFAULTS & { backoff: BackoffOptions };
  private readonly events = new TypedEmitter<ConnectionEvents>();
  /** The fingerprint every link to this room must present; set on first use if it was not known. */
  private pin: string | null;

  private socket: Socket | null = null;
  private status: LinkStatus = { state: 'disconnected', error: null, nextAttemptAt: null };
  /** Set once the first connect succeeded; from then on a drop is repaired automatically. */
  private keepAlive = false;
  /** Counts close() calls, so an open in progress can tell it was called off. */
  private closeCount = 0;
  private reconnectAttempt = 0;
  private restoreRefusals = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private lastInboundAt = 0;
  private nextRid = 1;
  private readonly pending = new Map<string, PendingRequest>();

  private credentials: Credentials | null = null;
  private sessionInfo: LoginInfo | null = null;
  /** Logged in on the current socket (a restored session counts only once re-login succeeded). */
  private loggedIn = false;
  private readonly seen = new SeenMessages();

  private readonly outbox = new Outbox<SendOutcome>();
  /** Client id → rid of each send transmitted on the current socket and not answered yet. */
  private readonly inflight = new Map<string, string>();
  /** rid of each transmitted send → its client id, to route a refusal to the right send. */
  private readonly sendRids = new Map<string, string>();
  private pumpTimer: NodeJS.Timeout | null = null;

  /** While the session is being restored: live pushes wait here until resume has caught up. */
  private recovering = false;
  private liveBuffer: MessageResponse[] = [];
  /** Our own sends acked during recovery, shown in id order once resume has placed them. */
  private readonly heldOwn = new Map<number, ReceivedMessage>();

  constructor(options: ConnectionOptions) {
    this.host = options.host;
    this.port = options.port;
    this.pin = options.pinnedFingerprint ?? null;
    this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
      deadAfterMs: options.deadAfterMs ?? DEFAULTS.deadAfterMs,
      rateLimitRetryMs: options.rateLimitRetryMs ?? DEFAULTS.rateLimitRetryMs,
      resumePageSize: options.resumePageSize ?? DEFAULTS.resumePageSize,
      maxFrameBytes: options.maxFrameBytes ?? DEFAULTS.maxFrameBytes,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    };
  }

  on<E extends keyof ConnectionEvents>(event: E, listener: (payload: ConnectionEvents[E]) => void) {
    return this.events.on(event, listener);
  }

  get state(): LinkStatus {
    return { ...this.status };
  }

  get session(): LoginInfo | null {
    return this.sessionInfo;
  }

  /** The room's certificate fingerprint once a link was verified (or as pinned beforehand), else null. */
  get fingerprint(): string | null {
    return this.pin;
  }

  /** Sends not yet acknowledged by the server, oldest first. */
  get unsent(): OutgoingMessage[] {
    return this.outbox.pending();
  }

  /** Open the link. Fails with a sentence naming the address when the server cannot be reached. */
  async connect(): Promise<Result> {
    if (this.status.state !== 'disconnected') return fail('Already connected or connecting.', 'busy');
    const generation = this.closeCount;
    const closedMeanwhile = () => this.closeCount !== generation;
    this.setStatus({ state: 'connecting', error: null, nextAttemptAt: null });
    const opened = await this.openSocket();
    if (closedMeanwhile()) {
      if (opened.ok) opened.value.destroy();
      return fail('The connection was closed.', 'closed');
    }
    if (!opened.ok) {
      this.setStatus({ state: 'disconnected', error: opened.error, nextAttemptAt: null });
      return opened;
    }
    this.attach(opened.value);
    // Something listens there; make sure it is a Hearth room before the user types a password into it.
    const hello = await this.request(
      { request: 'ping', content: null },
      ['pong'],
      this.options.connectTimeoutMs,
    );
    if (closedMeanwhile()) return fail('The connection was closed.', 'closed');
    if (!hello.ok) {
      const error = `${describeAddress(this.host, this.port)} answered, but not like a Hearth room (${hello.error})`;
      const socket = this.socket;
      this.detach(error);
      socket?.destroy();
      this.setStatus({ state: 'disconnected', error, nextAttemptAt: null });
      return fail(error, 'not_hearth');
    }
    this.keepAlive = true;
    this.setStatus({ state: 'connected', error: null, nextAttemptAt: null });
    return { ok: true, value: null };
  }

  /** Close for good: no reconnect; unsent messages are given up with an error. */
  close(): void {
    this.closeCount++;
    this.keepAlive = false;
    this.clearTimer('reconnectTimer');
    this.clearTimer('pumpTimer');
    this.endSession('The connection was closed before this message was sent.');
    const socket = this.socket;
    this.detach('The connection was closed.');
    socket?.destroy();
    this.setStatus({ state: 'disconnected', error: null, nextAttemptAt: null });
  }

  async register(username: string, password: string): Promise<Result<LoginInfo>> {
    return this.startSession({ username, password }, 'register');
  }

  async login(username: string, password: string): Promise<Result<LoginInfo>> {
    return this.startSession({ username, password }, 'login');
  }

  async loginGuest(username: string): Promise<Result<LoginInfo>> {
    return this.startSession({ username, guest: true }, 'login');
  }

  /** Resume an account's session with the token an earlier login returned; `session_expired` if refused. */
  async loginWithToken(username: string, token: string): Promise<Result<LoginInfo>> {
    return this.startSession({ username, token }, 'login');
  }

  async logout(): Promise<Result> {
    if (!this.sessionInfo) return fail('You are not logged in.', 'not_logged_in');
    // The session ends here whatever the server says: the user asked to leave.
    const answer = this.loggedIn ? await this.request({ request: 'logout', content: null }, ['info']) : null;
    this.endSession('You logged out before this message was sent.');
    // The server closes the link after a logout; let go of it now, so that a login right away opens a
    // fresh one instead of talking into the closing one.
    const socket = this.socket;
    if (socket) {
      this.detach('Logged out.');
      socket.destroy();
    }
    if (answer && !answer.ok && answer.code !== 'disconnected') return answer;
    return { ok: true, value: null };
  }

  /**
   * Queue a message for the room (`to: 'room'`) or a friend (`to: '@name'`). It is transmitted now if the
   * session is live, otherwise after the next reconnect; `acked` settles with the stored message.
   */
  send(text: string, to: string = ROOM): Result<{ message: OutgoingMessage; acked: Promise<SendOutcome> }> {
    if (!this.sessionInfo) return fail('Log in before sending messages.', 'not_logged_in');
    const message: OutgoingMessage = { cid: randomUUID(), text, to, createdAt: new Date().toISOString() };
    const acked = this.outbox.add(message);
    this.pump();
    return { ok: true, value: { message, acked } };
  }

  async history(query: {
    conversation: string;
    before?: number;
    limit?: number;
  }): Promise<Result<{ messages: MessageResponse[]; more: boolean }>> {
    if (!this.loggedIn) return this.notLoggedIn();
    const limit = Math.min(query.limit ?? 50, MAX_PAGE);
    const content =
      query.before === undefined
        ? { conversation: query.conversation, limit }
        : { conversation: query.conversation, before: query.before, limit };
    const answer = await this.request({ request: 'history', content }, ['history']);
    if (!answer.ok) return answer;
    return { ok: true, value: { messages: answer.value.content, more: answer.value.more ?? false } };
  }

  friendRequest(username: string) {
    return this.friendCall('friend_request', username);
  }

  friendAccept(username: string) {
    return this.friendCall('friend_accept', username);
  }

  friendDecline(username: string) {
    return this.friendCall('friend_decline', username);
  }

  friendRemove(username: string) {
    return this.friendCall('friend_remove', username);
  }

  /** docs/protocol.md § Friends: no requests or DMs from them; the snapshot's `blocked` lists them. */
  block(username: string) {
    return this.friendCall('block', username);
  }

  unblock(username: string) {
    return this.friendCall('unblock', username);
  }

  private async friendCall(
    request: 'friend_request' | 'friend_accept' | 'friend_decline' | 'friend_remove' | 'block' | 'unblock',
    username: string,
  ): Promise<Result<FriendsSnapshot>> {
    if (!this.loggedIn) return this.notLoggedIn();
    const answer = await this.request({ request, content: { username } }, ['friends']);
    if (!answer.ok) return answer;
    return { ok: true, value: answer.value.content };
  }

  /** Send one request and wait for the response (or `error`) that echoes its `rid`. */
  request<N extends ResponseName>(
    request: OutgoingRequest,
    expect: readonly N[],
    timeoutMs = this.options.requestTimeoutMs,
  ): Promise<Result<ResponseOf<N>>> {
    const socket = this.socket;
    if (!socket) return Promise.resolve(this.notConnected());
    const rid = `r${this.nextRid++}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        resolve(fail(`The server did not answer "${request.request}" in time.`, 'timeout'));
      }, timeoutMs);
      this.pending.set(rid, {
        expect,
        timer,
        settle: (result) => {
          clearTimeout(timer);
          resolve(result as Result<ResponseOf<N>>);
        },
      });
      this.write(socket, { ...request, rid });
    });
  }

  // --- sessions -------------------------------------------------------------------------------------

  private async startSession(
    credentials: Credentials,
    request: 'login' | 'register',
  ): Promise<Result<LoginInfo>> {
    if (this.sessionInfo) return fail('You are already logged in.', 'already_logged_in');
    const link = await this.ensureLink();
    if (!link.ok) return link;
    const answer = await this.request({ request, content: credentials }, ['login']);
    if (!answer.ok) return answer;
    const info = answer.value.content;
    // Once the room has issued a session token, the password is forgotten: re-logins after a drop use the
    // token, so the password crosses the wire once per session.
    this.credentials = info.token
      ? { username: info.username, token: info.token }
      : 'password' in credentials
        ? { ...credentials, username: info.username }
        : credentials;
    this.sessionInfo = info;
    this.loggedIn = true;
    this.heldOwn.clear();
    const newestInHistory = info.history.reduce((max, m) => Math.max(max, m.id), 0);
    this.seen.reset(Math.max(info.lastId, newestInHistory));
    this.events.emit('session', info);
    this.pump();
    return { ok: true, value: info };
  }

  private endSession(reason: string): void {
    const hadSession = this.sessionInfo !== null;
    this.credentials = null;
    this.sessionInfo = null;
    this.loggedIn = false;
    this.recovering = false;
    this.liveBuffer = [];
    this.heldOwn.clear();
    this.inflight.clear();
    this.sendRids.clear();
    this.outbox.settleAll(fail(reason, 'not_sent'));
    if (hadSession) this.events.emit('session', null);
  }

  /**
   * After a reconnect: log in again, retransmit unacknowledged sends (same client ids, so the server stores
   * each once), then fetch everything since the last message seen, page by page.
   */
  private async restoreSession(socket: Socket, credentials: Credentials): Promise<void> {
    this.recovering = true;
    const answer = await this.request({ request: 'login', content: credentials }, ['login']);
    if (socket !== this.socket) return;
    if (!answer.ok) {
      const guestNameHeld = 'guest' in credentials && answer.code === 'name_taken';
      const transient = TRANSIENT_LOGIN_REFUSALS.has(answer.code) || guestNameHeld;
      if (transient && this.restoreRefusals++ < MAX_RESTORE_REFUSALS) {
        socket.destroy(new Error(answer.error));
        return;
      }
      if ('token' in credentials && answer.code === 'session_expired') {
        this.events.emit('tokenRefused', { username: credentials.username });
      }
      this.endSession('The session could not be restored, so this message was not sent.');
      this.reconnectAttempt = 0;
      this.setStatus({
        state: 'connected',
        error: `Reconnected, but could not log in again: ${answer.error}`,
        nextAttemptAt: null,
      });
      return;
    }
    this.restoreRefusals = 0;
    this.loggedIn = true;
    const info = answer.value.content;
    this.sessionInfo = info;
    // A server whose newest id is below ours lost its history (a new data dir): start counting from its
    // ids, or everything said from now on would look already seen.
    if (info.lastId < this.seen.since) this.seen.reset(info.lastId);
    // Friends came and went while we were away; the login answer has the list as it is now.
    this.events.emit('friends', info.friends);
    this.pump();
    while (true) {
      const page = await this.request(
        { request: 'resume', content: { since: this.seen.since, limit: this.options.resumePageSize } },
        ['resume'],
      );
      if (socket !== this.socket) return;
      if (!page.ok) {
        socket.destroy(new Error(page.error));
        return;
      }
      for (const message of page.value.content) this.deliverStreamed(message);
      if (!page.value.more || page.value.content.length === 0) break;
    }
    this.finishRecovery();
    this.reconnectAttempt = 0;
    this.setStatus({ state: 'connected', error: null, nextAttemptAt: null });
  }

  /**
   * Resume has caught up. What arrived meanwhile — live pushes and acks of our retransmitted sends that
   * resume did not cover — goes out now, merged in id order.
   */
  private finishRecovery(): void {
    this.recovering = false;
    const live = this.liveBuffer.map((message) => ({ id: message.id, message, own: false }));
    const held = [...this.heldOwn.values()].map((message) => ({ id: message.id, message, own: true }));
    this.liveBuffer = [];
    this.heldOwn.clear();
    for (const entry of [...live, ...held].sort((a, b) => a.id - b.id)) {
      if (!entry.own) {
        this.deliverStreamed(entry.message);
      } else {
        // Never shown yet (resume would have placed it), so it is shown now whatever the watermark says.
        this.seen.acceptAcked(entry.id);
        this.events.emit('message', entry.message);
      }
    }
  }

  // --- inbound ----------------------------------------------------------------------------------------

  private handleFrame(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      console.warn(`hearth: ignored a malformed frame from ${describeAddress(this.host, this.port)}`);
      return;
    }
    if (
      !parsed ||
      typeof parsed !== 'object' ||
      typeof (parsed as { response?: unknown }).response !== 'string'
    ) {
      return;
    }
    const response = parsed as Response;
    if (response.response === 'ack') {
      this.handleAck(response);
      return;
    }
    const re = answerTo(response);
    if (re !== undefined && this.sendRids.has(re)) {
      this.handleSendRefusal(re, response);
      return;
    }
    if (this.answerRequest(response)) return;
    this.handlePush(response);
  }

  private answerRequest(response: Response): boolean {
    const rid = answerTo(response);
    const pending = rid === undefined ? undefined : this.pending.get(rid);
    if (!pending || rid === undefined) return false;
    this.pending.delete(rid);
    if (response.response === 'error') pending.settle(fail(response.content, response.code));
    else if (pending.expect.includes(response.response)) pending.settle({ ok: true, value: response });
    else pending.settle(fail(`Unexpected answer "${response.response}" from the server.`, 'protocol'));
    return true;
  }

  private handlePush(response: Response): void {
    switch (response.response) {
      case 'message':
        if (this.recovering) this.liveBuffer.push(response);
        else this.deliverStreamed(response);
        return;
      case 'info':
        // The welcome after a transparent re-login is not news to the user.
        if (!(this.recovering && response.event === 'welcome')) this.events.emit('notice', response);
        return;
      case 'presence':
        this.events.emit('presence', response.content);
        return;
      case 'friends':
        this.events.emit('friends', response.content);
        return;
      case 'error':
        if (response.code === 'rate_limited' && this.inflight.size > 0) this.backOffSends();
        this.events.emit('serverError', { error: response.content, code: response.code });
        return;
      default:
        return;
    }
  }

  private deliverStreamed(message: MessageResponse): void {
    if (!this.seen.acceptStreamed(message.id)) return;
    const own = this.heldOwn.get(message.id);
    this.heldOwn.delete(message.id);
    this.events.emit('message', own ?? message);
  }

  private handleAck(ack: ResponseOf<'ack'>): void {
    if (ack.re !== undefined) this.sendRids.delete(ack.re);
    const { cid, id, timestamp } = ack.content;
    this.inflight.delete(cid);
    const sent = this.outbox.get(cid);
    // A second ack for the same send (it went twice after a rate limit) only frees its window slot.
    if (sent && this.sessionInfo) {
      const own = toOwnMessage(sent, this.sessionInfo.username, id, timestamp);
      this.outbox.settle(cid, { ok: true, value: own });
      if (this.recovering) {
        if (id > this.seen.since) this.heldOwn.set(id, own);
      } else if (this.seen.acceptAcked(id)) {
        this.events.emit('message', own);
      }
    }
    this.pump();
  }

  private handleSendRefusal(rid: string, response: Response): void {
    const cid = this.sendRids.get(rid) as string;
    this.sendRids.delete(rid);
    this.inflight.delete(cid);
    const message = this.outbox.get(cid);
    if (!message || response.response !== 'error') return;
    // Too fast for the room, or the server could not store it: both pass; the same cid goes again.
    if (response.code === 'rate_limited' || response.code === 'server_error') {
      this.backOffSends();
      return;
    }
    this.outbox.settle(cid, fail(response.content, response.code));
    this.events.emit('sendFailed', { message, error: response.content, code: response.code });
    this.pump();
  }

  // --- outbound ---------------------------------------------------------------------------------------

  /** Transmit queued sends not yet on the wire, oldest first, keeping at most a window in flight. */
  private pump(): void {
    const socket = this.socket;
    if (!socket || !this.loggedIn || this.pumpTimer) return;
    for (const message of this.outbox.pending()) {
      if (this.inflight.size >= MAX_INFLIGHT_SENDS) return;
      if (this.inflight.has(message.cid)) continue;
      const rid = `r${this.nextRid++}`;
      this.inflight.set(message.cid, rid);
      this.sendRids.set(rid, message.cid);
      this.write(socket, {
        request: 'msg',
        content: { text: message.text, cid: message.cid, to: message.to },
        rid,
      });
    }
  }

  /**
   * The server refused something for going too fast, without saying which request (it refuses before
   * reading it). Any send in flight may be the one, so after a pause all of them go again: same client
   * ids, so those that were stored are not stored twice.
   */
  private backOffSends(): void {
    if (this.pumpTimer) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      for (const rid of this.inflight.values()) this.sendRids.delete(rid);
      this.inflight.clear();
      this.pump();
    }, this.options.rateLimitRetryMs);
  }

  private write(socket: Socket, frame: object): void {
    socket.write(`${JSON.stringify(frame)}\n`);
  }

  // --- the link ---------------------------------------------------------------------------------------

  /**
   * Open a TLS link and check the room's certificate against the pin before anything is written. The
   * certificate is self-signed, so the TLS layer is told not to judge it (rejectUnauthorized: false); the pin
   * is the judgement, made here in secureConnect: a link that fails it is destroyed unused.
   */
  private openSocket(): Promise<Result<Socket>> {
    return new Promise((resolve) => {
      const socket = tlsConnect({ host: this.host, port: this.port, rejectUnauthorized: false });
      socket.setNoDelay(true);
      let tcpConnected = false;
      const notTls = (why: string) =>
        fail(
          `${describeAddress(this.host, this.port)} answered, but not like a Hearth room (${why})`,
          'not_hearth',
        );
      const settle = (result: Result<Socket>) => {
        clearTimeout(timer);
        if (!result.ok) socket.destroy();
        resolve(result);
      };
      const timer = setTimeout(() => {
        settle(
          tcpConnected
            ? notTls('no encrypted handshake in time')
            : fail(describeConnectError(this.host, this.port, { code: 'ETIMEDOUT' }), 'unreachable'),
        );
      }, this.options.connectTimeoutMs);
      socket.once('connect', () => {
        tcpConnected = true;
      });
      socket.once('error', (error) => {
        settle(
          tcpConnected
            ? notTls(`no encrypted handshake: ${error.message}`)
            : fail(describeConnectError(this.host, this.port, error), 'unreachable'),
        );
      });
      socket.once('secureConnect', () => {
        const fingerprint = socket.getPeerCertificate().fingerprint256;
        if (!fingerprint) {
          settle(notTls('it presented no certificate'));
          return;
        }
        if (this.pin !== null && fingerprint !== this.pin) {
          settle(
            fail(
              certificateChangedWarning(this.host, this.port, this.pin, fingerprint),
              'certificate_changed',
            ),
          );
          return;
        }
        if (this.pin === null) {
          this.pin = fingerprint;
          this.events.emit('pinned', { fingerprint });
        }
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve({ ok: true, value: socket });
      });
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    this.lastInboundAt = Date.now();
    const decoder = new FrameDecoder(this.options.maxFrameBytes);
    let lastError: Error | null = null;
    const sink = {
      frame: (text: string) => this.handleFrame(text),
      tooLarge: (bytes: number) =>
        socket.destroy(new Error(`the server sent an oversized frame (${bytes} bytes)`)),
    };
    socket.on('data', (chunk) => {
      this.lastInboundAt = Date.now();
      decoder.push(chunk, sink);
    });
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.on('close', () => this.handleClose(socket, lastError));
    this.heartbeatTimer = setInterval(() => this.heartbeat(socket), this.options.heartbeatIntervalMs);
    this.heartbeatTimer.unref();
  }

  private heartbeat(socket: Socket): void {
    if (Date.now() - this.lastInboundAt > this.options.deadAfterMs) {
      socket.destroy(new Error('the server stopped answering'));
      return;
    }
    this.write(socket, { request: 'ping', content: null });
  }

  /** Forget the current socket: pending requests fail, in-flight sends go back to waiting. */
  private detach(reason: string): void {
    this.socket = null;
    this.loggedIn = false;
    this.clearTimer('heartbeatTimer');
    this.inflight.clear();
    this.sendRids.clear();
    this.recovering = false;
    this.liveBuffer = [];
    for (const [rid, pending] of this.pending) {
      this.pending.delete(rid);
      pending.settle(fail(reason, 'disconnected'));
    }
  }

  private handleClose(socket: Socket, error: Error | null): void {
    if (socket !== this.socket) return;
    const reason = error ? `Connection lost: ${error.message}` : 'Connection lost: the server closed it.';
    this.detach(reason);
    if (!this.keepAlive) {
      this.endSession('The connection was closed before this message was sent.');
      this.setStatus({ state: 'disconnected', error: reason, nextAttemptAt: null });
      return;
    }
    // With no session to restore (after a logout, or a login screen left open past the server's login
    // timeout) the link is reopened when it is next needed, rather than flapping in the background.
    if (this.credentials) this.scheduleReconnect(reason);
  }

  /** Make sure a socket is open before starting a session, reopening one the server closed. */
  private async ensureLink(): Promise<Result> {
    if (this.socket) return { ok: true, value: null };
    if (!this.keepAlive || this.reconnectTimer) return this.notConnected();
    const opened = await this.openSocket();
    if (this.socket) {
      if (opened.ok) opened.value.destroy();
      return { ok: true, value: null };
    }
    if (!opened.ok) {
      this.setStatus({ state: 'disconnected', error: opened.error, nextAttemptAt: null });
      return opened;
    }
    this.attach(opened.value);
    this.setStatus({ state: 'connected', error: null, nextAttemptAt: null });
    return { ok: true, value: null };
  }

  private scheduleReconnect(reason: string): void {
    const delay = backoffDelay(this.reconnectAttempt++, this.options.backoff);
    this.setStatus({ state: 'reconnecting', error: reason, nextAttemptAt: Date.now() + delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    const opened = await this.openSocket();
    if (!this.keepAlive) {
      if (opened.ok) opened.value.destroy();
      return;
    }
    if (!opened.ok && opened.code === 'certificate_changed') {
      // Not a passing failure: retrying would only keep knocking on an impostor's door.
      this.keepAlive = false;
      this.endSession('The room presented a different certificate, so this message was not sent.');
      this.setStatus({ state: 'disconnected', error: opened.error, nextAttemptAt: null });
      return;
    }
    if (!opened.ok) {
      this.scheduleReconnect(opened.error);
      return;
    }
    this.attach(opened.value);
    if (this.credentials) {
      await this.restoreSession(opened.value, this.credentials);
      return;
    }
    this.reconnectAttempt = 0;
    this.setStatus({ state: 'connected', error: null, nextAttemptAt: null });
  }

  private setStatus(status: LinkStatus): void {
    this.status = status;
    this.events.emit('status', { ...status });
  }

  private clearTimer(name: 'reconnectTimer' | 'heartbeatTimer' | 'pumpTimer'): void {
    const timer = this[name];
    if (timer) clearTimeout(timer);
    this[name] = null;
  }

  /** While a session is being restored the link is up but not usable yet; say so rather than "log in". */
  private notLoggedIn(): Failure {
    if (this.sessionInfo) return this.notConnected();
    return { ok: false, error: 'You are not logged in.', code: 'not_logged_in' };
  }

  private notConnected(): Failure {
    if (this.status.state === 'reconnecting' || this.status.state === 'connecting') {
      return {
        ok: false,
        error: 'Not connected right now: reconnecting to the server…',
        code: 'disconnected',
      };
    }
    return { ok: false, error: 'Not connected to a server.', code: 'disconnected' };
  }
}

/** The SSH-style warning for a room whose certificate is not the pinned one. */
export function certificateChangedWarning(
  host: string,
  port: number,
  pinned: string,
  presented: string,
): string {
  return (
    `Warning: the room at ${describeAddress(host, port)} presented a different certificate than last time. ` +
    'It may have been reinstalled, or someone may be intercepting the connection: this could be an attack. ' +
    `Nothing was sent. Last time: ${pinned}. Now: ${presented}. ` +
    'Only if the host confirms the room was reinstalled (and the new fingerprint), forget the old certificate and connect again.'
  );
}

function answerTo(response: Response): string | undefined {
  return 're' in response ? response.re : undefined;
}

function toOwnMessage(sent: OutgoingMessage, me: string, id: number, timestamp: string): ReceivedMessage {
  const dm = sent.to !== ROOM;
  return {
    timestamp,
    sender: me,
    response: 'message',
    content: sent.text,
    id,
    conv: dm ? 'dm' : 'room',
    ...(dm ? { to: sent.to.slice(1) } : {}),
    cid: sent.cid,
  };
}

// The client core: one TLS connection to a Hearth room, used by the desktop app's service layer and by the
// tests. It hides the network's moods from its user: requests get typed answers or an error value (never a
// throw), a dropped link is re-established with backoff, the session is restored with the remembered
// credentials, missed messages are fetched with `resume`, and sends made meanwhile wait in the outbox.
// Every stored message reaches the `message` event exactly once and in id order, whatever the link did.
//
// This file is the façade: it builds the parts (core.ts), keeps the public API, and routes each frame the
// room sends to the part it concerns — the link (link.ts), requests (requests.ts), the send window
// (send-window.ts), ordered delivery (ordered-delivery.ts), the session (session.ts, reconnect.ts), the rooms
// (room-requests.ts, room-pushes.ts), the account (account-requests.ts), the conversation features
// (conversation-requests.ts, conversation-pushes.ts) and calls (call-requests.ts).
import { randomUUID } from 'node:crypto';
import {
  type FriendsSnapshot,
  type MessageResponse,
  type RequestName,
  type Response,
  type ResponseName,
  ROOM,
} from '../../src-shared/protocol';
import { fail, OK, type Result } from '../../src-shared/result';
import { AccountRequests, routeAccountPush } from './account-requests';
import { DEFAULT_BACKOFF } from './backoff';
import { MAX_CLIENT_PAGE } from './bounds';
import { CallRequests, routeCallPush } from './call-requests';
import {
  type ConnectionEvents,
  type ConnectionOptions,
  type LinkStatus,
  withDefaults,
} from './connection-types';
import { routeConversationPush } from './conversation-pushes';
import { ConversationRequests } from './conversation-requests';
import {
  type ClientParts,
  detach,
  moveTo,
  notLoggedIn,
  type QueuedSend,
  queueSend,
  request,
  setStatus,
} from './core';
import { FileRequests } from './file-requests';
import { Link } from './link';
import { describeAddress } from './network-errors';
import { OrderedDelivery } from './ordered-delivery';
import type { OutgoingMessage } from './outbox';
import { toOwnMessage } from './own-message';
import { isLoggedIn, isRecovering } from './phase';
import { linkLost, retryNow } from './reconnect';
import { Requests } from './requests';
import { routeRoomPush } from './room-pushes';
import { RoomRequests } from './room-requests';
import { SendWindow } from './send-window';
import { endSession, Session, startSession } from './session';
import { TypedEmitter } from './typed-emitter';
import type { LoginInfo, OutgoingRequest, ResponseOf } from './types';

export type { ConnectionEvents, ConnectionOptions, LinkStatus } from './connection-types';
export { certificateChangedWarning } from './link';
export type { InfoResponse, LoginInfo, ReceivedMessage, ResponseOf, SendOutcome } from './types';

type FriendCall = Extract<RequestName, `friend_${string}`> | 'block' | 'unblock';

export class ChatConnection {
  readonly host: string;
  readonly port: number;
  readonly rooms = new RoomRequests(this);
  readonly account = new AccountRequests(this);
  /** Edits, reactions, read markers, typing and search (docs/protocol.md § Conversation features). */
  readonly conversations = new ConversationRequests(this);
  readonly calls = new CallRequests(this);
  readonly files: FileRequests;
  private readonly parts: ClientParts;

  constructor(options: ConnectionOptions) {
    this.host = options.host;
    this.port = options.port;
    const timings = withDefaults(options);
    const events = new TypedEmitter<ConnectionEvents>();
    const requests = new Requests();
    const link = new Link(
      this.host,
      this.port,
      { ...timings, backoff: { ...DEFAULT_BACKOFF, ...options.backoff } },
      options.pinnedFingerprint ?? null,
      {
        response: (response) => this.handleResponse(response),
        invalid: (reason, re) => this.handleInvalid(reason, re),
        closed: (error) => linkLost(this.parts, error),
        pinned: (fingerprint) => events.emit('pinned', { fingerprint }),
      },
    );
    this.parts = {
      options: timings,
      events,
      link,
      requests,
      session: new Session(),
      delivery: new OrderedDelivery({
        emit: (message) => events.emit('message', message),
        recovering: () => isRecovering(this.parts.phase),
        overflow: (why) => link.drop(why),
      }),
      window: new SendWindow(timings.rateLimitRetryMs, {
        writer: () => (isLoggedIn(this.parts.phase) && link.current ? (frame) => link.write(frame) : null),
        newRid: () => requests.newRid(),
        failed: (message, error, code) => events.emit('sendFailed', { message, error, code }),
      }),
      phase: { name: 'idle' },
      status: { state: 'disconnected', error: null, nextAttemptAt: null },
    };
    this.files = new FileRequests(this.parts);
  }

  on<E extends keyof ConnectionEvents>(event: E, listener: (payload: ConnectionEvents[E]) => void) {
    return this.parts.events.on(event, listener);
  }

  get state(): LinkStatus {
    return { ...this.parts.status };
  }

  get session(): LoginInfo | null {
    return this.parts.session.info;
  }

  /** The room's certificate fingerprint once a link was verified (or as pinned beforehand), else null. */
  get fingerprint(): string | null {
    return this.parts.link.fingerprint;
  }

  /** The different fingerprint the room presented, so people can compare it with the host's; else null. */
  get presentedFingerprint(): string | null {
    return this.parts.link.presentedFingerprint;
  }

  /** Sends not yet acknowledged by the server, oldest first. */
  get unsent(): OutgoingMessage[] {
    return this.parts.window.unsent;
  }

  /** Open the link. Fails with a sentence naming the address when the server cannot be reached. */
  async connect(): Promise<Result> {
    const { parts } = this;
    if (parts.status.state !== 'disconnected') return fail('busy', 'Already connected or connecting.');
    const opening = moveTo(parts, 'opening');
    setStatus(parts, { state: 'connecting', error: null, nextAttemptAt: null });
    const opened = await parts.link.open();
    if (parts.phase !== opening) {
      if (opened.ok) opened.value.destroy();
      return fail('closed', 'The connection was closed.');
    }
    if (!opened.ok) {
      moveTo(parts, 'idle');
      setStatus(parts, { state: 'disconnected', error: opened.error, nextAttemptAt: null });
      return opened;
    }
    parts.link.attach(opened.value);
    // Something listens there; make sure it is a Hearth room before the user types a password into it.
    const hello = await this.request(
      { request: 'ping', content: null },
      ['pong'],
      parts.options.connectTimeoutMs,
    );
    if (parts.phase !== opening) return fail('closed', 'The connection was closed.');
    if (!hello.ok) {
      const error = `${describeAddress(this.host, this.port)} answered, but not like a Hearth room (${hello.error})`;
      detach(parts, error);
      moveTo(parts, 'idle');
      setStatus(parts, { state: 'disconnected', error, nextAttemptAt: null });
      return fail('not_hearth', error);
    }
    moveTo(parts, 'ready');
    setStatus(parts, { state: 'connected', error: null, nextAttemptAt: null });
    return OK;
  }

  /** While reconnecting: try now instead of waiting out the backoff (the person pressed Reconnect). */
  retryNow(): void {
    retryNow(this.parts);
  }

  /** Close for good: no reconnect; unsent messages are given up with an error. */
  close(): void {
    const { parts } = this;
    moveTo(parts, 'idle');
    parts.link.cancelReconnect();
    parts.window.stop();
    endSession(parts, 'The connection was closed before this message was sent.');
    detach(parts, 'The connection was closed.');
    setStatus(parts, { state: 'disconnected', error: null, nextAttemptAt: null });
  }

  register(username: string, password: string): Promise<Result<LoginInfo>> {
    return startSession(this.parts, { username, password }, 'register');
  }

  login(username: string, password: string): Promise<Result<LoginInfo>> {
    return startSession(this.parts, { username, password }, 'login');
  }

  loginGuest(username: string): Promise<Result<LoginInfo>> {
    return startSession(this.parts, { username, guest: true }, 'login');
  }

  /** Resume an account's session with the token an earlier login returned; `session_expired` if refused. */
  loginWithToken(username: string, token: string): Promise<Result<LoginInfo>> {
    return startSession(this.parts, { username, token }, 'login');
  }

  async logout(): Promise<Result> {
    const { parts } = this;
    if (!parts.session.info) return fail('not_logged_in', 'You are not logged in.');
    // The session ends here whatever the server says: the user asked to leave.
    const answer = isLoggedIn(parts.phase)
      ? await this.request({ request: 'logout', content: null }, ['info'])
      : null;
    endSession(parts, 'You logged out before this message was sent.');
    // The server closes the link after a logout; let go of it now, so that a login right away opens a
    // fresh one instead of talking into the closing one.
    if (parts.link.current) detach(parts, 'Logged out.');
    if (answer && !answer.ok && answer.code !== 'disconnected') return answer;
    return OK;
  }

  /**
   * Queue a message for a room (`to: 'room'` or `'#n'`) or a friend (`to: '@name'`). It is transmitted now if the
   * session is live, otherwise after the next reconnect; `acked` settles with the stored message.
   */
  send(text: string, to: string = ROOM, replyTo?: number): Result<QueuedSend> {
    return queueSend(this.parts, { cid: randomUUID(), text, to }, replyTo);
  }

  async history(query: {
    conversation: string;
    before?: number;
    limit?: number;
  }): Promise<Result<{ messages: MessageResponse[]; more: boolean }>> {
    const { conversation, before } = query;
    const limit = Math.min(query.limit ?? 50, MAX_CLIENT_PAGE);
    const content = before === undefined ? { conversation, limit } : { conversation, before, limit };
    const answer = await this.sessionRequest({ request: 'history', content }, ['history']);
    if (!answer.ok) return answer;
    const messages = answer.value.content;
    // docs/protocol.md § history: at most `limit`; a room sending more is not to be believed (or kept).
    if (messages.length > limit)
      return fail('protocol', `The room sent ${messages.length} messages for a page of ${limit}.`);
    return { ok: true, value: { messages, more: answer.value.more ?? false } };
  }

  readonly friendRequest = (username: string) => this.friendCall('friend_request', username);
  readonly friendAccept = (username: string) => this.friendCall('friend_accept', username);
  readonly friendDecline = (username: string) => this.friendCall('friend_decline', username);
  readonly friendRemove = (username: string) => this.friendCall('friend_remove', username);
  /** docs/protocol.md § Friends: no requests or DMs from them; the snapshot's `blocked` lists them. */
  readonly block = (username: string) => this.friendCall('block', username);
  readonly unblock = (username: string) => this.friendCall('unblock', username);

  /** Send one request and wait for the response (or `error`) that echoes its `rid`. */
  request<N extends ResponseName>(
    outgoing: OutgoingRequest,
    expect: readonly N[],
    timeoutMs = this.parts.options.requestTimeoutMs,
  ): Promise<Result<ResponseOf<N>>> {
    return request(this.parts, outgoing, expect, timeoutMs);
  }

  /** `request`, for calls that need a live session: refused while logged out or while one is restored. */
  sessionRequest<N extends ResponseName>(
    outgoing: OutgoingRequest,
    expect: readonly N[],
    timeoutMs = this.parts.options.requestTimeoutMs,
  ): Promise<Result<ResponseOf<N>>> {
    if (!isLoggedIn(this.parts.phase)) return Promise.resolve(notLoggedIn(this.parts));
    return this.request(outgoing, expect, timeoutMs);
  }

  private async friendCall(kind: FriendCall, username: string): Promise<Result<FriendsSnapshot>> {
    const answer = await this.sessionRequest({ request: kind, content: { username } }, ['friends']);
    if (!answer.ok) return answer;
    return { ok: true, value: answer.value.content };
  }

  // --- routing what the room sends ------------------------------------------------------------------

  /** A frame that passed the response schemas (inbound.ts). */
  private handleResponse(response: Response): void {
    if (response.response === 'ack') {
      this.handleAck(response);
      return;
    }
    const re = 're' in response ? response.re : undefined;
    if (this.parts.window.owns(re)) {
      this.parts.window.refused(re, response);
      return;
    }
    if (this.parts.requests.answer(response)) return;
    this.handlePush(response);
  }

  /** A frame that did not: if it claims to answer one of our requests, that request fails now. */
  private handleInvalid(reason: string, re: string | undefined): void {
    if (re === undefined) return;
    const why = `The room sent an answer that is not valid Hearth (${reason}).`;
    this.parts.requests.reject(re, fail('protocol', why));
  }

  private handleAck(ack: ResponseOf<'ack'>): void {
    const { window, session, delivery } = this.parts;
    const { cid, id, timestamp } = ack.content;
    const sent = window.acked(ack.re, cid);
    const me = session.info;
    if (sent && me) {
      const own = toOwnMessage(sent, me, id, timestamp);
      window.settle(cid, { ok: true, value: own });
      delivery.ownStored(own);
    }
    window.pump();
  }

  private handlePush(response: Response): void {
    const { events, phase } = this.parts;
    switch (response.response) {
      case 'message':
        this.parts.delivery.pushed(response);
        return;
      case 'info':
        // docs/protocol.md § Notices: the room is shutting down; its close that follows is not a drop.
        if (response.event === 'goodbye') this.parts.link.heardGoodbye();
        // The welcome after a transparent re-login is not news to the user.
        if (!(isRecovering(phase) && response.event === 'welcome')) events.emit('notice', response);
        return;
      case 'presence':
      case 'friends':
        events.emit(response.response, response.content);
        return;
      case 'error':
        if (response.code === 'rate_limited' && this.parts.window.hasInflight) this.parts.window.backOff();
        events.emit('serverError', { error: response.content, code: response.code });
        return;
      default:
        routeRoomPush(events, response) ||
          routeConversationPush(events, this.parts.delivery, response) ||
          routeAccountPush(events, response) ||
          routeCallPush(events, response);
    }
  }
}

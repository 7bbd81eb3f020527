// The session: who we are logged in as, what we log in again with after a dropped link, and when to stop
// trying. docs/protocol.md § Transport (session tokens): once the room has issued a token, the password is
// forgotten and re-logins use the token, so the password crosses the wire once per session.
import { type ErrorCode, type Failure, fail, type Result } from '../../src-shared/result';
import { readStateOf } from './conversation-pushes';
import { type ClientParts, ensureLink, moveTo, request, setStatus } from './core';
import { isLoggedIn, isRecovering } from './phase';
import type { Credentials, LoginInfo, ResponseOf } from './types';

/** A session restore refused for a passing reason (throttled, name still held by our old link) is retried. */
const MAX_RESTORE_REFUSALS = 8;
const TRANSIENT_LOGIN_REFUSALS = new Set<ErrorCode>(['timeout', 'rate_limited', 'throttled', 'server_error']);

/** What to do when a re-login after a reconnect is refused. */
export type RestoreVerdict = 'retry' | 'token_refused' | 'give_up';

export class Session {
  private remembered: Credentials | null = null;
  private current: LoginInfo | null = null;
  private refusals = 0;

  get info(): LoginInfo | null {
    return this.current;
  }

  /** What a reconnect logs in with, or null when there is no session to restore. */
  get credentials(): Credentials | null {
    return this.remembered;
  }

  /** A login or register with `sent` was answered with `info`. */
  begin(sent: Credentials, info: LoginInfo): void {
    this.remembered = info.token
      ? { username: info.username, token: info.token }
      : 'password' in sent
        ? { ...sent, username: info.username }
        : sent;
    this.current = info;
  }

  restored(info: LoginInfo): void {
    this.refusals = 0;
    this.current = info;
  }

  /** A re-login after a reconnect was refused with this code. */
  judgeRefusal(code: ErrorCode): RestoreVerdict {
    const credentials = this.remembered;
    const guestNameHeld = credentials !== null && 'guest' in credentials && code === 'name_taken';
    const transient = TRANSIENT_LOGIN_REFUSALS.has(code) || guestNameHeld;
    if (transient && this.refusals++ < MAX_RESTORE_REFUSALS) return 'retry';
    if (credentials !== null && 'token' in credentials && code === 'session_expired') return 'token_refused';
    return 'give_up';
  }

  /** Forget the session; true when there was one. */
  end(): boolean {
    const had = this.current !== null;
    this.remembered = null;
    this.current = null;
    return had;
  }
}

/** Log in or register on the current link (reopening it if the room closed it). */
export async function startSession(
  parts: ClientParts,
  credentials: Credentials,
  kind: 'login' | 'register',
): Promise<Result<LoginInfo>> {
  if (parts.session.info) return fail('already_logged_in', 'You are already logged in.');
  const link = await ensureLink(parts);
  if (!link.ok) return link;
  const answer = await request(parts, { request: kind, content: credentials }, ['login']);
  if (!answer.ok) return answer;
  const info = answer.value.content;
  parts.session.begin(credentials, info);
  moveTo(parts, 'live');
  const newestInHistory = info.history.reduce((max, m) => Math.max(max, m.id), 0);
  parts.delivery.startOver(Math.max(info.lastId, newestInHistory));
  parts.events.emit('readState', readStateOf(info));
  parts.events.emit('session', info);
  parts.window.pump();
  return { ok: true, value: info };
}

/** The session is over: unsent messages fail with `reason`. */
export function endSession(parts: ClientParts, reason: string): void {
  if (isLoggedIn(parts.phase) || isRecovering(parts.phase)) moveTo(parts, 'ready');
  parts.delivery.clear();
  parts.window.giveUp(reason);
  if (parts.session.end()) parts.events.emit('session', null);
}

/**
 * After a reconnect: log in again, retransmit unacknowledged sends (same client ids, so the server stores
 * each once), then fetch everything since the last message seen, page by page, with the older messages
 * that were edited, deleted or reacted to meanwhile (`changes: true`). docs/protocol.md § resume
 */
export async function restoreSession(parts: ClientParts, credentials: Credentials): Promise<void> {
  const { link, delivery } = parts;
  const socket = link.current;
  moveTo(parts, 'relogging');
  const answer = await request(parts, { request: 'login', content: credentials }, ['login']);
  if (socket !== link.current) return;
  if (!answer.ok) {
    refusedRestore(parts, credentials, answer);
    return;
  }
  const info = answer.value.content;
  parts.session.restored(info);
  moveTo(parts, 'resuming');
  delivery.followServer(info.lastId);
  // Friends came and went while we were away, and so did rooms; the login answer has both as they are now.
  parts.events.emit('friends', info.friends);
  parts.events.emit('rooms', { rooms: info.rooms ?? [], invites: info.invites ?? [] });
  parts.events.emit('readState', readStateOf(info));
  parts.window.pump();
  // Messages and changes share one id sequence; `next` is where the room says to go on from, which a page
  // of changes only can put past the newest message id.
  let since = delivery.since;
  while (true) {
    const limit = parts.options.resumePageSize;
    const content = { since, limit, changes: true };
    const page = await request(parts, { request: 'resume', content }, ['resume']);
    if (socket !== link.current) return;
    const problem = page.ok ? pageProblem(page.value, limit) : page.error;
    if (problem !== null) {
      link.drop(problem);
      return;
    }
    if (!page.ok) return;
    for (const message of page.value.content) delivery.streamed(message);
    for (const message of page.value.changes ?? []) parts.events.emit('changed', message);
    if (!page.value.more) break;
    const next = Math.max(page.value.next ?? 0, delivery.since);
    // A room that says "more" but sends nothing new would keep us asking for ever.
    if (next <= since) {
      link.drop('the room kept saying there was more to resume but sent nothing new');
      return;
    }
    since = next;
  }
  moveTo(parts, 'live');
  delivery.catchUp();
  link.resetBackoff();
  setStatus(parts, { state: 'connected', error: null, nextAttemptAt: null });
}

/** docs/protocol.md § resume: at most `limit` messages a page, new and changed together. */
function pageProblem(page: ResponseOf<'resume'>, limit: number): string | null {
  const length = page.content.length + (page.changes?.length ?? 0);
  return length > limit ? `the room sent ${length} messages for a resume page of ${limit}` : null;
}

function refusedRestore(parts: ClientParts, credentials: Credentials, answer: Failure): void {
  const verdict = parts.session.judgeRefusal(answer.code);
  if (verdict === 'retry') {
    parts.link.drop(answer.error);
    return;
  }
  if (verdict === 'token_refused') parts.events.emit('tokenRefused', { username: credentials.username });
  endSession(parts, 'The session could not be restored, so this message was not sent.');
  parts.link.resetBackoff();
  const error = `Reconnected, but could not log in again: ${answer.error}`;
  setStatus(parts, { state: 'connected', error, nextAttemptAt: null });
}

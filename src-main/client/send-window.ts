// The send window: the outbox of unacknowledged sends, which of them are on the wire now, and the pause
// after the room said "too fast". Sends go oldest first with at most a window in flight, so a long queue
// flushed after a reconnect cannot run far past the room's rate limit (which disconnects a client after a
// run of refusals). docs/protocol.md § msg: a retry with the same cid is stored once.
import type { Response } from '../../src-shared/protocol';
import { type ErrorCode, fail } from '../../src-shared/result';
import { MAX_UNSENT } from './bounds';
import { Outbox, type OutgoingMessage } from './outbox';
import type { SendOutcome } from './types';

const MAX_INFLIGHT_SENDS = 10;

export interface SendWindowHooks {
  /** Writes a frame on a link where a session is live, or is null when there is none right now. */
  writer(): ((frame: object) => void) | null;
  newRid(): string;
  /** The room refused a send for good. */
  failed(message: OutgoingMessage, error: string, code: ErrorCode): void;
}

export class SendWindow {
  private readonly outbox = new Outbox<SendOutcome>();
  /** Client id → rid of each send transmitted on the current link and not answered yet. */
  private readonly inflight = new Map<string, string>();
  /** rid of each transmitted send → its client id, to route a refusal to the right send. */
  private readonly sendRids = new Map<string, string>();
  private pumpTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly retryMs: number,
    private readonly hooks: SendWindowHooks,
  ) {}

  /** Sends not yet acknowledged, oldest first. */
  get unsent(): OutgoingMessage[] {
    return this.outbox.pending();
  }

  get hasInflight(): boolean {
    return this.inflight.size > 0;
  }

  /** Queue a send; false when the outbox is full (the room has not acked a long backlog). */
  get full(): boolean {
    return this.outbox.size >= MAX_UNSENT;
  }

  add(message: OutgoingMessage): Promise<SendOutcome> {
    const acked = this.outbox.add(message);
    this.pump();
    return acked;
  }

  /** True when `rid` is one of our sends on the wire. */
  owns(rid: string | undefined): rid is string {
    return rid !== undefined && this.sendRids.has(rid);
  }

  /**
   * An ack frees its send's slot. Returns the send still waiting for it, or undefined for a second ack of
   * the same send (it went twice after a rate limit).
   */
  acked(re: string | undefined, cid: string): OutgoingMessage | undefined {
    if (re !== undefined) this.sendRids.delete(re);
    this.inflight.delete(cid);
    return this.outbox.get(cid);
  }

  settle(cid: string, outcome: SendOutcome): void {
    this.outbox.settle(cid, outcome);
  }

  /** The answer to one of our sends was not an ack. */
  refused(rid: string, response: Response): void {
    const cid = this.sendRids.get(rid) as string;
    this.sendRids.delete(rid);
    this.inflight.delete(cid);
    const message = this.outbox.get(cid);
    if (!message || response.response !== 'error') return;
    // Too fast for the room, or the server could not store it: both pass; the same cid goes again.
    if (response.code === 'rate_limited' || response.code === 'server_error') {
      this.backOff();
      return;
    }
    this.outbox.settle(cid, fail(response.code, response.content));
    this.hooks.failed(message, response.content, response.code);
    this.pump();
  }

  /** Transmit queued sends not yet on the wire, oldest first, keeping at most a window in flight. */
  pump(): void {
    const write = this.hooks.writer();
    if (!write || this.pumpTimer) return;
    for (const message of this.outbox.pending()) {
      if (this.inflight.size >= MAX_INFLIGHT_SENDS) return;
      if (this.inflight.has(message.cid)) continue;
      const rid = this.hooks.newRid();
      this.inflight.set(message.cid, rid);
      this.sendRids.set(rid, message.cid);
      write({ ...sendRequest(message), rid });
    }
  }

  /**
   * The server refused something for going too fast, without saying which request (it refuses before
   * reading it). Any send in flight may be the one, so after a pause all of them go again: same client
   * ids, so those that were stored are not stored twice.
   */
  backOff(): void {
    if (this.pumpTimer) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.forgetInflight();
      this.pump();
    }, this.retryMs);
  }

  /** The link dropped: what was in flight on it goes again on the next one. */
  forgetInflight(): void {
    this.inflight.clear();
    this.sendRids.clear();
  }

  /** The session ended: every unsent message fails with this reason. */
  giveUp(reason: string): void {
    this.forgetInflight();
    this.outbox.settleAll(fail('not_sent', reason));
  }

  stop(): void {
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
  }
}

/** The frame a send goes as: `msg`, or `file_share` for a file (its size is the room's to know). */
function sendRequest(message: OutgoingMessage): { request: 'msg' | 'file_share'; content: object } {
  const { text, cid, to, replyTo, file } = message;
  const reply = replyTo === undefined ? {} : { replyTo };
  if (!file) return { request: 'msg', content: { text, cid, to, ...reply } };
  const { size: _size, ...shared } = file;
  return { request: 'file_share', content: { ...shared, cid, to, ...reply } };
}

// The call requests (docs/protocol.md § Calls) with typed answers, and the call pushes turned into the
// client core's events. The room decides who may call whom; a refusal comes back as its error code
// (not_allowed, not_found, rate_limited, limit_reached). Signals are forwarded without an answer, so one is
// asked with a short wait only so that a refusal is taken as its answer rather than shown as the room's error.
import type { CallSignal, CallState } from '../../src-shared/call-protocol';
import type { Response } from '../../src-shared/protocol';
import { OK, ok, type Result } from '../../src-shared/result';
import type { ConnectionEvents } from './connection-types';
import type { SessionRequester } from './room-requests';
import type { TypedEmitter } from './typed-emitter';

/** How long a forwarded signal waits for a refusal before it counts as gone through. */
const SIGNAL_REFUSAL_WAIT_MS = 1500;

export class CallRequests {
  constructor(private readonly connection: SessionRequester) {}

  ring(conversation: string, video: boolean): Promise<Result<CallState>> {
    return this.state({ request: 'call_ring', content: { conversation, video } });
  }

  accept(call: string): Promise<Result<CallState>> {
    return this.state({ request: 'call_accept', content: { call } });
  }

  decline(call: string): Promise<Result<CallState>> {
    return this.state({ request: 'call_decline', content: { call } });
  }

  hangup(call: string): Promise<Result<CallState>> {
    return this.state({ request: 'call_hangup', content: { call } });
  }

  async signal(call: string, to: string, signal: CallSignal): Promise<Result> {
    const request = { request: 'call_signal', content: { call, to, signal } } as const;
    const answer = await this.connection.sessionRequest(request, ['call_signal'], SIGNAL_REFUSAL_WAIT_MS);
    if (answer.ok || answer.code === 'timeout') return OK;
    return answer;
  }

  private async state(
    outgoing: Parameters<SessionRequester['sessionRequest']>[0],
  ): Promise<Result<CallState>> {
    const answer = await this.connection.sessionRequest(outgoing, ['call']);
    return answer.ok ? ok(answer.value.content) : answer;
  }
}

/** Emit the event for a call push; false when `response` is not one. */
export function routeCallPush(events: TypedEmitter<ConnectionEvents>, response: Response): boolean {
  if (response.response === 'call') {
    events.emit('call', response.content);
    return true;
  }
  if (response.response === 'call_signal') {
    events.emit('callSignal', response.content);
    return true;
  }
  return false;
}

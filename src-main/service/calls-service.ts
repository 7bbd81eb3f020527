// The calls of the service (docs/protocol.md § Calls): ring a friend or start a room's call, accept, decline,
// hang up, forward the renderer's WebRTC signals; and the connection's call pushes as `call` / `callSignal`
// events, a ring as a desktop notification too (call-ring.ts). The room's relay credential becomes an
// RTCIceServer for the host this app dialled (the room only says its port: it cannot know by which address
// it was reached). The renderer owns the media.
import { z } from 'zod';
import { CALL_ID_PATTERN, type CallState, callSignalSchema } from '../../src-shared/call-protocol';
import type { CallInfo, CallsInvoke, HearthEvents, Unsubscribe } from '../../src-shared/ipc';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import type { CallRequests } from '../client/call-requests';
import type { ChatConnection } from '../client/connection';
import type { TypedEmitter } from '../client/typed-emitter';
import { CallRing, type CallRingParts } from './call-ring';
import { guardedCall } from './guarded-call';
import type { DesktopNotification } from './inbox';
import { conversationInput, usernameInput } from './inputs';
import type { RoomLink } from './room-link';

const callIdInput = z.string({ error: 'Say which call.' }).regex(CALL_ID_PATTERN, 'That is not a call id.');
const startInput = z.object(
  { conversation: conversationInput, video: z.boolean({ error: 'Say whether it is a video call.' }) },
  { error: 'Say whom to call and whether with video.' },
);
const signalInput = z.object(
  { call: callIdInput, to: usernameInput, signal: callSignalSchema },
  { error: 'Give the call, whom the signal is for, and the signal.' },
);

export interface CallsServiceParts {
  link: () => RoomLink;
  events: Pick<TypedEmitter<HearthEvents>, 'emit'>;
  /** The user is in a call they started or accepted (true), or no longer (false): the media permission. */
  media: (inCall: boolean) => void;
  /** When a ring becomes a desktop notification. */
  ring: CallRingParts;
  disposed: () => boolean;
}

export class CallsService implements CallsInvoke {
  readonly startCall = this.guarded('startCall', startInput, async ({ conversation, video }) =>
    this.info((c) => c.ring(conversation, video)),
  );
  readonly acceptCall = this.guarded('acceptCall', callIdInput, async (call) =>
    this.info((c) => c.accept(call)),
  );
  readonly declineCall = this.guarded('declineCall', callIdInput, async (call) => {
    const answer = await this.onCalls((c) => c.decline(call));
    return answer.ok ? OK : answer;
  });
  readonly hangUp = this.guarded('hangUp', callIdInput, async (call) => {
    this.left(call);
    const answer = await this.onCalls((c) => c.hangup(call));
    return answer.ok ? OK : answer;
  });
  /** The call the user started or accepted, while it lasts. */
  private current: string | null = null;
  readonly sendCallSignal = this.guarded('sendCallSignal', signalInput, async ({ call, to, signal }) =>
    this.onCalls((c) => c.signal(call, to, signal)),
  );

  private readonly ring: CallRing;

  constructor(private readonly parts: CallsServiceParts) {
    this.ring = new CallRing(parts.ring);
  }

  /** The user clicked a desktop notification: a ring's opens its call in the window. */
  notificationClicked({ call, conversation }: DesktopNotification): void {
    if (call) this.parts.events.emit('callOpened', { call, conversation });
  }

  /** Follow one connection's call pushes. */
  wire(connection: ChatConnection): Unsubscribe[] {
    return [
      connection.on('call', (state) => {
        if (state.state === 'ended') this.left(state.call);
        const info = this.toInfo(state, connection.host);
        this.ring.heard(info);
        this.parts.events.emit('call', info);
      }),
      connection.on('callSignal', (signal) => this.parts.events.emit('callSignal', signal)),
      connection.on('session', (info) => {
        if (!info && this.current) this.left(this.current);
      }),
    ];
  }

  private left(call: string): void {
    if (this.current !== call) return;
    this.current = null;
    this.parts.media(false);
  }

  private async info(call: (calls: CallRequests) => Promise<Result<CallState>>): Promise<Result<CallInfo>> {
    const host = this.parts.link().requireSession('Log in to make calls.');
    const answer = await this.onCalls(call);
    if (!answer.ok || !host.ok) return answer.ok ? fail('not_logged_in', 'Log in to make calls.') : answer;
    this.current = answer.value.call;
    this.parts.media(true);
    return ok(this.toInfo(answer.value, host.value.connection.host));
  }

  private toInfo(state: CallState, host: string): CallInfo {
    const me = this.parts.link().session?.username.toLowerCase() ?? '';
    const { relay, ...rest } = state;
    const incoming = state.from.toLowerCase() !== me;
    if (!relay) return { ...rest, incoming };
    // A literal IPv6 address needs brackets in a TURN URI (RFC 7065).
    const where = host.includes(':') ? `[${host}]` : host;
    const urls = [`turn:${where}:${relay.port}?transport=udp`];
    return { ...rest, incoming, relay: { urls, username: relay.username, credential: relay.credential } };
  }

  private onCalls<T>(call: (calls: CallRequests) => Promise<Result<T>>): Promise<Result<T>> | Result<T> {
    const loggedIn = this.parts
      .link()
      .requireAccount('Log in to make calls.', 'Guests cannot make calls: register an account.');
    if (!loggedIn.ok) return loggedIn;
    return call(loggedIn.value.connection.calls);
  }

  private guarded<K extends keyof CallsInvoke, S extends z.ZodType>(
    name: K,
    input: S,
    run: (value: z.output<S>) => Promise<Awaited<ReturnType<CallsInvoke[K]>>>,
  ): CallsInvoke[K] {
    // Called while the fields are set up, before the constructor's parameters are: read them when a call comes.
    return guardedCall(name, input, run, () => this.parts.disposed());
  }
}

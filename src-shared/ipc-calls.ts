// The calls part of the contract between the renderer and the main process (docs/protocol.md § Calls): ring,
// accept, decline, hang up and forward WebRTC signals; the events say where a call stands and bring the other
// people's signals. Media itself never crosses IPC: the renderer's own RTCPeerConnection carries it, through
// the room's TURN relay (`relay`) when no direct path works. Joined into HearthInvoke, HearthEvents and
// ipcContract in ipc.ts.
import type { CallSignal, CallState } from './call-protocol';
import type { ConversationId } from './ipc-types';
import type { Result } from './result';

export type { CallSignal } from './call-protocol';

/** An RTCIceServer for the room's relay, as RTCPeerConnection takes it. */
export interface CallRelayServer {
  urls: string[];
  username: string;
  credential: string;
}

/** A call as the window shows it: where, who, how it stands; `relay` only for the user's own call. */
export interface CallInfo extends Omit<CallState, 'relay'> {
  /** Rung by someone else (show accept/decline), not started here. */
  incoming: boolean;
  relay?: CallRelayServer;
}

export interface CallsInvoke {
  /** Ring a friend (`@name`) or start a room's call (`#n`). */
  startCall(call: { conversation: ConversationId; video: boolean }): Promise<Result<CallInfo>>;
  acceptCall(call: string): Promise<Result<CallInfo>>;
  declineCall(call: string): Promise<Result>;
  hangUp(call: string): Promise<Result>;
  /** Forward one SDP offer/answer or ICE candidate to another person of the call. */
  sendCallSignal(signal: { call: string; to: string; signal: CallSignal }): Promise<Result>;
}

export interface CallsEvents {
  /** A call the user is rung for or in changed (state `ended`: it is over for them). */
  call: CallInfo;
  /** A WebRTC signal from another person of the user's call. */
  callSignal: { call: string; from: string; signal: CallSignal };
  /** The user clicked the notification of this ringing call: show its conversation and the ring. */
  callOpened: { call: string; conversation: ConversationId };
}

export const callsChannels = {
  invoke: {
    startCall: 'hearth:startCall',
    acceptCall: 'hearth:acceptCall',
    declineCall: 'hearth:declineCall',
    hangUp: 'hearth:hangUp',
    sendCallSignal: 'hearth:sendCallSignal',
  },
  events: {
    call: 'hearth:event:call',
    callSignal: 'hearth:event:callSignal',
    callOpened: 'hearth:event:callOpened',
  },
} as const satisfies {
  invoke: { [K in keyof CallsInvoke]: string };
  events: { [K in keyof CallsEvents]: string };
};

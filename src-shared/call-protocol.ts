// The calls part of the protocol (docs/protocol.md § Calls): ringing, joining, leaving and the WebRTC
// signalling (SDP offer/answer, ICE candidates) that the room forwards between the people of one call, and the
// `call` push that tells each of them where the call stands (with, for that person only, the credentials of the
// room's TURN relay). Media never passes through the chat link. Its requests and answers join the unions in
// protocol.ts and response-schemas.ts.
import { z } from 'zod';
import { ROOM_CONVERSATION_PATTERN } from './limits';
import { answer, req, requestUsername, roomUsername, wellFormed } from './schema-parts';

/** Longest SDP offer or answer: a video call with audio, video and data is 4–8 KB; more is not a browser's. */
export const MAX_SDP_CHARS = 16 * 1024;
/** Longest ICE candidate line (RFC 8839 a=candidate, without the prefix); real ones are under 200. */
export const MAX_CANDIDATE_CHARS = 512;
/** Most people in one call: the renderer holds one peer connection per other person (a mesh). */
export const MAX_CALL_PEOPLE = 8;
/** A call id: `c` and 16 hex digits, made by the room. */
export const CALL_ID_PATTERN = /^c[0-9a-f]{16}$/;

const callId = z.string().regex(CALL_ID_PATTERN, 'call must be a call id like "c0123456789abcdef"');
/** Where a call is: `@friend` (1:1) or `#n` (a room or group conversation). */
const callPlace = z.union([
  z.string().regex(ROOM_CONVERSATION_PATTERN, 'conversation must be "#<number>" or "@username"'),
  z.string().regex(/^@[A-Za-z0-9_]{1,32}$/, 'conversation must be "#<number>" or "@username"'),
]);
const sdp = wellFormed(
  z.string().min(1).max(MAX_SDP_CHARS, `sdp must be at most ${MAX_SDP_CHARS} characters`),
);

/** One WebRTC signalling message, as the renderer's RTCPeerConnection makes and takes it. */
export const callSignalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp }),
  z.object({ kind: z.literal('answer'), sdp }),
  z.object({
    kind: z.literal('candidate'),
    candidate: wellFormed(
      z.string().max(MAX_CANDIDATE_CHARS, `candidate must be at most ${MAX_CANDIDATE_CHARS} characters`),
    ),
    sdpMid: z.string().max(32).nullable(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
  }),
]);
export type CallSignal = z.infer<typeof callSignalSchema>;

export const callRequests = [
  // Start a call: with a friend (`@name`, it rings their devices) or in a room you are a member of.
  req('call_ring', z.object({ conversation: callPlace, video: z.boolean() })),
  // Join a call you were rung for, or one going on in a room you are in.
  req('call_accept', z.object({ call: callId })),
  req('call_decline', z.object({ call: callId })),
  req('call_hangup', z.object({ call: callId })),
  // Forwarded to one other person of the same call.
  req('call_signal', z.object({ call: callId, to: requestUsername, signal: callSignalSchema })),
] as const;

/** The room's TURN relay for this person and call: `turn:<the room's host>:<port>?transport=udp`. */
export const callRelaySchema = z.object({
  port: z.number().int().min(1).max(65535),
  /** TURN REST style: `<expiry in Unix seconds>:<account>`. */
  username: z.string().min(3).max(80),
  credential: z.string().min(1).max(128),
});
export type CallRelay = z.infer<typeof callRelaySchema>;

export const callStateSchema = z.object({
  call: callId,
  /** As the receiver names it: `@them` for a 1:1 call, `#n` for a room. */
  conversation: callPlace,
  /** Who started it. */
  from: roomUsername,
  video: z.boolean(),
  state: z.enum(['ringing', 'active', 'ended']),
  /** Who is in it now (joined, not only rung). */
  people: z.array(roomUsername).max(MAX_CALL_PEOPLE),
  /** Why it ended (state `ended`), or why this person is out of it. */
  reason: z.enum(['declined', 'missed', 'hung_up', 'unavailable', 'busy']).optional(),
  /** Only in the answer to the person's own ring or accept, and to them alone. */
  relay: callRelaySchema.optional(),
});
export type CallState = z.infer<typeof callStateSchema>;

export const callResponses = [
  /** The answer to call_ring / call_accept, and the push whenever a call you are rung for or in changes. */
  answer('call', { content: callStateSchema }),
  /** A signalling message from another person of the call. */
  answer('call_signal', {
    content: z.object({ call: callId, from: roomUsername, signal: callSignalSchema }),
  }),
] as const;

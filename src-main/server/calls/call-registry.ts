// The calls going on in the room, in memory only (a call does not outlive the room process): who started
// each, who is in it, and for each person the relay username the room handed them and the media addresses
// they announced. One call per person at a time, so "the call of this account" and "the call of this relay
// username" are single lookups for the signalling handler and for the TURN relay's policy.
import { randomBytes } from 'node:crypto';

export interface Person {
  readonly key: string;
  readonly username: string;
}

export interface Participant extends Person {
  /** The TURN username handed to them for this call (`expiry:account`, relay-credentials.ts). */
  relayUser: string;
  /** `ip:port` of the ICE candidates they signalled (only IP literals; at most MAX_ANNOUNCED). */
  readonly announced: Set<string>;
  /** `ip:port` of the relay allocations they hold on this room's TURN relay. */
  readonly allocations: Set<string>;
  /** Set while none of their chat connections is open: they leave the call when it fires. */
  goneTimer: NodeJS.Timeout | null;
}

export type CallPlace =
  | { readonly kind: 'dm'; readonly caller: Person; readonly callee: Person }
  | { readonly kind: 'room'; readonly roomId: number; readonly wire: string };

export interface Call {
  readonly id: string;
  readonly place: CallPlace;
  readonly from: Person;
  readonly video: boolean;
  state: 'ringing' | 'active';
  /** In join order. */
  readonly people: Map<string, Participant>;
  /** Ringing a 1:1 call: when it fires, the call is missed. */
  ringTimer: NodeJS.Timeout | null;
}

/** Announced candidates kept per person: a browser gathers a handful per network interface. */
export const MAX_ANNOUNCED = 64;

export class CallRegistry {
  private readonly calls = new Map<string, Call>();
  private readonly byUser = new Map<string, Call>();
  private readonly byRelayUser = new Map<string, { call: Call; key: string }>();

  get size(): number {
    return this.calls.size;
  }

  open(place: CallPlace, from: Person, video: boolean): Call {
    const call: Call = {
      id: `c${randomBytes(8).toString('hex')}`,
      place,
      from,
      video,
      state: 'ringing',
      people: new Map(),
      ringTimer: null,
    };
    this.calls.set(call.id, call);
    return call;
  }

  get(id: string): Call | undefined {
    return this.calls.get(id);
  }

  /** The call this account is in (joined), if any. */
  ofUser(key: string): Call | undefined {
    return this.byUser.get(key);
  }

  /** The call and person a relay username was handed to, while they are still in that call. */
  ofRelayUser(relayUser: string): { call: Call; participant: Participant } | undefined {
    const found = this.byRelayUser.get(relayUser);
    const participant = found?.call.people.get(found.key);
    if (!found || !participant || participant.relayUser !== relayUser) return undefined;
    return { call: found.call, participant };
  }

  join(call: Call, person: Person, relayUser: string): Participant {
    const participant: Participant = {
      ...person,
      relayUser,
      announced: new Set(),
      allocations: new Set(),
      goneTimer: null,
    };
    call.people.set(person.key, participant);
    this.byUser.set(person.key, call);
    this.byRelayUser.set(relayUser, { call, key: person.key });
    return participant;
  }

  /** Returns the participant who left (their relay username is no longer valid from here on). */
  leave(call: Call, key: string): Participant | undefined {
    const participant = call.people.get(key);
    if (!participant) return undefined;
    if (participant.goneTimer) clearTimeout(participant.goneTimer);
    call.people.delete(key);
    if (this.byUser.get(key) === call) this.byUser.delete(key);
    this.byRelayUser.delete(participant.relayUser);
    return participant;
  }

  /** Forget the call; returns who was still in it. */
  close(call: Call): Participant[] {
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    const left = [...call.people.keys()].flatMap((key) => this.leave(call, key) ?? []);
    this.calls.delete(call.id);
    return left;
  }

  *all(): IterableIterator<Call> {
    yield* this.calls.values();
  }
}

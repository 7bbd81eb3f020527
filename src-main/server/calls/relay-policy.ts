// What the room's TURN relay may reach, and how fast. A relay inside the room process is an open door into
// the host's network unless every packet is checked: a person in a call may send only to the relay
// allocations of the other people of the same call, or to a public address one of those people announced as
// an ICE candidate, and never to the host itself, loopback, a private or link-local network (the host's LAN),
// or anything else. Bandwidth is a token bucket per person and one for the whole relay.
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { CallRegistry } from './call-registry';

/** Addresses nobody may make the relay send to unless they are a relay allocation of the call itself. */
const SPECIAL_V4: ReadonlyArray<readonly [number, number]> = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 3], // multicast and reserved, broadcast
];

function v4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Loopback, private, link-local, unique-local, multicast, unspecified, or an IPv4-mapped one of those. */
export function isSpecialAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) {
    const n = v4Number(ip);
    return SPECIAL_V4.some(
      ([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)),
    );
  }
  if (kind !== 6) return true;
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isSpecialAddress(mapped[1] as string);
  return (
    lower === '::' ||
    lower === '::1' ||
    /^f[cd]/.test(lower) || // unique local
    /^fe[89ab]/.test(lower) || // link-local
    lower.startsWith('ff') // multicast
  );
}

/** The host's own interface addresses: never a peer, whatever its range. */
function ownAddresses(): Set<string> {
  const own = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) own.add(entry.address.toLowerCase());
  }
  return own;
}

export function endpoint(ip: string, port: number): string {
  return `${ip.toLowerCase()}|${port}`;
}

/** `ip|port` of an ICE candidate line (RFC 8839: foundation component transport priority address port typ …). */
export function candidateEndpoint(candidate: string): string | null {
  const fields = candidate
    .replace(/^a=/, '')
    .replace(/^candidate:/, '')
    .trim()
    .split(/\s+/);
  const ip = fields[4];
  const port = Number(fields[5]);
  if (!ip || !isIP(ip) || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return endpoint(ip, port);
}

export class RelayPolicy {
  private readonly own = ownAddresses();

  constructor(private readonly calls: CallRegistry) {}

  /** Whether the holder of `relayUser` may send to (or hear from) `ip:port`; port null: any port (permissions). */
  mayReach(relayUser: string | null, ip: string, port: number | null): boolean {
    if (relayUser === null) return false;
    const found = this.calls.ofRelayUser(relayUser);
    if (!found) return false;
    const others = [...found.call.people.values()].filter((p) => p !== found.participant);
    if (others.some((p) => holds(p.allocations, ip, port))) return true;
    if (isSpecialAddress(ip) || this.own.has(ip.toLowerCase())) return false;
    return others.some((p) => holds(p.announced, ip, port));
  }
}

function holds(set: ReadonlySet<string>, ip: string, port: number | null): boolean {
  if (port !== null) return set.has(endpoint(ip, port));
  const prefix = `${ip.toLowerCase()}|`;
  for (const entry of set) if (entry.startsWith(prefix)) return true;
  return false;
}

/** Bytes per second with a burst of one second's worth; `take` false: drop this packet. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly bytesPerSecond: number,
    now: number,
  ) {
    this.tokens = bytesPerSecond;
    this.at = now;
  }

  take(bytes: number, now: number): boolean {
    this.tokens = Math.min(this.bytesPerSecond, this.tokens + ((now - this.at) / 1000) * this.bytesPerSecond);
    this.at = now;
    if (this.tokens < bytes) return false;
    this.tokens -= bytes;
    return true;
  }
}

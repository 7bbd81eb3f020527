// The room's TURN relay (RFC 8656, UDP) for calls, on the library turn-server: one UDP socket on the chat
// port's number, fed to the library packet by packet, with every decision that matters made here through its
// hooks: who may allocate (a relay username this room handed to someone still in a call), whom an allocation
// may reach (relay-policy.ts), how many bytes per second (per person and for the whole relay), and the end of
// every allocation of a person who leaves the call or logs out. Media stays DTLS-SRTP end to end: the relay
// forwards datagrams it cannot read.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Server, Socket as TurnSocket } from 'turn-server';
import type { CallRegistry } from './call-registry';
import type { RelayCredentials } from './relay-credentials';
import { endpoint, RelayPolicy, TokenBucket } from './relay-policy';

export interface RelayOptions {
  /** Interface the relay's sockets bind to (the room's host option). */
  host: string;
  /**
   * Address put in XOR-RELAYED-ADDRESS: how peers reach an allocation; null: guessed (relayAddressFor). The
   * host's router's public address while it maps the room's ports (setPublicAddress).
   */
  publicAddress: string | null;
  /** Relayed bytes per second one person may send and receive; 0: no cap. */
  bytesPerSecondPerUser: number;
  /** Relayed bytes per second for the whole relay. */
  bytesPerSecondTotal: number;
  /** Allocations at once for the whole relay (a mesh call of 8 needs 7 per person, more with ICE restarts). */
  maxAllocations: number;
  log(line: string): void;
}

const REALM = 'hearth';
/** Allocations one person may hold: one per other person of a call of 8, and room for an ICE restart. */
const ALLOCATIONS_PER_USER = 16;
/** An allocation nobody refreshes dies after this (RFC 8656 default lifetime is 10 min; browsers refresh). */
const MAX_LIFETIME_S = 600;

export class CallRelay {
  private server: Server | null = null;
  private udp: UdpSocket | null = null;
  private readonly policy: RelayPolicy;
  private readonly holders = new Map<string, Set<TurnSocket>>();
  private readonly buckets = new Map<string, TokenBucket>();
  private total: TokenBucket;
  /** Packets dropped for want of bandwidth, and for reaching what they may not (for logs and tests). */
  readonly dropped = { bandwidth: 0, refused: 0 };
  port: number | null = null;

  constructor(
    private readonly options: RelayOptions,
    private readonly calls: CallRegistry,
    private readonly credentials: RelayCredentials,
  ) {
    this.policy = new RelayPolicy(calls);
    this.total = new TokenBucket(options.bytesPerSecondTotal, Date.now());
  }

  /** Bind UDP `port` (the chat port's number; 0 for any) and start answering TURN. */
  async listen(port: number): Promise<number> {
    const family = isIP(this.options.host) === 6 ? 'udp6' : 'udp4';
    const udp = createSocket({ type: family });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind({ address: this.options.host, port, exclusive: true }, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    // The library is an ES module only; the room's code is CommonJS (a dynamic import loads it either way).
    const { createServer } = await import('turn-server');
    const server = createServer({
      socket: udp,
      auth: { mechanism: 'long-term', realm: REALM },
      relay: { ip: this.options.host, externalIp: relayAddressFor(this.options) },
      // Asked at each allocation, so an address learnt later (the router mapped the room) applies from then on.
      relayCallback: (_info: unknown, use: (config: { externalIp: string }) => void) =>
        use({ externalIp: relayAddressFor(this.options) }),
      // Loopback is refused or allowed by relay-policy.ts, per port: a call's own allocations on a room bound
      // to 127.0.0.1 are loopback addresses, and nothing else on loopback ever is reachable.
      allowLoopback: true,
      userQuota: ALLOCATIONS_PER_USER,
      totalQuota: this.options.maxAllocations,
      maxAllocateLifetime: MAX_LIFETIME_S,
      maxPermissionsPerAllocation: 16,
      maxChannelsPerAllocation: 16,
      maxDataSize: 1500,
    } as Parameters<typeof createServer>[0]);
    this.hook(server);
    udp.on('message', (message, rinfo) => server.handlePacket(message, rinfo));
    udp.on('error', (error) => this.options.log(`relay socket error: ${error.message}`));
    this.server = server;
    this.udp = udp;
    this.port = udp.address().port;
    return this.port;
  }

  /**
   * The address people on the Internet reach this host at (the router's, while it maps the room), or null:
   * advertised by allocations made from now on; allocations made before keep theirs until they end.
   */
  setPublicAddress(address: string | null): void {
    this.options.publicAddress = address;
  }

  /** End every allocation of a relay username (its holder left the call or logged out). */
  revoke(relayUser: string): void {
    const sockets = this.holders.get(relayUser);
    this.holders.delete(relayUser);
    this.buckets.delete(relayUser);
    for (const socket of sockets ?? []) socket.close();
  }

  /** Allocations alive now. */
  get allocations(): number {
    return this.server?.getStats().activeAllocations ?? 0;
  }

  /** Bytes relayed since the room started, both ways. */
  get relayedBytes(): number {
    return this.server?.getStats().bytesRelayed ?? 0;
  }

  close(): Promise<void> {
    const server = this.server;
    const udp = this.udp;
    this.server = null;
    this.udp = null;
    this.holders.clear();
    if (!server || !udp) return Promise.resolve();
    // Closed when the socket says so, whichever of the library (which may close the socket it was given)
    // and this closes it: a dgram socket closed twice throws, which inside the library's callback would
    // have left the room's close() unsettled.
    const closed = new Promise<void>((resolve) => udp.once('close', () => resolve()));
    server.stop();
    try {
      udp.close();
    } catch {
      // The library closed it already; its 'close' is on the way.
    }
    return closed;
  }

  private hook(server: Server): void {
    server.on(
      'authenticate',
      (username: string, _realm: string | null, answer: (key: string | null) => void) => {
        const account = this.credentials.accountOf(username, Date.now());
        const holder = this.calls.ofRelayUser(username);
        answer(
          account !== null && holder?.participant.key === account
            ? this.credentials.passwordOf(username)
            : null,
        );
      },
    );
    server.on('allocate', (socket: TurnSocket, allocation) => {
      const username = allocation.username;
      const holder = username === null ? undefined : this.calls.ofRelayUser(username);
      const relayed = socket.getRelayAddress() as { ip: string; port: number } | null;
      if (!username || !holder || !relayed) {
        socket.close();
        return;
      }
      holder.participant.allocations.add(endpoint(advertised(relayed, this.options), relayed.port));
      let set = this.holders.get(username);
      if (!set) {
        set = new Set();
        this.holders.set(username, set);
      }
      set.add(socket);
      socket.on('close', () => {
        set.delete(socket);
        holder.participant.allocations.delete(endpoint(advertised(relayed, this.options), relayed.port));
      });
    });
    type Info = { username: string | null; peer: { ip: string; port: number }; size?: number };
    server.on('beforePermission', (info: Info, allow: (ok: boolean) => void) => {
      allow(this.policy.mayReach(info.username, info.peer.ip, null));
    });
    server.on('beforeChannelBind', (info: Info, allow: (ok: boolean) => void) => {
      allow(this.policy.mayReach(info.username, info.peer.ip, info.peer.port));
    });
    // No TCP relay (RFC 6062): nothing of a call needs a TCP connection out of the host.
    server.on('beforeConnect', (_info: Info, allow: (ok: boolean) => void) => allow(false));
    const perPacket = (info: Info, allow: (ok: boolean) => void) => allow(this.admit(info));
    server.on('beforeRelay', perPacket);
    server.on('beforeData', perPacket);
    server.on('error', (error: Error) => this.options.log(`relay error: ${error.message}`));
  }

  private admit(info: {
    username: string | null;
    peer: { ip: string; port: number };
    size?: number;
  }): boolean {
    if (!this.policy.mayReach(info.username, info.peer.ip, info.peer.port)) {
      this.dropped.refused++;
      return false;
    }
    const now = Date.now();
    const size = info.size ?? 0;
    const user = info.username as string;
    const perUser = this.options.bytesPerSecondPerUser;
    let bucket = this.buckets.get(user);
    if (!bucket && perUser > 0) {
      bucket = new TokenBucket(perUser, now);
      this.buckets.set(user, bucket);
    }
    if ((bucket && !bucket.take(size, now)) || !this.total.take(size, now)) {
      this.dropped.bandwidth++;
      return false;
    }
    return true;
  }
}

/** The address peers reach an allocation at: the public one if known, else the bound host, else a LAN one. */
function relayAddressFor(options: RelayOptions): string {
  if (options.publicAddress) return options.publicAddress;
  if (options.host !== '0.0.0.0' && options.host !== '::') return options.host;
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((entry) => entry.family === 'IPv4' && !entry.internal);
    if (found) return found.address;
  }
  return '127.0.0.1';
}

function advertised(relayed: { ip: string }, options: RelayOptions): string {
  return relayed.ip === '0.0.0.0' || relayed.ip === '::' ? relayAddressFor(options) : relayed.ip;
}

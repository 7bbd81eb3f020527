// "Open to the Internet": ask the home router to forward a public port to the room, with UPnP IGD (found
// by SSDP) or else NAT-PMP (at the default gateway), through @achingbrain/nat-port-mapper. The library's
// own refresh is off (its NAT-PMP unmap looped delete requests with it on): the mapping is renewed here at
// half its lease, and removed here, with the protocol and external port actually mapped (the library's
// UPnP unmap sends an empty protocol and assumes external = internal port). The room's call relay listens
// for UDP on the chat port's number, and its TURN address is that number at whatever host a friend dialled,
// so the same UDP port is mapped too, public and internal alike; a router that offers only another public
// UDP port gets it removed again (calls from the Internet then go direct or not at all; chat is unaffected).
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { isIpv4 } from '../../src-shared/invite';
import { type Failure, fail, ok, type Result } from '../../src-shared/result';

export type MappingMethod = 'UPnP' | 'NAT-PMP';

export interface MappedPort {
  method: MappingMethod;
  /** The router's public address and the port friends on the Internet connect to. */
  externalHost: string;
  externalPort: number;
  /** This computer's address on the router's side, and the room's port. */
  internalHost: string;
  internalPort: number;
  /** The UDP port mapped for the call relay (the same number outside and in); null: the router gave none. */
  relayPort: number | null;
}

export interface PortMapperOptions {
  /** How long the router keeps the mapping unless renewed (UPnP routers get at least an hour). */
  leaseSeconds?: number;
  /** How long to look for a UPnP router before trying NAT-PMP. */
  searchMs?: number;
  /** How long one request to the router may take. */
  requestTimeoutMs?: number;
  /** The default gateway, for NAT-PMP; default: read from the system's routing table (Linux). */
  defaultGateway?: () => string | null;
  /** Told when a renewal fails (the mapping may be gone) and when a later one succeeds again. */
  onRenewal?: (outcome: Result<MappedPort>) => void;
}

const DESCRIPTION = 'Hearth room';
const DEFAULT_LEASE_SECONDS = 3600;
const WAN_IP_CONNECTION_2 = 'urn:schemas-upnp-org:service:WANIPConnection:2';

type NatModule = typeof import('@achingbrain/nat-port-mapper');
type Gateway = Awaited<ReturnType<NatModule['pmpNat']>>;
/** The SOAP runner inside the library's UPnP gateway (nat-port-mapper 4.0.x), for a correct delete. */
type SoapDevice = {
  run(service: string, action: string, args: Array<[string, unknown]>, options: object): Promise<unknown>;
};

// The library is ESM-only; this CommonJS app loads it on first use.
let natModule: Promise<NatModule> | null = null;
const loadNat = () => {
  natModule ??= import('@achingbrain/nat-port-mapper');
  return natModule;
};

/** Private, shared (carrier-grade NAT), link-local and loopback IPv4 ranges: not reachable from the Internet. */
export function isPrivateIpv4(ip: string): boolean {
  if (!isIpv4(ip)) return false;
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

const isPublicIpv4 = (ip: string) => isIpv4(ip) && !isPrivateIpv4(ip);

function behindAnotherNat(wan: string): Failure {
  const address = isIpv4(wan) ? ` (${wan})` : '';
  return fail(
    'double_nat',
    `Your router’s own Internet address${address} is private: it sits behind another router or your provider’s shared address (carrier-grade NAT), so people on the Internet cannot reach you through it. Ask your provider for a public address, or forward the port on the outer router too.`,
  );
}

/** The IPv4 default gateway from /proc/net/route (Linux); null elsewhere or when there is none. */
export function linuxDefaultGateway(routeTable = '/proc/net/route'): string | null {
  let text: string;
  try {
    text = readFileSync(routeTable, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n').slice(1)) {
    const [, destination, gateway] = line.trim().split(/\s+/);
    if (destination !== '00000000' || !gateway || gateway === '00000000') continue;
    const n = Number.parseInt(gateway, 16);
    // The kernel writes the address in host (little-endian) byte order.
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
  }
  return null;
}

/** The local address this computer uses to reach `host` (no packet is sent: a UDP connect only routes). */
function localAddressToward(host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect(9, host, () => {
      const { address } = socket.address();
      socket.close();
      resolve(address);
    });
  });
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export class PortMapper {
  private gateway: Gateway | null = null;
  private method: MappingMethod | null = null;
  private mapping: MappedPort | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly leaseSeconds: number;

  constructor(private readonly options: PortMapperOptions = {}) {
    this.leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  }

  get current(): MappedPort | null {
    return this.mapping ? { ...this.mapping } : null;
  }

  /** Finds the router and maps a public port to `internalPort`; the answer's error is a sentence for people. */
  async open(internalPort: number): Promise<Result<MappedPort>> {
    await this.close();
    const found = await this.findGateway();
    if (!found) {
      return fail(
        'no_gateway',
        'Your router does not offer automatic port opening (neither UPnP nor NAT-PMP answered). It may be switched off in the router’s settings.',
      );
    }
    const { gateway, method } = found;
    let mapping: MappedPort;
    try {
      mapping = await this.map(gateway, method, internalPort);
    } catch (error) {
      // A router whose own Internet address is private refuses every mapping (miniupnpd: "ActionFailed")
      // and reports that address as private, or as nothing at all.
      const wan = await gateway.externalIp(this.timeout()).catch(() => null);
      await this.release(gateway, method);
      if (wan !== null && !isPublicIpv4(wan)) return behindAnotherNat(wan);
      return fail('refused', `Your router refused to open port ${internalPort} (it said: ${reason(error)}).`);
    }
    if (!isPublicIpv4(mapping.externalHost)) {
      await this.remove(gateway, method, mapping);
      await this.release(gateway, method);
      return behindAnotherNat(mapping.externalHost);
    }
    this.gateway = gateway;
    this.method = method;
    this.mapping = mapping;
    this.scheduleRenewal();
    return ok({ ...mapping });
  }

  /** Removes the mapping from the router (if any) and lets go of it. */
  async close(): Promise<void> {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    const { gateway, method, mapping } = this;
    this.gateway = null;
    this.method = null;
    this.mapping = null;
    if (!gateway || !method) return;
    if (mapping) await this.remove(gateway, method, mapping);
    await this.release(gateway, method);
  }

  /**
   * NAT-PMP keeps a UDP socket to close. A UPnP gateway holds no socket between requests, and its stop()
   * would send the library's own delete (empty protocol) after ours, so it is left alone.
   */
  private async release(gateway: Gateway, method: MappingMethod): Promise<void> {
    if (method === 'NAT-PMP') await gateway.stop(this.timeout()).catch(() => {});
  }

  private timeout(): { signal: AbortSignal } {
    return { signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 5_000) };
  }

  private async findGateway(): Promise<{ gateway: Gateway; method: MappingMethod } | null> {
    const nat = await loadNat();
    const upnp = nat.upnpNat({ autoRefresh: false, description: DESCRIPTION });
    // Routers miss a single M-SEARCH now and then, so it is repeated every half second; and a search that
    // ends early (a socket error, a description that failed to load) is started again until the time is up.
    const signal = AbortSignal.timeout(this.options.searchMs ?? 3_000);
    while (!signal.aborted) {
      try {
        for await (const gateway of upnp.findGateways({ signal, searchInterval: 500 })) {
          if (gateway.family === 'IPv4') return { gateway, method: 'UPnP' };
        }
      } catch {
        // Out of time, or the search failed: the loop decides.
      }
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const router = (this.options.defaultGateway ?? linuxDefaultGateway)();
    if (!router) return null;
    const pmp = nat.pmpNat(router, { autoRefresh: false, description: DESCRIPTION });
    try {
      await pmp.externalIp(this.timeout());
      return { gateway: pmp, method: 'NAT-PMP' };
    } catch {
      await this.release(pmp, 'NAT-PMP');
      return null;
    }
  }

  private async map(gateway: Gateway, method: MappingMethod, internalPort: number): Promise<MappedPort> {
    const internalHost = await localAddressToward(gateway.host);
    const mapped = await gateway.map(internalPort, internalHost, {
      ...this.timeout(),
      protocol: 'TCP',
      externalPort: this.mapping?.externalPort ?? internalPort,
      description: DESCRIPTION,
      autoRefresh: false,
      // The library counts UPnP leases in milliseconds and NAT-PMP lifetimes in seconds.
      ttl: method === 'UPnP' ? this.leaseSeconds * 1000 : this.leaseSeconds,
    });
    const externalHost = method === 'UPnP' ? await gateway.externalIp(this.timeout()) : mapped.externalHost;
    const relayPort = await this.mapRelay(gateway, method, internalHost, internalPort);
    return { method, externalHost, externalPort: mapped.externalPort, internalHost, internalPort, relayPort };
  }

  /** UDP `port` to this computer's same port, for the call relay; null if the router would not. */
  private async mapRelay(
    gateway: Gateway,
    method: MappingMethod,
    internalHost: string,
    port: number,
  ): Promise<number | null> {
    try {
      const mapped = await gateway.map(port, internalHost, {
        ...this.timeout(),
        protocol: 'UDP',
        externalPort: port,
        description: DESCRIPTION,
        autoRefresh: false,
        ttl: method === 'UPnP' ? this.leaseSeconds * 1000 : this.leaseSeconds,
      });
      if (mapped.externalPort === port) return port;
      await this.removeOne(gateway, method, 'UDP', port, mapped.externalPort);
    } catch (error) {
      console.warn(`hearth: the router did not map UDP port ${port} for calls: ${reason(error)}`);
    }
    return null;
  }

  private async remove(gateway: Gateway, method: MappingMethod, mapping: MappedPort): Promise<void> {
    await this.removeOne(gateway, method, 'TCP', mapping.internalPort, mapping.externalPort);
    if (mapping.relayPort !== null)
      await this.removeOne(gateway, method, 'UDP', mapping.relayPort, mapping.relayPort);
  }

  private async removeOne(
    gateway: Gateway,
    method: MappingMethod,
    protocol: 'TCP' | 'UDP',
    internalPort: number,
    externalPort: number,
  ): Promise<void> {
    try {
      if (method === 'NAT-PMP') {
        await gateway.unmap(internalPort, { ...this.timeout(), protocol } as never);
        return;
      }
      const device = (gateway as unknown as { gateway?: SoapDevice }).gateway;
      if (!device) throw new Error('the UPnP gateway object has changed shape');
      await device.run(
        WAN_IP_CONNECTION_2,
        'DeletePortMapping',
        [
          ['NewRemoteHost', ''],
          ['NewExternalPort', externalPort],
          ['NewProtocol', protocol],
        ],
        this.timeout(),
      );
    } catch (error) {
      console.warn(`hearth: could not remove the ${protocol} port mapping from the router: ${reason(error)}`);
    }
  }

  private scheduleRenewal(): void {
    this.renewTimer = setTimeout(() => void this.renew(), (this.leaseSeconds * 1000) / 2);
    this.renewTimer.unref();
  }

  private async renew(): Promise<void> {
    const { gateway, method, mapping } = this;
    if (!gateway || !method || !mapping) return;
    try {
      const renewed = await this.map(gateway, method, mapping.internalPort);
      if (this.gateway !== gateway) return;
      this.mapping = renewed;
      this.options.onRenewal?.(ok({ ...renewed }));
    } catch (error) {
      if (this.gateway !== gateway) return;
      this.options.onRenewal?.(
        fail('refused', `The router did not renew the port mapping: ${reason(error)}.`),
      );
    }
    if (this.gateway === gateway) this.scheduleRenewal();
  }
}

// Rooms on the local network, over mDNS/DNS-SD (bonjour-service): a hosting app advertises its room as a
// `_hearth._tcp` service whose TXT record carries the room name, TLS on/off, the certificate fingerprint
// and whether guests may join; the Connect screen browses for such services. Everything read from the
// network is untrusted: an advertisement that is not exactly right is ignored, and its name is only ever
// shown as text.
import { randomBytes } from 'node:crypto';
import { Bonjour, type Service } from 'bonjour-service';
import { isFingerprint, isIpv4, isUnsafeNameChar, MAX_ROOM_NAME_CHARS } from '../../src-shared/invite';

export const SERVICE_TYPE = 'hearth';
const TXT_VERSION = '1';
/** A TXT entry is at most 255 bytes, `name=` included. */
const MAX_NAME_BYTES = 240;
/** Rooms that went away without saying goodbye (a crash, a pulled cable) drop out by re-asking this often. */
const REQUERY_MS = 15_000;

export interface LanRoomAdvert {
  name: string;
  port: number;
  tls: boolean;
  /** SHA-256 fingerprint of the room's certificate (`AB:CD:…`), null without TLS. */
  fingerprint: string | null;
  allowGuests: boolean;
}

export interface LanRoom extends LanRoomAdvert {
  /** Unique per advertisement on the network. */
  id: string;
  /** The address the advertisement came from: reachable from here by construction. */
  host: string;
}

/**
 * Which interface multicast goes out of and which address the socket binds. Tests pin both to loopback
 * (`{ interface: '127.0.0.1', bind: '0.0.0.0' }`) so that no packet leaves the machine.
 */
export interface MdnsOptions {
  interface?: string;
  bind?: string;
}

export type RoomsListener = (rooms: LanRoom[]) => void;

/** Keeps the name within one TXT entry, cutting whole characters. */
function nameForTxt(name: string): string {
  const chars = [...name].slice(0, MAX_ROOM_NAME_CHARS);
  while (Buffer.byteLength(chars.join(''), 'utf8') > MAX_NAME_BYTES) chars.pop();
  return chars.join('');
}

export function advertTxt(advert: LanRoomAdvert): Record<string, string> {
  const txt: Record<string, string> = {
    v: TXT_VERSION,
    name: nameForTxt(advert.name),
    tls: advert.tls ? '1' : '0',
    guests: advert.allowGuests ? '1' : '0',
  };
  if (advert.fingerprint) txt.fp = advert.fingerprint;
  return txt;
}

type Flag = '0' | '1';
const isFlag = (value: unknown): value is Flag => value === '0' || value === '1';

/** The room an advertisement describes, or null when any part of it is missing or malformed. */
export function readAdvert(service: {
  fqdn?: unknown;
  port?: unknown;
  txt?: unknown;
  referer?: { address?: unknown } | undefined;
  addresses?: unknown;
}): LanRoom | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  const { port } = service;
  if (txt.v !== TXT_VERSION || typeof service.fqdn !== 'string') return null;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  if (!isFlag(txt.tls) || !isFlag(txt.guests)) return null;
  const name = typeof txt.name === 'string' ? txt.name.trim() : '';
  if (name === '' || [...name].length > MAX_ROOM_NAME_CHARS || [...name].some(isUnsafeNameChar)) return null;
  const fingerprint = txt.fp === undefined ? null : String(txt.fp);
  if (fingerprint !== null && !isFingerprint(fingerprint)) return null;
  if (txt.tls === '1' && fingerprint === null) return null;
  const host = roomHost(service);
  if (host === null) return null;
  return {
    id: service.fqdn,
    host,
    port,
    name,
    tls: txt.tls === '1',
    fingerprint,
    allowGuests: txt.guests === '1',
  };
}

/** Where the answer came from; else the first IPv4 address it advertises (a host with only loopback
 * advertises none, and answers from 127.0.0.1). */
function roomHost(service: {
  referer?: { address?: unknown } | undefined;
  addresses?: unknown;
}): string | null {
  const from = service.referer?.address;
  if (typeof from === 'string' && isIpv4(from)) return from;
  const listed = Array.isArray(service.addresses) ? service.addresses : [];
  const ipv4 = listed.find((a): a is string => typeof a === 'string' && isIpv4(a));
  return ipv4 ?? null;
}

export class LanDiscovery {
  private bonjour: Bonjour | null = null;
  private advertised: Service | null = null;
  private browser: ReturnType<Bonjour['find']> | null = null;
  private requery: NodeJS.Timeout | null = null;
  private readonly rooms = new Map<string, LanRoom>();
  private readonly listeners = new Set<RoomsListener>();

  constructor(private readonly options: MdnsOptions = {}) {}

  /** Advertise a room (replacing any room advertised before). */
  async advertise(advert: LanRoomAdvert): Promise<void> {
    await this.stopAdvertising();
    const service = this.mdns().publish({
      // The instance name only has to be unique on the network; people see the TXT name.
      name: `hearth-${randomBytes(5).toString('hex')}`,
      type: SERVICE_TYPE,
      port: advert.port,
      txt: advertTxt(advert),
    });
    service.on('error', (error: Error) => console.warn(`hearth: LAN advertisement failed: ${error.message}`));
    this.advertised = service;
  }

  /** Says goodbye on the network so browsers drop the room at once. */
  stopAdvertising(): Promise<void> {
    const service = this.advertised;
    this.advertised = null;
    if (!service) return Promise.resolve();
    return new Promise((resolve) => service.stop?.(() => resolve()));
  }

  /** Calls the listener with the full list of rooms now and whenever it changes; returns the unsubscribe. */
  browse(listener: RoomsListener): () => void {
    this.listeners.add(listener);
    if (!this.browser) this.startBrowsing();
    listener(this.list());
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopBrowsing();
    };
  }

  list(): LanRoom[] {
    return [...this.rooms.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.stopBrowsing();
    await this.stopAdvertising();
    const bonjour = this.bonjour;
    this.bonjour = null;
    if (bonjour) await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  }

  private mdns(): Bonjour {
    // The constructor's options go to multicast-dns (interface, bind), whatever its type declaration says.
    const socketOptions = { ...this.options } as ConstructorParameters<typeof Bonjour>[0];
    this.bonjour ??= new Bonjour(socketOptions, (error: Error) =>
      console.warn(`hearth: local network discovery failed: ${error.message}`),
    );
    return this.bonjour;
  }

  private startBrowsing(): void {
    const browser = this.mdns().find({ type: SERVICE_TYPE });
    const refresh = () => {
      this.rooms.clear();
      for (const service of browser.services) {
        const room = readAdvert(service);
        if (room) this.rooms.set(room.id, room);
      }
      const rooms = this.list();
      for (const listener of this.listeners) listener(rooms);
    };
    for (const event of ['up', 'down', 'txt-update', 'srv-update'] as const) browser.on(event, refresh);
    this.browser = browser;
    this.requery = setInterval(() => {
      browser.expire();
      browser.update();
    }, REQUERY_MS);
    this.requery.unref();
  }

  private stopBrowsing(): void {
    if (this.requery) clearInterval(this.requery);
    this.requery = null;
    this.browser?.stop();
    this.browser = null;
    this.rooms.clear();
  }
}

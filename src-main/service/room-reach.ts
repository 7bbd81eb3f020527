// How friends reach the room this computer hosts, and how this computer finds rooms nearby: the LAN
// advertisement while hosting, the live list of rooms on the local network, and the router's port mapping
// for the Internet. The service owns one of these; either part can be left out (tests leave out what
// would send packets beyond loopback).
import { hostname } from 'node:os';
import { isUnsafeNameChar, MAX_ROOM_NAME_CHARS } from '../../src-shared/invite';
import type { InternetStatus, LanRoomInfo } from '../../src-shared/ipc';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import { LanDiscovery, type LanRoom, type MdnsOptions } from './lan-discovery';
import { type MappedPort, PortMapper, type PortMapperOptions } from './port-mapping';

export interface RoomReachOptions {
  /** mDNS socket options; null: no LAN advertising or browsing at all. */
  lan: MdnsOptions | null;
  /** Port-mapping options; null: "Open to the Internet" is not offered. */
  portMapping: PortMapperOptions | null;
  /** The name the room is advertised and invited under; default: this computer's name. */
  roomName?: string;
}

export interface HostedRoom {
  port: number;
  allowGuests: boolean;
  fingerprint: string | null;
}

export const INTERNET_OFF: InternetStatus = {
  state: 'off',
  method: null,
  publicHost: null,
  publicPort: null,
  error: null,
};

/** A name safe to advertise and to put in a link: printable, trimmed, within the length limit. */
export function roomNameFrom(text: string): string {
  const clean = [...text]
    .filter((c) => !isUnsafeNameChar(c))
    .join('')
    .trim();
  return [...(clean || 'Hearth room')].slice(0, MAX_ROOM_NAME_CHARS).join('').trim();
}

export class RoomReach {
  private readonly lan: LanDiscovery | null;
  private mapper: PortMapper | null = null;
  private hosted: HostedRoom | null = null;
  private internet: InternetStatus = INTERNET_OFF;
  private stopBrowsing: (() => void) | null = null;
  private rooms: LanRoom[] = [];
  readonly roomName: string;

  constructor(
    private readonly options: RoomReachOptions,
    private readonly tell: {
      lanRooms(rooms: LanRoomInfo[]): void;
      internet(status: InternetStatus): void;
      /** The router maps the room's chat and relay ports at this public address (null: no longer). */
      publicAddress?(address: string | null): void;
    },
  ) {
    this.lan = options.lan ? new LanDiscovery(options.lan) : null;
    this.roomName = roomNameFrom(options.roomName ?? hostname());
  }

  get internetStatus(): InternetStatus {
    return { ...this.internet };
  }

  get lanRooms(): LanRoomInfo[] {
    return this.rooms.map((room) => ({ ...room }));
  }

  findLanRoom(id: string): LanRoomInfo | null {
    const room = this.rooms.find((r) => r.id === id);
    return room ? { ...room } : null;
  }

  /** The room is listening: advertise it on the LAN. */
  async roomStarted(room: HostedRoom): Promise<void> {
    this.hosted = room;
    await this.lan
      ?.advertise({
        name: this.roomName,
        port: room.port,
        tls: room.fingerprint !== null,
        fingerprint: room.fingerprint,
        allowGuests: room.allowGuests,
      })
      .catch((error: Error) => console.warn(`hearth: could not advertise the room: ${error.message}`));
  }

  /** The room stopped: say goodbye on the LAN and remove the router's mapping. */
  async roomStopped(): Promise<void> {
    this.hosted = null;
    await this.lan?.stopAdvertising();
    await this.closeToInternet();
  }

  /** Live list of rooms on the local network while `on`; the list comes as `lanRooms` calls. */
  browse(on: boolean): Result {
    if (!this.lan) return fail('unavailable', 'Finding rooms on the local network is not available here.');
    if (on && !this.stopBrowsing) {
      this.stopBrowsing = this.lan.browse((rooms) => {
        this.rooms = rooms;
        this.tell.lanRooms(this.lanRooms);
      });
    } else if (!on && this.stopBrowsing) {
      this.stopBrowsing();
      this.stopBrowsing = null;
      this.rooms = [];
    }
    return OK;
  }

  async openToInternet(): Promise<Result<InternetStatus>> {
    const room = this.hosted;
    if (!room) return fail('not_hosting', 'Start hosting a room first.');
    if (!this.options.portMapping)
      return fail('unavailable', 'Opening to the Internet is not available here.');
    if (this.internet.state === 'opening' || this.internet.state === 'open') return ok(this.internetStatus);
    const mapper = new PortMapper({
      ...this.options.portMapping,
      onRenewal: (outcome) => {
        if (this.mapper !== mapper) return;
        if (outcome.ok) {
          this.setInternet({ ...this.internet, state: 'open', error: null });
          this.tellPublicAddress(outcome.value);
        } else this.setInternet({ ...this.internet, error: outcome.error });
      },
    });
    this.mapper = mapper;
    this.setInternet({ ...INTERNET_OFF, state: 'opening' });
    const opened = await mapper.open(room.port);
    if (this.mapper !== mapper) {
      await mapper.close();
      return fail('cancelled', 'The room stopped meanwhile.');
    }
    if (!opened.ok) {
      this.mapper = null;
      this.setInternet({ ...INTERNET_OFF, state: 'failed', error: opened.error });
      return opened;
    }
    const { method, externalHost, externalPort } = opened.value;
    this.setInternet({
      state: 'open',
      method,
      publicHost: externalHost,
      publicPort: externalPort,
      error: null,
    });
    this.tellPublicAddress(opened.value);
    return ok(this.internetStatus);
  }

  async closeToInternet(): Promise<void> {
    const mapper = this.mapper;
    this.mapper = null;
    if (this.internet.state !== 'off') this.setInternet(INTERNET_OFF);
    if (mapper) this.tell.publicAddress?.(null);
    await mapper?.close();
  }

  async dispose(): Promise<void> {
    this.browse(false);
    await this.roomStopped();
    await this.lan?.close();
  }

  /** The call relay advertises the router's address only when its UDP port is mapped too. */
  private tellPublicAddress(mapping: MappedPort): void {
    this.tell.publicAddress?.(mapping.relayPort !== null ? mapping.externalHost : null);
  }

  private setInternet(status: InternetStatus): void {
    this.internet = status;
    this.tell.internet({ ...status });
  }
}

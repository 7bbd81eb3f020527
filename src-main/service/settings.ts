// The user's settings, kept as settings.json in the app's data directory. The file name is fixed (never
// derived from user input); writes go to a temporary file that is renamed over the old one, so a crash
// mid-write leaves either the old or the new settings, never half of each. A missing or damaged file
// means defaults, so a bad file can never keep the app from starting. Besides the `Settings` the window
// sees, the file keeps the rooms muted on each server (the window is told those of the server it is on).
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Preferences, ServerAddress, Settings } from '../../src-shared/ipc';
import { ROOM_CONVERSATION_PATTERN } from '../../src-shared/limits';
import { DEFAULT_PORT } from '../../src-shared/protocol';
import { MAX_ROOMS_LISTED } from '../../src-shared/response-schemas';

export const SETTINGS_FILE = 'settings.json';
export const MAX_RECENT_SERVERS = 8;
/** Pins kept at most; the oldest go first (a room not visited for that long is pinned afresh). */
export const MAX_CERTIFICATE_PINS = 200;
/** Servers whose muted rooms are kept, and rooms per server (as many as one can be in); oldest go first. */
export const MAX_MUTED_SERVERS = 200;
export const MAX_MUTED_ROOMS = MAX_ROOMS_LISTED;

/** Muted rooms (`room`, `#n`) by server, keyed as `describeServer` writes it. */
type MutedRooms = Record<string, string[]>;

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  notifications: 'mentions',
  showJoins: true,
  closeToTray: true,
  startMinimised: false,
  keepPhotoMetadata: false,
  sounds: true,
};

export const DEFAULT_SETTINGS: Settings = {
  preferences: DEFAULT_PREFERENCES,
  recentServers: [],
  lastUsername: null,
  keepLoggedIn: true,
  hostPort: DEFAULT_PORT,
  hostAllowGuests: true,
  hostClassicPort: null,
  certificatePins: {},
};

const port = z.number().int().min(1).max(65535);
/** Each preference falls back on its own, so one bad value never resets the others. */
export const preferencesSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).catch(DEFAULT_PREFERENCES.theme),
  notifications: z.enum(['all', 'mentions', 'none']).catch(DEFAULT_PREFERENCES.notifications),
  showJoins: z.boolean().catch(DEFAULT_PREFERENCES.showJoins),
  closeToTray: z.boolean().catch(DEFAULT_PREFERENCES.closeToTray),
  startMinimised: z.boolean().catch(DEFAULT_PREFERENCES.startMinimised),
  keepPhotoMetadata: z.boolean().catch(DEFAULT_PREFERENCES.keepPhotoMetadata),
  sounds: z.boolean().catch(DEFAULT_PREFERENCES.sounds),
});
const settingsSchema = z.object({
  preferences: preferencesSchema.catch(DEFAULT_PREFERENCES),
  recentServers: z
    .array(z.object({ host: z.string().min(1).max(255), port }))
    .max(MAX_RECENT_SERVERS)
    .catch([]),
  lastUsername: z.string().max(64).nullable().catch(null),
  keepLoggedIn: z.boolean().catch(true),
  hostPort: port.catch(DEFAULT_PORT),
  hostAllowGuests: z.boolean().catch(true),
  hostClassicPort: port.nullable().catch(null),
  certificatePins: z
    .record(z.string().min(1).max(300), z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/))
    .catch({}),
  mutedRooms: z
    .record(
      z.string().min(1).max(300),
      z.array(z.string().regex(ROOM_CONVERSATION_PATTERN)).max(MAX_MUTED_ROOMS),
    )
    .catch({}),
});

type StoredSettings = Settings & { mutedRooms: MutedRooms };

const DEFAULT_STORED: StoredSettings = { ...DEFAULT_SETTINGS, mutedRooms: {} };

function readSettings(file: string): StoredSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return structuredClone(DEFAULT_STORED);
  }
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Unparseable JSON: fall through to defaults.
  }
  console.warn(`hearth: ${file} could not be read; using default settings`);
  return structuredClone(DEFAULT_STORED);
}

export class SettingsStore {
  private readonly file: string;
  private current: StoredSettings;
  /** Writes run one after another so an older write can never land after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  private writeCount = 0;

  constructor(
    private readonly dataDir: string,
    private readonly changed: (settings: Settings) => void = () => {},
  ) {
    this.file = join(dataDir, SETTINGS_FILE);
    this.current = readSettings(this.file);
  }

  get(): Settings {
    const { mutedRooms: _kept, ...settings } = this.current;
    return structuredClone(settings);
  }

  /** The rooms muted on the server keyed `server`. */
  mutedRooms(server: string): string[] {
    return [...(this.current.mutedRooms[server] ?? [])];
  }

  /** Mute or unmute a room of the server keyed `server`; the server's list moves to the newest place. */
  setRoomMuted(server: string, room: string, muted: boolean): Promise<void> {
    const { [server]: old = [], ...others } = this.current.mutedRooms;
    const rooms = [...old.filter((r) => r !== room), ...(muted ? [room] : [])].slice(-MAX_MUTED_ROOMS);
    const kept = Object.entries(others).slice(-(MAX_MUTED_SERVERS - 1));
    const mutedRooms = Object.fromEntries(rooms.length > 0 ? [...kept, [server, rooms]] : kept);
    return this.save({ mutedRooms });
  }

  update(patch: Partial<Settings>): Promise<void> {
    return this.save(patch);
  }

  private save(patch: Partial<StoredSettings>): Promise<void> {
    this.current = { ...this.current, ...patch };
    const snapshot = JSON.stringify(this.current, null, 2);
    this.writing = this.writing.then(() => this.write(snapshot));
    this.changed(this.get());
    return this.writing;
  }

  /** Put a server first in the recent list (once), keeping the list short. */
  rememberServer(server: ServerAddress): Promise<void> {
    const same = (s: ServerAddress) =>
      s.host.toLowerCase() === server.host.toLowerCase() && s.port === server.port;
    const recentServers = [server, ...this.current.recentServers.filter((s) => !same(s))].slice(
      0,
      MAX_RECENT_SERVERS,
    );
    return this.update({ recentServers });
  }

  /** Remember (or, with null, forget) the certificate fingerprint of the server keyed `server`. */
  setCertificatePin(server: string, fingerprint: string | null): Promise<void> {
    const { [server]: _old, ...others } = this.current.certificatePins;
    const kept = Object.entries(others).slice(-(MAX_CERTIFICATE_PINS - 1));
    const certificatePins = Object.fromEntries(fingerprint ? [...kept, [server, fingerprint]] : kept);
    return this.update({ certificatePins });
  }

  /** Resolves once every write started so far has finished. */
  flush(): Promise<void> {
    return this.writing;
  }

  private async write(text: string): Promise<void> {
    const temp = join(this.dataDir, `${SETTINGS_FILE}.${process.pid}.${this.writeCount++}.tmp`);
    try {
      await mkdir(this.dataDir, { recursive: true });
      await writeFile(temp, text, 'utf8');
      await rename(temp, this.file);
    } catch (error) {
      console.error(`hearth: could not save settings to ${this.file}:`, error);
      await rm(temp, { force: true });
    }
  }
}

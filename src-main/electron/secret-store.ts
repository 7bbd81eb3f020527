// The app's SecretStore on Electron's safeStorage: every secret is encrypted with the operating system's
// keychain (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) into one blob file in the
// user-data directory. Where the system offers no real encryption (Linux without a keyring falls back to
// 'basic_text', a hard-coded key), nothing is written: secrets then last until the app quits.
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { MemorySecretStore, type SecretStore } from '../service/secrets';

/** Fixed name, never derived from input. */
export const SECRETS_FILE = 'secrets.bin';

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string;
  private values: Map<string, string> | null = null;
  private readonly fallback = new MemorySecretStore();

  constructor(userDataDir: string) {
    this.file = join(userDataDir, SECRETS_FILE);
  }

  get location(): string | null {
    return encryptionAvailable() ? this.file : null;
  }

  async get(name: string): Promise<string | null> {
    if (!encryptionAvailable()) return this.fallback.get(name);
    return this.load().get(name) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    if (!encryptionAvailable()) return this.fallback.set(name, value);
    this.load().set(name, value);
    this.save();
  }

  async delete(name: string): Promise<void> {
    if (!encryptionAvailable()) return this.fallback.delete(name);
    if (this.load().delete(name)) this.save();
  }

  private load(): Map<string, string> {
    if (this.values) return this.values;
    this.values = new Map();
    let blob: Buffer;
    try {
      blob = readFileSync(this.file);
    } catch {
      return this.values;
    }
    try {
      const parsed: unknown = JSON.parse(safeStorage.decryptString(blob));
      if (parsed && typeof parsed === 'object') {
        for (const [name, value] of Object.entries(parsed)) {
          if (typeof value === 'string') this.values.set(name, value);
        }
      }
    } catch {
      // Encrypted by another user or machine, or damaged: the secrets are lost, people log in again.
      console.warn(`hearth: ${this.file} could not be decrypted; starting without remembered sessions`);
    }
    return this.values;
  }

  private save(): void {
    const blob = safeStorage.encryptString(JSON.stringify(Object.fromEntries(this.load())));
    const temp = `${this.file}.tmp`;
    rmSync(temp, { force: true });
    writeFileSync(temp, blob, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }
}

function encryptionAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

// Where the service keeps secrets (session tokens): behind an interface, because the real place is the
// operating system's keychain, which only the Electron layer can reach (src-main/electron/secret-store.ts,
// with safeStorage). Values are never written to plain files by the service itself.

export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Where the secrets are kept, for the settings screen; null when they are in memory only. */
  readonly location: string | null;
}

/**
 * Secrets for as long as the process lives. The app falls back to it when the system offers no encryption
 * (so a token is never written unprotected; the user just logs in again next time); tests use it as the
 * stand-in for the OS keychain, which cannot exist on a test machine.
 */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  readonly location = null;

  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }

  async delete(name: string): Promise<void> {
    this.values.delete(name);
  }
}

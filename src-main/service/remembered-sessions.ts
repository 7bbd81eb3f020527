// "Remember me": the session token a room issued, kept per room in the SecretStore so that the next app
// start logs in without the password. Only the token and the name it belongs to are kept, never a password.
import { z } from 'zod';
import { describeServer, type ServerAddress } from '../../src-shared/ipc';
import type { SecretStore } from './secrets';

export interface RememberedSession {
  username: string;
  token: string;
}

const remembered = z.object({ username: z.string().min(1).max(64), token: z.string().min(1).max(128) });

export class RememberedSessions {
  constructor(private readonly secrets: SecretStore) {}

  async get(server: ServerAddress): Promise<RememberedSession | null> {
    const text = await this.secrets.get(nameFor(server));
    if (text === null) return null;
    try {
      const parsed = remembered.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Unreadable: treated as nothing remembered, and dropped below.
    }
    await this.forget(server);
    return null;
  }

  save(server: ServerAddress, session: RememberedSession): Promise<void> {
    return this.secrets.set(nameFor(server), JSON.stringify(session));
  }

  forget(server: ServerAddress): Promise<void> {
    return this.secrets.delete(nameFor(server));
  }
}

function nameFor(server: ServerAddress): string {
  return `session-token ${describeServer(server)}`;
}

// Fills a Hearth data directory before the server starts, through the server's own store module (so the
// schema is always the server's): bench accounts and, for the history scenario, a long room history.
import bcrypt from 'bcryptjs';
import { openSqliteStore } from '../src-main/server/store/sqlite-store';
import type { NewMessage } from '../src-main/server/store/store';

export const BENCH_PASSWORD = 'bench-password';
/**
 * bcrypt verifies at the cost stored in the hash, so seeded accounts carry a cost-4 hash: logging in 10,000
 * clients then costs the server seconds, not the ~13 minutes cost 10 would (login hashing is not what this
 * benchmark measures; new registrations on the server still use cost >= 10).
 */
const SEED_COST = 4;

export function benchUsername(id: number): string {
  return `b${id}`;
}

export function seedAccounts(dataDir: string, count: number): void {
  const store = openSqliteStore(dataDir, { synchronous: 'normal' });
  try {
    const passwordHash = bcrypt.hashSync(BENCH_PASSWORD, SEED_COST);
    for (let id = 0; id < count; id++) {
      const username = benchUsername(id);
      store.createUser({ key: username.toLowerCase(), username, passwordHash });
    }
  } finally {
    store.close();
  }
}

/** Appends `count` room messages, the i-th from `line(i)`, 50,000 per transaction; the default room unless `roomId`. */
export function seedRoomLines(
  dataDir: string,
  count: number,
  line: (i: number) => { sender: string; text: string },
  roomId?: number,
): void {
  const store = openSqliteStore(dataDir, { synchronous: 'normal' });
  try {
    const base = Date.now() - count;
    const batchSize = 50_000;
    for (let done = 0; done < count; done += batchSize) {
      const batch: NewMessage[] = [];
      for (let i = done; i < Math.min(count, done + batchSize); i++) {
        const { sender, text } = line(i);
        batch.push({
          senderKey: sender.toLowerCase(),
          sender,
          recipientKey: null,
          recipient: null,
          text,
          cid: null,
          timestamp: base + i,
          delivered: true,
          ...(roomId === undefined ? {} : { roomId }),
        });
      }
      store.appendMessages(batch);
    }
  } finally {
    store.close();
  }
}

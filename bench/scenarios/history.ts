// Scenario 5 (Hearth only; IRC keeps no history): a room with a long stored history. Times the latest-50
// query in-process against the store, the history request round trip, and logins of the user who wrote it all.

import { openSqliteStore } from '../../src-main/server/store/sqlite-store';
import { Probe } from '../adapters/probe';
import type { BenchOptions } from '../options';
import { BENCH_PASSWORD, benchUsername, seedRoomLines } from '../seed';
import { type HearthTemplate, startHearth } from '../servers/hearth';
import { summarise, type Timing } from '../stats';

export interface HistoryResult {
  messages: number;
  seedSeconds: number;
  /** store.page(room, newest, 50) called in this process on the seeded file. */
  storeLatest50: Timing;
  /** `history` request → `history` response on a logged-in connection. */
  requestLatest50: Timing;
  /** New connection's `login` → `login` response (which carries the latest 50), for the author of the history. */
  login: Timing;
}

export function timeStoreLatest(dataDir: string, rounds: number): Timing {
  const store = openSqliteStore(dataDir, { synchronous: 'normal' });
  try {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = process.hrtime.bigint();
      const page = store.page({ kind: 'room' }, null, 50);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (page.messages.length !== 50)
        throw new Error(`store returned ${page.messages.length} messages, not 50`);
    }
    return summarise(samples);
  } finally {
    store.close();
  }
}

const LOGIN_AUTHOR = 0;

export async function timeHistoryRequests(port: number, rounds: number): Promise<Timing> {
  const probe = await Probe.open(port);
  try {
    const login = await probe.request(
      { request: 'login', content: { username: benchUsername(1), password: BENCH_PASSWORD } },
      (r) => r.response === 'login',
    );
    if (login.response.response !== 'login')
      throw new Error(`probe login failed: ${JSON.stringify(login.response)}`);
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const rid = `h${i}`;
      const { response, ms } = await probe.request(
        { request: 'history', content: { conversation: 'room', limit: 50 }, rid },
        (r) => r.re === rid,
      );
      if (
        response.response !== 'history' ||
        !Array.isArray(response.content) ||
        response.content.length !== 50
      ) {
        throw new Error(`history answer was not 50 messages: ${JSON.stringify(response).slice(0, 200)}`);
      }
      samples.push(ms);
    }
    return summarise(samples);
  } finally {
    probe.close();
  }
}

export async function timeLogins(port: number, rounds: number): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const probe = await Probe.open(port);
    try {
      const { response, ms } = await probe.request(
        { request: 'login', content: { username: benchUsername(LOGIN_AUTHOR), password: BENCH_PASSWORD } },
        (r) => r.response === 'login',
      );
      if (response.response !== 'login')
        throw new Error(`login failed: ${JSON.stringify(response).slice(0, 200)}`);
      samples.push(ms);
    } finally {
      probe.close();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return summarise(samples);
}

export const HISTORY_AUTHOR = benchUsername(LOGIN_AUTHOR);

export async function runHistory(
  template: HearthTemplate,
  options: BenchOptions,
  serverCore: number | undefined,
  log: (line: string) => void,
): Promise<HistoryResult> {
  log(`history: hearth, seeding ${options.historyMessages} room messages`);
  let seedSeconds = 0;
  let storeLatest50: HistoryResult['storeLatest50'] | undefined;
  const server = await startHearth(
    template,
    { core: serverCore, maxClients: 2, hearthSync: options.hearthSync, nice: options.nice },
    (dataDir) => {
      const started = Date.now();
      seedRoomLines(dataDir, options.historyMessages, (i) => ({
        sender: HISTORY_AUTHOR,
        text: `history message ${i} ${'h'.repeat(40)}`,
      }));
      seedSeconds = (Date.now() - started) / 1000;
      storeLatest50 = timeStoreLatest(dataDir, 1000);
    },
  );
  try {
    const rounds = options.quick ? 20 : 200;
    const requestLatest50 = await timeHistoryRequests(server.port, rounds);
    const login = await timeLogins(server.port, options.quick ? 5 : 50);
    return {
      messages: options.historyMessages,
      seedSeconds,
      storeLatest50: storeLatest50 as HistoryResult['storeLatest50'],
      requestLatest50,
      login,
    };
  } finally {
    await server.stop();
  }
}

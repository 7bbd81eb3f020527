// Scenario 10 (Hearth only): full-text search over a long stored history (issue 12: < 50 ms over 1,000,000
// messages). Seeds the room with text drawn from a skewed vocabulary (a few words are everywhere, most are
// rare), then times store.search in-process for common, rare, two-word, prefix and filtered queries, and the
// `search` request round trip.
import { ftsQuery } from '../../src-main/server/handlers/search';
import { openSqliteStore } from '../../src-main/server/store/sqlite-store';
import { Probe } from '../adapters/probe';
import type { BenchOptions } from '../options';
import { BENCH_PASSWORD, benchUsername, seedRoomLines } from '../seed';
import { type HearthTemplate, startHearth } from '../servers/hearth';
import { summarise, type Timing } from '../stats';

export interface SearchResult {
  messages: number;
  seedSeconds: number;
  /** store.search called in this process on the seeded file (server time), a page of 20. */
  queries: { label: string; query: string; prefix: boolean; results: number; store: Timing }[];
  /** `search` request → answer on a logged-in connection (the mid-frequency word). */
  request: Timing;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'sen', 'ta', 'vo', 'ne', 'pi', 'dra'];
/** 1,000 words of three syllables. */
const WORDS = Array.from(
  { length: 1000 },
  (_, i) => `${SYLLABLES[i % 10]}${SYLLABLES[Math.floor(i / 10) % 10]}${SYLLABLES[Math.floor(i / 100) % 10]}`,
);
const AUTHOR = benchUsername(1);

/** A deterministic skewed pick: word 0 is in about every third message, word 999 in one of ~30,000. */
function* words(seed: number): Generator<string> {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield WORDS[Math.floor(WORDS.length * (x / 2_147_483_648) ** 3)] as string;
  }
}

export function seedSearchCorpus(dataDir: string, count: number): void {
  const pick = words(42);
  seedRoomLines(dataDir, count, (i) => {
    const text = Array.from({ length: 8 }, () => pick.next().value as string).join(' ');
    return { sender: i % 2 === 0 ? AUTHOR : benchUsername(2), text: `${text} message ${i}` };
  });
}

/** `prefix`: a `word*` query, which FTS5 answers by merging every matching word first (not the target's). */
const QUERIES: { label: string; query: string; from?: string; prefix?: true }[] = [
  { label: 'the most common word', query: WORDS[0] as string },
  { label: 'a mid-frequency word', query: WORDS[300] as string },
  { label: 'a rare word', query: WORDS[999] as string },
  { label: 'two words, common and rare', query: `${WORDS[0]} ${WORDS[999]}` },
  { label: 'a prefix of 3 letters', query: 'kak*', prefix: true },
  { label: 'a common word from one sender', query: WORDS[1] as string, from: benchUsername(2) },
  { label: 'no match', query: 'zzzzz' },
];

function timeStoreSearch(dataDir: string, rounds: number): SearchResult['queries'] {
  const store = openSqliteStore(dataDir, { synchronous: 'normal' });
  try {
    return QUERIES.map(({ label, query, from, prefix }) => {
      const samples: number[] = [];
      let results = 0;
      for (let i = 0; i < rounds; i++) {
        const started = process.hrtime.bigint();
        const page = store.search(AUTHOR, {
          match: ftsQuery(query) as string,
          conversation: null,
          fromKey: from ?? null,
          before: null,
          limit: 20,
        });
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        results = page.messages.length;
      }
      return { label, query, prefix: prefix === true, results, store: summarise(samples) };
    });
  } finally {
    store.close();
  }
}

async function timeSearchRequests(port: number, rounds: number): Promise<Timing> {
  const probe = await Probe.open(port);
  try {
    await probe.request(
      { request: 'login', content: { username: AUTHOR, password: BENCH_PASSWORD } },
      (r) => r.response === 'login',
    );
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const rid = `s${i}`;
      const { response, ms } = await probe.request(
        { request: 'search', content: { query: WORDS[300], limit: 20 }, rid },
        (r) => r.re === rid,
      );
      if (response.response !== 'search')
        throw new Error(`search failed: ${JSON.stringify(response).slice(0, 200)}`);
      samples.push(ms);
    }
    return summarise(samples);
  } finally {
    probe.close();
  }
}

export async function runSearch(
  template: HearthTemplate,
  options: BenchOptions,
  serverCore: number | undefined,
  log: (line: string) => void,
): Promise<SearchResult> {
  log(`search: hearth, seeding ${options.historyMessages} room messages`);
  let seedSeconds = 0;
  let queries: SearchResult['queries'] = [];
  const server = await startHearth(
    template,
    { core: serverCore, maxClients: 2, hearthSync: options.hearthSync, nice: options.nice },
    (dataDir) => {
      const started = Date.now();
      seedSearchCorpus(dataDir, options.historyMessages);
      seedSeconds = (Date.now() - started) / 1000;
      queries = timeStoreSearch(dataDir, options.quick ? 20 : 100);
    },
  );
  try {
    const request = await timeSearchRequests(server.port, options.quick ? 20 : 200);
    return { messages: options.historyMessages, seedSeconds, queries, request };
  } finally {
    await server.stop();
  }
}

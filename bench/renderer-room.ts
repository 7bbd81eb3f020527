// `npm run bench -- --only=renderer`: the renderer with a room of 100,000 messages (issue 14 item 5). A real
// room (SQLite seeded through the server's store) and the real service, the built renderer in Debian's
// Chromium (test/e2e/harness.ts): how long opening the room takes until its last screenful is on screen,
// frame times while scrolling back through all of it, and the renderer's memory afterwards.
// See docs/performance.md § Renderer.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { type FrameStats, scrollAndMeasure, summariseFrames } from '../test/e2e/frames';
import {
  buildRenderer,
  launchChromium,
  openUser,
  type RunningServer,
  type StaticServer,
  serveStatic,
  startServer,
  tempDir,
  type User,
} from '../test/e2e/harness';
import { connectTo, conversationButton, logIn, waitForChat } from '../test/e2e/ui';
import { BENCH_PASSWORD, benchUsername, seedAccounts, seedRoomLines } from './seed';
import { FIRST_ROOM_ID, seedRooms } from './seed-rooms';
import { median } from './startup';

const ROOM = 'Big';
const SENTENCES = [
  'Did anyone see the match last night?',
  'I am making soup, come over if you are hungry.',
  'Here is the plan for Saturday: meet at ten, walk to the lake, lunch at the cafe by the pier.',
  'ok',
  'Can someone send me the photos from the trip? I lost mine when my phone died.',
  'Ha! Classic.',
];

// The bench's tsconfig has no DOM library (as test/e2e/page-globals.ts explains): the little the page
// functions below use.
interface PageNode {
  readonly textContent: string | null;
  readonly scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  getBoundingClientRect(): { top: number; bottom: number };
  closest(selector: string): PageNode | null;
  click(): void;
}
interface PageWindow {
  document: { querySelectorAll(selector: string): ArrayLike<PageNode> };
  requestAnimationFrame(callback: () => void): number;
}

export interface RendererOptions {
  messages: number;
  /** Cold opens to time, each by a new user session (a new browser context and service). */
  opens: number;
  /** Milliseconds of each steady scroll measured. */
  scrollMs: number;
}

export interface RendererResult {
  date: string;
  messages: number;
  seedSeconds: number;
  /** Click on the room → its newest message on screen at the bottom of the list, one more frame painted. */
  coldOpenMs: number[];
  /** The same, back to the room after another conversation (its page is already in memory). */
  warmOpenMs: number[];
  upWhileLoading: FrameStats;
  toTheTop: FrameStats;
  downAllLoaded: FrameStats;
  upAllLoaded: FrameStats;
  jumpsAllLoaded: FrameStats;
  memory: { jsHeapUsedMiB: number; rendererRssMiB: number; domNodes: number; rowsInDom: number };
  load: number[];
}

/** One to three sentences, the i-th message numbered so the page can find it (`#i `). */
function line(i: number): { sender: string; text: string } {
  const count = 1 + ((i * 13) % 3);
  const parts = Array.from({ length: count }, (_, k) => SENTENCES[(i + k * 5) % SENTENCES.length]);
  return { sender: benchUsername(1 + (((i * 7) >> 2) % 3)), text: `#${i + 1} ${parts.join(' ')}` };
}

function seed(dataDir: string, messages: number): void {
  seedAccounts(dataDir, 4);
  seedRooms(dataDir, [{ name: ROOM, visibility: 'private', members: [0, 1, 2, 3] }]);
  seedRoomLines(dataDir, messages, line, FIRST_ROOM_ID);
}

/** Clicks `button` in the page and resolves, in page time, once the message `#newest ` is on screen at the end. */
async function timeOpen(page: Page, name: string, newest: number): Promise<number> {
  const button = await conversationButton(page, name).elementHandle();
  if (!button) throw new Error(`no conversation ${name}`);
  return page.evaluate(
    ({ button, marker }) =>
      new Promise<number>((resolve) => {
        const page = globalThis as unknown as PageWindow;
        const t0 = performance.now();
        (button as unknown as PageNode).click();
        const check = () => {
          const text = Array.from(page.document.querySelectorAll('.bubble-text')).find((b) =>
            b.textContent?.startsWith(marker),
          );
          const list = text?.closest('.message-scroller');
          if (text && list) {
            const row = text.getBoundingClientRect();
            const view = list.getBoundingClientRect();
            const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight <= 48;
            if (atEnd && row.bottom <= view.bottom + 1 && row.top >= view.top) {
              // The frame that shows it: the next one has been produced by then.
              page.requestAnimationFrame(() => resolve(performance.now() - t0));
              return;
            }
          }
          page.requestAnimationFrame(check);
        };
        page.requestAnimationFrame(check);
      }),
    { button, marker: `#${newest} ` },
  );
}

async function signIn(browser: Browser, site: StaticServer, port: number): Promise<User> {
  const user = await openUser(browser, site, benchUsername(0));
  await connectTo(user.page, port);
  await logIn(user.page, benchUsername(0), BENCH_PASSWORD);
  await waitForChat(user.page);
  return user;
}

/** Resident memory of every Chromium renderer process under this one, the largest (the page's) in MiB. */
function largestRendererRssMiB(): number {
  let largest = 0;
  for (const pid of descendants(process.pid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kib = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      largest = Math.max(largest, kib / 1024);
    } catch {
      // It ended while we looked.
    }
  }
  return largest;
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone already.
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

async function memoryAfter(page: Page): Promise<RendererResult['memory']> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const rowsInDom = await page.evaluate(
    () => (globalThis as unknown as PageWindow).document.querySelectorAll('[role="log"] article').length,
  );
  await cdp.detach();
  return {
    jsHeapUsedMiB: metric('JSHeapUsedSize') / 2 ** 20,
    rendererRssMiB: largestRendererRssMiB(),
    domNodes: metric('Nodes'),
    rowsInDom,
  };
}

export async function runRenderer(
  options: RendererOptions,
  log: (line: string) => void,
): Promise<RendererResult> {
  const dataDir = await tempDir('renderer-bench');
  let site: StaticServer | undefined;
  let browser: Browser | undefined;
  let running: RunningServer | undefined;
  let user: User | undefined;
  try {
    const seeding = performance.now();
    seed(dataDir, options.messages);
    const seedSeconds = (performance.now() - seeding) / 1000;
    log(`seeded ${options.messages} messages in ${seedSeconds.toFixed(1)} s`);
    site = await serveStatic(buildRenderer());
    browser = await launchChromium();
    running = await startServer(dataDir);

    const coldOpenMs: number[] = [];
    for (let i = 0; i < options.opens; i++) {
      await user?.close();
      user = await signIn(browser, site, running.port);
      coldOpenMs.push(await timeOpen(user.page, ROOM, options.messages));
    }
    if (!user) throw new Error('--opens must be at least 1');
    const { page } = user;
    const warmOpenMs: number[] = [];
    for (let i = 0; i < options.opens; i++) {
      await conversationButton(page, 'Room').click();
      await page.getByRole('log', { name: 'Messages in Room' }).waitFor();
      warmOpenMs.push(await timeOpen(page, ROOM, options.messages));
    }
    log(`opened: cold ${coldOpenMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    const upWhileLoading = summariseFrames(await scrollAndMeasure(page, 'up', 100, options.scrollMs));
    // Up to the first message as fast as the list lets anyone: at the top every frame, a page each time.
    const toTheTop = summariseFrames(await scrollAndMeasure(page, 'up', 1e9, 30 * 60_000));
    log(`to the top: ${toTheTop.seconds} s, ${toTheTop.frames} frames`);
    await page.getByText('This is the beginning').waitFor();
    const downAllLoaded = summariseFrames(await scrollAndMeasure(page, 'down', 100, options.scrollMs));
    const upAllLoaded = summariseFrames(await scrollAndMeasure(page, 'up', 100, options.scrollMs));
    const jumpsAllLoaded = summariseFrames(await scrollAndMeasure(page, 'jump', 0, 2000));
    const memory = await memoryAfter(page);
    return {
      date: new Date().toISOString(),
      messages: options.messages,
      seedSeconds,
      coldOpenMs,
      warmOpenMs,
      upWhileLoading,
      toTheTop,
      downAllLoaded,
      upAllLoaded,
      jumpsAllLoaded,
      memory,
      load: loadavg(),
    };
  } finally {
    await user?.close();
    await running?.server.close();
    await browser?.close();
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const frames = (s: FrameStats) =>
  `${s.frames} frames in ${s.seconds} s: p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms, ${s.dropped} dropped`;

export function rendererReport(r: RendererResult): string {
  const opens = (ms: number[]) =>
    `median ${median(ms).toFixed(0)} ms (${ms.map((m) => m.toFixed(0)).join(', ')})`;
  return [
    `| what (${r.messages.toLocaleString('en')} messages) | figure |`,
    '|---|---|',
    `| open the room, cold (target < 300 ms) | ${opens(r.coldOpenMs)} |`,
    `| open the room again | ${opens(r.warmOpenMs)} |`,
    `| scroll up 100 px/frame while pages load | ${frames(r.upWhileLoading)} |`,
    `| to the first message, at the top every frame | ${frames(r.toTheTop)} |`,
    `| all loaded: scroll down 100 px/frame (target p95 ≤ 17 ms) | ${frames(r.downAllLoaded)} |`,
    `| all loaded: scroll up 100 px/frame | ${frames(r.upAllLoaded)} |`,
    `| all loaded: a random place every frame | ${frames(r.jumpsAllLoaded)} |`,
    `| memory after (target ≤ 300 MB) | renderer RSS ${r.memory.rendererRssMiB.toFixed(0)} MiB, JS heap ${r.memory.jsHeapUsedMiB.toFixed(0)} MiB, ${r.memory.domNodes} DOM nodes, ${r.memory.rowsInDom} rows in the DOM |`,
    '',
    `Load average at the end ${r.load.map((l) => l.toFixed(2)).join(' ')}.`,
  ].join('\n');
}

export async function rendererCli(argv: string[]): Promise<void> {
  const flags = new Map(
    argv.map((arg) => {
      const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
      if (!m) throw new Error(`unknown argument ${arg}`);
      return [m[1] as string, m[2] ?? 'true'] as const;
    }),
  );
  for (const key of flags.keys())
    if (!['quick', 'messages', 'opens', 'json'].includes(key))
      throw new Error(
        `unknown option --${key}\nusage: npm run bench -- --only=renderer [--quick] [--messages=N] [--opens=N] [--json=<file>]`,
      );
  const quick = flags.has('quick');
  const number = (key: string, fallback: number) => {
    const n = Number(flags.get(key) ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} needs a positive integer`);
    return n;
  };
  const result = await runRenderer(
    {
      messages: number('messages', quick ? 2000 : 100_000),
      opens: number('opens', quick ? 1 : 5),
      scrollMs: quick ? 500 : 4000,
    },
    (l) => console.log(l),
  );
  console.log(`\n${rendererReport(result)}`);
  const json = flags.get('json');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
}

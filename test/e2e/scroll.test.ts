// A room with 10,000 stored messages: scroll up through it while older pages load, then move through the
// whole list with everything loaded, and measure frame times with requestAnimationFrame in Chromium.
// The figures go to test-artifacts/scroll-performance.json and the test output (for docs/performance.md).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { openSqliteStore } from '../../src-main/server/store/sqlite-store';
import type { NewMessage } from '../../src-main/server/store/store';
import { scrollAndMeasure, summariseFrames } from './frames';
import {
  ARTIFACTS,
  buildRenderer,
  launchChromium,
  openUser,
  type RunningServer,
  type StaticServer,
  screenshot,
  serveStatic,
  startServer,
  tempDir,
  type User,
} from './harness';
import type { PageGlobals } from './page-globals';
import { connectTo, register, waitForChat } from './ui';

const MESSAGES = 10_000;
const READER = 'reader';
const SENDERS = ['ann', 'ben', 'chioma', READER];
const SENTENCES = [
  'Did anyone see the match last night?',
  'I am making soup, come over if you are hungry.',
  'The train is late again, save me a seat.',
  'Here is the plan for Saturday: meet at ten, walk to the lake, lunch at the cafe by the pier.',
  'Ha! Classic.',
  'Can someone send me the photos from the trip? I lost mine when my phone died.',
  'ok',
  'Reminder: bring a jumper, it gets cold by the fire after dark.',
];

/** Deterministic, varied texts: one to four sentences, sometimes over two lines. */
function seedMessages(): NewMessage[] {
  const start = Date.UTC(2026, 9, 1, 8, 0);
  return Array.from({ length: MESSAGES }, (_, i) => {
    const sender = SENDERS[(i * 7 + (i >> 3)) % SENDERS.length] ?? 'ann';
    const count = 1 + ((i * 13) % 4);
    const parts = Array.from({ length: count }, (_, k) => SENTENCES[(i + k * 3) % SENTENCES.length]);
    const text = `#${i + 1} ${parts.join(i % 9 === 0 ? '\n' : ' ')}`;
    return {
      senderKey: sender,
      sender,
      recipientKey: null,
      recipient: null,
      text,
      cid: null,
      timestamp: start + i * 47_000,
      delivered: true,
    };
  });
}

let browser: Browser;
let site: StaticServer;
let serverDir: string;
let running: RunningServer;
let reader: User;

before(async () => {
  serverDir = await tempDir('scroll');
  const store = openSqliteStore(serverDir, { synchronous: 'normal' });
  store.appendMessages(seedMessages());
  store.close();
  site = await serveStatic(buildRenderer());
  browser = await launchChromium();
  running = await startServer(serverDir);
  reader = await openUser(browser, site, READER);
});

after(async () => {
  await reader?.close();
  await running?.server.close();
  await browser?.close();
  await site?.close();
  await rm(serverDir, { recursive: true, force: true });
});

test('scrolling a 10,000-message room stays smooth', async () => {
  const { page } = reader;
  await connectTo(page, running.port);
  await register(page, READER);
  await waitForChat(page);
  await page.locator('.bubble-text', { hasText: `#${MESSAGES} ` }).waitFor();

  // A fast wheel flick (6,000 px/s) up through the history while older pages load in.
  const flick = summariseFrames(await scrollAndMeasure(page, 'up', 100, 6000));
  // Then Home, again and again, until the whole room is loaded: one page of 200 each time.
  const loadStarted = Date.now();
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const el = g.document.querySelector('.message-scroller');
        const frame = () => {
          if (!el) throw new Error('no message list');
          el.scrollTop = 0;
          const start = g.document.querySelector('.timeline-start .muted')?.textContent ?? '';
          if (start.startsWith('This is the beginning')) resolve();
          else g.requestAnimationFrame(frame);
        };
        g.requestAnimationFrame(frame);
      }),
  );
  const loadAllSeconds = (Date.now() - loadStarted) / 1000;
  await page.getByText('This is the beginning of the room.').waitFor();
  await page.locator('.message-scroller').evaluate((el: { scrollTop: number }) => {
    el.scrollTop = 0;
  });
  const first = page.locator('.bubble-text', { hasText: /^#1 / });
  await first.waitFor();
  const loaded = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return {
      articles: g.document.querySelectorAll('[role="log"] article').length,
      height: g.document.querySelector('.message-scroller')?.scrollHeight ?? 0,
    };
  });
  assert.ok(loaded.articles < 80, `only visible rows are in the DOM (${loaded.articles})`);
  assert.ok(loaded.height > MESSAGES * 40, `the list spans all ${MESSAGES} messages (${loaded.height} px)`);

  // With all 10,000 loaded: scroll down steadily, then jump to random places (every frame all-new rows).
  const steady = summariseFrames(await scrollAndMeasure(page, 'down', 100, 4000));
  const jumps = summariseFrames(await scrollAndMeasure(page, 'jump', 0, 2000));
  await screenshot(page, 'long-history');

  await page.getByRole('button', { name: 'Latest messages' }).click();
  await page.locator('.bubble-text', { hasText: `#${MESSAGES} ` }).waitFor();
  await page.getByRole('button', { name: 'Latest messages' }).waitFor({ state: 'detached' });

  const figures = {
    date: new Date().toISOString(),
    messages: MESSAGES,
    machine: 'headless Debian Chromium, --disable-gpu (software raster), 1280x800',
    command: 'node scripts/test.mjs test/e2e/scroll.test.ts',
    'flick up 100 px/frame for 6 s, pages of 200 loading': flick,
    'seconds to load the rest of the room by pressing Home repeatedly (pages of 200)': loadAllSeconds,
    'all loaded, scroll down 100 px/frame for 4 s': steady,
    'all loaded, jump to a random place every frame for 2 s': jumps,
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'scroll-performance.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log('frame times (ms):', JSON.stringify(figures, null, 2));

  for (const [name, stats] of Object.entries({ flick, steady })) {
    assert.ok(stats.frames > 30, `${name}: frames were measured`);
    // Frame times on a shared 2-core machine swing by whole vsyncs with the other load (CI saw a 33.3 ms median
    // where a quiet run gives 16.7), so this gate only catches a list that stopped virtualising or re-renders
    // every row per frame (hundreds of ms); the 60 fps figure in docs/performance.md comes from a quiet run.
    assert.ok(stats.p50 <= 100, `${name}: median frame ${stats.p50} ms`);
    assert.ok(stats.p95 <= 400, `${name}: 95th percentile frame ${stats.p95} ms`);
  }
  assert.deepEqual(reader.errors, []);
});

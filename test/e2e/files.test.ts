// Files and images in the window (issue 15), two people on a real room over loopback TLS, in Chromium: a
// file dropped on the window shows its progress bar and reaches the other as a card whose Download saves
// it (through the save dialog the shell would show) and then offers Open folder; a pasted picture and one
// chosen with the paperclip come inline as the thumbnails their sender's window made, open in the viewer,
// which zooms with + and − and goes through the pictures with the arrows; Escape closes it. A photo whose
// GPS position was stripped says "Location removed" to its sender only. axe and screenshots light and
// dark, wide and narrow.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { SaveHooks } from '../../src-main/service/file-service';
import { encodeJpeg, exifSegment, insertSegments } from '../helpers/jpeg';
import { assertAccessible } from './axe';
import { openUser, screenshot, screenshotsLightDark, type User, until } from './harness';
import { openStage, type Stage } from './stage';
import { connectTo, messages, register, waitForChat } from './ui';

let stage: Stage;
let ana: User;
let bob: User;
const saveDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-saved-'));
const shown: string[] = [];
const bobsShell: SaveHooks = {
  chooseSavePath: async (name) => join(saveDir, name),
  showInFolder: (path) => shown.push(path),
};

before(async () => {
  stage = await openStage('files');
  [ana, bob] = await Promise.all([
    openUser(stage.browser, stage.site, 'ana'),
    openUser(stage.browser, stage.site, 'bob', { files: bobsShell }),
  ]);
  for (const user of [ana, bob]) {
    await connectTo(user.page, stage.running.port);
    await register(user.page, user.name);
    await waitForChat(user.page);
  }
});

after(async () => {
  await Promise.all([ana?.close(), bob?.close()]);
  await stage?.close();
});

/** A picture drawn in the page (a canvas gradient with a sun), as a PNG file's base64. */
function drawnPicture(page: Page, width: number, height: number, hue: number): Promise<string> {
  return page.evaluate(`(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = ${width};
    canvas.height = ${height};
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, ${height});
    sky.addColorStop(0, 'hsl(${hue} 80% 60%)');
    sky.addColorStop(1, 'hsl(${hue + 40} 70% 30%)');
    g.fillStyle = sky;
    g.fillRect(0, 0, ${width}, ${height});
    g.fillStyle = '#ffd36b';
    g.beginPath();
    g.arc(${width * 0.7}, ${height * 0.4}, ${height * 0.18}, 0, Math.PI * 2);
    g.fill();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  })()`);
}

/** A DataTransfer with one file, kept on the page as `__files` for the events that follow. */
function holdFile(page: Page, name: string, type: string, base64: string): Promise<void> {
  return page.evaluate(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} }));
    globalThis.__files = data;
  })()`);
}

function dragEvents(page: Page, kinds: string[]): Promise<void> {
  return page.evaluate(`(() => {
    const target = document.querySelector('[role=log]');
    for (const kind of ${JSON.stringify(kinds)})
      target.dispatchEvent(new DragEvent(kind, { dataTransfer: globalThis.__files, bubbles: true, cancelable: true }));
  })()`);
}

/** Every progress bar that appeared in the page, by its name, from now on. */
function watchProgress(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    globalThis.__progress = [];
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('.transfer progress'))
        globalThis.__progress.push(bar.getAttribute('aria-label') + ' ' + bar.getAttribute('value'));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
}

test('a file dropped on the window shows its progress, and the other person downloads it and opens its folder', async () => {
  const bytes = randomBytes(6 * 1024 * 1024);
  await watchProgress(ana.page);
  await holdFile(ana.page, 'Trip plan.pdf', 'application/pdf', bytes.toString('base64'));
  await dragEvents(ana.page, ['dragenter', 'dragover']);
  await ana.page.getByText('Drop to send to Room').waitFor();
  await dragEvents(ana.page, ['drop']);
  await ana.page.getByText('Drop to send to Room').waitFor({ state: 'detached' });

  const card = messages(bob.page).filter({ hasText: 'Trip plan.pdf' });
  await card.waitFor();
  assert.match((await card.textContent()) ?? '', /6\.3 MB · PDF document/);
  const bars = (await ana.page.evaluate('globalThis.__progress')) as string[];
  assert.ok(
    bars.some((b) => b.startsWith('Sending Trip plan.pdf')),
    `a progress bar was shown while sending (${bars.slice(0, 3).join(', ')})`,
  );
  await card.getByRole('button', { name: 'Download' }).click();
  await card.getByRole('button', { name: 'Open folder' }).waitFor();
  assert.deepEqual(readFileSync(join(saveDir, 'Trip plan.pdf')), bytes);
  await card.getByRole('button', { name: 'Open folder' }).click();
  await until(
    async () => shown.length,
    (n) => n === 1,
  );
  assert.deepEqual(shown, [join(saveDir, 'Trip plan.pdf')]);
});

test('a pasted picture and one from the paperclip come inline as thumbnails; the viewer zooms and goes through them', async () => {
  const sunset = await drawnPicture(ana.page, 1200, 800, 20);
  await holdFile(ana.page, 'sunset.png', 'image/png', sunset);
  await ana.page.evaluate(`(() => {
    const box = document.querySelector('textarea');
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: globalThis.__files, bubbles: true, cancelable: true }));
  })()`);
  const lake = await drawnPicture(ana.page, 900, 900, 200);
  await ana.page.locator('input[type=file]').setInputFiles({
    name: 'lake.png',
    mimeType: 'image/png',
    buffer: Buffer.from(lake, 'base64'),
  });
  const first = bob.page.getByRole('button', { name: /^Open the image sunset\.png/ });
  const second = bob.page.getByRole('button', { name: /^Open the image lake\.png/ });
  await second.waitFor();
  const thumb = first.locator('img');
  const size = await thumb.evaluate((img) => {
    const picture = img as unknown as { naturalWidth: number; naturalHeight: number };
    return [picture.naturalWidth, picture.naturalHeight];
  });
  assert.deepEqual(size, [160, 107], 'the thumbnail is the sender-made 160 px one, not the picture');
  assert.equal(
    await messages(bob.page).filter({ hasText: 'shared sunset.png' }).count(),
    0,
    'no notice text',
  );

  await first.click();
  const viewer = bob.page.getByRole('dialog', { name: 'sunset.png' });
  await viewer.waitFor();
  const full = viewer.getByRole('img', { name: 'sunset.png' });
  await until(
    () => full.evaluate('(img) => img.naturalWidth') as Promise<number>,
    (w) => w === 1200,
  );
  await viewer.getByText('1 of 2').waitFor();
  await bob.page.keyboard.press('+');
  await viewer.getByText(/· 150%/).waitFor();
  await bob.page.keyboard.press('-');
  await bob.page.keyboard.press('-');
  await viewer.getByText(/· 75%/).waitFor();
  await assertAccessible(bob.page, 'image viewer');
  await bob.page.keyboard.press('ArrowRight');
  await bob.page.getByRole('dialog', { name: 'lake.png' }).getByText('2 of 2').waitFor();
  await bob.page.keyboard.press('ArrowLeft');
  await viewer.getByText('1 of 2').waitFor();
  for (const [width, height] of [
    [1280, 800],
    [720, 520],
  ] as const) {
    await bob.page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await bob.page.emulateMedia({ colorScheme: scheme });
      await screenshot(bob.page, `files-viewer-${width}-${scheme}`);
    }
  }
  await bob.page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  await bob.page.setViewportSize({ width: 1280, height: 800 });
  await bob.page.emulateMedia({ colorScheme: 'light' });
});

test('a photo sent with its GPS position stripped says "Location removed" to its sender, on the upload and the photo', async () => {
  const photo = insertSegments(await encodeJpeg(ana.page, 320, 240), [exifSegment()]);
  await ana.page.evaluate(`(() => {
    globalThis.__notes = [];
    new MutationObserver(() => {
      for (const note of document.querySelectorAll('.transfer .metadata-note'))
        globalThis.__notes.push(note.textContent);
    }).observe(document.body, { subtree: true, childList: true });
  })()`);
  await ana.page.locator('input[type=file]').setInputFiles({
    name: 'harbour.jpg',
    mimeType: 'image/jpeg',
    buffer: photo,
  });
  const sent = ana.page.locator('.file-image').filter({ hasText: 'harbour.jpg' });
  await sent.getByText('Location removed').waitFor();
  const notes = (await ana.page.evaluate('globalThis.__notes')) as string[];
  assert.ok(notes.includes('Location removed'), `the upload's row said so (${notes.join(', ')})`);
  const received = bob.page.locator('.file-image').filter({ hasText: 'harbour.jpg' });
  await received.waitFor();
  assert.equal(await received.locator('.metadata-note').count(), 0, 'only the sender is told');
  await assertAccessible(ana.page, 'a sent photo with its location removed');
  await sent.scrollIntoViewIfNeeded();
  await screenshotsLightDark(ana.page, 'files-location-removed');
});

test('the conversation with files passes axe, light and dark, and looks right wide and narrow', async () => {
  await assertAccessible(bob.page, 'conversation with files');
  for (const [width, height] of [
    [1280, 800],
    [720, 520],
  ] as const) {
    await bob.page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await bob.page.emulateMedia({ colorScheme: scheme });
      await screenshot(bob.page, `files-${width}-${scheme}`);
    }
  }
  await bob.page.setViewportSize({ width: 1280, height: 800 });
  await bob.page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual([...ana.errors, ...bob.errors], []);
});

// Renders assets/icon.svg into the PNG sizes packaging and the tray need, with Debian's Chromium.
// Run after editing the SVG: node scripts/make-icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const svg = readFileSync(join(root, 'assets', 'icon.svg'), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const profile = await mkdtemp(join(tmpdir(), 'hearth-icons-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-gpu',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  mkdirSync(join(root, 'assets', 'icons'), { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const element = await page.$('svg');
    const targets = [join(root, 'assets', 'icons', `${size}x${size}.png`)];
    if (size === 1024) targets.push(join(root, 'assets', 'icon.png'));
    for (const path of targets) await element.screenshot({ path, omitBackground: true });
  }
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}
console.log(`make-icons: wrote ${SIZES.map((s) => `${s}x${s}`).join(', ')} and icon.png`);

// Screenshots for docs/screenshots of what the accessibility tests changed: the window narrow (720×520) and
// wide (1280×800), each in light and dark, written to test-artifacts/screenshots.
import type { Page } from 'playwright-core';
import { screenshot } from './harness';

/** Photographs the page narrow and wide, light and dark, after `prepare` at each size. */
export async function picture(page: Page, name: string, prepare: () => Promise<void>): Promise<void> {
  for (const size of [
    { width: 720, height: 520 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await prepare();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(250); // colour transitions settle
      await screenshot(page, `${name}-${size.width}x${size.height}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

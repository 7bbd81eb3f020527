// Keyboard focus as a person sees it, for the keyboard tests: what has focus (by the name a screen reader
// would say) and whether a focus ring is drawn for it, and Tab pressed until a named control is reached.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { PageElement } from './page-globals';

export interface Focused {
  name: string;
  /** The ring drawn for it: "outline 2px" or "shadow …" on it or on the box around it, or "none". */
  ring: string;
}

/** How far up from the focused element a ring may be drawn (the composer's box rings its text area). */
const RING_ANCESTORS = 2;

/** What has focus, by accessible name, and the focus ring drawn for it. */
export async function focused(page: Page): Promise<Focused> {
  return page.evaluate((levels) => {
    type Styled = PageElement & { parentElement: Styled | null };
    const g = globalThis as unknown as {
      document: { activeElement: Styled | null };
      getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string; boxShadow: string };
    };
    const el = g.document.activeElement;
    if (!el) return { name: '', ring: 'none' };
    const label = Array.from(el.labels ?? [], (l) => l.textContent ?? '').join(' ');
    let ring = 'none';
    let at: Styled | null = el;
    for (let level = 0; at && level <= levels && ring === 'none'; level++, at = at.parentElement) {
      const style = g.getComputedStyle(at);
      if (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
        ring = `outline ${style.outlineWidth}`;
      else if (style.boxShadow !== 'none') ring = `shadow ${style.boxShadow}`;
    }
    return {
      name: ((el.getAttribute('aria-label') ?? label) || (el.textContent ?? '')).trim(),
      ring,
    };
  }, RING_ANCESTORS);
}

/** Asserts that focus is on `name` and a ring shows it. */
export async function assertFocusOn(page: Page, name: string | RegExp): Promise<void> {
  const now = await focused(page);
  if (typeof name === 'string') assert.equal(now.name, name);
  else assert.match(now.name, name);
  assert.notEqual(now.ring, 'none', `${now.name} shows a focus ring`);
}

/** Presses Tab (or Shift+Tab) until `name` has focus, then checks its focus ring. */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  { maxStops = 12, back = false }: { maxStops?: number; back?: boolean } = {},
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    seen.push(now.name);
    if (typeof name === 'string' ? now.name === name : name.test(now.name)) {
      assert.notEqual(now.ring, 'none', `${now.name} shows a focus ring`);
      return;
    }
  }
  assert.fail(`never reached ${name}; focus went ${seen.join(' → ')}`);
}

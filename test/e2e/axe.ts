// axe-core (Deque's accessibility rules engine) run inside the page, for the end-to-end tests: the WCAG 2.2
// A/AA rules plus axe's best practices, on whatever the page shows at that moment.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

// The renderer's Content-Security-Policy refuses inline scripts, so addScriptTag cannot put axe in; an
// evaluate runs over the DevTools protocol, which the page's policy does not govern.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  rule: string;
  impact: Impact | null;
  help: string;
  /** Up to three offending elements: their CSS selector and axe's account of what is wrong. */
  nodes: string[];
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}

interface AxeResult {
  id: string;
  impact?: Impact | null;
  help: string;
  nodes: AxeNode[];
}

/** Every rule the page breaks right now, in the current colour scheme and window size. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(
    (tags) =>
      (
        globalThis as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
        }
      ).axe
        .run((globalThis as unknown as { document: unknown }).document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        })
        .then((results) => results.violations),
    TAGS,
  )) as AxeResult[];
  return found.map((v) => ({
    rule: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
  }));
}

/**
 * Waits for the colour transitions a scheme change starts: axe measuring contrast halfway through one
 * would judge colours nobody sees for longer than a blink.
 */
async function settled(page: Page): Promise<void> {
  // The longest colour transition in the styles is 120 ms.
  await page.waitForTimeout(250);
}

const SEVERE: readonly (Impact | null)[] = ['serious', 'critical'];

interface ThemeRoot {
  document: { documentElement: { dataset: Record<string, string | undefined> }; body: unknown };
  getComputedStyle(el: unknown): { backgroundColor: string };
}

/**
 * Shows the page in `scheme`: the system's choice emulated, and, when Settings pinned a theme, that pin
 * set for the scan (the app's own switch, `data-theme` on the root), so a pinned theme is not scanned
 * twice. Returns the pinned theme to put back and the page's background, which proves the switch took.
 */
async function showScheme(
  page: Page,
  scheme: 'light' | 'dark',
): Promise<{ pinned: string | null; background: string }> {
  await page.emulateMedia({ colorScheme: scheme });
  const pinned = await page.evaluate((wanted) => {
    const g = globalThis as unknown as ThemeRoot;
    const { dataset } = g.document.documentElement;
    const before = dataset.theme ?? null;
    if (before !== null) dataset.theme = wanted;
    return before;
  }, scheme);
  await settled(page);
  const background = await page.evaluate(() => {
    const g = globalThis as unknown as ThemeRoot;
    return g.getComputedStyle(g.document.body).backgroundColor;
  });
  return { pinned, background };
}

/**
 * Scans the page in light and in dark and fails on any violation, naming the screen, the scheme, the rule
 * and the elements. Serious and critical ones are the bar the project sets; the rest are held to it too
 * so they do not pile up unnoticed.
 */
export async function assertAccessible(page: Page, screen: string): Promise<void> {
  const problems: string[] = [];
  const backgrounds: string[] = [];
  let pinned: string | null | undefined;
  for (const scheme of ['light', 'dark'] as const) {
    const shown = await showScheme(page, scheme);
    // The first scan changed the pin, so only the first answer is the one to put back.
    pinned ??= shown.pinned;
    backgrounds.push(shown.background);
    for (const v of await axeViolations(page)) {
      const level = SEVERE.includes(v.impact) ? 'SEVERE' : 'minor';
      problems.push(`[${scheme}] ${level} ${v.impact} ${v.rule} (${v.help})\n    ${v.nodes.join('\n    ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate((theme) => {
    const { dataset } = (globalThis as unknown as ThemeRoot).document.documentElement;
    if (theme === null) delete dataset.theme;
    else dataset.theme = theme;
  }, pinned ?? null);
  assert.notEqual(backgrounds[0], backgrounds[1], `the ${screen} screen was shown in both schemes`);
  assert.deepEqual(problems, [], `axe on the ${screen} screen`);
}

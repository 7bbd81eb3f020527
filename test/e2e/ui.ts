// What a person does on each screen, as Playwright steps through accessible names (roles and labels), so
// the tests also prove every control they touch has a name.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { PageElement, PageGlobals } from './page-globals';

export const PASSWORD = 'correct horse battery';

export async function connectTo(page: Page, port: number, host = '127.0.0.1'): Promise<void> {
  await page.getByLabel('Server address').fill(host);
  await page.getByLabel('Port').fill(String(port));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('tablist', { name: 'How to join' }).waitFor();
}

export async function register(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function logIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByRole('tab', { name: 'Log in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

export async function waitForChat(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: /^Message / }).waitFor();
}

/**
 * A conversation in the sidebar by its title; a string names exactly that title, whatever mute mark,
 * mention mark or unread count follows it (so "Room" is not "Browse rooms").
 */
export function conversationButton(page: Page, name: RegExp | string): Locator {
  const title =
    typeof name === 'string'
      ? new RegExp(
          `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(muted)?\\s*(mentions you,)?\\s*(\\d+\\+?\\s*unread)?$`,
        )
      : name;
  return page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: title });
}

export async function openConversation(page: Page, name: RegExp | string): Promise<void> {
  await conversationButton(page, name).click();
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: /^Message / });
  await box.fill(text);
  await box.press('Enter');
}

export function messages(page: Page): Locator {
  return page.getByRole('log').locator('article');
}

/** The bubble holding exactly this text, once the server has stored it. */
export function bubble(page: Page, text: string): Locator {
  return messages(page)
    .filter({ has: page.locator('.bubble-text', { hasText: text }) })
    .and(page.locator(':not(.pending)'));
}

export function friendRow(page: Page, username: string): Locator {
  return page.getByRole('complementary', { name: 'Friends' }).locator('li.friend', { hasText: username });
}

/** Every button, input and text area on screen has a name a screen reader can say. */
export async function assertEveryControlNamed(page: Page): Promise<void> {
  // No named inner functions here: the runner's transform would wrap them in a helper the page lacks.
  const unnamed = await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return Array.from(document.querySelectorAll('button, input, textarea, select, [role="tab"]'))
      .filter(
        (el: PageElement) =>
          ![
            el.getAttribute('aria-label'),
            ...(el.getAttribute('aria-labelledby') ?? '')
              .split(' ')
              .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : '')),
            ...Array.from(el.labels ?? [], (label) => label.textContent),
            el.textContent,
          ]
            .join('')
            .trim(),
      )
      .map((el) => el.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unnamed, [], 'controls without an accessible name');
}

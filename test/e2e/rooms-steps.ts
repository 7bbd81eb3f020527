// Steps through the rooms UI by accessible names (roles and labels), shared by the rooms tests.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { User } from './harness';
import { connectTo, conversationButton, register, waitForChat } from './ui';

/** Each user connects and creates an account, in order: the first one owns the default room. */
export async function registerAll(users: readonly User[], port: number): Promise<void> {
  for (const user of users) {
    await connectTo(user.page, port);
    await register(user.page, user.name);
    await waitForChat(user.page);
  }
}

/** `asker` asks the account `answererName` (`answerer`'s) to be friends, and `answerer` accepts. */
export async function befriend(
  asker: User,
  askerName: string,
  answerer: User,
  answererName: string,
): Promise<void> {
  assert.ok((await asker.service.friendRequest(answererName)).ok, `${askerName} asks ${answererName}`);
  const answered = await answerer.service.friendRespond({ username: askerName, accept: true });
  assert.ok(answered.ok, `${answererName} accepts ${askerName}`);
}

export { conversationButton as sidebarButton } from './ui';

export async function openRoom(page: Page, name: string): Promise<void> {
  await conversationButton(page, name).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

export function memberPanel(page: Page): Locator {
  return page.getByRole('complementary', { name: /^Members/ });
}

export async function openMembers(page: Page): Promise<Locator> {
  const panel = memberPanel(page);
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Members, / }).click();
  await panel.getByRole('list').waitFor();
  return panel;
}

export function memberRow(page: Page, username: string): Locator {
  return memberPanel(page).locator('li.member', { has: page.locator('.friend-name', { hasText: username }) });
}

/** Opens a member's actions menu and picks one, the way a mouse user does. */
export async function memberAction(page: Page, username: string, action: string): Promise<void> {
  await memberRow(page, username)
    .getByRole('button', { name: `Actions for ${username}` })
    .click();
  await page
    .getByRole('menu', { name: `Actions for ${username}` })
    .getByRole('menuitem', { name: action })
    .click();
}

export function systemLine(page: Page, text: string | RegExp): Locator {
  return page.getByRole('log').locator('.system-line', { hasText: text });
}

/** The element with keyboard focus: its accessible name as the tests read it (label or text). */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: {
          activeElement: { getAttribute(n: string): string | null; textContent: string | null } | null;
        };
      }
    ).document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });
}

// The window's one Intl object (FormatJS), made once from the OS's languages (or the developer setting) when
// the renderer starts. A module rather than a React context, because word-building helpers outside components
// (typing words, announcements, day labels) need it too; the locale never changes while the window lives
// (the developer setting reloads the window), so nothing has to re-render on a change.
import { createIntl, createIntlCache } from '@formatjs/intl';
import type { MessageKey } from './catalogue';
import { chooseLocale, isRightToLeft } from './locale';
import { messagesFor } from './messages';

/** The developer setting's key in localStorage: a locale tag, or absent for the system's. */
export const LOCALE_SETTING = 'hearth.locale';

// Typed by hand: the unit tests compile this file without the DOM's types and run it where neither exists.
const browser = globalThis as {
  localStorage?: { getItem(key: string): string | null };
  navigator?: { languages?: readonly string[] };
};

function storedOverride(): string | null {
  try {
    return browser.localStorage?.getItem(LOCALE_SETTING) ?? null;
  } catch {
    return null;
  }
}

/** The OS's languages, most preferred first (none under Node, where the unit tests run: English). */
export const systemLanguages: readonly string[] = browser.navigator?.languages ?? [];

const locale = chooseLocale(systemLanguages, storedOverride());

// `unknown`: rich messages (rich.ts) put React elements in; this file must not name React's types.
export const intl = createIntl<unknown>(
  { locale, defaultLocale: 'en', messages: messagesFor(locale) },
  createIntlCache(),
);

type Plain = Record<string, string | number | Date>;

/** A message as text, for attributes, announcements and anything that must be a string. */
export function t(key: MessageKey, values?: Plain): string {
  return intl.formatMessage({ id: key }, values);
}

/** Sets the document's language and writing direction, which the CSS's logical properties follow. */
export function applyToDocument(root: { lang: string; dir: string }): void {
  root.lang = intl.locale;
  root.dir = isRightToLeft(intl.locale) ? 'rtl' : 'ltr';
}

// Which language the window speaks and which way it writes. The OS decides (Electron hands its preferred
// languages to the renderer as navigator.languages); a developer setting can pick another for the window.

/** The pseudo-locale: English made ~40 % longer and accented, to see which layouts break (docs/i18n.md). */
export const PSEUDO_LOCALE = 'en-XA';

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The developer setting's choice when it names a valid locale, else the first valid preferred one, else English. */
export function chooseLocale(preferred: readonly string[], override: string | null): string {
  for (const tag of [override, ...preferred]) {
    const found = tag ? canonical(tag) : null;
    if (found) return found;
  }
  return 'en';
}

export function isRightToLeft(locale: string): boolean {
  return RIGHT_TO_LEFT.has(new Intl.Locale(locale).language);
}

// The messages a locale gets: English for any language the app is not translated into, English under a
// partial translation, or the pseudo-locale made from English.
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { ARABIC } from './ar';
import { ENGLISH } from './catalogue';
import { PSEUDO_LOCALE } from './locale';
import { pseudoMessages } from './pseudo';

const TRANSLATIONS: Readonly<Record<string, Partial<Record<string, string>>>> = { ar: ARABIC };

export function messagesFor(locale: string): Record<string, string> | Record<string, MessageFormatElement[]> {
  if (locale === PSEUDO_LOCALE) return pseudoMessages(ENGLISH);
  const translation = TRANSLATIONS[new Intl.Locale(locale).language];
  return translation ? { ...ENGLISH, ...translation } : ENGLISH;
}

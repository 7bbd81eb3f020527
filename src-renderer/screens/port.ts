import { t } from '../i18n/intl';

/** A TCP port typed by a person: a whole number from 1 to 65535, or a sentence saying what is wrong. */
export function parsePort(text: string): { port: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: t('screens.port.invalid') };
  const port = Number(trimmed);
  if (port < 1 || port > 65535) return { error: t('screens.port.invalid') };
  return { port };
}

// The timeline's own clock words: a message's time of day and the day it belongs to, both in the user's
// locale (12- or 24-hour as the locale has it), in the user's time zone.
import { intl, t } from '../i18n/intl';

const clock = new Intl.DateTimeFormat(intl.locale, { hour: 'numeric', minute: '2-digit' });
const sameYear = new Intl.DateTimeFormat(intl.locale, { weekday: 'long', day: 'numeric', month: 'long' });
const otherYear = new Intl.DateTimeFormat(intl.locale, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function valid(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** e.g. "14:05" or "2:05 PM". */
export function formatClock(iso: string): string {
  const date = valid(iso);
  return date ? clock.format(date) : '';
}

/** The local calendar day of a timestamp, as a key that two timestamps share when they fall on one day. */
export function dayKey(iso: string): string {
  const date = valid(iso);
  return date ? `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}` : '';
}

/** "Today", "Yesterday", or the locale's long date ("Monday 30 November", with the year when not this one). */
export function dayLabel(iso: string, now: Date = new Date()): string {
  const date = valid(iso);
  if (!date) return '';
  if (dayKey(iso) === dayKey(now.toISOString())) return t('format.today');
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12);
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return t('format.yesterday');
  return (date.getFullYear() === now.getFullYear() ? sameYear : otherYear).format(date);
}

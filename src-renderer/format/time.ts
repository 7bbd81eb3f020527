import { intl } from '../i18n/intl';

// Timestamps are always shown with the date and in 24-hour time, whatever the locale's habit.
const full = new Intl.DateTimeFormat(intl.locale, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const withSeconds = new Intl.DateTimeFormat(intl.locale, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** e.g. "22 Nov 2026, 14:05" (order follows the locale). */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : full.format(date);
}

/** The long form for a tooltip. */
export function formatTimestampLong(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : withSeconds.format(date);
}

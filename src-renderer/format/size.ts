// A size in bytes as people read it, in the window's locale: "812 B", "14 kB", "2,1 MB" (decimal units,
// as file managers show them). src-shared/byte-size.ts is the server's English twin for its error sentences.
import { intl, t } from '../i18n/intl';

const UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function formatSize(bytes: number): string {
  if (bytes < 1000) return t('format.bytes', { count: bytes });
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return intl.formatNumber(value, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
    minimumFractionDigits: value < 10 ? 1 : 0,
  });
}

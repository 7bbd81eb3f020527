import { intl } from '../i18n/intl';

// People read friend_2 before friend_10, and Bob next to bob.
const collator = new Intl.Collator(intl.locale, { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

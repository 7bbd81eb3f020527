// Joins and leaves in a row, with no message between them, are one line: "alice, bob and 12 others
// joined". Someone who leaves and comes back within the burst (a dropped link, a quick re-login) cancels
// out, so a blip posts nothing at all.

import { intl, t } from '../i18n/intl';

/** One burst of arrivals and departures, net of people who came back or went again within it. */
export interface Crowd {
  joined: readonly string[];
  left: readonly string[];
  /** When the burst's latest notice arrived (ISO 8601). */
  timestamp: string;
}

/** A notice this long after the burst's last one starts a new line. */
export const BURST_GAP_MS = 2 * 60_000;

const same = (a: string) => (b: string) => a.toLowerCase() === b.toLowerCase();

export function startCrowd(kind: 'join' | 'leave', user: string, timestamp: string): Crowd {
  return kind === 'join' ? { joined: [user], left: [], timestamp } : { joined: [], left: [user], timestamp };
}

export function joinsBurst(crowd: Crowd, timestamp: string): boolean {
  const gap = Date.parse(timestamp) - Date.parse(crowd.timestamp);
  return !(gap > BURST_GAP_MS);
}

export function addToCrowd(crowd: Crowd, kind: 'join' | 'leave', user: string, timestamp: string): Crowd {
  const [from, to] = kind === 'join' ? [crowd.left, crowd.joined] : [crowd.joined, crowd.left];
  const returning = from.some(same(user));
  const nextFrom = returning ? from.filter((name) => !same(user)(name)) : from;
  const nextTo = returning || to.some(same(user)) ? to : [...to, user];
  return kind === 'join'
    ? { joined: nextTo, left: nextFrom, timestamp }
    : { joined: nextFrom, left: nextTo, timestamp };
}

export function isEmptyCrowd(crowd: Crowd): boolean {
  return crowd.joined.length === 0 && crowd.left.length === 0;
}

/** How many names a line spells out before "and N others". */
const NAMED = 3;

function people(names: readonly string[]): string {
  if (names.length <= NAMED) return intl.formatList(names, { type: 'conjunction' });
  const others = names.length - (NAMED - 1);
  return intl.formatList(
    [...names.slice(0, NAMED - 1), t('conversations.arrivals.others', { count: others })],
    {
      type: 'conjunction',
    },
  );
}

export function crowdText(crowd: Crowd): string {
  const parts: string[] = [];
  if (crowd.joined.length > 0) parts.push(t('conversations.crowd.joined', { people: people(crowd.joined) }));
  if (crowd.left.length > 0) parts.push(t('conversations.crowd.left', { people: people(crowd.left) }));
  return parts.join(' · ');
}

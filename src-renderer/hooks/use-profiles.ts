// The profiles the window shows (display name, status, avatar version), kept for the whole window: asked of
// the main process once per person (in one call for the names that render together), then kept up to date
// by `profile` events. Avatars come as data: URLs of a checked PNG or WebP (img-src allows data:).
import { useEffect, useState } from 'react';
import type { Profile } from '../../src-shared/ipc';
import { USERNAME_PATTERN } from '../../src-shared/limits';
import { t } from '../i18n/intl';

const known = new Map<string, Profile>();
/** Asked for and not an account (a guest, a room's name): not asked again until the session changes. */
const none = new Set<string>();
const watchers = new Set<() => void>();
let wanted = new Set<string>();
let subscribed = false;

function changed(): void {
  for (const watcher of watchers) watcher();
}

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  window.hearth.on('profile', (profile) => {
    known.set(profile.username.toLowerCase(), profile);
    changed();
  });
  // Another room, another set of people: forget what the last one said.
  window.hearth.on('session', () => {
    known.clear();
    none.clear();
    changed();
  });
}

/** Names asked for in one turn go out as one call. */
function want(key: string): void {
  if (wanted.size === 0) queueMicrotask(flush);
  wanted.add(key);
}

async function flush(): Promise<void> {
  const names = [...wanted];
  wanted = new Set();
  const found = await window.hearth.profiles(names);
  if (!found.ok) return;
  for (const name of names) none.add(name);
  for (const profile of found.value) {
    const key = profile.username.toLowerCase();
    none.delete(key);
    known.set(key, profile);
  }
  changed();
}

/** Re-render when profiles change, and ask once for those of `keys` (lowercase usernames) not known yet. */
function useWatched(keys: readonly string[]): void {
  const joined = keys.join(' ');
  const [, setTick] = useState(0);
  useEffect(() => {
    subscribe();
    const watcher = () => setTick((n) => n + 1);
    watchers.add(watcher);
    for (const key of joined === '' ? [] : joined.split(' ')) {
      if (USERNAME_PATTERN.test(key) && !known.has(key) && !none.has(key)) want(key);
    }
    return () => {
      watchers.delete(watcher);
    };
  }, [joined]);
}

/** Someone's profile once known; undefined for guests and until it arrives. */
export function useProfile(username: string | null): Profile | undefined {
  const key = username?.toLowerCase() ?? null;
  useWatched(key === null ? [] : [key]);
  return key === null ? undefined : known.get(key);
}

/** The names to show for several people at once (who is typing): display names where they have one. */
export function useShownNames(usernames: readonly string[]): string[] {
  const keys = usernames.map((name) => name.toLowerCase());
  useWatched(keys);
  return usernames.map((name, i) => shownName(name, known.get(keys[i] as string)));
}

/** The avatar of someone's profile as a data: URL, or null (none, or still loading). */
export function useAvatarImage(profile: Profile | undefined): string | null {
  const [image, setImage] = useState<{ key: string; url: string | null } | null>(null);
  const key = profile ? `${profile.username}:${profile.avatar}` : '';
  useEffect(() => {
    if (!profile || profile.avatar === 0) return;
    let live = true;
    void window.hearth.avatar({ username: profile.username, version: profile.avatar }).then((found) => {
      if (live) setImage({ key, url: found.ok ? found.value : null });
    });
    return () => {
      live = false;
    };
  }, [key, profile]);
  return image && image.key === key ? image.url : null;
}

/** The name to show: the display name when there is one, else the username. */
export function shownName(username: string, profile: Profile | undefined): string {
  return profile?.displayName ?? username;
}

const STATUS_KEY = {
  online: 'hooks.status.online',
  away: 'hooks.status.away',
  dnd: 'hooks.status.dnd',
} as const;

export function statusLabel(status: keyof typeof STATUS_KEY): string {
  return t(STATUS_KEY[status]);
}

/** How someone's presence reads: Offline, or their status (with its text unless `withText` is false). */
export function presenceText(profile: Profile | undefined, online: boolean, withText = true): string {
  if (!online) return t('hooks.status.offline');
  const status = statusLabel(profile?.status ?? 'online');
  return withText && profile?.statusText
    ? t('hooks.status.withText', { status, text: profile.statusText })
    : status;
}

// The profiles the window shows (display names, statuses, avatar versions) and the avatar images, kept per
// connection: profiles as the room last said (answers and pushes), images by username and version so a
// new picture is fetched once and an old one never shown again. Both are bounded.

import { MAX_PROFILES_ASKED } from '../../src-shared/account-limits';
import type { Profile } from '../../src-shared/account-protocol';
import { ok, type Result } from '../../src-shared/result';
import type { AccountRequests, AvatarImage } from '../client/account-requests';

/** Profiles kept: a big room's worth; past it the oldest go (and are asked for again when shown). */
const MAX_PROFILES = 5000;
/** Images kept (each at most 40 KiB of bytes, ~55 KB as a data: URL). */
const MAX_IMAGES = 300;

export class ProfileDirectory {
  private readonly known = new Map<string, Profile>();
  private readonly images = new Map<string, string>();

  clear(): void {
    this.known.clear();
    this.images.clear();
  }

  get(username: string): Profile | undefined {
    return this.known.get(username.toLowerCase());
  }

  put(profile: Profile): void {
    keepNewest(this.known, profile.username.toLowerCase(), profile, MAX_PROFILES);
  }

  /** The profiles of these names: the known ones, and the rest asked of the room (in pages of 100). */
  async lookUp(requests: AccountRequests, usernames: string[]): Promise<Result<Profile[]>> {
    const wanted = [...new Set(usernames.map((name) => name.toLowerCase()))];
    const missing = wanted.filter((key) => !this.known.has(key));
    for (let i = 0; i < missing.length; i += MAX_PROFILES_ASKED) {
      const answer = await requests.profiles(missing.slice(i, i + MAX_PROFILES_ASKED));
      if (!answer.ok) return answer;
      for (const profile of answer.value) this.put(profile);
    }
    return ok(wanted.map((key) => this.known.get(key)).filter((p): p is Profile => p !== undefined));
  }

  /** The avatar as a data: URL, fetched once per version; null when the person has none. */
  async image(requests: AccountRequests, username: string, version: number): Promise<Result<string | null>> {
    if (version === 0) return ok(null);
    const cacheKey = `${username.toLowerCase()}:${version}`;
    const cached = this.images.get(cacheKey);
    if (cached) return ok(cached);
    const answer = await requests.avatar(username);
    if (!answer.ok) return answer.code === 'not_found' ? ok(null) : answer;
    const url = dataUrl(answer.value);
    keepNewest(this.images, `${username.toLowerCase()}:${answer.value.version}`, url, MAX_IMAGES);
    return ok(url);
  }
}

/** Keep `value` as the newest entry; past `max` entries the oldest goes. */
function keepNewest<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

/** The type is one of two the response schema allows, and the bytes are base64 the schema checked. */
function dataUrl(avatar: AvatarImage): string {
  return `data:${avatar.type};base64,${avatar.image}`;
}

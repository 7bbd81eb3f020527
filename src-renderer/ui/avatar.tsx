import { useAvatarImage, useProfile } from '../hooks/use-profiles';

const PALETTE_SIZE = 8;

/** A stable colour per name, so a person looks the same everywhere in the app. */
function paletteIndex(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % PALETTE_SIZE;
}

interface Props {
  name: string;
  /** Adds a presence dot; the caller states presence in words as well. */
  online?: boolean;
  size?: 'small' | 'medium';
}

/**
 * A person's picture, or their initial on their colour. Online accounts show their status on the dot (away,
 * do not disturb); the caller states it in words as well.
 */
export function Avatar({ name, online, size = 'medium' }: Props) {
  const profile = useProfile(name);
  const image = useAvatarImage(profile);
  const shown = profile?.displayName ?? name;
  const dot = online ? (profile?.status ?? 'online') : 'offline';
  return (
    <span className={`avatar ${size} tone-${paletteIndex(name)}`} aria-hidden="true">
      {image ? <img className="avatar-image" src={image} alt="" /> : shown.slice(0, 1).toUpperCase()}
      {online !== undefined && <span className={`dot ${dot}`} />}
    </span>
  );
}

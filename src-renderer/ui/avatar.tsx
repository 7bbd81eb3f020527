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

export function Avatar({ name, online, size = 'medium' }: Props) {
  return (
    <span className={`avatar ${size} tone-${paletteIndex(name)}`} aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
      {online !== undefined && <span className={`dot ${online ? 'online' : 'offline'}`} />}
    </span>
  );
}

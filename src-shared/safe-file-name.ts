// A name someone else chose, made safe to be a file name on this computer: the receiving side of
// docs/protocol.md § Files ("sanitised on save"). The room already refuses control and text-direction
// characters and path separators, but a saver trusts no room: anything that could climb out of the folder
// (`..`, `/`, `\`), end a C string (NUL), show a different name than it has (U+202E turns "gpj.exe" into
// "exe.jpg"), or be special to Windows (CON, trailing dots, `:*?"<>|`) is removed, and the length is capped
// in UTF-8 bytes (most file systems allow 255) with the extension kept.
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029/\\:*?"<>|]/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
export const MAX_SAVED_NAME_BYTES = 200;
const FALLBACK = 'file';

const utf8 = new TextEncoder();

export function safeFileName(name: string): string {
  let safe = name.normalize('NFC').replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  // Leading dots hide a file (or make `..`); trailing dots and spaces are dropped by Windows.
  safe = safe.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (safe === '') return FALLBACK;
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  return capBytes(safe);
}

/** Cut to MAX_SAVED_NAME_BYTES of UTF-8, whole characters only, keeping a short extension. */
function capBytes(name: string): string {
  if (utf8.encode(name).length <= MAX_SAVED_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const budget = MAX_SAVED_NAME_BYTES - utf8.encode(extension).length;
  let stem = '';
  let bytes = 0;
  for (const char of name.slice(0, name.length - extension.length)) {
    const size = utf8.encode(char).length;
    if (bytes + size > budget) break;
    stem += char;
    bytes += size;
  }
  return `${stem.trimEnd()}${extension}`;
}

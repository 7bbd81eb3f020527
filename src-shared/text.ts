// What the room accepts as text a person wrote, and how a reply quotes it. Shared by the protocol schema (src-shared/protocol.ts) and
// anything else that checks text before sending it, so it imports nothing but the limits.

import { MAX_REPLY_PREVIEW_CHARS } from './limits';

// A high surrogate not followed by a low one, or a low one not preceded by a high one. SQLite stores UTF-8,
// where a lone surrogate cannot be written: it would come back as U+FFFD (3 bytes, 1 character), so the
// text read back would differ from what was acked and delivered live. docs/protocol.md § msg
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string is not well-formed UTF-16, so it cannot be stored or sent as UTF-8 unchanged. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

// Characters that draw nothing: white space, control and format characters (zero-width spaces and joiners,
// bidi controls like U+202E, word joiners, tags), Unicode's default-ignorable code points (variation
// selectors, Hangul fillers U+115F/U+1160/U+3164/U+FFA0, U+034F) and the blank braille pattern U+2800,
// which fonts draw empty. A message made only of these would show as an empty bubble.
// docs/protocol.md § msg
const ONLY_INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** True when nothing in the text would be visible: empty, or only invisible characters. */
export function looksEmpty(text: string): boolean {
  return ONLY_INVISIBLE.test(text);
}

/**
 * What a reply quotes of the message it answers (docs/protocol.md § Replies): at most 140 UTF-16 code units,
 * never half a surrogate pair, with an ellipsis when cut. The room and the client cut alike, so a quote the
 * client updates after an edit reads as the room would send it.
 */
export function previewText(text: string): string {
  if (text.length <= MAX_REPLY_PREVIEW_CHARS) return text;
  let cut = MAX_REPLY_PREVIEW_CHARS - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

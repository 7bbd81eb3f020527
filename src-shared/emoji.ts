// What the room accepts as a reaction: exactly one emoji (docs/protocol.md § Reactions). Shared by the request
// schema and anything that offers emoji, so it imports nothing.
import { MAX_EMOJI_CODE_POINTS } from './limits';

// Pictographs, skin-tone modifiers, regional indicators (flags), ZWJ, variation selectors, tag characters
// (subdivision flags) and keycaps (#, * or a digit, FE0F, U+20E3). Digits and # alone are plain text.
const EMOJI_PARTS =
  /^(?:[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200D|\uFE0E|\uFE0F|[\u{E0020}-\u{E007F}])+$/u;
const PICTURE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
// Made on the first reaction, not at load: a segmenter loads ICU's break rules, a tenth of the room's start.
let graphemes: Intl.Segmenter | undefined;

/** True for one emoji (one grapheme) of 1–8 code points; false for text, several emoji, or nothing. */
export function isEmoji(text: string): boolean {
  const codePoints = [...text].length;
  if (codePoints < 1 || codePoints > MAX_EMOJI_CODE_POINTS) return false;
  if (!EMOJI_PARTS.test(text) || !PICTURE.test(text)) return false;
  let clusters = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const _ of graphemes.segment(text)) clusters++;
  return clusters === 1;
}

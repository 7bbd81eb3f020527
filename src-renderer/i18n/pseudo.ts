// The pseudo-locale's messages: every English message accented, bracketed and padded by 40 % so that a
// layout which only fits English shows it ("Send" → "[Šéñð ~]"). It works on the parsed ICU message, so
// placeholders, plurals and tags stay intact and only the words change.
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';

const ACCENTED: Record<string, string> = {
  a: 'å',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** How much longer than English a translation may be: the layouts must survive this. */
export const PSEUDO_GROWTH = 0.4;

export function accent(text: string): string {
  return text.replace(/[a-zA-Z]/g, (letter) => ACCENTED[letter] ?? letter);
}

/** The visible letters of a message (the longest branch of a plural or select). */
function length(elements: readonly MessageFormatElement[]): number {
  let total = 0;
  for (const element of elements) {
    if (element.type === TYPE.literal) total += element.value.length;
    else if (element.type === TYPE.tag) total += length(element.children);
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      total += Math.max(...Object.values(element.options).map((option) => length(option.value)));
    }
  }
  return total;
}

function accented(elements: readonly MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: accent(element.value) };
    if (element.type === TYPE.tag) return { ...element, children: accented(element.children) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [
          key,
          { ...option, value: accented(option.value) },
        ]),
      );
      return { ...element, options };
    }
    return element;
  });
}

export function pseudoMessage(message: string): MessageFormatElement[] {
  const elements = parse(message);
  // The brackets and the space count towards the 40 %; at least one ~ shows that padding is there.
  const padding = '~'.repeat(Math.max(1, Math.ceil(length(elements) * PSEUDO_GROWTH) - 3));
  return [
    { type: TYPE.literal, value: '[' },
    ...accented(elements),
    { type: TYPE.literal, value: ` ${padding}]` },
  ];
}

export function pseudoMessages(
  messages: Readonly<Record<string, string>>,
): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, pseudoMessage(message)]));
}

/**
 * The room's `throttled` answer says how long to wait only in its sentence ("… try again in 4 s",
 * docs/protocol.md § Errors); this reads the number so the form can count down and stay disabled.
 */
export function waitFromSentence(text: string): number | null {
  const found = /try again in (\d+) s\b/.exec(text);
  return found ? Number(found[1]) * 1000 : null;
}

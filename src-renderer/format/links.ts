// Finds web links in message text so they can be offered as links. Everything else stays plain text, and
// only http(s) URLs ever become links: no javascript:, file: or custom schemes.
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Sentence punctuation right after a link belongs to the sentence, not the link. */
const TRAILING = /[.,;:!?]+$/;

function trimLink(raw: string): string {
  let link = raw.replace(TRAILING, '');
  // A closing bracket is part of the link only when the link opened one (as in wiki URLs).
  while (link.endsWith(')') && (link.match(/\(/g)?.length ?? 0) < (link.match(/\)/g)?.length ?? 0)) {
    link = link.slice(0, -1).replace(TRAILING, '');
  }
  return link;
}

function webUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    const link = trimLink(match[0]);
    const url = webUrl(link);
    if (!url) continue;
    if (start > plainFrom) parts.push({ kind: 'text', text: text.slice(plainFrom, start) });
    parts.push({ kind: 'link', text: link, url });
    plainFrom = start + link.length;
  }
  if (plainFrom < text.length) parts.push({ kind: 'text', text: text.slice(plainFrom) });
  return parts;
}

// Message text to a small tree of formatting nodes, which render.tsx turns into React elements: markdown-it
// parses, but its HTML output is never used, so nothing a person typed can become markup. Chat conventions,
// not a document's: *one star* is bold and _underscores_ italic (Slack, WhatsApp), no headings, lists,
// tables, images or [text](hidden-url) links; a link always shows where it goes.
import MarkdownIt, { type Token } from 'markdown-it';
import { checkExternalUrl } from '../../src-shared/external-url';

export type MdNode =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'codeBlock'; text: string; lang: string }
  | { type: 'link'; href: string; children: MdNode[] }
  | { type: 'strong' | 'em' | 'strike' | 'quote' | 'paragraph'; children: MdNode[] }
  /** Text that looked like a link the app would not open: shown as it was typed, without markup. */
  | { type: 'plain'; children: MdNode[] };

type Parent = Extract<MdNode, { children: MdNode[] }>;

// `html: false` makes `<b>` plain text; 'zero' turns every rule off, and only these come back.
const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable([
  'emphasis',
  'strikethrough',
  'backticks',
  'fence',
  'blockquote',
  'linkify',
  'autolink',
  'newline',
  'escape',
]);
// Bare hosts are found only to offer `www.` ones (see webLink); mail addresses stay text.
md.linkify.set({ fuzzyLink: true, fuzzyEmail: false });

type Wrapper = Exclude<Parent['type'], 'link'>;

const WRAPPERS: Record<string, Wrapper> = {
  strong_open: 'strong',
  s_open: 'strike',
  paragraph_open: 'paragraph',
  blockquote_open: 'quote',
};

/**
 * The link a token opens, or null to keep its text plain: only what the app would open (http/https, see
 * src-shared/external-url.ts), and of bare hosts only `www.` ones, so "readme.md" or "v1.2.io" stay words.
 */
function webLink(token: Token, text: string): string | null {
  const href = token.attrGet('href') ?? '';
  if (token.markup === 'linkify' && !/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^www\./i.test(text)) return null;
  const checked = checkExternalUrl(href);
  return checked.ok ? checked.value : null;
}

function linkText(tokens: readonly Token[], from: number): string {
  let text = '';
  for (let i = from + 1; i < tokens.length && tokens[i]?.type !== 'link_close'; i++)
    text += tokens[i]?.content;
  return text;
}

/** Where a token's node goes and which parent it opens or closes; a stack turns the flat stream into a tree. */
function addToken(stack: Parent[], tokens: readonly Token[], at: number): void {
  const token = tokens[at];
  const top = stack.at(-1);
  if (!token || !top) return;
  if (token.nesting === -1) {
    if (stack.length > 1) stack.pop();
    return;
  }
  const wrapper: Wrapper | null =
    token.type === 'em_open' ? (token.markup === '*' ? 'strong' : 'em') : (WRAPPERS[token.type] ?? null);
  if (wrapper || token.type === 'link_open') {
    const href = token.type === 'link_open' ? webLink(token, linkText(tokens, at)) : null;
    // A refused link still needs a parent for its text and its close token.
    const node: Parent =
      href !== null ? { type: 'link', href, children: [] } : { type: wrapper ?? 'plain', children: [] };
    top.children.push(node);
    stack.push(node);
    return;
  }
  switch (token.type) {
    case 'inline':
      for (let i = 0; i < (token.children?.length ?? 0); i++) addToken(stack, token.children ?? [], i);
      return;
    case 'code_inline':
      top.children.push({ type: 'code', text: token.content });
      return;
    case 'fence':
      top.children.push({
        type: 'codeBlock',
        text: token.content.replace(/\n$/, ''),
        lang: token.info.trim(),
      });
      return;
    case 'softbreak':
    case 'hardbreak':
      pushText(top, '\n');
      return;
    default:
      if (token.content) pushText(top, token.content);
  }
}

function pushText(parent: Parent, text: string): void {
  const last = parent.children.at(-1);
  if (last?.type === 'text') last.text += text;
  else parent.children.push({ type: 'text', text });
}

/**
 * markdown-it drops whatever lies past its nesting limit (20 here), so a line of many `>` would lose its
 * words; past this depth the next marker is escaped and the rest of the line reads as typed.
 */
const MAX_QUOTE_DEPTH = 8;
const DEEP_QUOTE = new RegExp(`^((?: {0,3}>){${MAX_QUOTE_DEPTH}} {0,3})(?=>)`, 'gm');

/** The formatting of one message's text, as a tree of plain values (no HTML anywhere). */
export function parseMessage(text: string): MdNode[] {
  const root: Parent = { type: 'paragraph', children: [] };
  const stack: Parent[] = [root];
  const tokens = md.parse(text.replace(DEEP_QUOTE, '$1\\'), {});
  for (let i = 0; i < tokens.length; i++) addToken(stack, tokens, i);
  return root.children;
}

/** What a message says without its formatting, on one line: for a reply's quote and the composer's target. */
export function plainText(text: string): string {
  return flatten(parseMessage(text)).replace(/\s+/g, ' ').trim();
}

function flatten(nodes: readonly MdNode[]): string {
  return nodes
    .map((node) => ('children' in node ? flatten(node.children) : node.text) + (isBlock(node) ? ' ' : ''))
    .join('');
}

const isBlock = (node: MdNode) =>
  node.type === 'paragraph' || node.type === 'quote' || node.type === 'codeBlock';

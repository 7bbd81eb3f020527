import { createContext, type MouseEvent, memo, type ReactNode, useContext, useMemo } from 'react';
import { type MdNode, parseMessage } from './parse';

function openLink(event: MouseEvent<HTMLAnchorElement>, href: string) {
  event.preventDefault();
  // The main process checks the URL again and opens it in the user's browser, never inside the app.
  void window.hearth.openExternal(href);
}

/** `@name` and `@room` as a pattern, when the message mentions the viewer; null otherwise. */
const Mention = createContext<RegExp | null>(null);

function mentionPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(@(?:${escaped}|room))(?![\\p{L}\\p{N}_])`, 'giu');
}

/** Plain text, with the mentions of the viewer marked. */
function Text({ text }: { text: string }): ReactNode {
  const pattern = useContext(Mention);
  if (!pattern) return text;
  // split with one capturing group: odd parts are the mentions.
  return text.split(pattern).map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one immutable text never reorder
      <mark key={index} className="mention">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

/** Children as React text and elements; React escapes every string, so typed markup shows as typed. */
function renderNodes(nodes: readonly MdNode[]): ReactNode[] {
  // biome-ignore lint/suspicious/noArrayIndexKey: the nodes of one immutable text never reorder
  return nodes.map((node, index) => <Node key={index} node={node} />);
}

function Node({ node }: { node: MdNode }): ReactNode {
  switch (node.type) {
    case 'text':
      return <Text text={node.text} />;
    case 'code':
      return <code>{node.text}</code>;
    case 'codeBlock':
      return (
        <pre data-lang={node.lang || undefined}>
          <code>{node.text}</code>
        </pre>
      );
    case 'link':
      return (
        <a href={node.href} rel="noreferrer noopener" onClick={(event) => openLink(event, node.href)}>
          {renderNodes(node.children)}
        </a>
      );
    case 'strong':
      return <strong>{renderNodes(node.children)}</strong>;
    case 'em':
      return <em>{renderNodes(node.children)}</em>;
    case 'strike':
      return <s>{renderNodes(node.children)}</s>;
    case 'quote':
      return <blockquote>{renderNodes(node.children)}</blockquote>;
    case 'paragraph':
      return <p>{renderNodes(node.children)}</p>;
    case 'plain':
      return renderNodes(node.children);
  }
}

/**
 * A message's text with its safe formatting (see parse.ts), parsed once per text; `mentioned`: the viewer's
 * name, when the room says the message mentions them, so `@name` (or `@room`) is marked.
 */
export const MessageBody = memo(function MessageBody({
  text,
  mentioned,
}: {
  text: string;
  mentioned?: string;
}) {
  const nodes = useMemo(() => parseMessage(text), [text]);
  const pattern = useMemo(() => (mentioned ? mentionPattern(mentioned) : null), [mentioned]);
  return (
    <Mention.Provider value={pattern}>
      {/* What people wrote keeps its own direction: English in an Arabic window still reads left to right. */}
      <div className="bubble-text" dir="auto">
        {renderNodes(nodes)}
      </div>
    </Mention.Provider>
  );
});

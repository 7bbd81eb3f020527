import { type MouseEvent, memo, type ReactNode, useMemo } from 'react';
import { type MdNode, parseMessage } from './parse';

function openLink(event: MouseEvent<HTMLAnchorElement>, href: string) {
  event.preventDefault();
  // The main process checks the URL again and opens it in the user's browser, never inside the app.
  void window.hearth.openExternal(href);
}

/** Children as React text and elements; React escapes every string, so typed markup shows as typed. */
function renderNodes(nodes: readonly MdNode[]): ReactNode[] {
  // biome-ignore lint/suspicious/noArrayIndexKey: the nodes of one immutable text never reorder
  return nodes.map((node, index) => <Node key={index} node={node} />);
}

function Node({ node }: { node: MdNode }): ReactNode {
  switch (node.type) {
    case 'text':
      return node.text;
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

/** A message's text with its safe formatting (see parse.ts); parsed once per text. */
export const MessageBody = memo(function MessageBody({ text }: { text: string }) {
  const nodes = useMemo(() => parseMessage(text), [text]);
  return <div className="bubble-text">{renderNodes(nodes)}</div>;
});

// Messages with React elements in them (a name in bold, a <time>), for JSX children. Apart from intl.ts so
// that the word helpers the unit tests import under Node never load React's types.
import { Children, type ReactNode } from 'react';
import type { MessageKey } from './catalogue';
import { intl } from './intl';

type Rich = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export function tx(key: MessageKey, values: Rich): ReactNode {
  // FormatJS hands back the pieces as an array; toArray keys them as React asks of a list of children.
  const formatted = intl.formatMessage({ id: key }, values) as ReactNode;
  return Array.isArray(formatted) ? Children.toArray(formatted) : formatted;
}

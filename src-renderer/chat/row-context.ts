// What every bubble may ask of the open conversation, provided once by the conversation body instead of
// being handed down through the list and each row.
import { createContext, useContext } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';

export interface RowContext {
  /** Whether this user may delete a message (their own; any, in a room they moderate). */
  canDelete(message: ChatMessage): boolean;
}

const NOTHING: RowContext = { canDelete: () => false };

const Rows = createContext<RowContext>(NOTHING);

export const RowContextProvider = Rows.Provider;

export function useRowContext(): RowContext {
  return useContext(Rows);
}

// What every bubble may ask of the open conversation, provided once by the conversation body (and the
// list, for jumps) instead of being handed down through the list and each row.
import { createContext, useContext } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';

export interface RowContext {
  /** The signed-in username ("You" in reaction lists). */
  self: string;
  /** Whether this user may delete a message (their own; any, in a room they moderate). */
  canDelete(message: ChatMessage): boolean;
  /** Whether this user may answer, edit and react here (not in a read-only room, not while muted). */
  canPost: boolean;
  /** Start a reply to the message in the composer. */
  reply(message: ChatMessage): void;
  /** Start editing one's own message in the composer. */
  edit(message: ChatMessage): void;
  /** Open the emoji picker for a reaction to the message (one picker for the conversation). */
  react(message: ChatMessage): void;
  /** Bring the message with this id into view and focus it (a reply's quote). */
  jumpTo(id: number): void;
}

const NOTHING: RowContext = {
  self: '',
  canDelete: () => false,
  canPost: false,
  reply: () => undefined,
  edit: () => undefined,
  react: () => undefined,
  jumpTo: () => undefined,
};

const Rows = createContext<RowContext>(NOTHING);

export const RowContextProvider = Rows.Provider;

export function useRowContext(): RowContext {
  return useContext(Rows);
}

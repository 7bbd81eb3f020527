// The conversation-feature part of the contract between the renderer and the main process (docs/protocol.md
// § Conversation features): calls on messages besides sending and deleting them, typing, read receipts and
// search, and the events that say a message changed, who is typing and how far friends read. Joined into
// HearthInvoke, HearthEvents and ipcContract in ipc.ts. The message model itself (reply preview, edited
// mark, tombstone, reactions, mention) is ChatMessage in ipc-types.ts.
import type { ChatMessage, ConversationId } from './ipc-types';
import type { Result } from './result';

/** What to search for (docs/protocol.md § Search): every word must occur; `pump*` matches a prefix. */
export interface SearchQuery {
  query: string;
  /** Only this conversation (`room`, `#n`, `@friend`). */
  conversation?: ConversationId;
  /** Only messages from this username. */
  from?: string;
  /** Only ids below this one: page on with the last id received. */
  before?: number;
  /** 1–50, default 20. */
  limit?: number;
}

export interface SearchResults {
  /** Newest first; open one in context with `loadHistory({conversation, before: id + 1})`. */
  messages: ChatMessage[];
  /** More matches are older than the last one. */
  more: boolean;
}

export interface ConversationInvoke {
  /**
   * Replace the text of one of your own messages (`not_allowed` for anyone else's, a notice or a tombstone;
   * `muted`/`read_only` as for posting). The change comes as `messageChanged`, here and everywhere else.
   */
  editMessage(edit: { id: number; text: string }): Promise<Result>;
  /**
   * Put your reaction with one emoji on (`on: true`) or take it off (`invalid` for text or several emoji;
   * `limit_reached` past 20 kinds on a message or 60 reactions a minute). Comes as `messageChanged`.
   */
  react(reaction: { id: number; emoji: string; on: boolean }): Promise<Result>;
  /**
   * The user is typing in this conversation: call it on every keystroke, the service tells the room at most
   * once every 3 s. The room's refusals (not a member, muted, read-only) are not waited for.
   */
  typing(conversation: ConversationId): Promise<Result>;
  /** Send and see read receipts ("Seen" in direct conversations), or neither: a setting of the account. */
  setReceipts(on: boolean): Promise<Result>;
  /** Full-text search over every conversation the user can read. */
  search(query: SearchQuery): Promise<Result<SearchResults>>;
}

export interface ConversationEvents {
  /**
   * A message the window was given changed: edited, deleted, reacted to, or the message it quotes changed
   * (live, or fetched after a reconnect). The whole message as it is now: replace the one with its id.
   */
  messageChanged: ChatMessage;
  /** Who is typing in a conversation now (empty: nobody); each name goes 6 s after their last keystroke. */
  typing: { conversation: ConversationId; usernames: string[] };
  /** How far each friend has read the direct conversation with the user (`@friend` → message id). */
  seen: Record<ConversationId, number>;
  /** Whether the account sends and sees read receipts (changed here or on another device). */
  receipts: boolean;
}

export const conversationChannels = {
  invoke: {
    editMessage: 'hearth:editMessage',
    react: 'hearth:react',
    typing: 'hearth:typing',
    setReceipts: 'hearth:setReceipts',
    search: 'hearth:search',
  },
  events: {
    messageChanged: 'hearth:event:messageChanged',
    typing: 'hearth:event:typing',
    seen: 'hearth:event:seen',
    receipts: 'hearth:event:receipts',
  },
} as const satisfies {
  invoke: { [K in keyof ConversationInvoke]: string };
  events: { [K in keyof ConversationEvents]: string };
};

// The conversation-feature part of the contract between the renderer and the main process (docs/protocol.md
// § Conversation features): calls on messages besides sending and deleting them, and the event that says a
// message the window was given changed. Joined into HearthInvoke, HearthEvents and ipcContract in ipc.ts.
// The message model itself (reply preview, edited mark, tombstone, reactions, mention) is ChatMessage in
// ipc-types.ts.
import type { ChatMessage } from './ipc-types';
import type { Result } from './result';

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
}

export interface ConversationEvents {
  /**
   * A message the window was given changed: edited, deleted, reacted to, or the message it quotes changed
   * (live, or fetched after a reconnect). The whole message as it is now: replace the one with its id.
   */
  messageChanged: ChatMessage;
}

export const conversationChannels = {
  invoke: {
    editMessage: 'hearth:editMessage',
    react: 'hearth:react',
  },
  events: {
    messageChanged: 'hearth:event:messageChanged',
  },
} as const satisfies {
  invoke: { [K in keyof ConversationInvoke]: string };
  events: { [K in keyof ConversationEvents]: string };
};

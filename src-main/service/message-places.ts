// Which conversation recent messages are in. A room's `deleted` push names a room message's conversation,
// but a direct message's only as `dm`: the window needs `@peer`, which the message itself told us when it
// arrived. Bounded: the oldest ids are forgotten first (a message that old is rarely still on screen).
import type { ChatMessage, ConversationId } from '../../src-shared/ipc';

export const MAX_MESSAGE_PLACES = 20_000;

export class MessagePlaces {
  private readonly places = new Map<number, ConversationId>();

  record(message: Pick<ChatMessage, 'id' | 'conversation'>): void {
    if (message.id === null || !message.conversation.startsWith('@')) return;
    this.places.delete(message.id);
    this.places.set(message.id, message.conversation);
    if (this.places.size > MAX_MESSAGE_PLACES) {
      const oldest = this.places.keys().next().value;
      if (oldest !== undefined) this.places.delete(oldest);
    }
  }

  /** The conversation of a deleted message, from the push's `conv`; null for a DM not seen here. */
  conversationOf(id: number, conv: string): ConversationId | null {
    if (conv !== 'dm') return conv;
    return this.places.get(id) ?? null;
  }

  clear(): void {
    this.places.clear();
  }
}

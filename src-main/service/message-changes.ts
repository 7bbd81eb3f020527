// Changes to messages the window was given (docs/protocol.md § Conversation features): edits, reactions and
// deletions the room pushes or answers, and the older messages a resume after a reconnect says changed
// while the user was away. Each becomes `messageChanged` with the whole message as it is now (held-messages.ts
// applies it), for the message itself and for every reply quoting it; a deletion also keeps its
// `messageDeleted` event, which needs no held copy.
import type { HearthEvents, Unsubscribe } from '../../src-shared/ipc';
import type { ChatConnection } from '../client/connection';
import type { EditedChange, ReactionChange } from '../client/connection-types';
import type { TypedEmitter } from '../client/typed-emitter';
import { mentionsUser, toChatMessage } from './chat-mapping';
import type { HeldMessages } from './held-messages';

export interface MessageChangeSinks {
  held: HeldMessages;
  events: Pick<TypedEmitter<HearthEvents>, 'emit'>;
  /** Who is logged in: "mine" on reactions, "mentions me" on edits. */
  me: () => string | null;
}

export class MessageChanges {
  constructor(private readonly sinks: MessageChangeSinks) {}

  wire(connection: ChatConnection): Unsubscribe[] {
    return [
      connection.on('edited', (change) => this.edited(change)),
      connection.on('reaction', (change) => this.reaction(change)),
      connection.on('deleted', ({ id, conv }) => this.deleted(id, conv)),
      connection.on('changed', (message) => {
        const me = this.sinks.me();
        if (me !== null) this.show(this.sinks.held.current(toChatMessage(message, me), message.rev ?? 0));
      }),
    ];
  }

  edited(change: EditedChange): void {
    const me = this.sinks.me();
    const held = this.sinks.held.get(change.id);
    const mentioned = me !== null && held?.own !== true && mentionsUser(change, me);
    this.show(this.sinks.held.edited(change, mentioned));
  }

  reaction(change: ReactionChange): void {
    const me = this.sinks.me();
    const changed = me === null ? null : this.sinks.held.reaction(change, me);
    if (changed) this.show([changed]);
  }

  private deleted(id: number, conv: string): void {
    const conversation = this.sinks.held.conversationOf(id, conv);
    const changed = this.sinks.held.deleted(id);
    if (conversation !== null) this.sinks.events.emit('messageDeleted', { conversation, id });
    this.show(changed);
  }

  private show(messages: HearthEvents['messageChanged'][]): void {
    for (const message of messages) this.sinks.events.emit('messageChanged', message);
  }
}

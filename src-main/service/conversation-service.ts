// The conversation-feature calls of the service (docs/protocol.md § Conversation features): edit your own
// message, put a reaction on or off. The room decides who may (its refusal comes back with its code:
// not_allowed for someone else's message, not_found for one out of reach, muted, read_only,
// limit_reached); its answer is applied at once, as the same change pushed to everyone else would be.
// It also follows the connection's changes to messages (message-changes.ts).
import type { z } from 'zod';
import type { ConversationInvoke, HearthEvents, Unsubscribe } from '../../src-shared/ipc';
import { fail, OK, type Result } from '../../src-shared/result';
import type { ChatConnection } from '../client/connection';
import type { ConversationRequests } from '../client/conversation-requests';
import type { TypedEmitter } from '../client/typed-emitter';
import { editInput, reactInput } from './conversation-inputs';
import { guardedCall } from './guarded-call';
import type { HeldMessages } from './held-messages';
import { MessageChanges } from './message-changes';
import type { RoomLink } from './room-link';

export class ConversationService implements ConversationInvoke {
  private readonly changes: MessageChanges;

  readonly editMessage = this.guarded('editMessage', editInput, async ({ id, text }) => {
    const answer = await this.onConversations('Log in to edit your messages.', (c) => c.edit(id, text));
    if (!answer.ok) return answer;
    this.changes.edited(answer.value);
    return OK;
  });
  readonly react = this.guarded('react', reactInput, async ({ id, emoji, on }) => {
    const answer = await this.onConversations('Log in to react to messages.', (c) => c.react(id, emoji, on));
    if (!answer.ok) return answer;
    this.changes.reaction(answer.value);
    return OK;
  });

  constructor(
    private readonly link: RoomLink,
    events: Pick<TypedEmitter<HearthEvents>, 'emit'>,
    held: HeldMessages,
    private readonly disposed: () => boolean,
  ) {
    this.changes = new MessageChanges({ held, events, me: () => this.link.session?.username ?? null });
  }

  /** Follow one connection's changes to messages. */
  wire(connection: ChatConnection): Unsubscribe[] {
    return this.changes.wire(connection);
  }

  /** A call on the conversation requests; guests keep no reactions or edits (the room says so too). */
  private async onConversations<T>(
    loginFirst: string,
    call: (conversations: ConversationRequests) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const loggedIn = this.link.requireSession(loginFirst);
    if (!loggedIn.ok) return loggedIn;
    if (loggedIn.value.session.guest)
      return fail('not_allowed', 'Guests cannot do that: register an account first.');
    return call(loggedIn.value.connection.conversations);
  }

  private guarded<K extends keyof ConversationInvoke, S extends z.ZodType>(
    name: K,
    input: S,
    run: (value: z.output<S>) => Promise<Awaited<ReturnType<ConversationInvoke[K]>>>,
  ): ConversationInvoke[K] {
    // Called while the fields are set up, before the constructor's parameters are: read them when a call comes.
    return guardedCall(name, input, run, () => this.disposed());
  }
}

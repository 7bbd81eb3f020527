// The conversation-feature calls of the service (docs/protocol.md § Conversation features): edit your own
// message, put a reaction on or off, say you are typing, turn read receipts on or off, search. The room
// decides who may (its refusal comes back with its code: not_allowed for someone else's message, not_found
// for one out of reach, muted, read_only, limit_reached); an answer that changes a message is applied at
// once, as the same change pushed to everyone else would be. It also follows the connection's changes to
// messages (message-changes.ts), who is typing (typing-indicators.ts) and the read markers (read-markers.ts).
import type { z } from 'zod';
import type { ConversationId, ConversationInvoke, HearthEvents, Unsubscribe } from '../../src-shared/ipc';
import { TYPING_INTERVAL_MS } from '../../src-shared/limits';
import { OK, ok, type Result } from '../../src-shared/result';
import type { ChatConnection } from '../client/connection';
import type { ConversationRequests } from '../client/conversation-requests';
import type { TypedEmitter } from '../client/typed-emitter';
import { conversationOf, toChatMessage } from './chat-mapping';
import { editInput, reactInput, receiptsInput, searchInput } from './conversation-inputs';
import { guardedCall } from './guarded-call';
import type { HeldMessages } from './held-messages';
import { conversationInput } from './inputs';
import { MessageChanges } from './message-changes';
import { ReadMarkers } from './read-markers';
import type { RoomLink } from './room-link';
import { TypingIndicators } from './typing-indicators';

export interface ConversationServiceParts {
  /** The link to the room (made after this service: read it when a call comes). */
  link: () => RoomLink;
  events: Pick<TypedEmitter<HearthEvents>, 'emit'>;
  held: HeldMessages;
  /** The account's read marker moved: nothing up to `id` there is unread. */
  readUpTo: (conversation: ConversationId, id: number) => void;
  disposed: () => boolean;
}

/** Conversations with a typing sent lately; past this many the oldest are forgotten (a send too soon at worst). */
const MAX_TYPING_REMEMBERED = 100;

export class ConversationService implements ConversationInvoke {
  readonly markers: ReadMarkers;
  private readonly changes: MessageChanges;
  private readonly typers: TypingIndicators;
  /** When this user last told the room they were typing, per conversation. */
  private readonly typingSent = new Map<ConversationId, number>();

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
  readonly typing = this.guarded('typing', conversationInput, async (conversation) => {
    const now = Date.now();
    if (now - (this.typingSent.get(conversation) ?? Number.NEGATIVE_INFINITY) < TYPING_INTERVAL_MS) return OK;
    this.typingSent.delete(conversation);
    this.typingSent.set(conversation, now);
    if (this.typingSent.size > MAX_TYPING_REMEMBERED)
      this.typingSent.delete(this.typingSent.keys().next().value as string);
    const loggedIn = this.parts.link().requireSession('Log in to chat.');
    if (!loggedIn.ok) return loggedIn;
    loggedIn.value.connection.conversations.typing(conversation);
    return OK;
  });
  readonly setReceipts = this.guarded('setReceipts', receiptsInput, async (on) => {
    const answer = await this.onConversations('Log in to change read receipts.', (c) => c.receipts(on));
    if (!answer.ok) return answer;
    this.markers.setReceipts(answer.value);
    return OK;
  });
  readonly search = this.guarded('search', searchInput, async (query) => {
    const loggedIn = this.parts.link().requireSession('Log in to search.');
    if (!loggedIn.ok) return loggedIn;
    const { connection, session } = loggedIn.value;
    const found = await connection.conversations.search({ ...query, limit: query.limit ?? 20 });
    if (!found.ok) return found;
    const messages = found.value.messages.map((m) => toChatMessage(m, session.username));
    return ok({ messages, more: found.value.more });
  });

  constructor(private readonly parts: ConversationServiceParts) {
    const me = () => parts.link().session?.username ?? null;
    this.changes = new MessageChanges({ held: parts.held, events: parts.events, me });
    this.typers = new TypingIndicators((change) => parts.events.emit('typing', change));
    this.markers = new ReadMarkers({
      events: parts.events,
      moved: parts.readUpTo,
      send: (conversation, id) => this.sendRead(conversation, id),
    });
  }

  /** Follow one connection's changes to messages, typing, read markers and receipts. */
  wire(connection: ChatConnection): Unsubscribe[] {
    const { typers, markers } = this;
    return [
      ...this.changes.wire(connection),
      connection.on('typing', ({ conversation, username }) => typers.heard(conversation, username)),
      connection.on('message', (message) => {
        const me = this.parts.link().session?.username;
        if (me) typers.stopped(conversationOf(message, me), message.sender);
      }),
      connection.on('readState', (state) => markers.follow(state)),
      connection.on('read', (marker) => markers.marked(marker)),
      connection.on('seen', (marker) => markers.sawSeen(marker)),
      connection.on('receipts', ({ on }) => markers.setReceipts(on)),
      connection.on('session', (info) => {
        if (info) return;
        typers.clear();
        markers.clear();
        this.typingSent.clear();
      }),
    ];
  }

  /** Guests keep no read markers (the room says so too): they are not asked for. */
  private sendRead(conversation: ConversationId, id: number) {
    return this.onConversations('Log in to keep read markers.', (c) => c.read(conversation, id));
  }

  /** A call on the conversation requests; guests keep no reactions, edits or markers (the room says so too). */
  private async onConversations<T>(
    loginFirst: string,
    call: (conversations: ConversationRequests) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const loggedIn = this.parts
      .link()
      .requireAccount(loginFirst, 'Guests cannot do that: register an account first.');
    if (!loggedIn.ok) return loggedIn;
    return call(loggedIn.value.connection.conversations);
  }

  private guarded<K extends keyof ConversationInvoke, S extends z.ZodType>(
    name: K,
    input: S,
    run: (value: z.output<S>) => Promise<Awaited<ReturnType<ConversationInvoke[K]>>>,
  ): ConversationInvoke[K] {
    // Called while the fields are set up, before the constructor's parameters are: read them when a call comes.
    return guardedCall(name, input, run, () => this.parts.disposed());
  }
}

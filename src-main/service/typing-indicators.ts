// Who is typing where, as the window shows it under the timeline (docs/protocol.md § Typing): each `typing`
// push puts a name on its conversation's list for 6 s after the last one; a message from them takes it off
// at once (they stopped typing by sending). Every change goes to the window as the conversation's whole list.
// Bounded: a conversation lists at most 50 people and at most 200 conversations have someone typing, so a
// flood of pushes costs a fixed amount; names beyond that are not shown (the line says "several" anyway).
import type { ConversationId, HearthEvents } from '../../src-shared/ipc';
import { TYPING_EXPIRY_MS } from '../../src-shared/limits';

const MAX_TYPING_CONVERSATIONS = 200;
const MAX_TYPERS_PER_CONVERSATION = 50;

type Typers = Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>;

export class TypingIndicators {
  private readonly typing = new Map<ConversationId, Typers>();

  constructor(
    private readonly emit: (change: HearthEvents['typing']) => void,
    private readonly expiryMs = TYPING_EXPIRY_MS,
  ) {}

  /** `username` is typing in `conversation`: shown (again) for the next 6 s. */
  heard(conversation: ConversationId, username: string): void {
    let typers = this.typing.get(conversation);
    if (!typers) {
      if (this.typing.size >= MAX_TYPING_CONVERSATIONS) return;
      typers = new Map();
      this.typing.set(conversation, typers);
    }
    const key = username.toLowerCase();
    const had = typers.get(key);
    if (had) clearTimeout(had.timer);
    else if (typers.size >= MAX_TYPERS_PER_CONVERSATION) return;
    const timer = setTimeout(() => this.stopped(conversation, username), this.expiryMs);
    timer.unref?.();
    typers.set(key, { name: username, timer });
    if (!had) this.tell(conversation);
  }

  /** `username` is no longer typing there (the 6 s are up, or their message came). */
  stopped(conversation: ConversationId, username: string): void {
    const typers = this.typing.get(conversation);
    const had = typers?.get(username.toLowerCase());
    if (!typers || !had) return;
    clearTimeout(had.timer);
    typers.delete(username.toLowerCase());
    if (typers.size === 0) this.typing.delete(conversation);
    this.tell(conversation);
  }

  /** The session ended: nobody is typing any more. */
  clear(): void {
    for (const [conversation, typers] of this.typing) {
      for (const { timer } of typers.values()) clearTimeout(timer);
      this.typing.delete(conversation);
      this.emit({ conversation, usernames: [] });
    }
  }

  private tell(conversation: ConversationId): void {
    const typers = this.typing.get(conversation);
    this.emit({ conversation, usernames: typers ? [...typers.values()].map((t) => t.name) : [] });
  }
}

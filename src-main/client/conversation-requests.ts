// The conversation-feature requests (docs/protocol.md § Conversation features) with typed answers. Each
// needs a live session; the room decides who may edit or react to what, so a refusal comes back as its
// error code (not_found, not_allowed, muted, read_only, limit_reached, invalid).
import type { z } from 'zod';
import type { MessageResponse, requestSchema } from '../../src-shared/protocol';
import { ok, type Result } from '../../src-shared/result';
import type { EditedChange, ReactionChange, ReadMarker } from './connection-types';
import type { SessionRequester } from './room-requests';

type ContentOf<R extends string> = Extract<z.input<typeof requestSchema>, { request: R }>['content'];

export type SearchQuery = ContentOf<'search'>;

/** How long a `typing` is kept waiting for a refusal before it counts as gone through. */
const TYPING_REFUSAL_WAIT_MS = 3000;

export class ConversationRequests {
  constructor(private readonly connection: SessionRequester) {}

  async edit(id: number, text: string): Promise<Result<EditedChange>> {
    const answer = await this.connection.sessionRequest({ request: 'msg_edit', content: { id, text } }, [
      'edited',
    ]);
    return answer.ok ? ok(answer.value.content) : answer;
  }

  async react(id: number, emoji: string, on: boolean): Promise<Result<ReactionChange>> {
    const answer = await this.connection.sessionRequest({ request: 'react', content: { id, emoji, on } }, [
      'reaction',
    ]);
    return answer.ok ? ok(answer.value.content) : answer;
  }

  /** Move this account's read marker forward; answers the marker as the room now keeps it. */
  async read(conversation: string, id: number): Promise<Result<ReadMarker>> {
    const answer = await this.connection.sessionRequest({ request: 'read', content: { conversation, id } }, [
      'read',
    ]);
    return answer.ok ? ok(answer.value.content) : answer;
  }

  async receipts(on: boolean): Promise<Result<boolean>> {
    const answer = await this.connection.sessionRequest({ request: 'receipts', content: { on } }, [
      'receipts',
    ]);
    return answer.ok ? ok(answer.value.content.on) : answer;
  }

  /**
   * Tell the conversation this user is typing. Not waited for: the room answers an accepted `typing` with
   * nothing at all, and a refusal (not a member, muted…) changes nothing for someone typing; it is asked
   * with a rid only so that a refusal is taken as this request's answer, not shown as the room's error.
   */
  typing(conversation: string): void {
    const typing = { request: 'typing', content: { conversation } } as const;
    void this.connection.sessionRequest(typing, ['typing'], TYPING_REFUSAL_WAIT_MS);
  }

  async search(query: SearchQuery): Promise<Result<{ messages: MessageResponse[]; more: boolean }>> {
    const answer = await this.connection.sessionRequest({ request: 'search', content: query }, ['search']);
    return answer.ok ? ok({ messages: answer.value.content, more: answer.value.more }) : answer;
  }
}

// The room requests (docs/protocol.md § Rooms) with typed answers. Each needs a live session; the room
// decides who may do what, so a refusal comes back as its error code (not_found, not_allowed, banned, …).
import type { z } from 'zod';
import type { ResponseName, RoomInfo, RoomMemberInfo, requestSchema } from '../../src-shared/protocol';
import { ok, type Result } from '../../src-shared/result';
import type { OutgoingRequest, ResponseOf } from './types';

/** What a room request needs from the connection: one request on a live session. */
export interface SessionRequester {
  sessionRequest<N extends ResponseName>(
    outgoing: OutgoingRequest,
    expect: readonly N[],
    timeoutMs?: number,
  ): Promise<Result<ResponseOf<N>>>;
}

type ContentOf<R extends string> = Extract<z.input<typeof requestSchema>, { request: R }>['content'];

export type RoomUpdate = ContentOf<'room_update'>;
export type Moderation = ContentOf<'moderate'>;

export class RoomRequests {
  constructor(private readonly connection: SessionRequester) {}

  /** Public rooms, largest first. */
  async browse(): Promise<Result<RoomInfo[]>> {
    const answer = await this.connection.sessionRequest({ request: 'rooms', content: { browse: true } }, [
      'rooms',
    ]);
    return answer.ok ? ok(answer.value.content) : answer;
  }

  create(room: ContentOf<'room_create'>): Promise<Result<RoomInfo>> {
    return this.room({ request: 'room_create', content: room });
  }

  createGroup(members: string[]): Promise<Result<RoomInfo>> {
    return this.room({ request: 'group_create', content: { members } });
  }

  join(room: string): Promise<Result<RoomInfo>> {
    return this.room({ request: 'room_join', content: { room } });
  }

  update(update: RoomUpdate): Promise<Result<RoomInfo>> {
    return this.room({ request: 'room_update', content: update });
  }

  leave(room: string): Promise<Result<string>> {
    return this.info({ request: 'room_leave', content: { room } });
  }

  decline(room: string): Promise<Result<string>> {
    return this.info({ request: 'room_decline', content: { room } });
  }

  invite(room: string, username: string): Promise<Result<string>> {
    return this.info({ request: 'room_invite', content: { room, username } });
  }

  setRole(change: ContentOf<'room_role'>): Promise<Result<string>> {
    return this.info({ request: 'room_role', content: change });
  }

  moderate(action: Moderation): Promise<Result<string>> {
    return this.info({ request: 'moderate', content: action });
  }

  deleteMessage(id: number): Promise<Result<string>> {
    return this.info({ request: 'msg_delete', content: { id } });
  }

  async members(room: string): Promise<Result<{ members: RoomMemberInfo[]; more: boolean }>> {
    const answer = await this.connection.sessionRequest({ request: 'room_members', content: { room } }, [
      'members',
    ]);
    return answer.ok ? ok({ members: answer.value.content, more: answer.value.more }) : answer;
  }

  /** A request answered with the room as the user now sees it. */
  private async room(outgoing: OutgoingRequest): Promise<Result<RoomInfo>> {
    const answer = await this.connection.sessionRequest(outgoing, ['room']);
    return answer.ok ? ok(answer.value.content) : answer;
  }

  /** A request answered with a sentence of what was done. */
  private async info(outgoing: OutgoingRequest): Promise<Result<string>> {
    const answer = await this.connection.sessionRequest(outgoing, ['info']);
    return answer.ok ? ok(answer.value.content) : answer;
  }
}

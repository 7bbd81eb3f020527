// The account and profile requests (docs/protocol.md § Account and profile) with typed answers, and the
// two pushes that belong to them: a profile changed, and this connection being signed out by the account.
import type { AvatarType } from '../../src-shared/account-limits';
import type { Profile } from '../../src-shared/account-protocol';
import type { ProfileChange } from '../../src-shared/ipc-account';
import type { Response } from '../../src-shared/protocol';
import { ok, type Result } from '../../src-shared/result';
import type { ConnectionEvents } from './connection-types';
import type { SessionRequester } from './room-requests';
import type { TypedEmitter } from './typed-emitter';
import type { OutgoingRequest } from './types';

export interface AvatarImage {
  version: number;
  type: AvatarType;
  /** The image's bytes in base64, as the room sent them. */
  image: string;
}

export class AccountRequests {
  constructor(private readonly connection: SessionRequester) {}

  /** How many other sessions ended with it. */
  changePassword(current: string, password: string): Promise<Result<number>> {
    return this.account({ request: 'password_change', content: { current, password } });
  }

  signOutOthers(): Promise<Result<number>> {
    return this.account({ request: 'sign_out_others', content: null });
  }

  /** The room closes the connection after its answer. */
  deleteAccount(password: string): Promise<Result<number>> {
    return this.account({ request: 'account_delete', content: { password } });
  }

  updateProfile(change: ProfileChange): Promise<Result<Profile>> {
    return this.profile({ request: 'profile_update', content: change });
  }

  /** Base64 of a PNG or WebP, or null to remove it. */
  setAvatar(image: string | null): Promise<Result<Profile>> {
    return this.profile({ request: 'avatar_set', content: { image } });
  }

  async profiles(usernames: string[]): Promise<Result<Profile[]>> {
    const answer = await this.connection.sessionRequest({ request: 'profiles', content: { usernames } }, [
      'profiles',
    ]);
    return answer.ok ? ok(answer.value.content) : answer;
  }

  async avatar(username: string): Promise<Result<AvatarImage>> {
    const answer = await this.connection.sessionRequest({ request: 'avatar', content: { username } }, [
      'avatar',
    ]);
    if (!answer.ok) return answer;
    const { version, type, image } = answer.value.content;
    return ok({ version, type, image });
  }

  private async account(outgoing: OutgoingRequest): Promise<Result<number>> {
    const answer = await this.connection.sessionRequest(outgoing, ['account']);
    return answer.ok ? ok(answer.value.content.signedOut) : answer;
  }

  private async profile(outgoing: OutgoingRequest): Promise<Result<Profile>> {
    const answer = await this.connection.sessionRequest(outgoing, ['profile']);
    return answer.ok ? ok(answer.value.content) : answer;
  }
}

/** Emit the event for an account push; false when `response` is not one. */
export function routeAccountPush(events: TypedEmitter<ConnectionEvents>, response: Response): boolean {
  switch (response.response) {
    case 'profile':
      events.emit('profile', response.content);
      return true;
    case 'signed_out':
      events.emit('signedOut', response.content);
      return true;
    default:
      return false;
  }
}

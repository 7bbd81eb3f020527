// The account calls of the service (docs/protocol.md § Account and profile): password, other sessions,
// deleting the account, the profile and avatar, others' profiles. It also follows the account pushes: a
// profile changed (kept and passed to the window), this device signed out by the account (logged out here,
// the remembered token forgotten, and the window told why), and whether the user is "do not disturb".
import { z } from 'zod';
import { accountRequests, type Profile } from '../../src-shared/account-protocol';
import type { AccountInvoke, HearthEvents, Unsubscribe } from '../../src-shared/ipc';
import { MIN_PASSWORD_LENGTH } from '../../src-shared/protocol';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import type { AccountRequests } from '../client/account-requests';
import type { ChatConnection } from '../client/connection';
import type { TypedEmitter } from '../client/typed-emitter';
import { guardedCall } from './guarded-call';
import { NEW_PASSWORD_RULE } from './inputs';
import { ProfileDirectory } from './profile-directory';
import type { RoomLink } from './room-link';

export { AccountFacade } from './account-facade';

/** The renderer's input is checked with the wire's own rules (account-protocol.ts). */
const contentOf = <N extends (typeof accountRequests)[number]['shape']['request']['value']>(name: N) => {
  const found = accountRequests.find((schema) => schema.shape.request.value === name);
  if (!found) throw new Error(`no request ${name}`);
  return found.shape.content as Extract<
    (typeof accountRequests)[number],
    { shape: { request: z.ZodLiteral<N> } }
  >['shape']['content'];
};
const passwordChange = contentOf('password_change');
const password = contentOf('account_delete').shape.password;
const profileChange = contentOf('profile_update');
const avatarImage = contentOf('avatar_set').shape.image;
const usernames = contentOf('profiles').shape.usernames;
const avatarWanted = z.object({
  username: contentOf('avatar').shape.username,
  version: z.number().int().min(0),
});

export class AccountService implements AccountInvoke {
  private readonly directory = new ProfileDirectory();

  readonly changePassword = this.guarded('changePassword', passwordChange, async ({ current, password }) => {
    if (password.length < MIN_PASSWORD_LENGTH) return fail('weak_password', NEW_PASSWORD_RULE);
    return this.onAccount((a) => a.changePassword(current, password));
  });
  readonly signOutOthers = this.guarded('signOutOthers', z.unknown(), () =>
    this.onAccount((a) => a.signOutOthers()),
  );
  readonly deleteAccount = this.guarded('deleteAccount', password, async (secret) => {
    const deleted = await this.onAccount((a) => a.deleteAccount(secret));
    if (!deleted.ok) return deleted;
    // The room closes the link after its answer; the session (and the token kept for it) ends here.
    await this.link.logout();
    return OK;
  });
  readonly updateProfile = this.guarded('updateProfile', profileChange, (change) =>
    this.kept((a) => a.updateProfile(change)),
  );
  readonly setAvatar = this.guarded('setAvatar', avatarImage, (image) =>
    this.kept((a) => a.setAvatar(image)),
  );
  readonly profiles = this.guarded('profiles', usernames, (names) =>
    this.onAccount((a) => this.directory.lookUp(a, names), true),
  );
  readonly avatar = this.guarded('avatar', avatarWanted, ({ username, version }) =>
    this.onAccount((a) => this.directory.image(a, username, version), true),
  );

  constructor(
    private readonly link: RoomLink,
    private readonly events: Pick<TypedEmitter<HearthEvents>, 'emit'>,
    private readonly disposed: () => boolean,
  ) {}

  /** Whether the user set "do not disturb": desktop notifications stay quiet meanwhile. */
  get doNotDisturb(): boolean {
    const me = this.link.session?.username;
    return me !== undefined && this.directory.get(me)?.status === 'dnd';
  }

  /** Follow one connection's account pushes; each new connection starts with no profiles known. */
  wire(connection: ChatConnection): Unsubscribe[] {
    this.directory.clear();
    const { events } = this;
    return [
      connection.on('session', (info) => {
        this.directory.clear();
        // The user's own status decides about notifications from the start.
        if (info && !info.guest) void this.directory.lookUp(connection.account, [info.username]);
      }),
      connection.on('profile', (profile) => {
        this.directory.put(profile);
        events.emit('profile', profile);
      }),
      connection.on('signedOut', ({ reason }) => {
        events.emit('signedOut', { reason });
        void this.link.logout();
      }),
    ];
  }

  /** A call on the account's requests; `guestsToo`: only reading others' profiles, which guests may. */
  private async onAccount<T>(
    call: (account: AccountRequests) => Promise<Result<T>>,
    guestsToo = false,
  ): Promise<Result<T>> {
    const loggedIn = this.link.requireSession('Log in to change your account.');
    if (!loggedIn.ok) return loggedIn;
    if (loggedIn.value.session.guest && !guestsToo)
      return fail('not_allowed', 'Guests have no account: register one first.');
    return call(loggedIn.value.connection.account);
  }

  /** A change answered with the user's profile: kept, and told to the window like a push. */
  private async kept(call: (account: AccountRequests) => Promise<Result<Profile>>): Promise<Result<Profile>> {
    const answer = await this.onAccount(call);
    if (!answer.ok) return answer;
    const profile = answer.value;
    this.directory.put(profile);
    this.events.emit('profile', profile);
    return ok(profile);
  }

  private guarded<K extends keyof AccountInvoke, S extends z.ZodType>(
    name: K,
    input: S,
    run: (value: z.output<S>) => Promise<Awaited<ReturnType<AccountInvoke[K]>>>,
  ): AccountInvoke[K] {
    // Called while the fields are set up, before the constructor's parameters are: read them when a call comes.
    return guardedCall(name, input, run, () => this.disposed());
  }
}

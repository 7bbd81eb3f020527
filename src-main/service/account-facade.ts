// The account calls on the service's own surface: the IPC adapter and the test bridge call the service's
// methods by name, so HearthService extends this, and each call is passed to its AccountService.
import type { AccountInvoke } from '../../src-shared/ipc';

export abstract class AccountFacade implements AccountInvoke {
  protected abstract readonly accountCalls: AccountInvoke;

  readonly changePassword: AccountInvoke['changePassword'] = (c) => this.accountCalls.changePassword(c);
  readonly signOutOthers: AccountInvoke['signOutOthers'] = () => this.accountCalls.signOutOthers();
  readonly deleteAccount: AccountInvoke['deleteAccount'] = (p) => this.accountCalls.deleteAccount(p);
  readonly updateProfile: AccountInvoke['updateProfile'] = (c) => this.accountCalls.updateProfile(c);
  readonly setAvatar: AccountInvoke['setAvatar'] = (i) => this.accountCalls.setAvatar(i);
  readonly profiles: AccountInvoke['profiles'] = (u) => this.accountCalls.profiles(u);
  readonly avatar: AccountInvoke['avatar'] = (w) => this.accountCalls.avatar(w);
}

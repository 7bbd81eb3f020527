// The one wrapper every HearthService call goes through: refused once the app quits, input checked, and
// anything that throws turned into an `internal` failure that names the call (nothing may throw across the
// bridge). With it, the words for what each call does, for the log and that failure's sentence.
import type { z } from 'zod';
import type { HearthInvoke } from '../../src-shared/ipc';
import { fail, type Result } from '../../src-shared/result';
import { check } from './inputs';

export type Guarded = Exclude<keyof HearthInvoke, 'getState'>;
export type Answer<K extends Guarded> = Awaited<ReturnType<HearthInvoke[K]>>;

/** What each call does, in words: for the log, and for the sentence of an unexpected failure. */
const DOING: { [K in Guarded]: string } = {
  connect: 'Connecting',
  disconnect: 'Disconnecting',
  reconnectNow: 'Reconnecting',
  register: 'Registering',
  login: 'Logging in',
  loginGuest: 'Joining as a guest',
  logout: 'Logging out',
  send: 'Sending',
  editMessage: 'Editing the message',
  react: 'Reacting',
  typing: 'Telling the room you are typing',
  setReceipts: 'Changing read receipts',
  search: 'Searching',
  loadHistory: 'Loading history',
  friendRequest: 'Sending the friend request',
  friendRespond: 'Answering the friend request',
  friendRemove: 'Removing the friend',
  block: 'Blocking',
  unblock: 'Unblocking',
  startHost: 'Starting the room',
  stopHost: 'Stopping the room',
  trustCertificate: 'Trusting the new certificate',
  openInvite: 'Opening the invite',
  browseLan: 'Looking for rooms nearby',
  joinLanRoom: 'Joining the room',
  openToInternet: 'Opening the room to the Internet',
  closeToInternet: 'Closing the room to the Internet',
  openExternal: 'Opening the link',
  setActiveConversation: 'Switching conversation',
  countPeople: 'Counting who is here',
  browseRooms: 'Listing rooms',
  createRoom: 'Creating the room',
  createGroup: 'Creating the group',
  joinRoom: 'Joining the room',
  leaveRoom: 'Leaving the room',
  declineInvite: 'Declining the invite',
  inviteToRoom: 'Inviting',
  updateRoom: 'Changing the room',
  roomMembers: 'Listing members',
  setRoomRole: 'Changing the role',
  moderate: 'Moderating',
  deleteMessage: 'Deleting the message',
  setRoomMuted: 'Muting the room',
  setPreferences: 'Saving your preferences',
  storagePlaces: 'Finding where Hearth keeps things',
  attachFile: 'Sending the file',
  cancelTransfer: 'Cancelling the transfer',
  listTransfers: 'Listing transfers',
  saveFile: 'Saving the file',
  openFolder: 'Opening the folder',
  loadImage: 'Opening the image',
  changePassword: 'Changing the password',
  signOutOthers: 'Signing out the other sessions',
  deleteAccount: 'Deleting the account',
  updateProfile: 'Saving your profile',
  setAvatar: 'Saving your picture',
  profiles: 'Looking up profiles',
  avatar: 'Loading a picture',
  startCall: 'Calling',
  acceptCall: 'Answering the call',
  declineCall: 'Declining the call',
  hangUp: 'Hanging up',
  sendCallSignal: 'Connecting the call',
};

export function guardedCall<K extends Guarded, S extends z.ZodType>(
  name: K,
  input: S,
  run: (value: z.output<S>) => Promise<Answer<K>>,
  disposed: () => boolean,
): HearthInvoke[K] {
  const call = async (arg?: unknown): Promise<Result<unknown>> => {
    if (disposed()) return fail('disposed', 'Hearth is shutting down.');
    const checked = check(input, arg);
    if (!checked.ok) return checked;
    try {
      return await run(checked.value);
    } catch (error) {
      console.error(`hearth: ${DOING[name]} failed:`, error);
      const reason = error instanceof Error ? error.message : String(error);
      return fail('internal', `${DOING[name]} failed: ${reason}`);
    }
  };
  // Each call's own signature is the contract's (HearthInvoke[K]); `run` is typed against it above.
  return call as HearthInvoke[K];
}

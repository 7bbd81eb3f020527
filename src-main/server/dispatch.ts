// Turns one frame into one handled request: rate budget, JSON, schema, login check, then the handler.
// Every failure becomes an `error` answer to that client; nothing a client sends can throw out of here.
import {
  describeIssues,
  REQUEST_NAMES,
  type Request,
  type RequestName,
  requestSchema,
} from '../../src-shared/protocol';
import { type Connection, HOLD } from './connection';
import type { Handler, ServerContext } from './context';
import { handleAccountDelete, handlePasswordChange, handleSignOutOthers } from './handlers/account';
import {
  handleCallAccept,
  handleCallDecline,
  handleCallHangup,
  handleCallRing,
  handleCallSignal,
} from './handlers/calls';
import { handleHelp, handleHistory, handleMsg, handleNames, handlePing, handleResume } from './handlers/chat';
import { handleMsgEdit } from './handlers/edits';
import { handleFileGet, handleFilePut, handleFileShare } from './handlers/files';
import {
  handleBlock,
  handleFriendAccept,
  handleFriendDecline,
  handleFriendRemove,
  handleFriendRequest,
  handleFriends,
  handleUnblock,
} from './handlers/friends';
import { handleModerate, handleMsgDelete } from './handlers/moderation';
import { handleAvatar, handleAvatarSet, handleProfiles, handleProfileUpdate } from './handlers/profile';
import { handleReact } from './handlers/reactions';
import { handleRead, handleReceipts } from './handlers/read-markers';
import { handleRoomInvite, handleRoomMembers, handleRoomRole, handleRoomUpdate } from './handlers/room-admin';
import {
  handleGroupCreate,
  handleRoomCreate,
  handleRoomDecline,
  handleRoomJoin,
  handleRoomLeave,
  handleRooms,
} from './handlers/rooms';
import { handleSearch } from './handlers/search';
import { handleLogin, handleLogout, handleRegister } from './handlers/session';
import { handleTyping } from './handlers/typing';
import { errorLine } from './responses';

const handlers: { [N in RequestName]: Handler<Extract<Request, { request: N }>> } = {
  login: handleLogin,
  register: handleRegister,
  logout: handleLogout,
  names: handleNames,
  help: handleHelp,
  msg: handleMsg,
  history: handleHistory,
  resume: handleResume,
  friend_request: handleFriendRequest,
  friend_accept: handleFriendAccept,
  friend_decline: handleFriendDecline,
  friend_remove: handleFriendRemove,
  friends: handleFriends,
  block: handleBlock,
  unblock: handleUnblock,
  ping: handlePing,
  rooms: handleRooms,
  room_create: handleRoomCreate,
  group_create: handleGroupCreate,
  room_join: handleRoomJoin,
  room_leave: handleRoomLeave,
  room_invite: handleRoomInvite,
  room_decline: handleRoomDecline,
  room_update: handleRoomUpdate,
  room_members: handleRoomMembers,
  room_role: handleRoomRole,
  moderate: handleModerate,
  msg_delete: handleMsgDelete,
  msg_edit: handleMsgEdit,
  react: handleReact,
  read: handleRead,
  receipts: handleReceipts,
  typing: handleTyping,
  search: handleSearch,
  password_change: handlePasswordChange,
  sign_out_others: handleSignOutOthers,
  account_delete: handleAccountDelete,
  profile_update: handleProfileUpdate,
  avatar_set: handleAvatarSet,
  profiles: handleProfiles,
  avatar: handleAvatar,
  file_put: handleFilePut,
  file_get: handleFileGet,
  file_share: handleFileShare,
  call_ring: handleCallRing,
  call_accept: handleCallAccept,
  call_decline: handleCallDecline,
  call_hangup: handleCallHangup,
  call_signal: handleCallSignal,
};

// file_put and file_get carry the session token: they open a transfer connection, never a chat session.
const BEFORE_LOGIN = new Set<RequestName>([
  'login',
  'register',
  'logout',
  'help',
  'ping',
  'file_put',
  'file_get',
]);
const KNOWN = new Set<string>(REQUEST_NAMES);

/** Correlation id to echo on errors found before the request is validated. */
function ridOf(value: Record<string, unknown>): string | undefined {
  const rid = value.rid;
  return typeof rid === 'string' && rid.length <= 64 ? rid : undefined;
}

/** What a sender past the room's capacity is told; the client core sends again after a pause, same cid. */
const PAST_CAPACITY = 'the room is past its capacity: this message was not sent; send it again in a second';

/**
 * `refuseSends`: the room is past its capacity (RoomConnections.admits), so a send is refused, before the
 * schema check (the cheapest answer: refusing must cost less than handling); other requests are handled.
 */
export function dispatch(
  ctx: ServerContext,
  connection: Connection,
  text: string,
  refuseSends: boolean,
): void {
  const budget = connection.budget.take(Date.now());
  if (budget === 'flood') {
    ctx.log(`flood from ${connection.label}: disconnected`);
    connection.endWith(errorLine('rate_limited', 'too many requests: disconnected'));
    return;
  }
  if (budget === 'limited') {
    connection.send(errorLine('rate_limited', 'too many requests: slow down'));
    return;
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    connection.send(errorLine('malformed', `not valid JSON: ${(error as Error).message}`));
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    connection.send(errorLine('invalid', 'a request must be a JSON object like {"request": "help"}'));
    return;
  }
  const record = value as Record<string, unknown>;
  const name = record.request;
  if (typeof name !== 'string') {
    connection.send(errorLine('invalid', 'the "request" field is missing', ridOf(record)));
    return;
  }
  if (!KNOWN.has(name)) {
    connection.send(
      errorLine('unknown_request', `unknown request "${name.slice(0, 40)}": send "help"`, ridOf(record)),
    );
    return;
  }
  if (refuseSends && name === 'msg') {
    connection.send(errorLine('rate_limited', PAST_CAPACITY, ridOf(record)));
    return;
  }
  const parsed = requestSchema.safeParse(value);
  if (!parsed.success) {
    connection.send(errorLine('invalid', `${name}: ${describeIssues(parsed.error)}`, ridOf(record)));
    return;
  }
  const request = parsed.data;
  if (!connection.user && !BEFORE_LOGIN.has(request.request)) {
    connection.send(errorLine('not_logged_in', `log in before "${name}"`, request.rid));
    return;
  }
  // Answers to anything but a send must come after the acks of sends made earlier in this turn.
  if (request.request !== 'msg') ctx.batch.commit();
  run(ctx, connection, request);
}

function run(ctx: ServerContext, connection: Connection, request: Request): void {
  const fail = (error: unknown) => {
    ctx.log(
      `error handling ${request.request} from ${connection.label}: ${(error as Error)?.stack ?? error}`,
    );
    connection.send(errorLine('server_error', 'the server failed to handle that request', request.rid));
  };
  let pending: void | Promise<void>;
  try {
    pending = (handlers[request.request] as Handler<Request>)(ctx, connection, request);
  } catch (error) {
    fail(error);
    return;
  }
  if (!pending) return;
  connection.hold(HOLD.async);
  pending.catch(fail).finally(() => connection.release(HOLD.async));
}

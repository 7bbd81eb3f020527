// Profiles (docs/protocol.md § Account and profile): display name, status with its text, and the avatar.
// A change is answered with the profile and pushed to every Hearth connection in the room (everyone logged
// in is in the default room, so everyone may see the person); classic connections get nothing new.

import type { Profile } from '../../../src-shared/account-protocol';
import type { Request } from '../../../src-shared/protocol';
import { checkAvatar } from '../avatar-bytes';
import type { Connection, SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { errorLine, sharedLine } from '../responses';
import { roomLine } from '../room-view';
import type { ProfileRecord } from '../store/account-store';
import { accountOf } from './account';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;

export const handleProfileUpdate: Handler<Req<'profile_update'>> = (ctx, connection, request) => {
  const re = request.rid;
  const user = changer(ctx, connection, re);
  if (!user) return;
  const { displayName, status, statusText } = request.content;
  const name = displayName?.trim();
  if (name !== undefined && name.toLowerCase() !== user.key && ctx.store.findUser(name.toLowerCase())) {
    // Someone else's username as a display name is the easiest impersonation there is.
    connection.send(errorLine('name_taken', `"${name}" is another account's username`, re));
    return;
  }
  ctx.store.updateProfile(user.key, {
    ...(displayName === undefined ? {} : { displayName: name ?? null }),
    ...(status === undefined ? {} : { status }),
    ...(statusText === undefined ? {} : { statusText: statusText.trim() }),
  });
  announce(ctx, connection, user, re);
};

export const handleAvatarSet: Handler<Req<'avatar_set'>> = (ctx, connection, request) => {
  const re = request.rid;
  const user = changer(ctx, connection, re);
  if (!user) return;
  const { image } = request.content;
  if (image === null) {
    ctx.store.setAvatar(user.key, null);
  } else {
    const checked = checkAvatar(image);
    if (!checked.ok) {
      connection.send(errorLine('invalid', checked.error, re));
      return;
    }
    ctx.store.setAvatar(user.key, { bytes: checked.bytes, type: checked.type });
  }
  announce(ctx, connection, user, re);
};

export const handleProfiles: Handler<Req<'profiles'>> = (ctx, connection, request) => {
  const keys = [...new Set(request.content.usernames.map((name) => name.toLowerCase()))];
  connection.send(
    roomLine({ response: 'profiles', content: ctx.store.profiles(keys).map(wireProfile) }, request.rid),
  );
};

export const handleAvatar: Handler<Req<'avatar'>> = (ctx, connection, request) => {
  const { username } = request.content;
  const avatar = ctx.store.avatar(username.toLowerCase());
  if (!avatar) {
    connection.send(errorLine('not_found', `${username} has no avatar`, request.rid));
    return;
  }
  connection.send(
    roomLine(
      {
        response: 'avatar',
        content: {
          username: ctx.store.profiles([username.toLowerCase()])[0]?.username ?? username,
          version: avatar.version,
          type: avatar.type,
          image: avatar.bytes.toString('base64'),
        },
      },
      request.rid,
    ),
  );
};

/** The account making a change, if it may: guests have no profile, and changes are rate limited. */
function changer(ctx: ServerContext, connection: Connection, re: string | undefined): SessionUser | null {
  const user = accountOf(connection, re);
  if (!user) return null;
  if (!ctx.rates.profiles.take(user.key, Date.now())) {
    connection.send(errorLine('rate_limited', 'too many profile changes: try again in a minute', re));
    return null;
  }
  return user;
}

function wireProfile(record: ProfileRecord): Profile {
  return {
    username: record.username,
    displayName: record.displayName,
    status: record.status,
    statusText: record.statusText,
    avatar: record.avatarVersion,
  };
}

/** Answer the changer with the profile as it now is and push it to every other Hearth connection. */
function announce(ctx: ServerContext, connection: Connection, user: SessionUser, re: string | undefined) {
  const record = ctx.store.profiles([user.key])[0];
  if (!record) return;
  const profile = wireProfile(record);
  connection.send(roomLine({ response: 'profile', content: profile }, re));
  const push = sharedLine(roomLine({ response: 'profile', content: profile }));
  for (const member of ctx.online.members) {
    if (member !== connection && !member.classic) member.send(push);
  }
}

// The file requests (docs/protocol.md § Files). `file_put` and `file_get` open a transfer connection: the
// session token is checked, then the transfers at once (`busy`: try later), the limits (size, quota, room
// budget) or the access (the message must be one the account could page to), and only then does the
// socket leave the chat for upload.ts or download.ts. `file_share`, on the chat link, posts a stored file
// as a message through the normal send path (ids, acks, resume), after checking that an image is what its
// first bytes say.
import { formatBytes } from '../../../src-shared/byte-size';
import { MAX_THUMB_BYTES } from '../../../src-shared/file-limits';
import { hasImageMagic, isImageType, MAGIC_BYTES, sniffImageType } from '../../../src-shared/file-magic';
import { type FileMeta, fileNotice } from '../../../src-shared/file-protocol';
import { DEFAULT_ROOM_ID, type ErrorCode, type Request } from '../../../src-shared/protocol';
import type { Connection, SessionUser } from '../connection';
import type { Handler, ServerContext } from '../context';
import { sendFile } from '../files/download';
import { transferLine } from '../files/transfers';
import { receiveUpload } from '../files/upload';
import { readableMessage } from '../message-access';
import { errorLine } from '../responses';
import { handOff } from '../room-connections';
import { queueSend } from './chat';
import { tokenUser } from './session';

type Req<N extends Request['request']> = Extract<Request, { request: N }>;

/** The account a transfer connection speaks for, or null once refused. */
function transferUser(
  ctx: ServerContext,
  connection: Connection,
  content: { username: string; token: string },
  re: string | undefined,
): SessionUser | null {
  // A refused token is answered there; the connection stays a chat connection not logged in (its client
  // closes it, or the login timeout does).
  const found = tokenUser(ctx, connection, content.username, content.token, re);
  if (!found) return null;
  if (ctx.store.isBanned(DEFAULT_ROOM_ID, found.user.key)) {
    connection.endWith(errorLine('banned', 'you are banned from this server', re));
    return null;
  }
  // Transfers at once pass as others end, so the client tries again later (not a refusal of this file).
  const busy = ctx.transfers.refusal(found.user.key);
  if (busy) {
    connection.endWith(errorLine('busy', busy, re));
    return null;
  }
  return found.user;
}

export const handleFilePut: Handler<Req<'file_put'>> = (ctx, connection, request) => {
  const re = request.rid;
  const user = transferUser(ctx, connection, request.content, re);
  if (!user) return;
  const { sha256, size } = request.content;
  const refuse = (code: ErrorCode, why: string) => connection.endWith(errorLine(code, why, re));
  const opts = ctx.options;
  if (size > opts.maxFileBytes)
    return refuse(
      'limit_reached',
      `a file may be at most ${formatBytes(opts.maxFileBytes)}; this one is ${formatBytes(size)}`,
    );
  const stored = ctx.store.storedFileSize(sha256);
  if (stored !== null && stored !== size)
    return refuse('invalid', `a file with this sha256 has ${stored} bytes, not ${size}`);
  if (stored !== null && ctx.store.ownsFile(user.key, sha256)) {
    // Stored, and this account has it: nothing to send (a retry after the answer got lost, or a re-share).
    const socket = handOff(connection);
    socket.write(transferLine('file_ready', { sha256, size, offset: size }, re));
    socket.end(transferLine('file_stored', { sha256, size }, re));
    return;
  }
  const upload = ctx.store.openUpload(user.key, sha256, size, Date.now());
  // The upload is counted from here on, so the quota and the budget are checked with it included.
  const over =
    ctx.store.accountFileBytes(user.key) > opts.fileQuotaBytes
      ? `your files would pass your quota of ${formatBytes(opts.fileQuotaBytes)}: delete some first`
      : stored === null && ctx.store.roomFileBytes() > opts.fileBudgetBytes
        ? `the room's storage for files (${formatBytes(opts.fileBudgetBytes)}) is full`
        : null;
  if (over) {
    ctx.store.dropUpload(upload.id);
    return refuse('limit_reached', over);
  }
  const socket = handOff(connection);
  ctx.transfers.track(socket, user.key);
  receiveUpload(ctx, ctx.transfers, socket, upload, re).catch((error: unknown) => {
    ctx.log(`upload ${upload.id} failed: ${String(error)}`);
    socket.destroy();
  });
};

export const handleFileGet: Handler<Req<'file_get'>> = (ctx, connection, request) => {
  const re = request.rid;
  const user = transferUser(ctx, connection, request.content, re);
  if (!user) return;
  const { id, offset } = request.content;
  // Someone who may not read the message learns nothing, not even that it exists.
  const sha256 = readableMessage(ctx, user, id)?.fileSha256 ?? null;
  const size = sha256 === null ? null : ctx.store.storedFileSize(sha256);
  if (sha256 === null || size === null)
    return connection.endWith(errorLine('not_found', `there is no file in message ${id}`, re));
  if (offset > size)
    return connection.endWith(errorLine('invalid', `offset ${offset} is past the file's ${size} bytes`, re));
  const socket = handOff(connection);
  ctx.transfers.track(socket, user.key);
  sendFile(ctx, ctx.transfers, socket, { sha256, size, offset }, re);
};

export const handleFileShare: Handler<Req<'file_share'>> = async (ctx, connection, request) => {
  const user = connection.user as SessionUser;
  const re = request.rid;
  const { sha256, name, type, thumb } = request.content;
  const refuse = (code: ErrorCode, why: string) => connection.send(errorLine(code, why, re));
  if (user.guest) return refuse('not_allowed', 'guests cannot share files');
  const size = ctx.store.ownsFile(user.key, sha256) ? ctx.store.storedFileSize(sha256) : null;
  if (size === null) return refuse('not_found', 'upload the file first (file_put), then share it');
  if (isImageType(type) && !hasImageMagic(await ctx.transfers.blobs.head(sha256, MAGIC_BYTES), type))
    return refuse('invalid', `the file is not a ${type}: its first bytes say otherwise`);
  if (thumb !== undefined) {
    const bytes = Buffer.from(thumb, 'base64');
    if (!isImageType(type)) return refuse('invalid', 'only images (PNG, JPEG, GIF, WebP) carry a thumbnail');
    if (bytes.length > MAX_THUMB_BYTES || sniffImageType(bytes) === null)
      return refuse('invalid', 'the thumbnail must be a PNG, JPEG, GIF or WebP of at most 16 KiB');
  }
  const file: FileMeta = { sha256, name, size, type, ...(thumb === undefined ? {} : { thumb }) };
  const text = fileNotice(file);
  queueSend(ctx, connection, { ...request.content, text, file }, re);
};

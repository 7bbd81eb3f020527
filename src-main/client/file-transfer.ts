// One transfer connection (docs/protocol.md § Files): a TLS socket to the room's port, opened by the chat
// link's own opener so the certificate is checked against the same pin before anything is written, one
// request line that names the session token, and the room's one-line answer, read with a bound and checked
// against the schema. What follows the line (a download's first bytes) is handed back with the socket.
import type { Socket } from 'node:net';
import { type TransferResponse, transferResponseSchema } from '../../src-shared/file-protocol';
import { PROTOCOL_ERROR_CODES } from '../../src-shared/response-schemas';
import { type ErrorCode, fail, type Result } from '../../src-shared/result';

/** An answer line is about 200 bytes; a room sending more before its newline is not speaking the protocol. */
const MAX_ANSWER_BYTES = 4096;

/** Who the transfer is for, and how to open a socket to the room that passed the pin check. */
export interface TransferAccess {
  username: string;
  token: string;
  open(): Promise<Result<Socket>>;
}

type Answer = Exclude<TransferResponse, { response: 'error' }>;

export interface Answered<A extends Answer> {
  socket: Socket;
  answer: A;
  /** Bytes that came after the answer's newline in the same read. */
  rest: Buffer;
}

/**
 * The codes of passing trouble (the network, or a room whose transfers at once are all in use, `busy`): the
 * transfer goes on later from where it stopped, on a new connection.
 */
export const PASSING_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'busy',
  'disconnected',
  'unreachable',
  'timeout',
  'throttled',
  'server_error',
  'rate_limited',
  'not_hearth',
]);

export function cutShort(why: string): Result<never> {
  return fail('disconnected', `The transfer connection was cut: ${why}`);
}

/**
 * Open a transfer connection and send `request`; resolves with the room's first line once it is one of
 * `expect`. An `error` line becomes a failure with the room's code; anything else closes the socket.
 */
export async function openTransfer<R extends Answer['response']>(
  access: TransferAccess,
  request: { request: 'file_put' | 'file_get'; content: Record<string, unknown> },
  expect: R,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Result<Answered<Extract<Answer, { response: R }>>>> {
  if (signal.aborted) return fail('cancelled', 'Cancelled.');
  const opened = await access.open();
  if (!opened.ok) return opened;
  const socket = opened.value;
  // The pin check took its error listener off; an error is seen here as the close that follows it, and a
  // link that moves nothing for `timeoutMs` is cut the same way (then the transfer goes on from there).
  socket.on('error', () => {});
  socket.setTimeout(timeoutMs, () => socket.destroy());
  const content = { ...request.content, username: access.username, token: access.token };
  socket.write(`${JSON.stringify({ ...request, content, rid: 't' })}\n`);
  const line = await readLine(socket, Buffer.alloc(0), signal);
  if (!line.ok) {
    socket.destroy();
    return line;
  }
  const checked = readAnswer(line.value.text, expect);
  if (!checked.ok) {
    socket.destroy();
    return checked;
  }
  return { ok: true, value: { socket, answer: checked.value, rest: line.value.rest } };
}

export function readAnswer<R extends Answer['response']>(
  text: string,
  expect: R,
): Result<Extract<Answer, { response: R }>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('protocol', 'The room answered a transfer with something that is not JSON.');
  }
  const parsed = transferResponseSchema.safeParse(json);
  if (!parsed.success) return fail('protocol', 'The room answered a transfer with a line that is not valid.');
  const answer = parsed.data;
  if (answer.response === 'error') {
    const known = (PROTOCOL_ERROR_CODES as readonly string[]).includes(answer.code);
    return fail(known ? (answer.code as ErrorCode) : 'protocol', answer.content);
  }
  if (answer.response !== expect)
    return fail('protocol', `The room answered a transfer with ${answer.response}, not ${expect}.`);
  return { ok: true, value: answer as Extract<Answer, { response: R }> };
}

/**
 * The next line on the socket (`pending`: bytes of it read already). The socket is paused once the line is
 * read, so no byte after it is lost; those read with it come back as `rest`.
 */
export function readLine(
  socket: Socket,
  pending: Buffer,
  signal: AbortSignal,
): Promise<Result<{ text: string; rest: Buffer }>> {
  return new Promise((resolve) => {
    let buffered = pending;
    let settled = false;
    const settle = (result: Result<{ text: string; rest: Buffer }>) => {
      settled = true;
      socket.off('data', onData);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      socket.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const nl = buffered.indexOf(10);
      if (nl >= 0 && nl <= MAX_ANSWER_BYTES) {
        const text = buffered.subarray(0, nl).toString('utf8');
        settle({ ok: true, value: { text, rest: Buffer.from(buffered.subarray(nl + 1)) } });
      } else if (buffered.length > MAX_ANSWER_BYTES) {
        settle(fail('protocol', `The room sent over ${MAX_ANSWER_BYTES} bytes without a line ending.`));
      }
    };
    const onClose = () => settle(cutShort('the room closed it before answering'));
    const onAbort = () => settle(fail('cancelled', 'Cancelled.'));
    if (signal.aborted) return onAbort();
    socket.on('data', onData);
    socket.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    if (socket.destroyed) return onClose();
    onData(Buffer.alloc(0));
    if (!settled) socket.resume();
  });
}

// How much the client core accepts from a room and keeps for it: every buffer that a room (or a backlog)
// can fill has its bound here, with the reason for the figure. docs/security.md § the client's bounds
import { MAX_MESSAGE_CHARS } from '../../src-shared/limits';

/**
 * The longest a stored message's line can be: its text JSON-escaped at worst (a control character is six
 * bytes, `\u0001`) plus the envelope.
 */
export const MAX_MESSAGE_LINE_BYTES = MAX_MESSAGE_CHARS * 6 + 512;

/** Messages asked for per `resume`/`history` page: a page of the longest messages still fits in a frame. */
export const MAX_CLIENT_PAGE = 100;

/**
 * Largest line accepted from a room: a page of the longest messages (4.8 MB) with room to spare. Past it
 * the link is closed with an error, so a room cannot make the client buffer a 100 MB line.
 */
export const MAX_ROOM_FRAME_BYTES = 8 * 1024 * 1024;

/** Requests waiting for an answer at once; more are refused at once with `busy`. */
export const MAX_PENDING_REQUESTS = 256;

/** Sends not yet acked; more are refused with `busy` until the room catches up. */
export const MAX_UNSENT = 1000;

/**
 * Live pushes held back while resume catches up after a reconnect. A room pushing more than this meanwhile
 * gets the link closed; the next reconnect resumes from what was delivered, so nothing is lost.
 */
export const MAX_HELD_PUSHES = 10_000;

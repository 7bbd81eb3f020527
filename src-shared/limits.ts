// The protocol's constants, apart from its schemas: the renderer needs these for its forms, and importing
// them from here keeps zod (and its schemas) out of the renderer bundle.
export const DEFAULT_PORT = 5555;
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
/** The name the server uses as `sender` for everything it says itself; nobody may register it. */
export const SERVER_SENDER = 'server';
/** The one room every logged-in user joins. */
export const ROOM = 'room';
export const HISTORY_ON_LOGIN = 50;
export const MAX_PAGE = 200;

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,32}$/;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_MESSAGE_CHARS = 8000;

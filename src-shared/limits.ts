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

/** The default room's id in `#n` form; on the wire it is always written `room` (classic clients know no other). */
export const DEFAULT_ROOM_ID = 1;
/** Room names: 1–64 characters of any script; topics up to 500 (docs/protocol.md § Rooms). */
export const MAX_ROOM_NAME_CHARS = 64;
export const MAX_ROOM_TOPIC_CHARS = 500;
/** A group conversation holds 3–10 people, its creator included. */
export const GROUP_MIN_PEOPLE = 3;
export const GROUP_MAX_PEOPLE = 10;
/** Longest mute a moderator can set, in minutes (a week); longer is a ban. */
export const MAX_MUTE_MINUTES = 7 * 24 * 60;
/** A room's conversation id: `room` for the default room, `#n` for any other (group conversations too). */
export const ROOM_CONVERSATION_PATTERN = /^(room|#[1-9][0-9]{0,9})$/;

// Conversation features (docs/protocol.md § Conversation features).
/** A reply's quoted preview of the message it answers: at most this many characters (UTF-16 code units). */
export const MAX_REPLY_PREVIEW_CHARS = 140;
/** A reaction is one emoji of at most this many code points (ZWJ sequences, skin tones, flags included). */
export const MAX_EMOJI_CODE_POINTS = 8;
/** Distinct emoji one message may carry; a new emoji past this is refused. */
export const MAX_REACTION_KINDS = 20;
/** Reactors named per emoji on the wire (the first to react); `count` says how many there are in all. */
export const MAX_REACTION_USERS_LISTED = 20;
/** Mentions a message carries; `@name`s past these are left as text. */
export const MAX_MENTIONS = 20;
/** The room forwards at most one `typing` per user and conversation in this time; clients expire one after 6 s. */
export const TYPING_INTERVAL_MS = 3000;
export const TYPING_EXPIRY_MS = 6000;
/** Most DM read markers a login answer carries (the most recent conversations). */
export const MAX_READ_MARKERS_LISTED = 1000;
/** Full-text search: results per page, and the longest query. */
export const MAX_SEARCH_RESULTS = 50;
export const MAX_SEARCH_QUERY_CHARS = 200;

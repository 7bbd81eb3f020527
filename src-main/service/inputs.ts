// Checks what the renderer sends before anything acts on it. The renderer is ours, but it is the
// boundary to untrusted text (what people type), so every call is validated and a bad value gets a
// sentence the UI can show next to the field. Lengths and names follow docs/protocol.md § Limits.
import { z } from 'zod';
import { FINGERPRINT_PATTERN } from '../../src-shared/invite';
import { ROOM_CONVERSATION_PATTERN } from '../../src-shared/limits';
import {
  DEFAULT_ROOM_ID,
  MAX_MESSAGE_CHARS,
  MAX_PAGE,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  ROOM,
  USERNAME_PATTERN,
} from '../../src-shared/protocol';
import { fail, ok, type Result } from '../../src-shared/result';
import { hasLoneSurrogate, looksEmpty } from '../../src-shared/text';

const USERNAME_RULE = 'A username is 1–32 letters, digits or underscores.';
const PORT_RULE = 'The port must be a whole number from 1 to 65535.';

const username = z.string().trim().regex(USERNAME_PATTERN, USERNAME_RULE);

/** Host names, IPv4 and IPv6 literals (brackets allowed, and stripped; a zone like %eth0 too). */
const HOST_PATTERN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?(?:\.[A-Za-z0-9-]{1,63})*\.?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?)$/;

const host = z
  .string()
  .trim()
  .transform((h) => (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h))
  .pipe(
    z
      .string()
      .min(1, 'Enter the host name or IP address of the server.')
      .max(253, 'That host name is too long.')
      .regex(HOST_PATTERN, 'That is not a valid host name or IP address.'),
  );

/** Ports typed into a field may arrive as text; "5555" is as good as 5555. */
const portLike = (min: number, rule: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: rule }).int(rule).min(min, rule).max(65535, rule),
  );

export const serverAddressInput = z.object(
  { host, port: portLike(1, PORT_RULE) },
  { error: 'Give a host and a port.' },
);

export const trustInput = z.object(
  {
    server: serverAddressInput,
    fingerprint: z
      .string({ error: 'Give the fingerprint to trust.' })
      .regex(FINGERPRINT_PATTERN, 'A fingerprint is 32 pairs of hex digits separated by colons.'),
  },
  { error: 'Give a room and the fingerprint to trust.' },
);

export const credentialsInput = z.object(
  {
    username,
    password: z
      .string({ error: 'Enter your password.' })
      .min(1, 'Enter your password.')
      .max(MAX_PASSWORD_LENGTH, `A password is at most ${MAX_PASSWORD_LENGTH} characters.`),
    remember: z.boolean({ error: 'Say whether to stay logged in.' }).default(true),
  },
  { error: 'Give a username and a password.' },
);

export const NEW_PASSWORD_RULE = `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;

export const usernameInput = username;

/** `room` (also written `#1`, docs/protocol.md § Rooms), another room's `#n`, or `@username`. */
export const roomInput = z
  .string({ error: 'Choose a room.' })
  .regex(ROOM_CONVERSATION_PATTERN, 'A room is "room" or "#<number>".')
  .transform((room) => (room === `#${DEFAULT_ROOM_ID}` ? ROOM : room));

export const conversationInput = z
  .string({ error: 'Choose a conversation.' })
  .refine(
    (c) => ROOM_CONVERSATION_PATTERN.test(c) || /^@[A-Za-z0-9_]{1,32}$/.test(c),
    'A conversation is "room", "#<number>" or "@username".',
  )
  .transform((c) => (c === `#${DEFAULT_ROOM_ID}` ? ROOM : c));

/** What people write: a message, or its new text when they edit it. */
export const messageTextInput = z
  .string({ error: 'A message is text.' })
  .refine((t) => !looksEmpty(t), 'The message is empty.')
  .refine((t) => !hasLoneSurrogate(t), 'The message has a broken character (a lone surrogate).')
  .refine((t) => t.length <= MAX_MESSAGE_CHARS, `A message is at most ${MAX_MESSAGE_CHARS} characters.`);

export const sendInput = z.object(
  {
    conversation: conversationInput,
    text: messageTextInput,
    replyTo: z
      .number({ error: 'A reply names the id of the message it answers.' })
      .int('A message id is a whole number.')
      .min(1, 'A message id is a whole number from 1.')
      .optional(),
  },
  { error: 'Give a conversation and a text.' },
);

export const historyInput = z.object(
  {
    conversation: conversationInput,
    before: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(MAX_PAGE).optional(),
  },
  { error: 'Give the conversation whose history to load.' },
);

export const friendAnswerInput = z.object(
  { username, accept: z.boolean({ error: 'Say whether to accept.' }) },
  { error: 'Give a username and whether to accept.' },
);

export const hostOptionsInput = z.object(
  {
    port: portLike(0, 'The port must be a whole number from 1 to 65535 (or 0 for any free port).'),
    allowGuests: z.boolean({ error: 'Say whether guests may join.' }),
    classicPort: portLike(
      0,
      'The classic port must be a whole number from 1 to 65535 (or 0 for any free port).',
    )
      .nullable()
      .default(null),
  },
  { error: 'Give a port and whether guests may join.' },
);

export const activeConversationInput = conversationInput.nullable();

export const preferencesInput = z
  .strictObject(
    {
      theme: z.enum(['system', 'light', 'dark'], { error: 'A theme is system, light or dark.' }),
      notifications: z.enum(['all', 'mentions', 'none'], {
        error: 'Notifications are all, mentions or none.',
      }),
      showJoins: z.boolean({ error: 'Say whether to show joins.' }),
      closeToTray: z.boolean({ error: 'Say whether closing keeps Hearth in the tray.' }),
      startMinimised: z.boolean({ error: 'Say whether to start in the tray.' }),
      keepPhotoMetadata: z.boolean({ error: 'Say whether photos keep their metadata.' }),
      sounds: z.boolean({ error: 'Say whether Hearth plays sounds.' }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'That is not a preference Hearth has.'
          : 'Give the preferences to change.',
    },
  )
  .partial();

/** Validate a value, or give the first problem as one sentence. */
export function check<S extends z.ZodType>(schema: S, value: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return fail('invalid', parsed.error.issues[0]?.message ?? 'Invalid input.');
}

/** Calls without an argument, and arguments the callee judges itself (an external link). */
export const anyInput = z.unknown();

/** A switch from the window: anything but `true` is off. */
export const switchInput = z.unknown().transform((v) => v === true);

/** An invite link as text; the invite parser says what is wrong with it. */
export const inviteInput = z.unknown().transform((v) => String(v));

/** A room id from the LAN list; anything but text names no room. */
export const lanRoomIdInput = z.unknown().transform((v) => (typeof v === 'string' ? v : null));

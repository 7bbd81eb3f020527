// The account and profile part of the protocol (docs/protocol.md § Account and profile): changing the
// password, signing out other sessions, deleting the account, display name, status and avatar. Its requests
// and answers join the unions in protocol.ts and response-schemas.ts; they live here so the account part
// changes apart from the rest. Classic clients never see any of it: only Hearth account sessions ask, and
// the pushes go to Hearth connections only.
import { z } from 'zod';
import {
  AVATAR_TYPES,
  MAX_AVATAR_BASE64_CHARS,
  MAX_DISPLAY_NAME_CHARS,
  MAX_PROFILES_ASKED,
  MAX_STATUS_TEXT_CHARS,
  STATUSES,
} from './account-limits';
import { MAX_PASSWORD_LENGTH } from './limits';
import { answer, req, requestUsername, roomUsername, wellFormed } from './schema-parts';
import { looksEmpty } from './text';

const password = wellFormed(
  z.string().max(MAX_PASSWORD_LENGTH, `password must be at most ${MAX_PASSWORD_LENGTH} characters`),
).refine((text) => text.length > 0, 'password is required');

/**
 * Control characters and the bidi controls that reorder text (U+202E makes "evil" read "live"): a name or a
 * status is one line that shows what it says.
 */
const CONTROL_OR_BIDI = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const oneLine = (max: number, what: string) =>
  wellFormed(z.string().max(max, `${what} must be at most ${max} characters`)).refine(
    (text) => !CONTROL_OR_BIDI.test(text),
    `${what} may not hold control or text-direction characters`,
  );
const displayName = oneLine(MAX_DISPLAY_NAME_CHARS, 'display name').refine(
  (text) => !looksEmpty(text),
  'display name is empty (or only invisible characters)',
);
const status = z.enum(STATUSES);

export const accountRequests = [
  req('password_change', z.object({ current: password, password })),
  req('sign_out_others', z.unknown().optional()),
  req('account_delete', z.object({ password })),
  req(
    'profile_update',
    z
      .object({
        /** null: no display name (the username shows). */
        displayName: displayName.nullable().optional(),
        status: status.optional(),
        statusText: oneLine(MAX_STATUS_TEXT_CHARS, 'status text').optional(),
      })
      .refine((u) => Object.keys(u).length > 0, 'nothing to change'),
  ),
  // The image's bytes in base64 (PNG or WebP, at most 40 KiB); null removes it.
  req(
    'avatar_set',
    z.object({
      image: z
        .string()
        .max(MAX_AVATAR_BASE64_CHARS, 'the image is over 40 KiB')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'image must be base64')
        .nullable(),
    }),
  ),
  req('profiles', z.object({ usernames: z.array(requestUsername).min(1).max(MAX_PROFILES_ASKED) })),
  req('avatar', z.object({ username: requestUsername })),
] as const;

// Answers and pushes. The room's own sentences never reach here: these are the room's answers as data.
export const profileSchema = z.object({
  username: roomUsername,
  displayName: z.string().max(MAX_DISPLAY_NAME_CHARS).nullable(),
  status,
  statusText: z.string().max(MAX_STATUS_TEXT_CHARS),
  /** The avatar's version: 0 when there is none; a new image has a higher one (clients cache by it). */
  avatar: z.number().int().nonnegative(),
});

export const accountResponses = [
  /** The answer to password_change, sign_out_others and account_delete: how many other sessions ended. */
  answer('account', {
    content: z.object({
      action: z.enum(['password_changed', 'signed_out_others', 'deleted']),
      signedOut: z.number().int().nonnegative(),
    }),
  }),
  /** Pushed to a connection the room is closing because of its account: the line before the goodbye. */
  answer('signed_out', {
    content: z.object({ reason: z.enum(['signed_out_elsewhere', 'password_changed', 'account_deleted']) }),
  }),
  /** The answer to profile_update and avatar_set, and a push to every Hearth connection when one changes. */
  answer('profile', { content: profileSchema }),
  /** The answer to profiles: the accounts among the names asked (guests and unknown names are left out). */
  answer('profiles', { content: z.array(profileSchema).max(MAX_PROFILES_ASKED) }),
  answer('avatar', {
    content: z.object({
      username: roomUsername,
      version: z.number().int().min(1),
      type: z.enum(AVATAR_TYPES),
      image: z.string().max(MAX_AVATAR_BASE64_CHARS),
    }),
  }),
] as const;

export type Profile = z.infer<typeof profileSchema>;
export type SignedOutReason = z.infer<(typeof accountResponses)[1]>['content']['reason'];

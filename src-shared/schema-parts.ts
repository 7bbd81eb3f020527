// The pieces every schema module builds with: protocol.ts (requests), response-schemas.ts (answers and
// pushes) and account-protocol.ts (the account part of both). Apart so that those three share one definition
// without importing each other (protocol.ts and response-schemas.ts take in the account part).
import { z } from 'zod';
import { USERNAME_PATTERN } from './limits';
import { hasLoneSurrogate } from './text';

/** A username as a request names it, with the sentence a person reads when it is wrong. */
export const requestUsername = z
  .string()
  .regex(USERNAME_PATTERN, 'username must be 1-32 characters of letters, digits or _');

/**
 * A string the room stores or compares as UTF-8 must be well-formed UTF-16: a lone surrogate would be stored
 * as U+FFFD and come back different (docs/protocol.md § msg).
 */
export const wellFormed = <S extends z.ZodString>(schema: S) =>
  schema.refine((text) => !hasLoneSurrogate(text), 'text has a lone surrogate: it is not valid Unicode');

/** Optional request correlation id, echoed as `re` on the direct answer. */
const rid = z.string().max(64).optional();

/** A request: its name, its content, and the optional correlation id. */
export const req = <R extends string, C extends z.ZodTypeAny>(request: R, content: C) =>
  z.object({ request: z.literal(request), content, rid });

/** A username as the room names people in its answers. */
export const roomUsername = z.string().regex(USERNAME_PATTERN);

/** What every answer and push carries. */
export const answerBase = {
  timestamp: z.iso.datetime(),
  sender: roomUsername,
  re: z.string().max(64).optional(),
};

/** An answer or push: its name and the fields beside the base. */
export const answer = <R extends string, S extends z.ZodRawShape>(response: R, shape: S) =>
  z.object({ ...answerBase, response: z.literal(response), ...shape });

// What the parts of the client core hand each other: the messages the user sees, the requests and
// answers, the session's credentials.

import type { z } from 'zod';
import type { MessageResponse, Response, ResponseName, requestSchema } from '../../src-shared/protocol';
import type { Result } from '../../src-shared/result';

/**
 * A stored message; `cid` is set when it is our own send from this connection, and then `replyToId` names
 * the message it answers (the ack carries no quote; whoever shows it has the original).
 */
export interface ReceivedMessage extends MessageResponse {
  cid?: string;
  replyToId?: number;
}

export type InfoResponse = Extract<Response, { response: 'info' }>;
export type LoginInfo = Extract<Response, { response: 'login' }>['content'];
export type ResponseOf<N extends ResponseName> = Extract<Response, { response: N }>;
export type OutgoingRequest = Omit<z.input<typeof requestSchema>, 'rid'>;
export type SendOutcome = Result<ReceivedMessage>;

export type Credentials =
  | { username: string; password: string }
  | { username: string; guest: true }
  | { username: string; token: string };

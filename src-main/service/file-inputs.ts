// The checked inputs of the file calls (src-shared/ipc-files.ts). The bytes come from the window, which the
// service does not trust: size bounds here, the type and the thumbnail are judged by their magic bytes in
// file-attach.ts.
import { z } from 'zod';
import { MAX_THUMB_BASE64_CHARS } from '../../src-shared/file-limits';
import { conversationInput } from './inputs';
import { messageIdInput } from './room-inputs';

/**
 * The most the window may hand over in one call. The room's own limit (100 MB by default) usually refuses
 * earlier; this bounds what one structured-clone copy may cost the main process.
 */
export const MAX_ATTACH_BYTES = 256 * 1024 * 1024;

export const attachInput = z.object(
  {
    conversation: conversationInput,
    name: z.string({ error: 'Give the file a name.' }).min(1, 'Give the file a name.').max(65_536),
    type: z.string().max(200).catch('application/octet-stream'),
    bytes: z
      .instanceof(Uint8Array, { error: 'Give the bytes of the file.' })
      .refine((b) => b.length > 0, 'The file is empty: there is nothing to send.')
      .refine((b) => b.length <= MAX_ATTACH_BYTES, 'Files over 256 MB cannot be sent from here.'),
    thumb: z.string().max(MAX_THUMB_BASE64_CHARS).optional().catch(undefined),
    replyTo: z.number().int().min(1).optional(),
  },
  { error: 'Give the file to send.' },
);

export const transferIdInput = z.string({ error: 'Name the transfer.' }).min(1).max(80);
export const fileMessageInput = messageIdInput;

// Checks on what the window sends for the conversation features (docs/protocol.md § Conversation
// features), with a sentence per bad value; the room checks again and decides who may do what.
import { z } from 'zod';
import { isEmoji } from '../../src-shared/emoji';
import { messageTextInput } from './inputs';
import { messageIdInput } from './room-inputs';

export const editInput = z.object(
  { id: messageIdInput, text: messageTextInput },
  { error: 'Give the id of the message and its new text.' },
);

export const reactInput = z.object(
  {
    id: messageIdInput,
    emoji: z
      .string({ error: 'A reaction is one emoji.' })
      .refine(isEmoji, 'A reaction is one emoji, not text or several emoji.'),
    on: z.boolean({ error: 'Say whether the reaction goes on or off.' }),
  },
  { error: 'Give the id of the message, an emoji and whether it goes on or off.' },
);

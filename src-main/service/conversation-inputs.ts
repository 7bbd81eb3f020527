// Checks on what the window sends for the conversation features (docs/protocol.md § Conversation
// features), with a sentence per bad value; the room checks again and decides who may do what.
import { z } from 'zod';
import { isEmoji } from '../../src-shared/emoji';
import { MAX_SEARCH_QUERY_CHARS, MAX_SEARCH_RESULTS } from '../../src-shared/limits';
import { hasLoneSurrogate, looksEmpty } from '../../src-shared/text';
import { conversationInput, messageTextInput, usernameInput } from './inputs';
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

export const searchInput = z.object(
  {
    query: z
      .string({ error: 'Search for some words.' })
      .refine((q) => !looksEmpty(q), 'Search for some words.')
      .refine((q) => !hasLoneSurrogate(q), 'The search has a broken character (a lone surrogate).')
      .refine(
        (q) => q.length <= MAX_SEARCH_QUERY_CHARS,
        `A search is at most ${MAX_SEARCH_QUERY_CHARS} characters.`,
      ),
    conversation: conversationInput.optional(),
    from: usernameInput.optional(),
    before: messageIdInput.optional(),
    limit: z
      .number({ error: 'How many results, as a number.' })
      .int('How many results, as a whole number.')
      .min(1, 'At least one result.')
      .max(MAX_SEARCH_RESULTS, `At most ${MAX_SEARCH_RESULTS} results a page.`)
      .optional(),
  },
  { error: 'Give the words to search for.' },
);

export const receiptsInput = z.boolean({ error: 'Say whether read receipts are on.' });

// Checks on what the window sends for rooms, with a sentence per bad value (the room checks again and
// decides who may do what). Names and limits follow docs/protocol.md § Rooms.
import { z } from 'zod';
import {
  GROUP_MAX_PEOPLE,
  GROUP_MIN_PEOPLE,
  MAX_MUTE_MINUTES,
  MAX_ROOM_NAME_CHARS,
  MAX_ROOM_TOPIC_CHARS,
} from '../../src-shared/limits';
import { hasLoneSurrogate, looksEmpty } from '../../src-shared/text';
import { roomInput, usernameInput } from './inputs';

const roomName = z
  .string({ error: 'A room name is text.' })
  .trim()
  .refine((t) => !looksEmpty(t), 'Give the room a name.')
  .refine((t) => t.length <= MAX_ROOM_NAME_CHARS, `A room name is at most ${MAX_ROOM_NAME_CHARS} characters.`)
  .refine((t) => !hasLoneSurrogate(t), 'The name has a broken character (a lone surrogate).');

const roomTopic = z
  .string({ error: 'A topic is text.' })
  .trim()
  .refine((t) => t.length <= MAX_ROOM_TOPIC_CHARS, `A topic is at most ${MAX_ROOM_TOPIC_CHARS} characters.`)
  .refine((t) => !hasLoneSurrogate(t), 'The topic has a broken character (a lone surrogate).');

const visibility = z.enum(['public', 'private'], { error: 'A room is public or private.' });

export const createRoomInput = z.object(
  { name: roomName, topic: roomTopic.default(''), visibility },
  { error: 'Give the room a name and say whether it is public or private.' },
);

const friends = GROUP_MIN_PEOPLE - 1;
const mostFriends = GROUP_MAX_PEOPLE - 1;
export const groupInput = z
  .array(usernameInput, { error: 'Choose the friends for the group.' })
  .min(friends, `A group needs at least ${friends} friends besides you.`)
  .max(mostFriends, `A group holds at most ${mostFriends} friends besides you.`)
  .refine(
    (names) => new Set(names.map((n) => n.toLowerCase())).size === names.length,
    'Each friend can be in the group once.',
  );

export const roomInviteInput = z.object(
  { room: roomInput, username: usernameInput },
  { error: 'Give the room and who to invite.' },
);

export const roomUpdateInput = z
  .object(
    {
      room: roomInput,
      name: roomName.optional(),
      topic: roomTopic.optional(),
      readOnly: z.boolean({ error: 'Say whether the room is read-only.' }).optional(),
      archived: z.boolean({ error: 'Say whether the room is archived.' }).optional(),
      visibility: visibility.optional(),
      guests: z.boolean({ error: 'Say whether guests may join.' }).optional(),
    },
    { error: 'Give the room and what to change.' },
  )
  .refine((u) => Object.values(u).filter((v) => v !== undefined).length > 1, 'There is nothing to change.');

export const roomRoleInput = z.object(
  {
    room: roomInput,
    username: usernameInput,
    role: z.enum(['moderator', 'member'], { error: 'A role is moderator or member.' }),
  },
  { error: 'Give the room, the member and their new role.' },
);

const minutes = z
  .number({ error: `Mute for 1 to ${MAX_MUTE_MINUTES} minutes.` })
  .int(`Mute for whole minutes.`)
  .min(1, `Mute for 1 to ${MAX_MUTE_MINUTES} minutes.`)
  .max(MAX_MUTE_MINUTES, `A mute lasts at most ${MAX_MUTE_MINUTES} minutes (a week); longer is a ban.`);

export const moderateInput = z.discriminatedUnion(
  'action',
  [
    z.object({ room: roomInput, username: usernameInput, action: z.literal('mute'), minutes }),
    z.object({
      room: roomInput,
      username: usernameInput,
      action: z.enum(['remove', 'ban', 'unban', 'unmute']),
    }),
  ],
  { error: 'Give the room, the member and the action (remove, ban, unban, mute or unmute).' },
);

export const messageIdInput = z
  .number({ error: 'Give the id of the message.' })
  .int('A message id is a whole number.')
  .min(1, 'A message id is a whole number from 1.');

export const roomMutedInput = z.object(
  { room: roomInput, muted: z.boolean({ error: 'Say whether to mute the room.' }) },
  { error: 'Give the room and whether to mute it.' },
);

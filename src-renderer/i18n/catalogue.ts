// The one message catalogue: English, complete, one file per area of the renderer so that parallel work
// rarely touches the same file. Every key starts with its area's name (checked in test/renderer/i18n.test.ts).
import { app } from './en/app';
import { calls } from './en/calls';
import { chat } from './en/chat';
import { conversations } from './en/conversations';
import { emoji } from './en/emoji';
import { files } from './en/files';
import { format } from './en/format';
import { hooks } from './en/hooks';
import { rooms } from './en/rooms';
import { screens } from './en/screens';
import { search } from './en/search';
import { settings } from './en/settings';
import { ui } from './en/ui';

export const AREAS = {
  app,
  calls,
  chat,
  conversations,
  emoji,
  files,
  format,
  hooks,
  rooms,
  screens,
  search,
  settings,
  ui,
} as const;

export const ENGLISH = {
  ...app,
  ...calls,
  ...chat,
  ...conversations,
  ...emoji,
  ...files,
  ...format,
  ...hooks,
  ...rooms,
  ...screens,
  ...search,
  ...settings,
  ...ui,
} as const;

export type MessageKey = keyof typeof ENGLISH;

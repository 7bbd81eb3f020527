// The one message catalogue: English, complete, one file per area of the renderer so that parallel work
// rarely touches the same file. Every key starts with its area's name (checked in test/renderer/i18n.test.ts).
import { app } from './en/app';
import { format } from './en/format';

export const AREAS = { app, format } as const;

export const ENGLISH = { ...app, ...format } as const;

export type MessageKey = keyof typeof ENGLISH;

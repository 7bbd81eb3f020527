import type { HearthEvents } from '../../src-shared/ipc';

/** What the default room says when the user is out of another room, naming who and which. */
export function removalText({ reason, by }: HearthEvents['roomRemoved'], name: string): string {
  if (reason === 'left') return `You left ${name}.`;
  const verb = reason === 'banned' ? 'banned' : 'removed';
  return by ? `${by} ${verb} you from ${name}.` : `You were ${verb} from ${name}.`;
}

import type { HearthEvents } from '../../src-shared/ipc';
import { t } from '../i18n/intl';

/** What the default room says when the user is out of another room, naming who and which. */
export function removalText({ reason, by }: HearthEvents['roomRemoved'], name: string): string {
  if (reason === 'left') return t('rooms.removal.left', { name });
  const how = reason === 'banned' ? 'banned' : 'removed';
  return by ? t('rooms.removal.by', { by, how, name }) : t('rooms.removal.passive', { how, name });
}

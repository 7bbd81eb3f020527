import { useEffect, useState } from 'react';
import type { HearthEvents } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { useHearthEvent } from './use-hearth-event';

export type Unread = HearthEvents['unread'];

const NONE: Unread = { total: 0, byConversation: {}, mentions: {} };

/** Unread counts as the main process keeps them (it also drives the tray and the dock badge). */
export function useUnread(): Unread {
  const [unread, setUnread] = useState<Unread>(NONE);
  useHearthEvent('unread', setUnread);
  useEffect(() => {
    document.title = t('hooks.unread.title', { count: unread.total });
  }, [unread.total]);
  return unread;
}

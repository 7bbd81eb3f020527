import { useEffect, useState } from 'react';
import type { HearthEvents } from '../../src-shared/ipc';
import { useHearthEvent } from './use-hearth-event';

export type Unread = HearthEvents['unread'];

const NONE: Unread = { total: 0, byConversation: {}, mentions: {} };

/** Unread counts as the main process keeps them (it also drives the tray and the dock badge). */
export function useUnread(): Unread {
  const [unread, setUnread] = useState<Unread>(NONE);
  useHearthEvent('unread', setUnread);
  useEffect(() => {
    document.title = unread.total > 0 ? `(${unread.total}) Hearth` : 'Hearth';
  }, [unread.total]);
  return unread;
}

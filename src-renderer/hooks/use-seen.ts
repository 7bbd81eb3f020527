// How far each friend has read the direct conversation with the user ("Seen"), and whether the account
// sends and sees read receipts: from the app state at first, then from the `seen` and `receipts` events.
import { useEffect, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { useHearthEvent } from './use-hearth-event';

export function useSeen(): Readonly<Record<ConversationId, number>> {
  const [seen, setSeen] = useState<Readonly<Record<ConversationId, number>>>({});
  useEffect(() => {
    let current = true;
    void window.hearth.getState().then((state) => current && setSeen((now) => ({ ...state.seen, ...now })));
    return () => {
      current = false;
    };
  }, []);
  useHearthEvent('seen', setSeen);
  return seen;
}

/** Whether read receipts are on; null until known. */
export function useReceipts(): boolean | null {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    void window.hearth.getState().then((state) => current && setOn((now) => now ?? state.receipts));
    return () => {
      current = false;
    };
  }, []);
  useHearthEvent('receipts', setOn);
  return on;
}

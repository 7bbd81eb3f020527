// The transfers of one conversation as the main process reports them (`fileTransfer`): those under way
// now (asked for once, after a restart say) and every change since; finished ones leave the list, and a
// shared photo the app stripped leaves its note behind, by message id, for its bubble.
import { useEffect, useState } from 'react';
import type { ConversationId, FileTransfer, MetadataRemoved } from '../../src-shared/ipc';
import { useHearthEvent } from '../hooks/use-hearth-event';

const OVER = new Set<FileTransfer['state']>(['done', 'cancelled']);

export function useTransfers(conversation: ConversationId): {
  transfers: FileTransfer[];
  /** Message id → what was removed from the photo it shares (sent from this window's app, this run). */
  stripped: ReadonlyMap<number, MetadataRemoved>;
  /** Forget a failed transfer the user has read about. */
  dismiss(id: string): void;
} {
  const [all, setAll] = useState<ReadonlyMap<string, FileTransfer>>(new Map());
  const [stripped, setStripped] = useState<ReadonlyMap<number, MetadataRemoved>>(new Map());
  useEffect(() => {
    let live = true;
    void window.hearth.listTransfers().then((listed) => {
      if (!live || !listed.ok) return;
      setAll((now) => new Map([...listed.value.map((t) => [t.id, t] as const), ...now]));
    });
    return () => {
      live = false;
    };
  }, []);
  useHearthEvent('fileTransfer', (transfer) => {
    const { messageId, metadataRemoved } = transfer;
    if (transfer.state === 'done' && messageId !== null && metadataRemoved !== null)
      setStripped((now) => new Map(now).set(messageId, metadataRemoved));
    setAll((now) => {
      const next = new Map(now);
      if (OVER.has(transfer.state)) next.delete(transfer.id);
      else next.set(transfer.id, transfer);
      return next;
    });
  });
  const dismiss = (id: string) =>
    setAll((now) => {
      const next = new Map(now);
      next.delete(id);
      return next;
    });
  return { transfers: [...all.values()].filter((t) => t.conversation === conversation), stripped, dismiss };
}

// Files in the open conversation, in one place for the conversation body: sending what is attached,
// dropped on the window or pasted (several at once, answering the message being replied to), the progress
// bars above the composer, the hint while files hover over the window, and the viewer of its images.
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import type { ChatMessage, ConversationId } from '../../src-shared/ipc';
import type { Timeline } from '../conversations/timeline';
import { t } from '../i18n/intl';
import { ImageViewer } from './image-viewer';
import { sendFiles } from './send-files';
import { TransferList } from './transfer-list';
import { useFileDrop } from './use-file-drop';
import { useTransfers } from './use-transfers';
import type { ViewerContext } from './viewer-context';

export interface ConversationFiles {
  /** Send files here; null where this user may not post. */
  send: ((files: File[]) => void) | null;
  viewer: ViewerContext;
  /** The drop hint, the viewer and the transfers, to render above the composer. */
  panel: ReactNode;
}

export function useConversationFiles(
  conversation: ConversationId,
  title: string,
  timeline: Timeline,
  posting: { allowed: boolean; replyTo: number | undefined },
): ConversationFiles {
  const [problems, setProblems] = useState<string[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const { transfers, stripped, dismiss } = useTransfers(conversation);
  const { allowed, replyTo } = posting;
  const send = useCallback(
    (files: File[]) => {
      setProblems([]);
      void sendFiles(conversation, files, replyTo).then(setProblems);
    },
    [conversation, replyTo],
  );
  const dropping = useFileDrop(allowed ? send : null);
  const images = useMemo(() => imagesOf(timeline), [timeline]);
  const viewer = useMemo<ViewerContext>(
    () => ({ open: setViewing, metadataRemoved: (id) => stripped.get(id) ?? null }),
    [stripped],
  );
  const panel = (
    <>
      {dropping && (
        <div className="drop-hint" aria-hidden="true">
          {t('files.drop.hint', { title })}
        </div>
      )}
      {viewing !== null && <ImageViewer images={images} startId={viewing} onClose={() => setViewing(null)} />}
      <TransferList transfers={transfers} onDismiss={dismiss} />
      {problems.length > 0 && (
        <p className="transfer-error" role="alert">
          {problems.join(' ')}
        </p>
      )}
    </>
  );
  return { send: allowed ? send : null, viewer, panel };
}

/** The image messages the viewer can go through, oldest first. */
function imagesOf(timeline: Timeline): ChatMessage[] {
  return timeline.items.flatMap((item) =>
    item.kind === 'message' && item.message.file?.thumb && item.message.id !== null && !item.message.deleted
      ? [item.message]
      : [],
  );
}

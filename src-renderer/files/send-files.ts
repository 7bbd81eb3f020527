// Sending what the user attached, dropped or pasted: each file's bytes and, for an image, the thumbnail
// this window makes, handed to the main process one file at a time (several files at once are several
// transfers, each with its own progress bar). Names are the system's; the main process sanitises them.
import type { ClipboardEvent } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { makeThumbnail } from './thumbnail';

/** Send the files; answers the sentences of those that could not be sent (empty: all are on their way). */
export async function sendFiles(
  conversation: ConversationId,
  files: readonly File[],
  replyTo?: number,
): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const thumb = await makeThumbnail(file);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = file.name || pastedName(file.type);
    const result = await window.hearth.attachFile({
      conversation,
      name,
      type: file.type || 'application/octet-stream',
      bytes,
      ...(thumb === undefined ? {} : { thumb }),
      ...(replyTo === undefined ? {} : { replyTo }),
    });
    if (!result.ok) problems.push(t('files.send.problem', { name, error: result.error }));
  }
  return problems;
}

/** A pasted picture has no name: "pasted image.png", by its type. */
function pastedName(type: string): string {
  const extension = type.startsWith('image/') ? type.slice('image/'.length).replace('jpeg', 'jpg') : 'bin';
  return t('files.send.pastedName', { extension });
}

/** A paste handler: a pasted picture (a screenshot) is a file to send; pasted text stays text. */
export function pastedFiles(onFiles: (files: File[]) => void) {
  return (event: ClipboardEvent<HTMLElement>) => {
    const pasted = filesOf(event.clipboardData);
    if (pasted.length === 0) return;
    event.preventDefault();
    onFiles(pasted);
  };
}

/** The files a drop or a paste carries (not text, not links). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

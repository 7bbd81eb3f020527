// A file message's body: an image as the thumbnail its sender made (the full picture opens in the viewer,
// only when asked), anything else as a card with its name, size and kind, and Download / Open folder.
// Nothing opens by itself. Names are text. A thumbnail that is not really a PNG, JPEG, GIF or WebP is not
// shown: the message is a card then, as for an image that lied about its type.
import { useMemo, useState } from 'react';
import { isImageType, sniffImageType } from '../../src-shared/file-magic';
import { imageSize } from '../../src-shared/image-size';
import type { ChatMessage, SharedFileInfo } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { formatSize } from '../format/size';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';
import { MetadataNote } from './metadata-note';
import { useViewer } from './viewer-context';

/** Senders make 160 px thumbnails; other clients may make larger ones, not this large. */
const MAX_THUMB_EDGE = 1024;

export function FileAttachment({ message, file }: { message: ChatMessage; file: SharedFileInfo }) {
  const { open, metadataRemoved } = useViewer();
  const thumb = useMemo(() => thumbnailUrl(file), [file]);
  const id = message.id;
  if (thumb && id !== null) {
    return (
      <figure className="file-image">
        <button
          type="button"
          className="file-thumb"
          onClick={() => open(id)}
          aria-label={t('files.image.open', { name: file.name, size: formatSize(file.size) })}
        >
          <img src={thumb} alt="" />
        </button>
        <figcaption className="muted">
          {file.name} · {formatSize(file.size)}
          <MetadataNote removed={metadataRemoved(id)} />
        </figcaption>
      </figure>
    );
  }
  return <FileCard id={id} file={file} />;
}

function FileCard({ id, file }: { id: number | null; file: SharedFileInfo }) {
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(messageId: number) {
    setBusy(true);
    setError(null);
    const result = await window.hearth.saveFile(messageId);
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if (result.value) setSaved(true);
  }
  return (
    <div className="file-card">
      <Icon name={isImageType(file.type) ? 'image' : 'file'} size={28} />
      <div className="file-facts">
        <span className="file-name">{file.name}</span>
        <span className="muted">
          {formatSize(file.size)} · {kindOf(file)}
        </span>
        {error && (
          <span className="file-error" role="alert">
            {asSentence(error)}
          </span>
        )}
      </div>
      {id !== null && (
        <div className="file-actions">
          <button
            type="button"
            className="button secondary small"
            disabled={busy}
            onClick={() => void save(id)}
          >
            <Icon name="download" size={15} />
            {busy ? t('files.card.downloading') : t('files.card.download')}
          </button>
          {saved && (
            <button
              type="button"
              className="button secondary small"
              onClick={() => void window.hearth.openFolder(id)}
            >
              <Icon name="folder" size={15} />
              {t('files.card.openFolder')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The thumbnail as a data: URL of the type its own first bytes say, or null to show a card. */
function thumbnailUrl(file: SharedFileInfo): string | null {
  if (!file.thumb || !isImageType(file.type)) return null;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(file.thumb), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  const type = sniffImageType(bytes);
  // A thumbnail is small; one whose header claims a huge picture is a bomb, not a thumbnail.
  const size = type ? imageSize(bytes, type) : null;
  const small =
    size !== null && size.width <= MAX_THUMB_EDGE && size.height <= MAX_THUMB_EDGE && size.width > 0;
  return type && small ? `data:${type};base64,${file.thumb}` : null;
}

/** "PDF document", "PNG image", "ZIP file": from the extension when there is one, else the type. */
function kindOf(file: SharedFileInfo): string {
  const dot = file.name.lastIndexOf('.');
  const extension = dot > 0 && file.name.length - dot <= 8 ? file.name.slice(dot + 1).toUpperCase() : '';
  if (file.type.startsWith('image/'))
    return t('files.kind.image', { kind: extension || file.type.slice(6).toUpperCase() });
  if (file.type === 'application/pdf') return t('files.kind.pdf');
  return extension ? t('files.kind.typed', { kind: extension }) : t('files.kind.file');
}

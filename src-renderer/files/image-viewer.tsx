// The full-size viewer: the picture of one image message, fetched and checked by the main process only
// when it is opened (it arrives as a data: URL; this window decodes it), with zoom (+ / − / 0, or the
// buttons) and the arrows to the previous and next image of the conversation; Escape closes. A picture that
// does not decode says so and offers the download instead.
import { useEffect, useState } from 'react';
import type { ChatMessage } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { formatSize } from '../format/size';
import { t } from '../i18n/intl';
import { Dialog } from '../ui/dialog';
import { Icon, type IconName } from '../ui/icons';

const ZOOMS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];
const FIT = 3;

interface Props {
  /** The conversation's image messages, oldest first. */
  images: readonly ChatMessage[];
  startId: number;
  onClose: () => void;
}

export function ImageViewer({ images, startId, onClose }: Props) {
  const [at, setAt] = useState(() =>
    Math.max(
      0,
      images.findIndex((m) => m.id === startId),
    ),
  );
  const [zoom, setZoom] = useState(FIT);
  const message = images[at];
  const picture = usePicture(message?.id ?? null);
  const [broken, setBroken] = useState(false);
  if (!message?.file || message.id === null) return null;
  const { file } = message;
  const go = (step: number) => {
    setAt((i) => Math.min(images.length - 1, Math.max(0, i + step)));
    setZoom(FIT);
    setBroken(false);
  };
  const zoomBy = (step: number) => setZoom((z) => Math.min(ZOOMS.length - 1, Math.max(0, z + step)));
  const keys: Record<string, () => void> = {
    ArrowLeft: () => go(-1),
    ArrowRight: () => go(1),
    '+': () => zoomBy(1),
    '=': () => zoomBy(1),
    '-': () => zoomBy(-1),
    '0': () => setZoom(FIT),
  };
  return (
    <Dialog title={file.name} onClose={onClose} className="image-viewer">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the keys belong to the whole viewer, its buttons say the same */}
      <div
        className="viewer-body"
        onKeyDown={(event) => {
          const action = keys[event.key];
          if (!action) return;
          event.preventDefault();
          action();
        }}
      >
        <section
          className="viewer-picture"
          // Focusable, so a zoomed picture scrolls with the keyboard too, and the keys start here.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
          aria-label={t('files.viewer.keys')}
          data-autofocus
        >
          {picture.error || broken ? (
            <p className="viewer-problem" role="alert">
              {picture.error ? asSentence(picture.error) : t('files.viewer.broken')}
            </p>
          ) : picture.url ? (
            <img
              src={picture.url}
              alt={file.name}
              style={{ transform: `scale(${ZOOMS[zoom]})` }}
              onError={() => setBroken(true)}
            />
          ) : (
            <p className="muted">{t('files.viewer.loading')}</p>
          )}
        </section>
        <ViewerControls
          place={{ at, count: images.length, zoom }}
          message={message}
          go={go}
          zoomBy={zoomBy}
        />
      </div>
    </Dialog>
  );
}

interface ControlsProps {
  place: { at: number; count: number; zoom: number };
  message: ChatMessage;
  go: (step: number) => void;
  zoomBy: (step: number) => void;
}

/** Under the picture: previous and next, where we are, the zoom, and Download. */
function ViewerControls({ place: { at, count, zoom }, message, go, zoomBy }: ControlsProps) {
  const button = (label: string, icon: IconName, disabled: boolean, act: () => void) => (
    <button type="button" className="icon-button" aria-label={label} disabled={disabled} onClick={act}>
      <Icon name={icon} />
    </button>
  );
  return (
    <div className="viewer-controls">
      {button(t('files.viewer.previous'), 'arrowLeft', at === 0, () => go(-1))}
      <span className="muted" aria-live="polite">
        {t('files.viewer.place', {
          at: at + 1,
          count,
          sender: message.sender,
          size: formatSize(message.file?.size ?? 0),
          zoom: ZOOMS[zoom] ?? 1,
        })}
      </span>
      {button(t('files.viewer.next'), 'arrowRight', at === count - 1, () => go(1))}
      {button(t('files.viewer.zoomOut'), 'minus', zoom === 0, () => zoomBy(-1))}
      {button(t('files.viewer.zoomIn'), 'plus', zoom === ZOOMS.length - 1, () => zoomBy(1))}
      <button
        type="button"
        className="button secondary small"
        onClick={() => void window.hearth.saveFile(message.id as number)}
      >
        <Icon name="download" size={15} />
        {t('files.card.download')}
      </button>
    </div>
  );
}

/** The picture of message `id` as the main process checked it, fetched when the viewer shows it. */
function usePicture(id: number | null): { url: string | null; error: string | null } {
  const [picture, setPicture] = useState<{ id: number | null; url: string | null; error: string | null }>({
    id: null,
    url: null,
    error: null,
  });
  useEffect(() => {
    if (id === null) return;
    let live = true;
    void window.hearth.loadImage(id).then((result) => {
      if (!live) return;
      setPicture(
        result.ok ? { id, url: result.value.url, error: null } : { id, url: null, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [id]);
  return picture.id === id ? picture : { url: null, error: null };
}

// Above the composer: one progress bar per file going up or down in this conversation, with what is done,
// the speed and the time left, and Cancel; a transfer waiting for the room says so (it goes on from where
// it stopped after the reconnect), and a failed one says why until dismissed.

import type { FileTransfer } from '../../src-shared/ipc';
import { formatSize } from '../format/size';
import { Icon } from '../ui/icons';

export function TransferList({
  transfers,
  onDismiss,
}: {
  transfers: FileTransfer[];
  onDismiss: (id: string) => void;
}) {
  if (transfers.length === 0) return null;
  return (
    <ul className="transfer-list" aria-label="File transfers">
      {transfers.map((t) => (
        <TransferRow key={t.id} transfer={t} onDismiss={() => onDismiss(t.id)} />
      ))}
    </ul>
  );
}

function TransferRow({ transfer: t, onDismiss }: { transfer: FileTransfer; onDismiss: () => void }) {
  const failed = t.state === 'failed';
  const label = `${t.direction === 'up' ? 'Sending' : 'Downloading'} ${t.name}`;
  return (
    <li className={failed ? 'transfer failed' : 'transfer'}>
      <div className="transfer-line">
        <Icon name={t.direction === 'up' ? 'paperclip' : 'download'} size={15} />
        <span className="transfer-name">{t.name}</span>
        <span className="transfer-status muted">{statusText(t)}</span>
        {failed ? (
          <button type="button" className="link-button" onClick={onDismiss} aria-label={`Dismiss ${t.name}`}>
            Dismiss
          </button>
        ) : (
          t.state !== 'sharing' && (
            <button
              type="button"
              className="link-button"
              onClick={() => void window.hearth.cancelTransfer(t.id)}
              aria-label={`Cancel ${label.toLowerCase()}`}
            >
              Cancel
            </button>
          )
        )}
      </div>
      <progress max={t.size} value={t.done} aria-label={label} />
      {failed && t.error && (
        <p className="transfer-error" role="alert">
          {t.error}
        </p>
      )}
    </li>
  );
}

function statusText(t: FileTransfer): string {
  const amount = `${formatSize(t.done)} of ${formatSize(t.size)}`;
  switch (t.state) {
    case 'waiting':
      return `${amount} · waiting for the room, goes on after the reconnect`;
    case 'sharing':
      return 'Sharing…';
    case 'failed':
      return 'Not sent';
    default:
      return [amount, t.bytesPerSecond > 0 && `${formatSize(t.bytesPerSecond)}/s`, timeLeft(t.secondsLeft)]
        .filter(Boolean)
        .join(' · ');
  }
}

function timeLeft(seconds: number | null): string | false {
  if (seconds === null) return false;
  if (seconds < 60) return `${seconds} s left`;
  return `${Math.ceil(seconds / 60)} min left`;
}

// Above the composer: one progress bar per file going up or down in this conversation, with what is done,
// the speed and the time left, and Cancel; a transfer waiting for the room says so (it goes on from where
// it stopped after the reconnect), and a failed one says why until dismissed.

import type { FileTransfer } from '../../src-shared/ipc';
import { formatSize } from '../format/size';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';
import { MetadataNote } from './metadata-note';

export function TransferList({
  transfers,
  onDismiss,
}: {
  transfers: FileTransfer[];
  onDismiss: (id: string) => void;
}) {
  if (transfers.length === 0) return null;
  return (
    <ul className="transfer-list" aria-label={t('files.transfers.label')}>
      {transfers.map((transfer) => (
        <TransferRow key={transfer.id} transfer={transfer} onDismiss={() => onDismiss(transfer.id)} />
      ))}
    </ul>
  );
}

function TransferRow({ transfer, onDismiss }: { transfer: FileTransfer; onDismiss: () => void }) {
  const failed = transfer.state === 'failed';
  const label = t(transfer.direction === 'up' ? 'files.transfers.sending' : 'files.transfers.downloading', {
    name: transfer.name,
  });
  const cancel = t(
    transfer.direction === 'up' ? 'files.transfers.cancelSending' : 'files.transfers.cancelDownloading',
    { name: transfer.name },
  );
  return (
    <li className={failed ? 'transfer failed' : 'transfer'}>
      <div className="transfer-line">
        <Icon name={transfer.direction === 'up' ? 'paperclip' : 'download'} size={15} />
        <span className="transfer-name">{transfer.name}</span>
        <span className="transfer-status muted">{statusText(transfer)}</span>
        <MetadataNote removed={transfer.metadataRemoved} />
        {failed ? (
          <button
            type="button"
            className="link-button"
            onClick={onDismiss}
            aria-label={t('files.transfers.dismissName', { name: transfer.name })}
          >
            {t('files.transfers.dismiss')}
          </button>
        ) : (
          transfer.state !== 'sharing' && (
            <button
              type="button"
              className="link-button"
              onClick={() => void window.hearth.cancelTransfer(transfer.id)}
              aria-label={cancel}
            >
              {t('rooms.form.cancel')}
            </button>
          )
        )}
      </div>
      <progress max={transfer.size} value={transfer.done} aria-label={label} />
      {failed && transfer.error && (
        <p className="transfer-error" role="alert">
          {transfer.error}
        </p>
      )}
    </li>
  );
}

function statusText(transfer: FileTransfer): string {
  const amount = t('files.transfers.amount', {
    done: formatSize(transfer.done),
    size: formatSize(transfer.size),
  });
  switch (transfer.state) {
    case 'waiting':
      return t('files.transfers.waiting', { amount });
    case 'sharing':
      return t('files.transfers.sharing');
    case 'failed':
      return t('files.transfers.failed');
    default:
      return [
        amount,
        transfer.bytesPerSecond > 0 &&
          t('files.transfers.speed', { size: formatSize(transfer.bytesPerSecond) }),
        timeLeft(transfer.secondsLeft),
      ]
        .filter(Boolean)
        .join(' · ');
  }
}

function timeLeft(seconds: number | null): string | false {
  if (seconds === null) return false;
  if (seconds < 60) return t('files.transfers.secondsLeft', { seconds });
  return t('files.transfers.minutesLeft', { minutes: Math.ceil(seconds / 60) });
}

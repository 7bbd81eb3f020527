// The composer's paperclip: the system's file dialog (the platform's file input, so the window gets the
// files' bytes and never a path), several files at once.
import { useRef } from 'react';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';

export function AttachButton({ onFiles, title }: { onFiles: (files: File[]) => void; title: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button subtle attach-button"
        aria-label={t('files.attach.label', { title })}
        title={t('files.attach.title')}
        onClick={() => input.current?.click()}
      >
        <Icon name="paperclip" size={20} />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-label={t('files.attach.input', { title })}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}

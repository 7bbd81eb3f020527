// A modal dialog on the platform's <dialog>: the page behind is inert, Tab stays inside, Escape closes, and
// focus returns to what opened it. The first control marked data-autofocus gets the focus.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { t } from '../i18n/intl';
import { Icon } from './icons';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** A class for the dialog's width and layout. */
  className?: string;
}

export function Dialog({ title, onClose, children, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        // Escape closes the dialog only: the panel or drawer underneath stays as it was.
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      <header className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="icon-button subtle"
          aria-label={t('ui.dialog.close')}
          onClick={onClose}
        >
          <Icon name="close" />
        </button>
      </header>
      {children}
    </dialog>
  );
}

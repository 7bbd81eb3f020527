import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { t } from '../i18n/intl';
import { Dialog } from '../ui/dialog';
import { type EmojiEntry, loadEmoji, searchEmoji } from './emoji-index';
import { recentEmoji } from './recent-emoji';

/** Buttons per row of the grid; the arrow keys move by one or by a row. */
const COLUMNS = 9;
const SHOWN = 180;

/** The picker's list: the search input drives it, arrow keys move through it, Enter in the search picks the first. */
function useEmojiList(query: string) {
  const [all, setAll] = useState<readonly EmojiEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadEmoji().then(setAll, () => setError(t('emoji.loadFailed')));
  }, []);
  const found = useMemo(() => (all ? searchEmoji(all, query, SHOWN) : []), [all, query]);
  return { found, loaded: all !== null, error };
}

function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
  if (step === undefined || at < 0) return;
  event.preventDefault();
  buttons[Math.min(buttons.length - 1, Math.max(0, at + step))]?.focus();
}

function EmojiButton({
  emoji,
  label,
  onPick,
}: {
  emoji: string;
  label: string;
  onPick: (e: string) => void;
}) {
  return (
    <button
      type="button"
      className="emoji-choice"
      aria-label={label}
      title={label}
      onClick={() => onPick(emoji)}
    >
      {emoji}
    </button>
  );
}

/** A modal emoji picker with search and the recently used; picking closes it. */
export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const { found, loaded, error } = useEmojiList(query);
  const recent = useMemo(() => recentEmoji(), []);
  const grid = useRef<HTMLDivElement>(null);
  const listId = useId();
  const pick = (emoji: string) => {
    onPick(emoji);
    onClose();
  };
  return createPortal(
    <Dialog title={t('chat.actions.react')} onClose={onClose} className="emoji-picker">
      <div className="dialog-body">
        <input
          type="search"
          className="emoji-search"
          aria-label={t('emoji.search')}
          aria-controls={listId}
          placeholder={t('emoji.searchPlaceholder')}
          value={query}
          data-autofocus
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && found[0]) {
              event.preventDefault();
              pick(found[0].emoji);
            } else if (event.key === 'ArrowDown') {
              event.preventDefault();
              grid.current?.querySelector('button')?.focus();
            }
          }}
        />
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the arrow keys move between the buttons inside */}
        <div ref={grid} id={listId} className="emoji-sections" onKeyDown={moveFocus}>
          {recent.length > 0 && query === '' && (
            <section aria-label={t('emoji.recent')}>
              <h3>{t('emoji.recent')}</h3>
              <div className="emoji-grid">
                {recent.map((emoji) => (
                  <EmojiButton key={emoji} emoji={emoji} label={emoji} onPick={pick} />
                ))}
              </div>
            </section>
          )}
          <section aria-label={query ? t('search.results') : t('emoji.all')}>
            <h3>{query ? t('search.results') : t('emoji.all')}</h3>
            {error ? (
              <p role="alert">{error}</p>
            ) : !loaded ? (
              <p className="muted">{t('files.viewer.loading')}</p>
            ) : found.length === 0 ? (
              <p className="muted">{t('emoji.none', { query })}</p>
            ) : (
              <div className="emoji-grid">
                {found.map((e) => (
                  <EmojiButton key={e.emoji} emoji={e.emoji} label={e.label} onPick={pick} />
                ))}
              </div>
            )}
          </section>
        </div>
      </div>
    </Dialog>,
    document.body,
  );
}

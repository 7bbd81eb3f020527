// The search panel: words, where (every conversation or one) and from whom, the results newest first. It is
// driven from the search field like a combobox: Down and Up move through the results, Enter opens the one
// chosen in its conversation (as does a click), Escape closes. User text is shown as text.
import { useId, useState } from 'react';
import type { ChatMessage, ConversationId, RoomSummary } from '../../src-shared/ipc';
import { conversationTitle } from '../chat/conversation-title';
import { asSentence } from '../format/sentence';
import { formatTimestamp } from '../format/time';
import { t } from '../i18n/intl';
import { Dialog } from '../ui/dialog';
import { useSearch } from './use-search';

interface Props {
  rooms: readonly RoomSummary[];
  /** Direct conversations to offer as a filter (`@name`). */
  direct: readonly ConversationId[];
  me: string;
  onJump: (message: ChatMessage) => void;
  onClose: () => void;
}

export function SearchDialog({ rooms, direct, me, onJump, onClose }: Props) {
  const [words, setWords] = useState('');
  const [where, setWhere] = useState<ConversationId>('');
  const [from, setFrom] = useState('');
  const [chosen, setChosen] = useState(0);
  const search = useSearch({
    query: words,
    conversation: where || undefined,
    from: from.trim() || undefined,
  });
  const ids = useId();
  const places = [...rooms.map((r) => r.id), ...direct.filter((d) => !rooms.some((r) => r.id === d))];
  const titleOf = (c: ConversationId) => conversationTitle(c, rooms, me);
  const active = Math.min(chosen, search.results.length - 1);

  return (
    <Dialog title={t('search.title')} onClose={onClose} className="wide search-dialog">
      <div className="dialog-body search-body">
        <div className="search-fields">
          <div className="field search-words">
            <label htmlFor={`${ids}-words`}>{t('search.words')}</label>
            <input
              id={`${ids}-words`}
              type="search"
              data-autofocus
              role="combobox"
              aria-expanded={search.results.length > 0}
              aria-controls={`${ids}-results`}
              aria-activedescendant={active >= 0 ? `${ids}-r${active}` : undefined}
              aria-describedby={`${ids}-status`}
              autoComplete="off"
              value={words}
              onChange={(e) => {
                setWords(e.target.value);
                setChosen(0);
              }}
              onKeyDown={(event) => onKeys(event, search.results, active, setChosen, onJump)}
            />
          </div>
          <Filters
            ids={ids}
            places={places}
            titleOf={titleOf}
            where={where}
            onWhere={setWhere}
            from={from}
            onFrom={setFrom}
          />
        </div>
        <p id={`${ids}-status`} className="muted search-status" role="status">
          {statusText(search)}
        </p>
        <Results
          ids={ids}
          results={search.results}
          active={active}
          titleOf={titleOf}
          onChoose={setChosen}
          onJump={onJump}
        />
        {search.more && (
          <button type="button" className="secondary" onClick={search.loadMore} disabled={search.busy}>
            {t('search.more')}
          </button>
        )}
      </div>
    </Dialog>
  );
}

/** Down and Up choose a result, Enter opens the chosen one; the focus stays in the field. */
function onKeys(
  event: React.KeyboardEvent<HTMLInputElement>,
  results: readonly ChatMessage[],
  active: number,
  choose: (index: number) => void,
  jump: (message: ChatMessage) => void,
): void {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    choose(Math.max(0, Math.min(results.length - 1, active + step)));
  } else if (event.key === 'Enter') {
    event.preventDefault();
    const message = results[active];
    if (message) jump(message);
  }
}

function statusText(search: ReturnType<typeof useSearch>): string {
  if (search.error) return asSentence(search.error);
  if (!search.asked) return t('search.help');
  if (search.busy && search.results.length === 0) return t('search.busy');
  const n = search.results.length;
  if (n === 0) return t('search.none');
  return t(search.more ? 'search.foundMore' : 'search.found', { count: n });
}

interface FilterProps {
  ids: string;
  places: readonly ConversationId[];
  titleOf: (conversation: ConversationId) => string;
  where: ConversationId;
  onWhere: (conversation: ConversationId) => void;
  from: string;
  onFrom: (username: string) => void;
}

/** Where to search (every conversation, or one) and from whom. */
function Filters({ ids, places, titleOf, where, onWhere, from, onFrom }: FilterProps) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-where`}>{t('search.in')}</label>
        <select id={`${ids}-where`} value={where} onChange={(e) => onWhere(e.target.value)}>
          <option value="">{t('search.everywhere')}</option>
          {places.map((c) => (
            <option key={c} value={c}>
              {titleOf(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-from`}>{t('search.from')}</label>
        <input
          id={`${ids}-from`}
          placeholder={t('search.anyone')}
          autoComplete="off"
          value={from}
          onChange={(e) => onFrom(e.target.value)}
        />
      </div>
    </>
  );
}

interface ResultProps {
  ids: string;
  results: readonly ChatMessage[];
  active: number;
  titleOf: (conversation: ConversationId) => string;
  onChoose: (index: number) => void;
  onJump: (message: ChatMessage) => void;
}

/** The results, newest first; the chosen one is the field's active descendant. */
function Results({ ids, results, active, titleOf, onChoose, onJump }: ResultProps) {
  return (
    <div id={`${ids}-results`} className="search-results" role="listbox" aria-label={t('search.results')}>
      {results.map((message, i) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the search field drives the list from the keyboard (combobox)
        <div
          key={message.id ?? i}
          tabIndex={-1}
          id={`${ids}-r${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'search-result chosen' : 'search-result'}
          onMouseMove={() => onChoose(i)}
          onClick={() => onJump(message)}
        >
          <span className="search-where">
            <strong>{titleOf(message.conversation)}</strong> · {message.sender} ·{' '}
            {formatTimestamp(message.timestamp)}
          </span>
          <span className="search-text">{message.text}</span>
        </div>
      ))}
    </div>
  );
}

import { t } from '../i18n/intl';
import type { Completion } from './completion';

/**
 * The suggestions above the composer, as a listbox the text box points into (aria-activedescendant), so
 * focus stays in the box: the arrows move, Enter or Tab takes one, Escape closes the list.
 */
export function CompletionList({
  id,
  completion,
  active,
  onPick,
}: {
  id: string;
  completion: Completion;
  active: number;
  onPick: (index: number) => void;
}) {
  return (
    <div
      id={id}
      className="completion-list"
      role="listbox"
      aria-label={completion.kind === 'emoji' ? t('chat.completion.emoji') : t('chat.completion.people')}
    >
      {completion.suggestions.map((s, index) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard picks through the text box (see above)
        // biome-ignore lint/a11y/useFocusableInteractive: options are reached with aria-activedescendant, focus stays in the box
        <div
          key={s.label}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          className={index === active ? 'completion active' : 'completion'}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(index)}
        >
          <span className="completion-lead">{s.lead}</span>
          <span>{s.label}</span>
        </div>
      ))}
    </div>
  );
}

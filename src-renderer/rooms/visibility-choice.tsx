import { t } from '../i18n/intl';

interface Props {
  value: 'public' | 'private';
  onChange: (value: 'public' | 'private') => void;
}

const CHOICES = [
  { value: 'public', label: 'rooms.visibility.public', detail: 'rooms.visibility.publicHint' },
  { value: 'private', label: 'rooms.visibility.private', detail: 'rooms.visibility.privateHint' },
] as const;

/** Public or private, as two radio buttons with what each means. */
export function VisibilityChoice({ value, onChange }: Props) {
  return (
    <fieldset className="choice">
      <legend>{t('rooms.visibility.legend')}</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="check">
          <input
            type="radio"
            name="visibility"
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          <span>
            {t(choice.label)}
            <span className="muted">{t(choice.detail)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

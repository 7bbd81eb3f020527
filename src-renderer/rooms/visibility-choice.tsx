interface Props {
  value: 'public' | 'private';
  onChange: (value: 'public' | 'private') => void;
}

const CHOICES = [
  { value: 'public', label: 'Public', detail: 'Anyone on this server can find and join it.' },
  { value: 'private', label: 'Private', detail: 'Only people a member invites can join.' },
] as const;

/** Public or private, as two radio buttons with what each means. */
export function VisibilityChoice({ value, onChange }: Props) {
  return (
    <fieldset className="choice">
      <legend>Who can join</legend>
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
            {choice.label}
            <span className="muted">{choice.detail}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

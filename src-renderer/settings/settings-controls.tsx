import { useId } from 'react';

interface ChoiceProps<V extends string> {
  legend: string;
  hint?: string;
  name: string;
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
}

/** One of a few: a radio group (arrow keys move between the options, as the platform does it). */
export function Choice<V extends string>({ legend, hint, name, options, value, onChange }: ChoiceProps<V>) {
  const hintId = useId();
  return (
    <fieldset className="choice" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="muted">
          {hint}
        </p>
      )}
      {options.map((option) => (
        <label key={option.value} className="check pick">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

interface ToggleProps {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Toggle({ label, hint, checked, onChange }: ToggleProps) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint && <span className="muted">{hint}</span>}
      </span>
    </label>
  );
}

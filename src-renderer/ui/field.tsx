import { type InputHTMLAttributes, useId } from 'react';
import { asSentence } from '../format/sentence';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  /** Shown under the input and tied to it with aria-describedby, so a screen reader reads it too. */
  error?: string | null;
}

export function Field({ label, hint, error, className, ...input }: FieldProps) {
  const id = useId();
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {asSentence(error)}
        </p>
      )}
    </div>
  );
}

/** A form-level error, announced when it appears. */
export function FormError({ children }: { children: string | null }) {
  return (
    <div className="form-error" role="alert">
      {children && asSentence(children)}
    </div>
  );
}

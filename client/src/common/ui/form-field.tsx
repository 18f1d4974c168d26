import type { ReactNode } from 'react';

/** Attributes that tie an input to its label, hint and error. */
export interface FieldA11y {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FormFieldProps {
  id: string;
  label: string;
  /** Text shown after the label of a required field, e.g. "bắt buộc". */
  requiredLabel?: string;
  hint?: string;
  error?: string;
  className?: string;
  children(a11y: FieldA11y): ReactNode;
}

/**
 * A labelled input with an optional hint and an error message right next to it. The input gets
 * aria-describedby pointing at both, and aria-invalid when there is an error.
 */
export function FormField({ id, label, requiredLabel, hint, error, className, children }: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['form-field', error ? 'form-field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {requiredLabel ? <span className="required-mark"> ({requiredLabel})</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" data-testid={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}
